import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { check } from '../../server/src/check.js';
import { readFactFiles } from '../../server/src/facts/files.js';
import { loadFactBase } from '../../server/src/facts/load.js';
import { compile } from '../../server/src/match/compile.js';
import { FIXTURES } from './paths.js';

const index = compile(loadFactBase(readFactFiles([join(FIXTURES, 'factbases', 'summit.facts.yaml')])).facts!);
const wrong = (sentence: string) =>
  check(`# The Tallinn energy summit, 14–15 May 2031\n\n${sentence}\n`, index)
    .filter((f) => f.rule === 'office-wrong-person')
    .map((f) => f.message);

test("an office written with another country's name is judged for a person the fact base places in a country", () => {
  assert.deepEqual(wrong('On 15 May 2031, Swedish Energy Minister Mart Laaneots signed the memorandum.'), [
    'Mart Laaneots is not recorded as Minister for Energy of Sweden at any time; on 15 May 2031 the office was held by Jonas Lindqvist.',
  ]);
  assert.deepEqual(wrong('On 15 May 2031, Estonian Energy Minister Mart Laaneots signed the memorandum.'), []);
  // Without the country, "Energy Minister" is read as the office of his own country, which he held.
  assert.deepEqual(wrong('On 15 May 2031, Energy Minister Mart Laaneots signed the memorandum.'), []);
});
