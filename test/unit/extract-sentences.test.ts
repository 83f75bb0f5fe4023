import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parse } from 'yaml';
import { type Base, byId, cli, type Item, section } from './fact-base-items.js';

// `factlint facts extract` on kinds of sentences a first run on real reporting read wrongly; every source here is
// written for these tests.

const dir = mkdtempSync(join(tmpdir(), 'factlint-extract-sentences-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Writes each source (name → text) and runs facts extract on them with the extra arguments. */
function extract(sources: Record<string, string>, ...args: string[]): { code: number | null; base: Base; err: string } {
  for (const [name, text] of Object.entries(sources)) writeFileSync(join(dir, name), text);
  const run = cli(dir, ['facts', 'extract', ...Object.keys(sources), ...args]);
  return { code: run.status, base: (run.status === 0 ? parse(run.stdout) : {}) as Base, err: run.stderr };
}

test('--date given once per source dates each source in order; another number of dates is refused', () => {
  const sources = {
    'first.txt': 'First report\n\nThe minister of trade Oren Talvik said the fair went well.\n',
    'second.txt': 'Second report\n\nThe minister of trade Oren Talvik said the fair closed.\n',
  };
  const run = extract(sources, '--date', '2025-04-01', '--date', '2025-04-09');
  assert.equal(run.code, 0, run.err);
  assert.deepEqual(
    section(run.base, 'sources').map((s) => [s.file, s.date]),
    [
      ['first.txt', '2025-04-01'],
      ['second.txt', '2025-04-09'],
    ],
  );
  const one = extract(sources, '--date', '2025-04-01');
  assert.deepEqual(
    section(one.base, 'sources').map((s) => s.date),
    ['2025-04-01', '2025-04-01'],
  );
  const wrong = extract(sources, '--date', '2025-04-01', '--date', '2025-04-02', '--date', '2025-04-03');
  assert.equal(wrong.code, 2);
  assert.match(wrong.err, /--date was given 3 times for 2 sources/);
});

test('near spellings of one person in two sources are one person, whichever source names them in full', () => {
  const run = extract({
    'short.txt': 'Short report\n\nPresident Varamenko said on 3 June 2025 that the talks went well. Varamenko then left the capital.\n',
    'full.txt': 'Full report\n\nEstonian President Ivar Varamenka met the press on 3 June 2025. Varamenka said little.\n',
  });
  assert.equal(run.code, 0, run.err);
  const people = section(run.base, 'people');
  assert.equal(people.length, 1, people.map((p) => p.name).join(', '));
  assert.ok((people[0]!.spellings as string[]).includes('Ivar Varamenka'));
  // Two people of one family, each named in full, stay two.
  const family = extract({
    'mother.txt': 'Mother report\n\nEstonian President Maret Kallasmaa said on 3 June 2025 that Kallasmaa would stay.\n',
    'son.txt': 'Son report\n\nEstonian Minister Joosep Kallasmaa said on 4 June 2025 that Kallasmaa would go.\n',
  });
  assert.deepEqual(
    section(family.base, 'people').map((p) => p.name),
    ['Maret Kallasmaa', 'Joosep Kallasmaa'],
  );
});

test('documents of one kind with other parties stay apart; "an agreement and a memorandum on X" is two documents', () => {
  const run = extract({
    'deals.txt':
      'Deals report\n\n' +
      'A memorandum of understanding was signed between the Port of Tallinn and Nordlane. ' +
      'A memorandum of understanding was signed between the Ministry of Roads and Ports of Estonia and Finland. ' +
      'The ministers signed an agreement and a memorandum on customs cooperation.\n',
  });
  assert.equal(run.code, 0, run.err);
  const docs = section(run.base, 'documents');
  assert.deepEqual(
    docs.map((d) => [d.kind, d.parties ?? []]),
    [
      ['memorandum of understanding', ['Port of Tallinn', 'Nordlane']],
      ['memorandum of understanding', ['Ministry of Roads and Ports of Estonia', 'Finland']],
      ['memorandum of understanding', []],
      ['agreement', []],
    ],
  );
  assert.equal(new Set(docs.map((d) => d.id)).size, 4);
  assert.deepEqual(
    docs.slice(2).map((d) => d.title),
    ['Memorandum on customs cooperation', 'Agreement on customs cooperation'],
  );
});

test('only a verb of signing makes the people named with a document its parties', () => {
  const run = extract({
    'paper.txt':
      'Paper report\n\n' +
      'Estonian President Ivar Varamenka endorsed the position paper on the settlement of the dispute. ' +
      'Ivar Varamenka and Finnish President Aino Lehto signed a joint statement on Baltic cooperation.\n',
  });
  assert.equal(run.code, 0, run.err);
  assert.equal(byId(run.base, 'documents', 'position-paper-on-the-settlement-of-the-dispute').parties, undefined);
  assert.deepEqual(byId(run.base, 'documents', 'joint-statement-on-baltic-cooperation').parties, ['Ivar Varamenka', 'Aino Lehto']);
});

test('a country name before a title gives the office its country; a title stops at the name after its country', () => {
  const run = extract({
    'titles.txt':
      'Titles report\n\n' +
      "Estonia President Ivar Varamenka met Finland's President Aino Lehto on 3 June 2025. " +
      'President of Estonia Ivar Varamenka and President of Finland Aino Lehto adopted a joint statement on the sea.\n',
  });
  assert.equal(run.code, 0, run.err);
  assert.deepEqual(
    section(run.base, 'offices').map((o) => [o.id, o.title, o.country]),
    [
      ['president-estonia', 'President', 'Estonia'],
      ['president-finland', 'President', 'Finland'],
    ],
  );
});

test('a visit "to the Finnish capital by X": the capital is the place and X the visitor', () => {
  const run = extract({
    'visit.txt': 'Visit report\n\nThe state visit to the Finnish capital by Estonian President Ivar Varamenka began on 3 June 2025.\n',
  });
  assert.equal(run.code, 0, run.err);
  const visit = byId(run.base, 'events', 'visit-helsinki-2025');
  assert.deepEqual([visit.place, visit.visitors, visit.kind], ['Helsinki', ['ivar-varamenka'], 'state visit']);
});

test('a claimant after "according to" is the whole noun phrase', () => {
  const run = extract({
    'trade.txt':
      'Trade report\n\n' +
      'According to Estonian customs officials, the annual trade reached $4.2 billion in 2024. ' +
      'The investment will reach $2 billion, according to the head of the Bank of Estonia.\n',
  });
  assert.equal(run.code, 0, run.err);
  assert.deepEqual(
    section(run.base, 'claims').map((c) => (c.claimedBy as Item[])[0]!.by),
    ['estonian-customs-officials', 'head-of-the-bank-of-estonia'],
  );
  assert.deepEqual(
    section(run.base, 'organisations').map((o) => o.name),
    ['Estonian customs officials', 'Head of the Bank of Estonia'],
  );
});

test('"leader" is no office beside a title of office the source gives the same person', () => {
  const run = extract({
    'leader.txt': 'Leader report\n\nFinnish leader Aino Lehto opened the fair on 3 June 2025. Finnish President Aino Lehto spoke first.\n',
  });
  assert.equal(run.code, 0, run.err);
  assert.deepEqual(
    section(run.base, 'offices').map((o) => o.title),
    ['President'],
  );
  assert.equal(byId(run.base, 'people', 'aino-lehto').country, 'Finland');
});
