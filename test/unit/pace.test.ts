import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_WAIT, waitAfterEdit } from '../../server/src/lsp/pace.js';

test('an edit is re-checked at once when re-checks are cheap, and coalesced for a slow draft', () => {
  assert.equal(waitAfterEdit(undefined), 0, 'before the first re-check: at once');
  assert.equal(waitAfterEdit(3), 0, 'a 3,000-word draft re-checks in a few ms: no wait');
  assert.equal(waitAfterEdit(40), 80, 'a slow re-check: wait twice its cost, so that fast typing is checked once per pause');
  assert.equal(waitAfterEdit(2000), MAX_WAIT, 'never more than the cap');
});
