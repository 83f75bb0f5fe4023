import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bundledFactsDir, readFactFiles } from '../../server/src/facts/files.js';
import { loadFactBase } from '../../server/src/facts/load.js';
import { toProse } from '../../server/src/markdown/parse.js';
import { compile } from '../../server/src/match/compile.js';
import { readInOrder } from '../../server/src/match/evidence.js';
import { aboutDefaultEvent, inGlobs } from '../../server/src/scope.js';

const loaded = loadFactBase(readFactFiles([bundledFactsDir()]));
assert.ok(loaded.facts);
const index = compile(loaded.facts);
const about = (text: string) => aboutDefaultEvent(readInOrder(toProse(text).blocks, index));

test('a draft is about the bundled event when it names one of its people or the event itself', () => {
  assert.equal(about('# Release notes\n\nThe build now runs on Node 20. Released on 3 March 2023.\n'), false);
  assert.equal(about('The state visit was a success, and the summit too.\n'), false, 'a kind of event names no event');
  assert.equal(about('Notes.\n\nAlexander Lukashenka spoke.\n'), true);
  assert.equal(about('Notes on the visit to China.\n'), true);
  assert.equal(about('Alexander Lukashenkko spoke.\n'), false, 'a near miss is no evidence');
  assert.equal(about(''), false);
});

test('include and exclude globs are relative to their folder; exclude wins', () => {
  const globs = { base: '/ws', include: ['drafts/**'], exclude: ['**/old/**'] };
  assert.equal(inGlobs(globs, '/ws/drafts/a.md'), true);
  assert.equal(inGlobs(globs, '/ws/drafts/old/a.md'), false);
  assert.equal(inGlobs(globs, '/ws/notes/a.md'), false);
  assert.equal(inGlobs({ base: '/ws', include: [], exclude: [] }, '/elsewhere/a.md'), true, 'no globs: everything');
  assert.equal(inGlobs({ base: '/ws', include: [], exclude: ['*.md'] }, '/ws/.hidden.md'), false, 'dot files match');
});
