import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { check } from '../../server/src/check.js';
import { loadFactBase } from '../../server/src/facts/load.js';
import { compile } from '../../server/src/match/compile.js';
import { FIXTURES } from './paths.js';

/** The summit fact base, with the ministerial talks' list of participants marked complete or not. */
function summit(complete: boolean) {
  const path = join(FIXTURES, 'factbases', 'summit.facts.yaml');
  const raw = parse(readFileSync(path, 'utf8')) as { events: { id: string; participantsComplete?: boolean }[] };
  for (const e of raw.events) if (e.id === 'summit-talks') e.participantsComplete = complete;
  const loaded = loadFactBase([{ path, text: JSON.stringify(raw) }]);
  assert.ok(loaded.facts, loaded.problems.map((p) => p.message).join('; '));
  return compile(loaded.facts);
}

const draft = '# The Tallinn energy summit, 14–15 May 2031\n\nBērziņa also sat in on the ministerial talks on 14 May.\n';
const absent = (complete: boolean) =>
  check(draft, summit(complete))
    .filter((f) => f.rule === 'participant-absent')
    .map((f) => draft.slice(f.start, f.end));

test('someone at the summit placed at a part of it is flagged only when the part lists everyone who took part', () => {
  assert.deepEqual(absent(true), ['Bērziņa']);
  assert.deepEqual(absent(false), []);
});
