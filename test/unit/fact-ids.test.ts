import assert from 'node:assert/strict';
import { test } from 'node:test';
import { idAt, idCompletions } from '../../server/src/fact-ids.js';
import { bundledFactsDir, readFactFiles } from '../../server/src/facts/files.js';
import { loadFactBase } from '../../server/src/facts/load.js';
import { compile } from '../../server/src/match/compile.js';

const facts = compile(loadFactBase(readFactFiles([bundledFactsDir()])).facts!);

/** The kinds of the ids offered where the text ends. */
const offered = (text: string) => [...new Set(idCompletions(text, text.length, facts).ids.map((f) => f.kind))].sort();

test('ids are offered by the field they are written in: block lists, flow lists and plain values', () => {
  assert.deepEqual(offered('people:\n  - id: someone\n    offices:\n      - office: china-pr'), ['office']);
  assert.deepEqual(offered('events:\n  - id: e\n    sources:\n      - aljazeera-announcement\n      - pres'), ['source']);
  assert.deepEqual(offered('events:\n  - id: e\n    participants:\n      - '), ['organisation', 'person']);
  assert.deepEqual(offered('events:\n  - { id: e, parent: vis'), ['event']);
  assert.deepEqual(offered('claims:\n  - id: c\n    claimedBy:\n      - { by: sno'), ['organisation', 'person']);
  assert.deepEqual(offered('people:\n  - id: x\n    name: Xi Ji'), [], 'a name is not an id');
  assert.deepEqual(offered('people:\n  - id: x'), [], 'nor is a new id');
  const typed = 'events:\n  - { id: e, parent: vis';
  const { start, end } = idCompletions(typed, typed.length, facts);
  assert.equal(typed.slice(start, end), 'vis', 'the typed part of the id is replaced');
});

test('the id under the cursor is found where it is referenced and where it is declared', () => {
  const text = 'people:\n  - id: xi-jinping\n    offices:\n      - { office: china-president, from: 2013-03-14 }\n';
  assert.equal(idAt(text, text.indexOf('china-president') + 3, facts)?.fact.kind, 'office');
  const own = idAt(text, text.indexOf('xi-jinping') + 1, facts);
  assert.deepEqual([own?.fact.label, text.slice(own!.start, own!.end)], ['Xi Jinping', 'xi-jinping']);
  assert.equal(idAt(text, text.indexOf('offices') + 1, facts), undefined, 'a key is not an id');
});
