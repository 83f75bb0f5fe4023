import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { check } from '../../server/src/check.js';
import { applyEdits, certainEdits, type Finding } from '../../server/src/finding.js';
import { toLines } from '../../server/src/report.js';
import { CASES, factIndex, fixtureOptions } from './fixtures.js';

/**
 * Every folder in test/fixtures/rules/ is a case: draft.md, the fact base it is checked against
 * (facts.yaml in the folder, or the name of one in factbase.txt: "bundled" or a file in fixtures/factbases/),
 * expected.txt (the findings, one per line, as `factlint check --format lines` prints them) and, when
 * anything has a certain fix (a finding's only fix), fixed.md (the draft with every certain fix applied, as
 * fix-all and `--fix` apply them), which must re-check with no certain fix left and with the same findings that
 * offer alternatives (several fixes, applied by no one but the writer). UPDATE=1 rewrites the golden files.
 */
const update = process.env.UPDATE === '1';

function golden(path: string, actual: string): void {
  if (update) writeFileSync(path, actual);
  else assert.equal(actual, existsSync(path) ? readFileSync(path, 'utf8') : '(missing golden file)', `golden ${path}`);
}

for (const name of readdirSync(CASES).sort()) {
  const dir = join(CASES, name);
  if (!existsSync(join(dir, 'draft.md'))) continue;
  test(`rule fixture ${name}`, () => {
    const index = factIndex(dir);
    const text = readFileSync(join(dir, 'draft.md'), 'utf8');
    const options = fixtureOptions(dir);
    const findings = check(text, index, options);
    golden(join(dir, 'expected.txt'), `${toLines([{ file: 'draft.md', text, findings }])}\n`);
    // Each alternative, applied alone, clears its finding (one fewer finding of that rule with that message).
    const same = (list: Finding[], f: Finding) => list.filter((g) => g.rule === f.rule && g.message === f.message).length;
    for (const f of findings.filter((x) => x.fixes.length > 1)) {
      for (const fix of f.fixes) {
        assert.equal(
          same(check(applyEdits(text, fix.edits), index), f),
          same(findings, f) - 1,
          `the alternative "${fix.title}" leaves "${f.message}"`,
        );
      }
    }
    const edits = certainEdits(findings);
    if (edits.length === 0) {
      if (update && existsSync(join(dir, 'fixed.md'))) unlinkSync(join(dir, 'fixed.md'));
      assert.ok(!existsSync(join(dir, 'fixed.md')), 'fixed.md exists but no finding has a certain fix');
      return;
    }
    const fixed = applyEdits(text, edits);
    golden(join(dir, 'fixed.md'), fixed);
    const after = check(fixed, index);
    const certain = after.filter((f) => f.fixes.length === 1);
    assert.deepEqual(
      certain.map((f) => `${f.rule}: ${f.message}`),
      [],
      'certain fixes remain after applying them',
    );
    const alternatives = (list: Finding[]) => list.filter((f) => f.fixes.length > 1).map((f) => `${f.rule}: ${f.message}`);
    assert.deepEqual(alternatives(after), alternatives(findings), 'findings with alternatives are left as they were');
  });
}
