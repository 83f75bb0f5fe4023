import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { bundledFactsDir, readFactFiles } from '../../server/src/facts/files.js';
import { loadFactBase } from '../../server/src/facts/load.js';
import { compile, type FactIndex } from '../../server/src/match/compile.js';
import { findNames } from '../../server/src/match/names.js';
import { tokenize } from '../../server/src/match/tokens.js';
import { FIXTURES } from './paths.js';

function indexOf(paths: string[]): FactIndex {
  const loaded = loadFactBase(readFactFiles(paths));
  assert.ok(loaded.facts);
  return compile(loaded.facts);
}

const bases: [string, FactIndex][] = [
  ['bundled', indexOf([bundledFactsDir()])],
  ['summit', indexOf([join(FIXTURES, 'factbases', 'summit.facts.yaml')])],
];

const fuzzy = (text: string, index: FactIndex) =>
  findNames(text, tokenize(text), index)
    .filter((n) => n.fuzzy)
    .map((n) => n.text);

/** Ordinary English with many capitalised words, including words one letter away from an organisation's name. */
const ORDINARY = [
  'Chinese Foreign Minister Qin Gang met officials of the Chinese Foreign Ministry.',
  'The China Media Groups Association Met In March To Discuss Workers And First Automobile Workers.',
  'What Happened During The Visit? How Does Cooperation Between Belarus And China Help Russia?',
  'The Belarusian Foreign Ministry And The Chinese Ministers Of Finance Signed Agreements On Trade.',
  'President Biden, Chancellor Scholz And Prime Minister Meloni Attended The Summit In Brussels.',
  'The Nordic Energy Ministers And The Baltic Cable Operators Agreed In Riga On Monday.',
  'Energy Observatories Across The Nordic Countries Publish Monthly Reports On Consumers.',
  'The Consortia Building Baltic Cables Asked The Ministries For Loans.',
  'The NATO, OSCE, UNDP And IAEA Chiefs Met CIVIC Leaders, CITIES, FAO Staff And The BBC.',
  'BELTA, Citic And Faw Are Written Here In Other Cases, Not Misspelt.',
];

for (const [name, index] of bases) {
  test(`no near-miss names in ordinary capitalised English (${name} fact base)`, () => {
    for (const sentence of ORDINARY) assert.deepEqual(fuzzy(sentence, index), [], sentence);
  });
}

test('near misses of names are still found', () => {
  assert.deepEqual(fuzzy('Xi Jingping met Sergei Alienik and Golovchenco.', bases[0]![1]), [
    'Xi Jingping',
    'Sergei Alienik',
    'Golovchenco',
  ]);
  assert.deepEqual(fuzzy('Jonas Lindqvst met Kadri Sepq.', bases[1]![1]), ['Jonas Lindqvst', 'Kadri Sepq']);
});

test('letters swapped, and a look-alike letter in an acronym, are near misses of organisations and people', () => {
  assert.deepEqual(fuzzy('Xinhau and BeITA quoted Li Keqinag; CITlC did not.', bases[0]![1]), ['Xinhau', 'BeITA', 'Li Keqinag', 'CITlC']);
  assert.deepEqual(fuzzy('The NBEO and BaltCabel met Jonas Lindqivst.', bases[1]![1]), ['BaltCabel', 'Jonas Lindqivst']);
});

test('another romanisation of a name is no near miss; a slip of the keyboard still is', () => {
  const [, index] = bases[0]!;
  for (const variant of ['Aleksander Lukashenko', 'Aleksandr Lukashenko', 'Alyaksandr Lukashenka']) {
    assert.deepEqual(fuzzy(`${variant} arrived in Beijing.`, index), [], variant);
  }
  assert.deepEqual(fuzzy('Alexander Lukashnko arrived in Beijing.', index), ['Alexander Lukashnko']);
  // British and American spellings of an organisation's name are one name too.
  assert.deepEqual(fuzzy('Analysts at the Center for Eastern Studies disagreed.', index), []);
  assert.deepEqual(fuzzy('Vladmir Putin called.', index), ['Vladmir Putin']);
});
