import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadFactBase } from '../../server/src/facts/load.js';

const BASE = `sources:
  - { id: s1, title: A report, publisher: An outlet, url: "https://example.org/a" }
offices:
  - { id: ee-prime-minister, title: Prime Minister of Estonia, wordings: [Prime Minister], sources: [s1] }
people:
  - id: kadri-sepp
    name: Kadri Sepp
    sources: [s1]
    offices:
      - { office: ee-prime-minister, from: 2023-01-01, sources: [s1] }
`;

/** Each problem as `line: message «the text it is placed on»`. */
function problems(text: string): string[] {
  return loadFactBase([{ path: 'x.facts.yaml', text }]).problems.map(
    (p) => `${text.slice(0, p.start).split('\n').length}: ${p.message} \u00ab${text.slice(p.start, p.end)}\u00bb`,
  );
}

const edit = (from: string, to: string) => {
  assert.ok(BASE.includes(from), from);
  return BASE.replace(from, to);
};

test('a schema problem names the fact by its id and the field in words, and says what to write', () => {
  assert.deepEqual(problems(edit('from: 2023-01-01', 'from: 1 March 2023')), [
    '10: person kadri-sepp \u203a office ee-prime-minister \u203a from: write a date as YYYY-MM-DD, YYYY-MM or YYYY, or unknown; did you mean 2023-03-01? \u00ab1 March 2023\u00bb',
  ]);
  assert.deepEqual(problems(edit('from: 2023-01-01', 'from: sometime')), [
    '10: person kadri-sepp \u203a office ee-prime-minister \u203a from: write a date as YYYY-MM-DD, YYYY-MM or YYYY, or unknown \u00absometime\u00bb',
  ]);
  assert.deepEqual(problems(edit('id: kadri-sepp', 'id: Kadri Sepp')), [
    '6: person Kadri Sepp \u203a id: write an id in lowercase letters, digits and hyphens, such as "kadri-sepp" \u00abKadri Sepp\u00bb',
  ]);
  assert.deepEqual(problems(edit('sources: [s1]\n    offices', 'sources: s1\n    offices')), [
    '8: person kadri-sepp \u203a sources: write a list: [a, b] on one line, or one "- item" per line \u00abs1\u00bb',
  ]);
  assert.deepEqual(problems(edit('    name: Kadri Sepp\n', '')), [
    '6: person kadri-sepp: add the field "name", which is required here \u00abid: kadri-sepp\u00bb',
  ]);
  assert.deepEqual(problems(edit('url: "https://example.org/a"', 'url: example.org/a')), [
    '2: source s1 \u203a url: write a web address that starts with https:// or http:// \u00abexample.org/a\u00bb',
  ]);
});

test('an unknown field, section or value gets a "did you mean" when one is close, else the list to choose from', () => {
  assert.deepEqual(problems(edit('    sources: [s1]\n    offices', '    sources: [s1]\n    spelings: [K. Sepp]\n    offices')), [
    '9: person kadri-sepp: there is no field "spelings"; did you mean "spellings"? \u00abspelings\u00bb',
  ]);
  assert.deepEqual(problems(edit('title: A report,', 'title: Xi arrives, meets Putin,')), [
    '2: source s1: "meets Putin" is read as a field name: a comma inside { … } ends a value, so put the whole text in quotes \u00abmeets Putin\u00bb',
  ]);
  assert.deepEqual(problems(`${BASE}peopel: []\n`), ['11: There is no section "peopel"; did you mean "people"? \u00abpeopel\u00bb']);
  const event = (kind: string) => problems(`${BASE}events:\n  - { id: e1, name: E, kind: ${kind}, start: 2023-01-01, sources: [s1] }\n`);
  assert.deepEqual(event('sumit'), ['12: event e1 \u203a kind: "sumit" is not allowed here; did you mean "summit"? \u00absumit\u00bb']);
  assert.match(
    event('party')[0]!,
    /^12: event e1 \u203a kind: "party" is not allowed here; write one of: state visit, official visit, .*, appointment/,
  );
});

test('an id that refers to nothing gets a "did you mean" among the ids of the kinds it may refer to', () => {
  assert.deepEqual(problems(edit('office: ee-prime-minister, from', 'office: ee-prime-ministr, from')), [
    '10: person kadri-sepp \u203a office ee-prime-ministr \u203a office: no office has the id "ee-prime-ministr"; did you mean "ee-prime-minister"? \u00abee-prime-ministr\u00bb',
  ]);
  assert.deepEqual(problems(edit('from: 2023-01-01, sources: [s1]', 'from: 2023-01-01, sources: [reuters]')), [
    '10: person kadri-sepp \u203a office ee-prime-minister \u203a sources: no source has the id "reuters" \u00abreuters\u00bb',
  ]);
  assert.deepEqual(problems(`${BASE}  - { id: kadri-sepp, name: Kadri Sepp Jr, sources: [s1] }\n`), [
    '11: person kadri-sepp \u203a id: another person already has the id "kadri-sepp" (line 6); give each person its own id \u00abkadri-sepp\u00bb',
  ]);
});

test('a YAML syntax error is reported once, in plain words, on the line to fix', () => {
  assert.deepEqual(problems(edit('name: Kadri Sepp', 'name: "Kadri Sepp')), [
    '7: YAML: the double quote opened here is not closed on this line; end the text with ". \u00ab"Kadri Sepp\u00bb',
  ]);
  assert.deepEqual(problems(edit('name: Kadri Sepp', "name: 'Kadri Sepp")), [
    "7: YAML: the single quote opened here is not closed on this line; end the text with '. \u00ab'Kadri Sepp\u00bb",
  ]);
  assert.deepEqual(problems(edit('    name: Kadri Sepp', '\tname: Kadri Sepp')), [
    '7: YAML: this line is indented with a tab; indent with spaces only. \u00ab\t\u00bb',
  ]);
  assert.deepEqual(problems(edit('sources: [s1]\n    offices', 'sources: [s1\n    offices')), [
    '8: YAML: the list opened with [ here is not closed; end it with ]. \u00ab[\u00bb',
  ]);
  assert.deepEqual(problems(edit('name: Kadri Sepp', 'name: Kadri Sepp\n    note: Talks: day one')), [
    '8: YAML: a colon followed by a space inside a value starts a new field; put the value in quotes. \u00abTalks: day one\u00bb',
  ]);
  assert.deepEqual(problems(edit('    sources: [s1]\n    offices', '     sources: [s1]\n    offices')), [
    '8: YAML: this line is indented further than the fields above it, so it reads as part of the value on line 7; line it up with them. \u00absources: [s1]\u00bb',
  ]);
  assert.deepEqual(problems(edit('name: Kadri Sepp', 'name:Kadri Sepp')), [
    "7: YAML: write a space after the colon that ends a field's name. \u00ab:\u00bb",
  ]);
  assert.deepEqual(problems(edit('      - { office', '      -{ office')), [
    '10: YAML: write a space after the dash that starts a list item. \u00ab-\u00bb',
  ]);
  assert.deepEqual(problems(edit('name: Kadri Sepp', 'name: Kadri Sepp\n    name: K. Sepp')), [
    '8: YAML: "name" is written twice in this map (first on line 7); keep one. \u00abname\u00bb',
  ]);
  assert.deepEqual(problems(edit('name: Kadri Sepp', 'name: Kadri Sepp\n    note: "He said "yes" twice"')), [
    '8: YAML: more text follows a closing quote; put the whole value in the other kind of quotes ("…" or \'…\'), or leave the inner quotes out. \u00abyes" twice"\u00bb',
  ]);
});

test('each remaining schema and reference message, word for word: types, empty text, lists, numbers, count ranges, indentation', () => {
  assert.deepEqual(problems(edit('offices:\n      - {', 'offices:\n      - x\n      - {')), [
    '10: person kadri-sepp \u203a offices: write a map of fields (field: value) \u00abx\u00bb',
  ]);
  assert.deepEqual(problems(edit('name: Kadri Sepp', 'name: [Kadri, Sepp]')), [
    '7: person kadri-sepp \u203a name: write text \u00ab[Kadri, Sepp]\u00bb',
  ]);
  assert.deepEqual(problems(edit('name: Kadri Sepp', 'name: Kadri Sepp\n    officesComplete: maybe')), [
    '8: person kadri-sepp \u203a officesComplete: write true or false \u00abmaybe\u00bb',
  ]);
  assert.deepEqual(problems(edit('name: Kadri Sepp', 'name: ""')), [
    '7: person kadri-sepp \u203a name: write some text; it is empty \u00ab""\u00bb',
  ]);
  const document = (fields: string) =>
    problems(`${BASE}documents:\n  - { id: d1, title: D, kind: agreement, binding: false, phrases: [d], ${fields} }\n`);
  assert.deepEqual(document('sources: []'), ['12: document d1 \u203a sources: list at least one \u00ab[]\u00bb']);
  assert.deepEqual(document('count: 1, sources: [s1]'), ['12: document d1 \u203a count: write a number of at least 2 \u00ab1\u00bb']);
  assert.deepEqual(
    problems(
      `${BASE}events:\n  - { id: e1, name: E, kind: summit, start: 2023-01-01, sources: [s1] }\ndocumentCounts:\n` +
        '  - { id: c1, event: e1, nouns: [deals], counts: [{ min: 5, max: 3, said: x, sources: [s1] }], sources: [s1] }\n',
    ),
    ['14: document count c1 \u203a count #1 \u203a max: max (3) is below min (5) \u00ab3\u00bb'],
  );
  assert.deepEqual(problems(edit('    sources: [s1]\n    offices', '   sources: [s1]\n    offices')), [
    '8: YAML: this line is indented less than the fields of the list item above; line it up with them, or start a new item with "- ". \u00ab \u00bb',
  ]);
});

test("a term's days in office (on): a day of the calendar, within the term", () => {
  const on = (term: string) => problems(edit('from: 2023-01-01, sources: [s1]', `${term}, sources: [s1]`));
  assert.deepEqual(on('from: unknown, to: unknown, on: [2023-05-04]'), []);
  assert.deepEqual(on('from: 2023-01-01, on: [2022-12-31]'), [
    '10: person kadri-sepp \u203a office ee-prime-minister \u203a on: 2022-12-31 is outside the term (since 1 January 2023); a day in office falls within it \u00ab2022-12-31\u00bb',
  ]);
  assert.deepEqual(on('from: unknown, to: unknown, on: [2023-05]'), [
    '10: person kadri-sepp \u203a office ee-prime-minister \u203a on: write a day as YYYY-MM-DD: the days the office was held on \u00ab2023-05\u00bb',
  ]);
  assert.deepEqual(on('from: unknown, on: [2023-02-30]'), [
    '10: person kadri-sepp \u203a office ee-prime-minister \u203a on: 2023-02-30 is not a day of the calendar: February 2023 has 28 days \u00ab2023-02-30\u00bb',
  ]);
});
