import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withModifiers } from '../../server/src/match/compile.js';
import { pastPerfect } from '../../server/src/match/tense.js';

// Two small readers the topic flow and assessment-overstated rest on: which sentences are told in the past perfect
// (an aside about an earlier time), and the phrasings of an assessment's topics.

test('the past perfect is "had" before a participle, not "had" as a verb or before "to"', () => {
  for (const aside of [
    'Sepp had joined Laaneots in Riga in March.',
    'They had already met twice.',
    'He had never been to Riga.',
    'She had previously signed a memorandum.',
  ])
    assert.ok(pastPerfect(aside), aside);
  for (const plain of [
    'Sepp had talks with Lindqvist in Riga.',
    'They had a meeting in March.',
    'He had to leave early.',
    'Sepp joined Laaneots in Riga.',
  ])
    assert.ok(!pastPerfect(plain), plain);
});

test("a topic takes the modifiers the claim's other topics give its last word, not joining words", () => {
  const phrasings = withModifiers(['Push up prices', 'raise electricity prices', 'price rise']);
  assert.ok(phrasings.includes('push up electricity prices'));
  assert.ok(phrasings.includes('push up prices') && phrasings.includes('price rise'));
  assert.ok(!phrasings.some((p) => p.includes('gas')));
  assert.deepEqual(withModifiers(['evade sanctions', 'evasion of sanctions']).sort(), ['evade sanctions', 'evasion of sanctions']);
});
