import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ROOT } from './paths.js';

// Inputs at the documented limits are handled in bounded memory: each runs in a child process whose heap is small
// (a crash there is an out-of-memory abort, and fails the test), and must print what the user would see.

const SERVER = join(ROOT, 'out', 'server', 'src');
const HEAP_MB = 256;

/** Runs a module body in `node --max-old-space-size=HEAP_MB`; `make` builds the input there (no large file is written). */
function inSmallHeap(body: string, heap = HEAP_MB): { code: number | null; out: string; err: string } {
  const script = `const load = (m) => import(${JSON.stringify(pathToFileURL(SERVER).href)} + '/' + m);\n${body}`;
  const run = spawnSync(process.execPath, [`--max-old-space-size=${heap}`, '--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: run.status, out: run.stdout, err: run.stderr.slice(0, 500) };
}

const HOSTILE_FACT_BASES: [string, string][] = [
  ['4.9 million "["', `'['.repeat(4_900_000)`],
  ['2.4 million nested "- "', `'- '.repeat(2_400_000) + 'x'`],
  ['1.2 million nested "{a: "', `'{a: '.repeat(1_200_000)`],
  ['1.6 million empty lists side by side', `'title: x\\npeople: [' + '[],'.repeat(1_600_000) + ']'`],
  ['2.4 million numbers in one list', `'title: x\\npeople: [' + '1,'.repeat(2_400_000) + ']'`],
  ['990,000 list items, one a line', `'title: x\\npeople:\\n' + '- {}\\n'.repeat(990_000)`],
];

for (const [name, make] of HOSTILE_FACT_BASES) {
  test(`a fact base of ${name} is refused with a located problem in a ${HEAP_MB} MB heap`, () => {
    const { code, out, err } = inSmallHeap(`
      const { loadFactBase, MAX_FACT_FILE } = await load('facts/load.js');
      const text = ${make};
      if (text.length > MAX_FACT_FILE) throw new Error('the input is over the file limit: ' + text.length);
      const { facts, problems } = loadFactBase([{ path: 'x.facts.yaml', text }]);
      console.log(JSON.stringify({ facts: facts !== undefined, problems: problems.slice(0, 1) }));`);
    assert.equal(code, 0, err);
    const { facts, problems } = JSON.parse(out) as { facts: boolean; problems: { rule: string; start: number; message: string }[] };
    assert.equal(facts, false);
    assert.equal(problems[0]?.rule, 'factbase-syntax');
    assert.match(problems[0]?.message ?? '', /nested more than 64 deep|more than \d+ YAML values/);
    assert.ok(problems[0]!.start > 0, 'located where the limit is crossed');
  });
}

test('a typical fact base of 5 MB (the bundled one repeated) is still loaded', () => {
  const { code, out, err } = inSmallHeap(`
    const { loadFactBase, MAX_FACT_FILE } = await load('facts/load.js');
    const { readFactFiles, bundledFactsDir } = await load('facts/files.js');
    const base = readFactFiles([bundledFactsDir()])[0].text;
    let text = base;
    for (let i = 1; text.length + base.length < MAX_FACT_FILE; i++) text += '\\n' + base.replace(/^(\\w+):/gm, '$1_' + i + ':');
    const { problems } = loadFactBase([{ path: 'x.facts.yaml', text }]);
    console.log(JSON.stringify(problems[0]));`);
  assert.equal(code, 0, err);
  // Its repeated sections are unknown fields: it was parsed whole, and validated.
  assert.match(JSON.parse(out).message as string, /^There is no section "title_1"/);
});

// Drafts whose one-shot parse holds the whole tree (300–600 MB per MB of these shapes, so 7.9 MB ran out of memory):
// parsed window by window, cut after headings, between table rows and before list items, and with table columns capped, they fit a heap
// a fraction of that. (Findings, one a line here, take memory of their own: the parse is what is measured.)
const HOSTILE_DRAFTS: [string, string, number][] = [
  ['1 MB of headings without blank lines', `'# Lukashenko met Xi on 5 March 2023\\n'.repeat(28_000)`, 28_000],
  ['a 600 KB tall table', `'| a | b |\\n|---|---|\\n' + '| Lukashenko met Xi | 5 March 2023 |\\n'.repeat(17_000)`, 2 + 2 * 17_000],
  ['a 1 MB list without blank lines', `'- Lukashenko met Xi on 5 March 2023\\n'.repeat(28_000)`, 28_000],
  ['a 4 MB one-row table of a million columns', `'|a'.repeat(1_000_000) + '|\\n' + '|-'.repeat(1_000_000) + '|\\n'`, 128],
];

for (const [name, make, blocks] of HOSTILE_DRAFTS) {
  test(`${name} is parsed in a 128 MB heap, every heading, row, item or kept column a block`, () => {
    const { code, out, err } = inSmallHeap(
      `
      const { toProse } = await load('markdown/parse.js');
      console.log(toProse(${make}).blocks.length);`,
      128,
    );
    assert.equal(code, 0, err);
    assert.equal(Number(out), blocks);
  });
}
