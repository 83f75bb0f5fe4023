import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentEdit } from 'vscode-languageserver';
import { check } from '../../server/src/check.js';
import { main } from '../../server/src/cli.js';
import { bundledFactsDir, readFactFiles } from '../../server/src/facts/files.js';
import { loadFactBase } from '../../server/src/facts/load.js';
import { fixAll } from '../../server/src/lsp/actions.js';
import { compile } from '../../server/src/match/compile.js';
import { FIXTURES } from './paths.js';

/**
 * Fix policy: `--fix`, fix-all and fix-on-save apply a finding's fix only when it is its only fix. So over every
 * rule fixture, the CLI's `--fix` and the fix-all action give exactly fixed.md, and a draft with no fixed.md (one
 * that is clean, a trap fixture, or one whose findings offer alternatives or nothing) keeps every byte.
 */
const CASES = join(FIXTURES, 'rules');

function factPaths(dir: string): string[] {
  const named = existsSync(join(dir, 'factbase.txt')) ? readFileSync(join(dir, 'factbase.txt'), 'utf8').trim() : 'bundled';
  if (existsSync(join(dir, 'facts.yaml'))) return [join(dir, 'facts.yaml')];
  return named === 'bundled' ? [bundledFactsDir()] : [join(FIXTURES, 'factbases', named)];
}

const cases = readdirSync(CASES)
  .sort()
  .filter((name) => existsSync(join(CASES, name, 'draft.md')));

test('the trap fixtures are there, and give no finding with a certain fix', () => {
  const traps = cases.filter((name) => name.endsWith('-traps'));
  assert.ok(traps.length > 0);
  for (const name of traps) assert.ok(!existsSync(join(CASES, name, 'fixed.md')), `${name} has a fixed.md`);
});

for (const name of cases) {
  const dir = join(CASES, name);
  const want = existsSync(join(dir, 'fixed.md'))
    ? readFileSync(join(dir, 'fixed.md'), 'utf8')
    : readFileSync(join(dir, 'draft.md'), 'utf8');

  test(`--fix on fixture ${name} gives ${existsSync(join(dir, 'fixed.md')) ? 'fixed.md' : 'the draft, byte for byte'}`, () => {
    const tmp = mkdtempSync(join(tmpdir(), 'factlint-fix-'));
    try {
      const file = join(tmp, 'draft.md');
      copyFileSync(join(dir, 'draft.md'), file);
      const facts = factPaths(dir).flatMap((p) => ['--facts', p]);
      const code = main(
        ['check', '--fix', '--format', 'lines', ...facts, file],
        () => {},
        () => {},
      );
      assert.ok(code === 0 || code === 1, `exit code ${code}`);
      assert.equal(readFileSync(file, 'utf8'), want);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  test(`fix-all on fixture ${name} gives the same text as --fix`, () => {
    const loaded = loadFactBase(readFactFiles(factPaths(dir)));
    assert.ok(loaded.facts);
    const doc = TextDocument.create('file:///draft.md', 'markdown', 1, readFileSync(join(dir, 'draft.md'), 'utf8'));
    const action = fixAll(doc, check(doc.getText(), compile(loaded.facts)));
    const edits = action ? (action.edit!.documentChanges![0] as TextDocumentEdit).edits : [];
    assert.equal(TextDocument.applyEdits(doc, edits), want);
  });
}
