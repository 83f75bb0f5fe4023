import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completions, replacedLength } from '../../server/src/complete.js';
import { bundledFactsDir, readFactFiles } from '../../server/src/facts/files.js';
import { loadFactBase } from '../../server/src/facts/load.js';
import { compile } from '../../server/src/match/compile.js';

const loaded = loadFactBase(readFactFiles([bundledFactsDir()]));
assert.ok(loaded.facts);
const index = compile(loaded.facts);

test('completions offer the house forms: preferred spellings, office titles, events, documents', () => {
  const list = completions(index);
  const texts = new Set(list.map((c) => c.text));
  const luk = [...index.facts.people.values()].find((p) => p.preferred.includes('Lukashenka'))!;
  for (const form of luk.preferred) assert.ok(texts.has(form), form);
  for (const form of luk.spellings.filter((s) => !luk.preferred.includes(s)))
    assert.ok(!texts.has(form), `not the accepted-but-not-house ${form}`);
  for (const form of luk.misspellings) assert.ok(!texts.has(form), `never a misspelling: ${form}`);
  const premier = list.find((c) => c.kind === 'person' && c.text === 'Li Keqiang');
  assert.match(premier?.detail ?? '', /Premier .* on 2023-02-28/, "a person's office on the day the event began");
  assert.ok(
    list.some((c) => c.kind === 'event'),
    'events',
  );
  assert.ok(
    list.some((c) => c.kind === 'document'),
    'documents',
  );
  assert.equal(new Set(list.map((c) => c.text)).size, list.length, 'each text once');
});

test('a completion replaces the whole words before the cursor that it starts with', () => {
  assert.equal(replacedLength('He met Xi Ji', 'Xi Jinping'), 'Xi Ji'.length);
  assert.equal(replacedLength('He met xi ji', 'Xi Jinping'), 'xi ji'.length, 'ignoring case');
  assert.equal(replacedLength('He met Lukash', 'Alexander Lukashenka'), 'Lukash'.length, 'no match: the word at the cursor');
  assert.equal(replacedLength('Taxi Ji', 'Xi Jinping'), 'Ji'.length, 'only from the start of a word');
  assert.equal(replacedLength('He met ', 'Xi Jinping'), 0);
});
