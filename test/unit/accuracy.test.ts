import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { ROOT } from './paths.js';

// The accuracy scorer (test/accuracy/score.mjs, npm run accuracy): its matching rule on made-up findings, and the
// whole script, with the built CLI, on a tiny set of one draft.

const SCORER = join(ROOT, 'test', 'accuracy', 'score.mjs');
const scorer = await import(pathToFileURL(SCORER).href);

const DRAFT =
  [
    'Lukashenka held talks with Xi Jinping on 3 March 2023.',
    'Premier Li Qiang met Lukashenka on 1 March 2023.',
    'The sky over Beijing was grey on 1 March 2023.',
  ].join('\n') + '\n';
const PLANTED = [
  { match: '3 March 2023', category: 'date' },
  { match: 'The sky over Beijing', category: 'claim' },
];

const finding = (line: number, column: number, endColumn: number, category: string, severity = 'error') => ({
  line,
  column,
  endLine: line,
  endColumn,
  category,
  severity,
  rule: 'r',
  message: 'm',
});

test('locate puts each planted error on the first line holding it, columns 1-based and end exclusive', () => {
  const [date, sky] = scorer.locate('d.md', DRAFT, PLANTED);
  assert.deepEqual([date.line, date.start, date.end], [1, 42, 54]);
  assert.deepEqual([sky.line, sky.start, sky.end], [3, 1, 21]);
  assert.throws(() => scorer.locate('d.md', DRAFT, [{ match: 'not there', category: 'date' }]), /not there/);
  assert.throws(() => scorer.locate('d.md', DRAFT, [{ match: 'sky', category: 'style' }]), /category style/);
});

test('a true positive, a false positive and a miss', () => {
  const planted = scorer.locate('d.md', DRAFT, PLANTED);
  const result = scorer.scoreDraft('d.md', planted, [
    finding(1, 42, 54, 'date'), // on the planted date: found
    finding(2, 1, 17, 'official'), // on a line with no planted error: a false positive
  ]);
  assert.deepEqual(
    result.found.map((e: { match: string }) => e.match),
    ['3 March 2023'],
  );
  assert.deepEqual(
    result.missed.map((e: { match: string }) => e.match),
    ['The sky over Beijing'],
  );
  assert.deepEqual(
    result.falsePositives.map((f: { line: number }) => f.line),
    [2],
  );
});

test('only date, official and claim errors and warnings count; the category must match', () => {
  const planted = scorer.locate('d.md', DRAFT, PLANTED);
  const result = scorer.scoreDraft('d.md', planted, [
    finding(1, 42, 54, 'date', 'hint'),
    finding(1, 42, 54, 'date', 'information'),
    finding(1, 1, 11, 'style', 'warning'),
    finding(3, 1, 8, 'date'), // overlaps the planted claim, but is a date finding
  ]);
  assert.equal(result.found.length, 0);
  assert.equal(result.missed.length, 2);
  assert.deepEqual(
    result.falsePositives.map((f: { category: string }) => f.category),
    ['date'],
  );
});

test('overlap: touching is not overlapping; a finding over several lines covers the line; two findings, one hit', () => {
  const [date] = scorer.locate('d.md', DRAFT, PLANTED);
  assert.equal(scorer.overlaps(finding(1, 30, 42, 'date'), date), false); // ends where the date starts
  assert.equal(scorer.overlaps(finding(1, 54, 60, 'date'), date), false); // starts where the date ends
  assert.equal(scorer.overlaps(finding(1, 30, 43, 'date'), date), true);
  assert.equal(scorer.overlaps({ line: 1, column: 60, endLine: 2, endColumn: 1 }, date), false);
  assert.equal(scorer.overlaps({ line: 1, column: 53, endLine: 2, endColumn: 1 }, date), true);
  const twice = scorer.scoreDraft('d.md', [date], [finding(1, 42, 47, 'date'), finding(1, 40, 54, 'date')]);
  assert.deepEqual([twice.found.length, twice.missed.length, twice.falsePositives.length], [1, 0, 0]);
});

test('the script scores a set folder with the built CLI and prints a table', () => {
  const dir = mkdtempSync(join(tmpdir(), 'factlint-accuracy-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'factbase.txt'), 'bundled\n');
  writeFileSync(join(dir, 'tiny.md'), DRAFT);
  writeFileSync(join(dir, 'tiny.expect.json'), JSON.stringify(PLANTED));
  writeFileSync(join(dir, 'notes.md'), 'A file without labels is not a draft of the set.\n');

  const run = (...args: string[]) => spawnSync(process.execPath, [SCORER, ...args, dir], { encoding: 'utf8', timeout: 30_000 });
  const json = run('--json');
  assert.equal(json.status, 0, json.stderr);
  const [set] = JSON.parse(json.stdout);
  assert.equal(set.drafts, 1);
  assert.deepEqual(set.tally.date, { planted: 1, tp: 1, fn: 0, fp: 0, recall: 1, precision: 1 });
  assert.equal(set.tally.official.fp, 1); // Li Qiang was not premier on 1 March 2023, and it is not labelled
  assert.deepEqual([set.tally.claim.planted, set.tally.claim.tp], [1, 0]);
  assert.deepEqual([set.tally.all.tp, set.tally.all.fn, set.tally.all.fp], [1, 1, 1]);

  const markdown = run('--markdown');
  assert.equal(markdown.status, 0, markdown.stderr);
  const lines = markdown.stdout.split('\n');
  assert.equal(
    lines[0],
    '| Set | Drafts | date recall | date precision | official recall | official precision | ' +
      'claim recall | claim precision | all recall | all precision |',
  );
  assert.ok(
    lines.includes('| total | 1 | 100% (1/1) | 100% (1/1) | – | 0% (0/1) | 0% (0/1) | – | 50% (1/2) | 50% (1/2) |'),
    markdown.stdout,
  );
});
