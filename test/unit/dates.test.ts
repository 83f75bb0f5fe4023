import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  dayIntervalOf,
  dayNumber,
  findDates,
  formatFromTo,
  formatLike,
  intervalOf,
  type DateMention,
} from '../../server/src/match/dates.js';
import { formatTerm, sureTerm } from '../../server/src/facts/dates.js';

/** Finds the dates in `before + written + after` and returns the one mention expected, checking its offsets. */
function only(written: string, before = 'It happened on ', after = ' in Beijing.'): DateMention {
  const text = `${before}${written}${after}`;
  const found = findDates(text);
  assert.equal(found.length, 1, `one date in ${JSON.stringify(text)}, found ${JSON.stringify(found.map((d) => d.text))}`);
  const mention = found[0]!;
  assert.equal(mention.text, text.slice(mention.start, mention.end), 'text matches its offsets');
  return mention;
}

const FORMS: [string, string, string, Partial<DateMention>?][] = [
  ['1 March 2023', '2023-03-01', '2023-03-01', { style: 'dmy' }],
  ['1-2 March', '2023-03-01', '2023-03-02', { style: 'dmy', joiner: '-' }],
  ['1\u20132 March 2023', '2023-03-01', '2023-03-02', { style: 'dmy', joiner: '\u2013' }],
  ['March 1\u20132, 2023', '2023-03-01', '2023-03-02', { style: 'mdy' }],
  ['March 1-2', '2023-03-01', '2023-03-02', { style: 'mdy' }],
  ['28 Feb \u2013 2 Mar 2023', '2023-02-28', '2023-03-02', { style: 'dmy', joiner: ' \u2013 ' }],
  ['28 February to 2 March 2023', '2023-02-28', '2023-03-02', { joiner: ' to ' }],
  ['2023-03-01', '2023-03-01', '2023-03-01', { style: 'iso' }],
  ['2023-02-28 \u2013 2023-03-02', '2023-02-28', '2023-03-02', { style: 'iso' }],
  ['early March', '2023-03-01', '2023-03-10', { style: 'part', part: 'early' }],
  ['mid-March', '2023-03-11', '2023-03-20', { style: 'part', part: 'mid' }],
  ['late February 2023', '2023-02-21', '2023-02-28', { style: 'part', part: 'late' }],
  ['the end of March', '2023-03-21', '2023-03-31', { part: 'late' }],
  ['the 1st of March', '2023-03-01', '2023-03-01', { style: 'dmy' }],
  ['the 1st and 2nd of March', '2023-03-01', '2023-03-02', { style: 'dmy' }],
  ['March 2023', '2023-03-01', '2023-03-31', { style: 'month' }],
  ['Mar. 1, 2023', '2023-03-01', '2023-03-01', { style: 'mdy' }],
  ['Feb 28\u2013Mar 2, 2023', '2023-02-28', '2023-03-02', { style: 'mdy' }],
  ['March 1st', '2023-03-01', '2023-03-01', { style: 'mdy' }],
  ['Wednesday, 1 March', '2023-03-01', '2023-03-01', { style: 'dmy', weekday: 3 }],
  ['Wednesday 1 March 2023', '2023-03-01', '2023-03-01', { weekday: 3 }],
  ['Wednesday, March 1, 2023', '2023-03-01', '2023-03-01', { style: 'mdy', weekday: 3 }],
  ['28 December \u2013 2 January', '2023-12-28', '2024-01-02'],
  ['28 December 2022 \u2013 2 January 2023', '2022-12-28', '2023-01-02'],
  ['Wed 1 Mar', '2023-03-01', '2023-03-01', { style: 'dmy', weekday: 3 }],
  ['Thu., March 2', '2023-03-02', '2023-03-02', { style: 'mdy', weekday: 4 }],
  ['Tues 28 Feb', '2023-02-28', '2023-02-28', { style: 'dmy', weekday: 2 }],
  ['Sept. 3, 2025', '2025-09-03', '2025-09-03', { style: 'mdy' }],
];

test('every common English form of a date is found with its interval and offsets', () => {
  for (const [written, start, end, extra] of FORMS) {
    const mention = only(written);
    assert.equal(mention.text, written, `the whole of ${JSON.stringify(written)}`);
    assert.equal(mention.start, 'It happened on '.length);
    assert.deepEqual(intervalOf(mention, 2023), [start, end], written);
    for (const [key, value] of Object.entries(extra ?? {}))
      assert.deepEqual(mention[key as keyof DateMention], value, `${written}: ${key}`);
  }
});

test('a range opened by "between" or "from" is found without the opening word', () => {
  const between = only('28 February and 2 March 2023', 'It ran between ');
  assert.equal(between.start, 'It ran between '.length);
  assert.equal(between.joiner, ' and ');
  assert.deepEqual(intervalOf(between, 2000), ['2023-02-28', '2023-03-02']);
  const from = only('February 28 to March 2, 2023', 'It ran from ');
  assert.deepEqual(intervalOf(from, 2000), ['2023-02-28', '2023-03-02']);
});

test('a month alone is a date only after a word that makes it a time', () => {
  assert.deepEqual(intervalOf(only('September', 'It was in ', '.'), 2022), ['2022-09-01', '2022-09-30']);
  assert.equal(only('September', 'It was announced during the ', ' meeting.').text, 'September');
  assert.equal(only('September', 'In ', ', he went.').text, 'September');
  assert.equal(only('May', 'It was in ', '.').text, 'May');
  assert.deepEqual(findDates('March on, said the marchers within March.'), []);
});

test('a weekday alone is found, with its number', () => {
  const mention = only('Wednesday', 'He arrived on ', '.');
  assert.equal(mention.style, 'weekday');
  assert.equal(mention.weekday, 3);
  assert.equal(intervalOf(mention, 2023), undefined);
});

test('a shortened weekday alone is a weekday only in brackets just after a date', () => {
  assert.deepEqual(
    findDates('on 2023-03-02 (Wed) in').map((d) => [d.text, d.weekday]),
    [
      ['2023-03-02', undefined],
      ['Wed', 3],
    ],
  );
  assert.deepEqual(
    findDates('on 1 March (Thu.) in').map((d) => [d.text, d.weekday]),
    [
      ['1 March', undefined],
      ['Thu', 4],
    ],
  );
  for (const text of ['Xi Jinping (Wed) spoke.', 'Sat. and Sun. flights were full.', 'The Sun said so on Wed.', 'Sun Weidong met him.']) {
    assert.deepEqual(findDates(text), [], text);
  }
});

test('things that are not dates are not found', () => {
  for (const text of [
    'May I ask a question?',
    'Theresa May said so.',
    'the march on Minsk',
    'They march on 3 fronts.',
    '20 documents were signed.',
    'worth 3.5 billion dollars',
    'version 1.2.3 of the tool',
    'v2023-03-01',
    'release 2.1.12',
    'the 2023-13-45 build',
    'on 2023-02-30',
    'on 31 February 2023',
    'on 30 February',
    'Good Friday and Black Friday',
    'every 10-12 hours',
    'In March 20 documents were signed',
    'A 1.5 March',
    'See 12/03 for details',
    'It cost 1,2 March',
  ]) {
    const found = findDates(text).filter((d) => !(text.startsWith('In March') && d.text === 'March'));
    assert.deepEqual(
      found.map((d) => d.text),
      [],
      JSON.stringify(text),
    );
  }
});

test('"and" joins two months into a range only after "between"; otherwise the two dates stay apart', () => {
  const text = 'He met Putin on 17 February 2023 and Xi on 1 March.';
  assert.deepEqual(
    findDates('He met Putin on 17 February 2023 and 1 March.').map((d) => d.text),
    ['17 February 2023', '1 March'],
  );
  assert.deepEqual(
    findDates(text).map((d) => d.text),
    ['17 February 2023', '1 March'],
  );
  assert.equal(findDates('between 17 February and 1 March').length, 1);
});

test('a date across a soft line break (a space in prose) is one date', () => {
  assert.deepEqual(
    findDates('began on 27 February 2023 in').map((d) => d.text),
    ['27 February 2023'],
  );
});

test('a year missing is supplied, and a range crossing the new year takes two', () => {
  const mention = only('1 March');
  assert.deepEqual(intervalOf(mention, 2031), ['2031-03-01', '2031-03-01']);
  assert.deepEqual(intervalOf(only('28 December \u2013 2 January 2024'), 1999), ['2023-12-28', '2024-01-02']);
  assert.deepEqual(intervalOf(only('late February'), 2024), ['2024-02-21', '2024-02-29']);
});

test('the days of an interval are those of its ISO form', () => {
  for (const [written, year] of [
    ['1 March', 2031],
    ['28 December \u2013 2 January 2024', 1999],
    ['late February', 2024],
    ['5 March to 3 March', 2023],
  ] as const) {
    const [start, end] = intervalOf(only(written), year)!;
    assert.deepEqual(dayIntervalOf(only(written), year), [dayNumber(start), dayNumber(end)], written);
  }
});

test('days order as their ISO strings do, years before 100 too', () => {
  const isos = ['0050-03-01', '0099-12-31', '0100-01-01', '1950-03-01', '2023-02-28', '2024-02-29', '2024-03-01'];
  const days = isos.map(dayNumber);
  assert.deepEqual(
    [...days].sort((a, b) => a - b),
    days,
  );
  assert.equal(dayNumber('0100-01-01') - dayNumber('0099-12-31'), 1);
  assert.equal(dayNumber('2024-03-01') - dayNumber('2024-02-28'), 2);
  assert.equal(dayNumber('1970-01-01'), 0);
});

test('a date led by a name is found where the name starts, a weekday inside a word left out', () => {
  const found = (text: string) => findDates(text).map((d) => [d.text, d.weekday ?? null]);
  assert.deepEqual(found('xMonday, 1 March 2023 and Tuesday, March 2'), [
    ['1 March 2023', null],
    ['Tuesday, March 2', 2],
  ]);
  assert.deepEqual(found('amid March, in early March and at the end of  April 2023'), [
    ['early March', null],
    ['the end of  April 2023', null],
  ]);
  assert.deepEqual(found('Thu., 2 March (Fri) and 3 March (Fri.)'), [
    ['Thu., 2 March', 4],
    ['Fri', 5],
    ['3 March', null],
    ['Fri', 5],
  ]);
});

test('a fix is written in the form of the date it replaces', () => {
  const cases: [string, string, string, string][] = [
    ['3 March', '2023-03-01', '2023-03-01', '1 March'],
    ['3 March 2023', '2023-03-01', '2023-03-01', '1 March 2023'],
    ['March 3, 2023', '2023-03-01', '2023-03-01', 'March 1, 2023'],
    ['2023-03-03', '2023-03-01', '2023-03-01', '2023-03-01'],
    ['1\u20133 March', '2023-02-28', '2023-03-02', '28 February \u2013 2 March'],
    ['1-3 March 2023', '2023-03-01', '2023-03-02', '1-2 March 2023'],
    ['27 February to 2 March 2023', '2023-02-28', '2023-03-02', '28 February to 2 March 2023'],
    ['28 February and 3 March 2023', '2023-02-28', '2023-03-02', '28 February and 2 March 2023'],
    ['27 Feb \u2013 2 Mar 2023', '2023-02-28', '2023-03-02', '28 Feb \u2013 2 Mar 2023'],
    ['Thursday, 2 March', '2023-03-01', '2023-03-01', 'Wednesday, 1 March'],
    ['Thursday 2 March', '2023-02-28', '2023-03-02', '28 February \u2013 2 March'],
    ['Thu., March 2', '2023-03-01', '2023-03-01', 'Wed., March 1'],
    ['Tues 28 Feb', '2023-03-01', '2023-03-01', 'Wed 1 Mar'],
    ['Sept. 3', '2023-09-01', '2023-09-01', 'Sept. 1'],
    ['2023-03-01 \u2013 2023-03-03', '2023-02-28', '2023-03-02', '2023-02-28 \u2013 2023-03-02'],
  ];
  for (const [written, start, end, expected] of cases) {
    assert.equal(formatLike(only(written, 'It ran between '), start, end), expected, written);
  }
});

test('an interval reads as the object of "from" in messages', () => {
  assert.equal(formatFromTo('2023-03-01', '2023-03-02'), '1 to 2 March 2023');
  assert.equal(formatFromTo('2023-02-28', '2023-03-02'), '28 February to 2 March 2023');
  assert.equal(formatFromTo('2022-12-30', '2023-01-02'), '30 December 2022 to 2 January 2023');
});

test('pathological lines of digits, dashes, spaces and month names are scanned in linear time', () => {
  const unit = ['1 March - 2 March - ', '12-March-2023-', '1-', '1 ', 'Wednesday, ', 'in - March ', '2023-03-01-', 'March 1 - '];
  const lines = [
    ...unit.map((u) => u.repeat(Math.ceil(100_000 / u.length))),
    `1 March${' '.repeat(100_000)}x`,
    `${'-'.repeat(100_000)}March`,
    `${'1'.repeat(100_000)} March`,
    `${'the '.repeat(25_000)}1 March`,
  ];
  for (const line of lines) {
    const started = performance.now();
    findDates(line);
    const took = performance.now() - started;
    assert.ok(took < 2000, `${JSON.stringify(line.slice(0, 24))}… (${line.length} characters) took ${Math.round(took)} ms`);
  }
});

test('a term held for certain: from its dates, widened by the days the sources show it held (on)', () => {
  assert.equal(sureTerm({ from: 'unknown', to: 'unknown' }), undefined, 'no day certain');
  assert.deepEqual(sureTerm({ from: 'unknown', to: 'unknown', on: ['2031-05-04'] }), { from: '2031-05-04', to: '2031-05-04' });
  assert.deepEqual(
    sureTerm({ from: 'unknown', on: ['2031-05-06', '2031-05-04'] }),
    { from: '2031-05-04' },
    'still held: from the first day seen on',
  );
  assert.deepEqual(sureTerm({ from: '2031-05', to: 'unknown', on: ['2031-05-04', '2031-07-01'] }), {
    from: '2031-05-04',
    to: '2031-07-01',
  });
  assert.deepEqual(sureTerm({ from: '2030', to: '2032' }), { from: '2030-12-31', to: '2032-01-01' });
  assert.equal(formatTerm({ from: 'unknown', to: 'unknown', on: ['2031-05-04'] }), 'in office on 4 May 2031');
  assert.equal(formatTerm({ from: '2031-05', on: ['2031-05-04'] }), 'since May 2031; in office on 4 May 2031');
});
