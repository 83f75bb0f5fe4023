import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check } from '../../server/src/check.js';
import type { FactRef, Finding, Severity } from '../../server/src/finding.js';
import { bundledFactsDir, readFactFiles } from '../../server/src/facts/files.js';
import { loadFactBase } from '../../server/src/facts/load.js';
import { onePerSpan, SPECIFICITY } from '../../server/src/fold.js';
import { compile } from '../../server/src/match/compile.js';
import { rules } from '../../server/src/rules/index.js';

const fact = (kind: FactRef['kind'], id: string): FactRef => ({ kind, id, label: id, file: 'f.yaml', start: 0, end: 0, sources: [] });

function finding(rule: string, start: number, end: number, severity: Severity, facts: FactRef[], fixes: Finding['fixes'] = []): Finding {
  return { rule, category: 'official', severity, start, end, message: `${rule} says so.`, fixes, facts };
}

const wangYi = fact('person', 'wang-yi');

test('two rules on nested spans about one fact: the more specific is kept, the other folded into its message', () => {
  const office = finding('office-not-held', 10, 34, 'warning', [wangYi, fact('office', 'fm')]);
  const absent = finding('participant-absent', 27, 34, 'error', [wangYi, fact('event', 'visit')]);
  const [one, ...rest] = onePerSpan([office, absent]);
  assert.deepEqual(rest, []);
  assert.equal(one!.rule, 'office-not-held');
  assert.equal(one!.message, 'office-not-held says so. Also (participant-absent): participant-absent says so.');
  assert.equal(one!.severity, 'error', 'the graver severity of the two');
  assert.deepEqual([one!.start, one!.end], [10, 34]);
  assert.deepEqual(
    one!.facts.map((f) => f.id),
    ['wang-yi', 'fm', 'visit'],
  );
});

test('the order the findings come in does not decide the winner; the wider span is kept', () => {
  const unattributed = finding('claim-unattributed', 5, 20, 'warning', [fact('claim', 'c')]);
  const reframed = finding('claim-reframed', 8, 20, 'warning', [fact('claim', 'c')]);
  const [one, ...rest] = onePerSpan([unattributed, reframed]);
  assert.deepEqual(rest, []);
  assert.equal(one!.rule, 'claim-reframed');
  assert.deepEqual([one!.start, one!.end], [5, 20]);
});

test('findings left apart: other facts, spans that only overlap, the same rule, and a finding with its own fix', () => {
  const fix = [{ title: 'Change to "Xi Jinping"', edits: [{ start: 2, end: 5, newText: 'Xi Jinping' }] }];
  const apart = [
    [finding('office-not-held', 0, 10, 'error', [wangYi]), finding('participant-absent', 2, 8, 'warning', [fact('person', 'qin-gang')])],
    [finding('office-not-held', 0, 10, 'error', [wangYi]), finding('participant-absent', 5, 14, 'warning', [wangYi])],
    [finding('office-not-held', 0, 10, 'error', [wangYi]), finding('office-not-held', 2, 8, 'error', [wangYi])],
    [finding('office-not-held', 0, 10, 'error', [wangYi]), finding('name-misspelt', 2, 5, 'warning', [wangYi], fix)],
  ];
  for (const pair of apart) assert.deepEqual(onePerSpan(pair), pair);
});

test('every rule that checks drafts has a place in the order of specificity', () => {
  const unplaced = rules.filter((r) => r.check && !SPECIFICITY.includes(r.id)).map((r) => r.id);
  assert.deepEqual(unplaced, []);
});

test('a rule turned off in the settings folds nothing away: the other rule on the span is reported alone', () => {
  const loaded = loadFactBase(readFactFiles([bundledFactsDir()]));
  assert.ok(loaded.facts);
  const index = compile(loaded.facts);
  const draft = [
    'Lukashenka held talks with Xi Jinping in Beijing on 1 March 2023.',
    '',
    'During the visit, Lukashenka also met Foreign Minister Wang Yi.',
    '',
  ].join('\n');
  const both = check(draft, index, {});
  assert.deepEqual(
    both.map((f) => f.rule),
    ['office-not-held'],
    'folded into one finding by default',
  );
  const rest = check(draft, index, { severity: { 'office-not-held': 'off' } });
  assert.deepEqual(
    rest.map((f) => [f.rule, f.message.includes('Also (')]),
    [['participant-absent', false]],
  );
});
