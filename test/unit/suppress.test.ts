import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check } from '../../server/src/check.js';
import { loadFactBase } from '../../server/src/facts/load.js';
import { LineIndex } from '../../server/src/lines.js';
import { compile } from '../../server/src/match/compile.js';

const FACTS = `title: Suppression test
defaultEvent: visit
sources:
  - { id: s1, title: A report, publisher: An outlet, url: "https://example.org/a" }
people:
  - { id: xi, name: Xi Jinping, preferred: [Xi Jinping, Xi], sources: [s1] }
  - { id: luk, name: Alexander Lukashenka, preferred: [Alexander Lukashenka, Lukashenka], sources: [s1] }
events:
  - { id: visit, name: The state visit, kind: state visit, start: 2023-02-28, end: 2023-03-02, phrases: [state visit], sources: [s1] }
  - { id: talks, name: The talks, kind: talks, parent: visit, start: 2023-03-01, participants: [xi, luk], phrases: [talks with xi], sources: [s1] }
`;

const loaded = loadFactBase([{ path: 'suppress.facts.yaml', text: FACTS }]);
assert.deepEqual(loaded.problems, []);
const index = compile(loaded.facts!);

/** A wrong date (date-mismatch) and a wrong weekday (weekday-mismatch) in one sentence. */
const WRONG = 'On Friday the talks with Xi were held on 3 March.';

/** The findings of a draft as `line:rule`, 1-based lines. */
function found(lines: string[]): string[] {
  const text = lines.join('\n');
  const at = new LineIndex(text);
  return check(text, index).map((f) => `${at.positionAt(f.start).line + 1}:${f.rule}`);
}

test('the unsuppressed sentence has both findings', () => {
  assert.deepEqual(found([WRONG]), ['1:weekday-mismatch', '1:date-mismatch']);
});

test('disable-next-line with a reason silences that rule on the next line only', () => {
  assert.deepEqual(found(['<!-- factlint-disable-next-line date-mismatch -- the source gives 3 March; see note -->', WRONG, '', WRONG]), [
    '2:weekday-mismatch',
    '4:weekday-mismatch',
    '4:date-mismatch',
  ]);
});

test('disable-next-line with no rule silences every rule on the next line; a blank line in between ends its reach', () => {
  assert.deepEqual(found(['<!-- factlint-disable-next-line -->', WRONG]), []);
  assert.deepEqual(found(['<!-- factlint-disable-next-line -->', '', WRONG]), ['3:weekday-mismatch', '3:date-mismatch']);
});

test('disable … enable of one rule silences it between the comments, and not other rules', () => {
  assert.deepEqual(
    found([
      WRONG,
      '',
      '<!-- factlint-disable date-mismatch -->',
      '',
      WRONG,
      '',
      '- In a list: the talks with Xi were held on 4 March.',
      '',
      '<!-- factlint-enable date-mismatch -->',
      '',
      WRONG,
    ]),
    ['1:weekday-mismatch', '1:date-mismatch', '5:weekday-mismatch', '11:weekday-mismatch', '11:date-mismatch'],
  );
});

test('disable with no rule silences every rule until enable; an enable of one rule lifts only that rule', () => {
  assert.deepEqual(
    found([
      '<!-- factlint-disable -->',
      WRONG,
      '',
      '<!-- factlint-enable weekday-mismatch -->',
      WRONG,
      '',
      '<!-- factlint-enable -->',
      WRONG,
    ]),
    ['5:weekday-mismatch', '8:weekday-mismatch', '8:date-mismatch'],
  );
});

test('disable-line at the end of a line silences that line only; several rules may be named', () => {
  assert.deepEqual(
    found([
      `${WRONG} <!-- factlint-disable-line date-mismatch -->`,
      `${WRONG} <!-- factlint-disable-line date-mismatch, weekday-mismatch -- both are quoted from a source -->`,
      WRONG,
    ]),
    ['1:weekday-mismatch', '3:weekday-mismatch', '3:date-mismatch'],
  );
});

test('a directive for a different rule id does not suppress', () => {
  assert.deepEqual(found(['<!-- factlint-disable-next-line office-not-held -->', WRONG]), ['2:weekday-mismatch', '2:date-mismatch']);
  assert.deepEqual(found([`${WRONG} <!-- factlint-disable-line date-mismatches -->`]), ['1:weekday-mismatch', '1:date-mismatch']);
});

test('directives in code, or that merely look alike, do nothing', () => {
  assert.deepEqual(
    found([
      '```',
      '<!-- factlint-disable -->',
      '```',
      '',
      '`<!-- factlint-disable-next-line -->`',
      WRONG,
      '',
      '<!-- factlint-disabled -->',
      WRONG,
    ]),
    ['6:weekday-mismatch', '6:date-mismatch', '9:weekday-mismatch', '9:date-mismatch'],
  );
});

test('directives work inside block quotes and with CRLF line endings', () => {
  assert.deepEqual(found(['> <!-- factlint-disable-next-line date-mismatch -->', `> ${WRONG}`]), ['2:weekday-mismatch']);
  const text = ['<!-- factlint-disable-next-line weekday-mismatch -->', WRONG, '', WRONG].join('\r\n');
  const at = new LineIndex(text);
  assert.deepEqual(
    check(text, index).map((f) => `${at.positionAt(f.start).line + 1}:${f.rule}`),
    ['2:date-mismatch', '4:weekday-mismatch', '4:date-mismatch'],
  );
});
