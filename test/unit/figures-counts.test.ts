import assert from 'node:assert/strict';
import { test } from 'node:test';
import { itemsIn } from '../../server/src/match/analyse.js';
import { findCounts, nounAfter } from '../../server/src/match/counts.js';
import { findFigures, formatAmount } from '../../server/src/match/figures.js';
import { PhraseMatcher } from '../../server/src/match/phrases.js';
import { tokenize } from '../../server/src/match/tokens.js';

test('money figures: symbols, codes, words and magnitudes', () => {
  const cases: [string, string, number, string | undefined][] = [
    ['worth $3.5 billion in all', '$3.5 billion', 3.5e9, 'USD'],
    ['worth US$3.56 billion in all', 'US$3.56 billion', 3.56e9, 'USD'],
    ['worth USD 3.5bn in all', 'USD 3.5bn', 3.5e9, 'USD'],
    ['worth 3.5 billion dollars in all', '3.5 billion dollars', 3.5e9, 'USD'],
    ['worth 3.5 billion US dollars in all', '3.5 billion US dollars', 3.5e9, 'USD'],
    ['worth $1.5bn in all', '$1.5bn', 1.5e9, 'USD'],
    ['worth €4bn in all', '€4bn', 4e9, 'EUR'],
    ['worth 4 billion euros in all', '4 billion euros', 4e9, 'EUR'],
    ['worth $1,500,000 in all', '$1,500,000', 1.5e6, 'USD'],
    ['worth 3.5 billion in all', '3.5 billion', 3.5e9, undefined],
    ['worth $2.5m in all', '$2.5m', 2.5e6, 'USD'],
  ];
  for (const [text, written, value, currency] of cases) {
    const found = findFigures(text);
    assert.equal(found.length, 1, text);
    assert.equal(found[0]!.text, written, text);
    assert.equal(text.slice(found[0]!.start, found[0]!.end), written);
    assert.ok(Math.abs(found[0]!.value - value) < 1, `${text}: ${found[0]!.value}`);
    assert.equal(found[0]!.currency, currency, text);
  }
});

test('not money figures: decimal commas, bare numbers, years, units', () => {
  for (const text of ['the figure of 3,5 billion', 'in 2023 some 20 documents', 'a 5 m wall', 'version 1.2.3', 'about 3.5 per cent']) {
    assert.deepEqual(findFigures(text), [], text);
  }
  assert.deepEqual(findFigures('1'.repeat(5000) + ' and $'.repeat(100)), []);
});

test('formatAmount', () => {
  assert.equal(formatAmount(3.5e9, 'USD'), '$3.5 billion');
  assert.equal(formatAmount(4e9, 'EUR'), '€4 billion');
  assert.equal(formatAmount(1.25e6, 'tonnes'), '1.25 million tonnes');
});

function count(text: string): { text: string; min: number; max: number; noun?: string } {
  const tokens = tokenize(text);
  const nouns = new PhraseMatcher<string>();
  for (const n of ['documents', 'agreements', 'agreements and contracts', 'deals']) nouns.add(n, n);
  const matches = nouns.find(text, tokens);
  const found = findCounts(text, tokens);
  assert.equal(found.length, 1, `one count in ${JSON.stringify(text)}: ${JSON.stringify(found)}`);
  const c = found[0]!;
  const noun = nounAfter(text, tokens, c, new Map(matches.map((m) => [m.first, m])));
  return { text: text.slice(c.start, c.end), min: c.min, max: c.max, noun: noun && text.slice(noun.start, noun.end) };
}

test('counts and their ranges', () => {
  const close = (a: number, b: number) => Math.abs(a - b) < 1e-6;
  const cases: [string, string, number, number, string | undefined][] = [
    ['In addition, about 20 documents were signed.', 'about 20', 18, 22, 'documents'],
    ['Almost two dozen agreements were signed.', 'Almost two dozen', 19.2, 24, 'agreements'],
    ['They signed 27 agreements.', '27', 27, 27, 'agreements'],
    ['Four dozen agreements and contracts were signed.', 'Four dozen', 43.2, 52.8, 'agreements and contracts'],
    ['More than 50 deals were signed.', 'More than 50', 50, 75, 'deals'],
    ['At least twenty-seven documents.', 'At least twenty-seven', 27, Infinity, 'documents'],
    ['Up to 10 documents.', 'Up to 10', 0, 10, 'documents'],
    ['Dozens of agreements were signed.', 'Dozens of', 24, Infinity, 'agreements'],
    ['Some 27 intergovernmental, interdepartmental and interregional agreements.', 'Some 27', 24.3, 29.7, 'agreements'],
    ['Half a dozen deals.', 'Half a dozen', 5.4, 6.6, 'deals'],
    ['Three dozen deals.', 'Three dozen', 32.4, 39.6, 'deals'],
    ['Nearly four dozen deals.', 'Nearly four dozen', 38.4, 48, 'deals'],
    ['They signed a dozen or so documents.', 'a dozen or so', 10.8, 13.2, 'documents'],
    ['They signed 20 or more deals.', '20 or more', 20, Infinity, 'deals'],
    ['They signed 40-odd agreements.', '40-odd', 40, 50, 'agreements'],
    ['They signed some 30 odd documents.', 'some 30', 27, 33, 'documents'],
    ['One of the documents was a memorandum.', 'One', 1, 1, undefined],
  ];
  for (const [text, written, min, max, noun] of cases) {
    const c = count(text);
    assert.equal(c.text, written, text);
    assert.ok(close(c.min, min), `${text}: min ${c.min}`);
    assert.ok(c.max === max || close(c.max, max), `${text}: max ${c.max}`);
    assert.equal(c.noun, noun, text);
  }
});

test('not counts: decimals, ranges, percentages, thousands', () => {
  for (const text of ['3.5 documents', '20-25 documents', '15% of documents', '1,000 documents']) {
    assert.deepEqual(findCounts(text, tokenize(text)), [], text);
  }
});

test('itemsIn finds the items inside a span by binary search', () => {
  const items = [
    { start: 0, end: 2 },
    { start: 3, end: 5 },
    { start: 4, end: 9 },
    { start: 10, end: 12 },
  ];
  assert.deepEqual(itemsIn(items, { start: 3, end: 9 }), [items[1], items[2]]);
  assert.deepEqual(itemsIn(items, { start: 3, end: 8 }), [items[1]]);
  assert.deepEqual(itemsIn(items, { start: 13, end: 20 }), []);
});
