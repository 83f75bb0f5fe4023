import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check } from '../../server/src/check.js';
import { Discovery } from '../../server/src/facts/discover.js';
import { bundledFactsDir, readFactFiles } from '../../server/src/facts/files.js';
import { link } from '../../server/src/facts/link.js';
import { loadFactBase } from '../../server/src/facts/load.js';
import type { FactProblem } from '../../server/src/facts/types.js';
import { parseByWindows, toProse, WINDOW } from '../../server/src/markdown/parse.js';
import { parser } from '../../server/src/markdown/parser.js';
import { toParts } from '../../server/src/markdown/parts.js';
import { compile } from '../../server/src/match/compile.js';

// Inputs that used to take time quadratic in their size: each is timed at n and 2n (CPU time, best of two runs) and
// must take at most about twice as long, with room for noise.

function cpu(f: () => unknown): number {
  const start = process.cpuUsage();
  f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Asserts that `run(2n)` takes at most ~2× `run(n)` (3× plus 150 ms of slack). */
function assertLinear(n: number, run: (n: number) => unknown): void {
  run(n / 10);
  const t1 = Math.min(
    cpu(() => run(n)),
    cpu(() => run(n)),
  );
  const t2 = Math.min(
    cpu(() => run(2 * n)),
    cpu(() => run(2 * n)),
  );
  assert.ok(t2 < 3 * t1 + 150, `n = ${n}: ${t1.toFixed(0)} ms; 2n: ${t2.toFixed(0)} ms`);
}

test('a fact base of many invalid items is validated in linear time (ajv no longer concatenates its error lists)', () => {
  assertLinear(10_000, (n) => {
    const { problems } = loadFactBase([{ path: 'x.facts.yaml', text: `title: x\npeople:\n${'- {}\n'.repeat(n)}` }]);
    assert.equal(problems.length, 101, 'the first 100 and a line saying how many more');
    assert.match(problems[100]!.message, new RegExp(`${3 * n - 100} more problems`));
  });
});

/** A chain of n events, each the parent of the next, as linked data (no YAML: the linker and compiler are timed). */
function chain(n: number, cycle = false) {
  const events = Array.from({ length: n }, (_, i) => ({
    id: `e${i}`,
    name: `Meeting ${i}`,
    kind: 'meeting',
    start: '2023-03-01',
    ...(i > 0 || cycle ? { parent: `e${(i + n - 1) % n}` } : {}),
    participants: ['p'],
    phrases: [`meeting ${i}`],
    sources: ['s'],
  }));
  const data = {
    title: 'chain',
    sources: [{ id: 's', title: 'S', publisher: 'P', url: 'https://example.org' }],
    people: [{ id: 'p', name: 'Xi Jinping', sources: ['s'] }],
    events,
  };
  return { file: { path: 'chain.facts.yaml', text: '' }, data, locate: () => ({ start: 0, end: 0 }) };
}

test('a parent chain of 20,000 events is linked and compiled in linear time; a cycle through all of them is reported once', () => {
  assertLinear(10_000, (n) => {
    const problems: FactProblem[] = [];
    compile(link([chain(n)], problems));
    assert.deepEqual(problems, []);
  });
  const problems: FactProblem[] = [];
  link([chain(20_000, true)], problems);
  assert.deepEqual(
    problems.map((p) => p.message),
    ['event e0: the event is its own ancestor through "parent"; cut the loop'],
  );
});

test('the front matter of a draft with 25,000 keys is read in linear time, on every keystroke', () => {
  const discovery = new Discovery(() => []);
  assertLinear(12_500, (n) => {
    const keys = Array.from({ length: n }, (_, i) => `key${i}: value ${i}`).join('\n');
    // A new text each time, as each keystroke gives: the last answer is kept only for the same front matter.
    assert.deepEqual(discovery.frontMatterFacts(`---\n${keys}\nfacts: [a.facts.yaml]\n---\n\nText ${n}.\n`), ['a.facts.yaml']);
    assert.deepEqual(discovery.frontMatterFacts(`---\n${keys}\nkey0: again\n---\n\nText ${n}.\n`), [], 'a repeated key is no error here');
  });
});

test('a paragraph of many sentences with pronouns, relative days and quotations is checked in linear time', () => {
  const loaded = loadFactBase(readFactFiles([bundledFactsDir()]));
  const index = compile(loaded.facts!);
  const unit =
    'BEIJING, 2 March (Agency) – Lukashenka met Xi Jinping on 1 March. The day before, he arrived in Beijing. ' +
    '"Yesterday we held talks," he said. The next day talks with Xi were held yesterday. ';
  assertLinear(2500, (n) => check(unit.repeat(n), index));
});

/** A draft of block quotes and lists each followed by a paragraph: every container closes while a paragraph waits. */
const containers = (n: number) =>
  '> A quote from the talks\n> on 1 March.\n\nText after it.\n\n- An item\n- Another\n\nMore text.\n\n'.repeat(n / 80);

test('a one-shot parse of the parser factlint uses grows linearly (micromark pinned to 4.0.2: 4.0.3 copies all events per closed container)', () => {
  assertLinear(40_000, (n) => parser.parse(containers(n)));
});

test('one duplicated footnote label keeps the windowed parse: a draft of notes is parsed in linear time, as at once', () => {
  const draft = (n: number) => `[^a]: One.\n\n[^a]: Two.\n\n${'Lukashenka met Xi on 1 March.[^a]\n\n> Quoted.[^a]\n\n'.repeat(n / 48)}`;
  const text = draft(100_000);
  assert.deepEqual(parseByWindows(text, WINDOW), toParts(text), 'parsed by windows, with the parts of one parse');
  assertLinear(200_000, (n) => toProse(draft(n)));
});

test('one long paragraph of dates with no sentence end is checked in linear time (clause dividers found once per sentence)', () => {
  const loaded = loadFactBase(readFactFiles([bundledFactsDir()]));
  const index = compile(loaded.facts!);
  assertLinear(40_000, (n) => check('Lukashenka met Xi Jinping on 1 March 2023, '.repeat(n / 43), index));
});

test('runs of headings and a tall table, without blank lines, are parsed in linear time', () => {
  assertLinear(200_000, (n) => toProse('# Lukashenko met Xi on 5 March 2023\n'.repeat(n / 36)));
  assertLinear(100_000, (n) => toProse(`| a | b |\n|---|---|\n${'| Lukashenko met Xi | 5 March 2023 |\n'.repeat(n / 36)}`));
});
