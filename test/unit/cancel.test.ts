import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check } from '../../server/src/check.js';
import { bundledFactsDir, readFactFiles } from '../../server/src/facts/files.js';
import { loadFactBase } from '../../server/src/facts/load.js';
import { Rechecker } from '../../server/src/incremental.js';
import { compile } from '../../server/src/match/compile.js';

const index = compile(loadFactBase(readFactFiles([bundledFactsDir()])).facts!);
const draft = (n: number, word: string) =>
  Array.from({ length: n }, (_, i) => `${word} ${i + 1}. Lukashenka held talks with Xi Jinping in Beijing on 3 March 2023.\n`).join('\n');

/** A token that says "cancel" from its `after`-th reading on. */
const cancelAfter = (after: number) => {
  let reads = 0;
  return {
    get isCancellationRequested() {
      return ++reads > after;
    },
  };
};

test('a cancelled check returns nothing, and a check after it (of that text or another) equals a whole check', async () => {
  const text = draft(60, 'Item');
  const whole = check(text, index);
  assert.equal(whole.length, 60);
  // Stopped at every kind of place: after the parse, while reading blocks, while running the rules.
  for (const after of [1, 2, 30, 100, 130, 160]) {
    const checker = new Rechecker();
    assert.equal(await checker.checkUnless(text, index, {}, cancelAfter(after)), undefined, `stopped after ${after}`);
    assert.deepEqual(checker.check(text, index), whole, `the check after one stopped at ${after}`);
    const edited = text.replace('Item 7.', 'Point 7.').replace('3 March', '1 March');
    assert.deepEqual(checker.check(edited, index), check(edited, index));
  }
});

test('a cancellable check equals a whole check, also with a whole check of another text run on the same checker while it pauses', async () => {
  const text = draft(40, 'Note');
  const checker = new Rechecker();
  assert.deepEqual(await checker.checkUnless(text, index, {}, cancelAfter(Infinity)), check(text, index));
  const other = draft(40, 'Point');
  const running = checker.checkUnless(other, index, {}, cancelAfter(Infinity));
  assert.deepEqual(checker.check(text, index), check(text, index));
  assert.deepEqual(await running, check(other, index));
});
