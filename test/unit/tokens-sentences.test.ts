import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { sentencesOf } from '../../server/src/markdown/sentences.js';
import { tokenize } from '../../server/src/match/tokens.js';

/** Text made of what tokenizing and sentence breaking turn on: letters of several scripts, marks, digits, punctuation. */
const pieces = [
  'Xi',
  'Lukashenka',
  'a',
  'é',
  'e\u0301',
  'Ж',
  'щ',
  '中国',
  '\u{1D4B3}',
  '\u{1F600}',
  '٣',
  '12',
  'İ',
  'ß',
  ' ',
  '  ',
  '\u00a0',
  '.',
  '!',
  '?',
  '…',
  '。',
  ';',
  ',',
  '-',
  "'",
  '"',
  '“',
  '”',
  '(',
  ')',
  '\u2029',
  '\uFFFC',
  'Mr.',
  'U.S.',
  '\uD800',
  '\uDC00',
];
const text = fc
  .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 40 })
  .map((parts) => parts.join(''));

test('tokens are the maximal runs of letters, digits and marks, lowercased, in any script', () => {
  const reference = (s: string) =>
    [...s.matchAll(/[\p{L}\p{N}\p{M}]+/gu)].map((m) => ({
      start: m.index,
      end: m.index + m[0].length,
      text: m[0],
      lower: m[0].toLowerCase(),
    }));
  fc.assert(
    fc.property(text, (s) => assert.deepEqual(tokenize(s), reference(s))),
    { numRuns: 3000 },
  );
  assert.deepEqual(
    tokenize('Xi’s İstanbul-based \u{1D4B3}x').map((t) => t.lower),
    ['xi', 's', 'i̇stanbul', 'based', '\u{1D4B3}x'],
  );
});

test('a date with a shortened month or weekday is not cut at its full stop', () => {
  const texts = (t: string) => sentencesOf(t).map((s) => t.slice(s.start, s.end));
  assert.deepEqual(texts('They met on Mar. 2, 2023. He then left.'), ['They met on Mar. 2, 2023. ', 'He then left.']);
  assert.deepEqual(texts('They met on Wed. 1 March. He left on Thu. March 2. Done.'), [
    'They met on Wed. 1 March. ',
    'He left on Thu. March 2. ',
    'Done.',
  ]);
  assert.deepEqual(texts('It was held in Feb. The talks followed.'), ['It was held in Feb. ', 'The talks followed.']);
});

test('sentences are the ones the Unicode segmenter finds, also for the texts that skip it', () => {
  const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  const reference = (s: string) => [...segmenter.segment(s)].map(({ index, segment }) => ({ start: index, end: index + segment.length }));
  fc.assert(
    fc.property(text, (s) => assert.deepEqual(sentencesOf(s), reference(s))),
    { numRuns: 3000 },
  );
  for (const s of ['Talks in Beijing', 'He said so.” ', 'Done?! ', 'One. Two.', 'He left. )', 'A (b.) c']) {
    assert.deepEqual(sentencesOf(s), reference(s), s);
  }
});
