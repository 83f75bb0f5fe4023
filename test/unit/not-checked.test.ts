import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { main } from '../../server/src/cli.js';
import { check } from '../../server/src/check.js';
import { bundledFactsDir, readFactFiles } from '../../server/src/facts/files.js';
import { loadFactBase } from '../../server/src/facts/load.js';
import { hover } from '../../server/src/hover.js';
import { compile } from '../../server/src/match/compile.js';

// Abstaining visibly (issue 9): a date factlint does not judge is silent by default, and says so where the analyst
// looks — the hover, the CLI's summary, and the opt-in not-checked rule.

const loaded = loadFactBase(readFactFiles([bundledFactsDir()]));
assert.ok(loaded.facts);
const index = compile(loaded.facts);

const DRAFT = [
  'Alexander Lukashenka held talks with Xi Jinping in Beijing on 1 March 2023.',
  '',
  'The talks took place on 3 March.',
  '',
  'The two presidents met again in Astana on 4 July 2024, at the SCO summit.',
  '',
].join('\n');

const dir = mkdtempSync(join(tmpdir(), 'factlint-unchecked-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('an unchecked date gives no finding by default, and an information finding with the reason when the rule is on', () => {
  assert.deepEqual(
    check(DRAFT, index).filter((f) => f.rule === 'not-checked'),
    [],
  );
  const on = check(DRAFT, index, { severity: { 'not-checked': 'information' } });
  const listed = on.filter((f) => f.rule === 'not-checked');
  assert.deepEqual(
    listed.map((f) => [DRAFT.slice(f.start, f.end), f.severity]),
    [['4 July 2024', 'information']],
  );
  assert.match(listed[0]!.message, /^Not checked: no event in the fact base matches Astana, .*4 July 2024\.$/);
  // The wrong date in a sentence about the visit is still judged, as an error.
  assert.deepEqual(
    on.filter((f) => f.rule === 'date-mismatch').map((f) => DRAFT.slice(f.start, f.end)),
    ['3 March'],
  );
});

test('the hover on an unchecked date says it was not checked and why; a judged date says nothing of the kind', () => {
  const at = DRAFT.indexOf('4 July 2024') + 2;
  const card = hover(DRAFT, index, at);
  assert.match(card?.markdown ?? '', /Not checked.*no event in the fact base matches Astana/s);
  const judged = hover(DRAFT, index, DRAFT.indexOf('1 March 2023') + 2);
  assert.doesNotMatch(judged?.markdown ?? '', /Not checked/);
});

test('the CLI counts unchecked dates in its summary and lists them with --show-unchecked', () => {
  const file = join(dir, 'draft.md');
  writeFileSync(file, DRAFT);
  const run = (...args: string[]) => {
    let out = '';
    const code = main(
      ['check', file, ...args],
      (s) => {
        out += s;
      },
      () => {},
    );
    return { code, out };
  };
  const plain = run();
  assert.equal(plain.code, 1, 'the wrong date of the talks is an error');
  assert.match(plain.out, /1 date in sentences naming a known event was not checked/);
  assert.doesNotMatch(plain.out, /not-checked/);
  const listed = run('--show-unchecked');
  assert.match(listed.out, /Not checked: no event in the fact base matches Astana.*not-checked/);
  const json = JSON.parse(run('--format', 'json').out) as { rule: string }[];
  assert.ok(
    json.every((f) => f.rule !== 'not-checked'),
    'JSON lists only what was asked for',
  );
});
