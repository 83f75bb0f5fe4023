import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_WAIT, waitAfterEdit } from '../../server/src/lsp/pace.js';

test('an edit is re-checked at once when re-checks are cheap, and coalesced for a slow draft', () => {
  assert.equal(waitAfterEdit(undefined), 0, 'before the first re-check: at once');
  assert.equal(waitAfterEdit([3]), 0, 'a 3,000-word draft re-checks in a few ms: no wait');
  assert.equal(waitAfterEdit([30]), 0, 'nor on a busy machine');
  assert.equal(waitAfterEdit([60, 70, 65]), 120, 'slow re-checks: wait twice the cost, so that fast typing is checked once per pause');
  assert.equal(waitAfterEdit([2000, 2100, 1900]), MAX_WAIT, 'never more than the cap');
  assert.equal(waitAfterEdit([3, 90, 4]), 0, 'one check slowed by other work does not make the next wait');
  assert.equal(waitAfterEdit([3, 3, 60, 70, 65]), 120, 'only the last three count');
});
