import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { partitionPoint } from '../../server/src/search.js';

test('partitionPoint finds where a sorted list stops being before a value, as a scan from the start would', () => {
  const sorted = fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 40 }).map((xs) => xs.sort((a, b) => a - b));
  fc.assert(
    fc.property(sorted, fc.integer({ min: -60, max: 60 }), (xs, value) => {
      const scan = (before: (x: number) => boolean) => {
        const i = xs.findIndex((x) => !before(x));
        return i < 0 ? xs.length : i;
      };
      assert.equal(
        partitionPoint(xs.length, (i) => xs[i]! < value),
        scan((x) => x < value),
      );
      assert.equal(
        partitionPoint(xs.length, (i) => xs[i]! <= value),
        scan((x) => x <= value),
      );
    }),
    { numRuns: 2000, seed: 13 },
  );
  assert.equal(
    partitionPoint(0, () => true),
    0,
  );
});
