import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parse } from 'yaml';
import { slug } from '../../server/src/extract/found.js';
import { assertLoads, type Base, byId, cli, type Item, section } from './fact-base-items.js';

// `factlint facts extract` on kinds of sentences and source layouts a second round on real reporting read wrongly or
// not at all; every source here is written for these tests, in the forms of readouts and wire reports.

const dir = mkdtempSync(join(tmpdir(), 'factlint-extract-sources-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function extract(name: string, text: string, ...args: string[]): { base: Base; out: string } {
  writeFileSync(join(dir, name), text);
  const run = cli(dir, ['facts', 'extract', name, ...args]);
  assert.equal(run.status, 0, run.stderr);
  // Never a fact base that facts check rejects.
  writeFileSync(join(dir, 'out.facts.yaml'), run.stdout);
  assertLoads(dir, 'out.facts.yaml');
  return { base: parse(run.stdout) as Base, out: run.stdout };
}
const officesOf = (base: Base, person: string) =>
  ((byId(base, 'people', person).offices as Item[] | undefined) ?? []).map((o) => byId(base, 'offices', String(o.office)));

/** Runs `facts extract` on a source written to the folder, merging into `file`; what it printed on stderr and its exit code. */
function extractInto(file: string, name: string, text: string, date: string): { status: number | null; stderr: string } {
  writeFileSync(join(dir, name), text);
  return cli(dir, ['facts', 'extract', name, '--date', date, '-o', file]);
}

test('a Markdown source names its publisher and date in front matter; a wire text in its dateline and date line', () => {
  const md = extract(
    'readout.md',
    '---\ntitle: Talks in Tallinn\npublisher: Office of the President of Norland\ndate: 2025-06-03\n---\n\n# Talks in Tallinn\n\nThe talks went well.\n',
  );
  assert.deepEqual(
    section(md.base, 'sources').map((s) => [s.title, s.publisher, s.date]),
    [['Talks in Tallinn', 'Office of the President of Norland', '2025-06-03']],
  );
  const wire = extract(
    'wire.txt',
    'Norland and Estonia sign trade pact\n\n4 June 2025, 09:12\n\nTALLINN, 4 June (Nordwire) – The two governments signed a trade pact.\n',
  );
  assert.deepEqual(
    section(wire.base, 'sources').map((s) => [s.publisher, s.date]),
    [['Nordwire', '2025-06-04']],
  );
  const capitals = extract('caps.txt', 'Pact signed\n\nRIGA. BALTINFORM The two governments signed a trade pact.\n');
  assert.equal(section(capitals.base, 'sources')[0]!.publisher, 'Baltinform');
});

test('a date line of figures only gives the year, so an older date in the text does not set the year of the visit', () => {
  const { base } = extract(
    'visit.txt',
    'Norland leader wraps up visit\n\nMonday, 09/06/2025 | 08:00\n\n' +
      'Norland President Ivar Talvik on June 8 concluded his two-day State visit to Estonia at the invitation of Estonian President Kadri Saar. ' +
      'The two countries first signed a trade treaty on March 3, 1994.\n',
  );
  const visit = byId(base, 'events', 'visit-estonia-2025');
  assert.deepEqual(
    [visit.kind, visit.start, visit.end, visit.visitors, visit.hosts],
    ['state visit', '2025-06-07', '2025-06-08', ['ivar-talvik'], ['kadri-saar']],
  );
});

test('a visit dated in a later sentence about it; its host from "at the invitation of"; "He met …" is the visitor', () => {
  const { base } = extract(
    'arrival.txt',
    'Talvik arrives in Tallinn\n\nNorland President Ivar Talvik arrived in Tallinn on Monday for a state visit to Estonia.\n\n' +
      'The visit, at the invitation of Estonian President Kadri Saar, is scheduled for June 2 to 4.\n\n' +
      'During the visit, Talvik joined Saar at a welcoming ceremony. He met with Prime Minister Mart Ilves.\n',
    '--date',
    '2025-06-02',
  );
  const visit = byId(base, 'events', 'visit-estonia-2025');
  assert.deepEqual([visit.start, visit.end, visit.visitors, visit.hosts], ['2025-06-02', '2025-06-04', ['ivar-talvik'], ['kadri-saar']]);
  const meeting = byId(base, 'events', 'meeting-ivar-talvik-mart-ilves');
  assert.deepEqual([meeting.participants, meeting.parent], [['ivar-talvik', 'mart-ilves'], 'visit-estonia-2025']);
});

test('the guest of a visit is the one welcomed, or the subject met with a counterpart; an earlier meeting is another event', () => {
  const { base } = extract(
    'guest.txt',
    'Saar meets Talvik\n\nEstonian President Kadri Saar met her counterpart Ivar Talvik on Tuesday at the start of a three-day visit to Norland. ' +
      'Saar and Talvik met for the first time last September at a summit in Vilnius.\n',
    '--date',
    '2025-02-11',
  );
  assert.deepEqual(byId(base, 'events', 'visit-norland-2025').visitors, ['kadri-saar']);
  assert.deepEqual(byId(base, 'people', 'ivar-talvik').name, 'Ivar Talvik', 'a name after "counterpart" is a person');
  assert.equal(byId(base, 'events', 'meeting-ivar-talvik-kadri-saar').parent, 'visit-norland-2025');
  const earlier = byId(base, 'events', 'meeting-ivar-talvik-kadri-saar-2024-09');
  assert.deepEqual([earlier.start, earlier.place, earlier.parent], ['2024-09', 'Vilnius', undefined]);
  const welcome = extract(
    'welcome.txt',
    'Welcome\n\nNorland President Ivar Talvik welcomed Estonian President Kadri Saar to Oslund on 2 June 2025, at the start of an official visit to Norland.\n',
  );
  assert.deepEqual(byId(welcome.base, 'events', 'visit-norland-2025').visitors, ['kadri-saar']);
});

test('titles end at words of address and before another title; Acting titles; US qualifier; a country is no person', () => {
  const { base } = extract(
    'signing.txt',
    'Fund signed\n\nIn the presence of US President Dana Whitcombe and Sunak, a memorandum on an investment fund between Norland and the United Kingdom was signed. ' +
      'It was signed by Minister of Oil and Acting Minister of Finance Dr Saad Al-Harbi, and by Minister of Investment Lord Peter Ashdown. ' +
      'On the other side, the United Kingdom was represented by its trade envoy.\n',
  );
  assert.deepEqual(
    officesOf(base, 'saad-al-harbi').map((o) => o.title),
    ['Acting Minister of Finance'],
  );
  assert.deepEqual(
    officesOf(base, 'peter-ashdown').map((o) => o.title),
    ['Minister of Investment'],
  );
  assert.deepEqual(
    officesOf(base, 'dana-whitcombe').map((o) => [o.title, o.country]),
    [['President', 'United States']],
  );
  assert.ok(!section(base, 'people').some((p) => p.name === 'United Kingdom'), 'a country is no person');
});

test('one person under a middle name and without it; a title without country beside the same with one is one office', () => {
  const { base } = extract(
    'names.txt',
    'Visit\n\nEstonian President Ivar Anders Talvik met the press on 3 June 2025. ' +
      '"Dear President Talvik, welcome," the host said. Ivar Talvik thanked him.\n',
  );
  assert.deepEqual(
    section(base, 'people').map((p) => p.name),
    ['Ivar Anders Talvik'],
  );
  assert.deepEqual(
    officesOf(base, 'ivar-anders-talvik').map((o) => [o.title, o.country]),
    [['President', 'Estonia']],
  );
});

test('documents signed in the plural without a visit: the count belongs to the talks; long ids are cut between words', () => {
  const { base } = extract(
    'talks.txt',
    'Talks in Tallinn\n\nOn 3 June 2025, Estonian President Kadri Saar held talks with Norland President Ivar Talvik in Tallinn. ' +
      'Following the talks, seven agreements were signed. ' +
      'The sides signed a joint declaration on deepening the comprehensive partnership between Estonia and Norland in the decade ahead.\n',
  );
  const count = byId(base, 'documentCounts', 'talks-ivar-talvik-kadri-saar-documents');
  assert.equal(count.event, 'talks-ivar-talvik-kadri-saar');
  assert.deepEqual(
    (count.counts as Item[]).map((c) => [c.min, c.max, c.said]),
    [[7, 7, 'seven agreements']],
  );
  assert.deepEqual(
    section(base, 'documents').map((d) => d.id),
    ['joint-declaration-on-deepening-the-comprehensive-partnership'],
  );
  assert.equal(slug(`${'x'.repeat(70)} y`), 'x'.repeat(60), 'a word longer than an id is cut within');
  assert.equal(
    slug('Memorandum of understanding on co-operation between the State Control Committee'),
    'memorandum-of-understanding-on-co-operation',
  );
});

test('a sole "leader" stays a candidate office of the country, with a note asking for the office held', () => {
  const { base } = extract(
    'leader.txt',
    'Report\n\nThe talks between the Estonian leader and Norland President Ivar Talvik ran late. Kadri Saar visited Norland. Saar spoke. Saar left.\n',
  );
  const leader = section(base, 'offices').find((o) => o.title === 'Leader');
  assert.ok(leader);
  assert.equal(leader.country, 'Estonia');
  assert.match(String(leader.note), /no office, only "Estonian leader".*write the office held/);
});

test('"on Tuesday" is the day of that name in the week of the source date; a visit paid to a person is a meeting', () => {
  const { base } = extract(
    'call.txt',
    'Ties hailed\n\nOSLUND: Estonian Prime Minister Mart Ilves paid a visit on Tuesday to Norland Prime Minister Ivar Talvik at the Government House in Oslund. ' +
      'During the meeting, Ilves and Talvik discussed trade.\n',
    '--date',
    '2025-06-05',
  );
  const meetings = section(base, 'events');
  assert.deepEqual(
    meetings.map((e) => [e.id, e.kind, e.start, e.place]),
    [['meeting-ivar-talvik-mart-ilves', 'meeting', '2025-06-03', 'Oslund']],
  );
});

test('parties split where "and the" starts the second one; a title stops before "and" with a verb', () => {
  const { base } = extract(
    'parties.txt',
    'Signed\n\nOn 3 June 2025 a memorandum of understanding was signed between the Estonian Ministry of Roads and Bridges and the Ministry of Transport and Digital Affairs of Norland. ' +
      'On 4 June 2025 the leaders signed a joint declaration on establishing a strategic partnership and implement a new plan of action.\n',
  );
  const [memo, declaration] = section(base, 'documents');
  assert.deepEqual(memo!.parties, ['Estonian Ministry of Roads and Bridges', 'Ministry of Transport and Digital Affairs of Norland']);
  assert.equal(declaration!.title, 'Joint declaration on establishing a strategic partnership');
});

test('a meeting named in a headline is dated by a later sentence; "the two leaders met" are the two named before; a visit starts on the day "at the start of" it', () => {
  const { base } = extract(
    'summit.txt',
    'Saar meets Talvik in state visit to Norland\n\n' +
      'Estonian President Kadri Saar met Norland President Ivar Talvik on Tuesday at the start of a three-day state visit to Norland. ' +
      'Saar and Talvik agreed to upgrade ties. The news came as the two leaders met in Oslund on 10 June.\n',
    '--date',
    '2025-06-10',
  );
  const visit = byId(base, 'events', 'visit-norland-2025');
  assert.deepEqual([visit.start, visit.end, visit.visitors], ['2025-06-10', '2025-06-12', ['kadri-saar']]);
  const meetings = section(base, 'events').filter((e) => e.kind === 'meeting');
  assert.deepEqual(
    meetings.map((e) => [e.id, e.start, e.place, e.parent]),
    [['meeting-ivar-talvik-kadri-saar', '2025-06-10', 'Oslund', 'visit-norland-2025']],
  );
  assert.match(String((meetings[0]!.quotes as Item[])[0]!.text), /^Estonian President Kadri Saar met/);
});

test('a nameless title goes to the main person only when it can be theirs: not the visited country, not a name in apposition', () => {
  const visit = extract(
    'host.txt',
    'Report\n\nThe writer Kadri Saar arrived in Helsinki on Wednesday for a state visit. ' +
      'Saar spoke with the Finnish leader about trade. Saar left. Saar wrote.\n',
  );
  assert.equal(byId(visit.base, 'people', 'kadri-saar').offices, undefined, 'the host country’s leader is not the visitor');
  const apposed = extract(
    'apposed.txt',
    'Report\n\nIt was the Finnish president himself, Aino Lehto, who said that Kadri Saar visited. Kadri Saar met him. Kadri Saar spoke. Kadri Saar left.\n',
  );
  assert.equal(byId(apposed.base, 'people', 'kadri-saar').offices, undefined, 'the title is the named one’s');
});

test('"the heads of government signed" a document: its parties are the two named together before; "FM" is a title', () => {
  const { base } = extract(
    'memo.txt',
    'Memo signed\n\nOn 3 June 2025 Estonian Prime Minister Kadri Saar held talks with Finnish Prime Minister Aino Lehto in Helsinki. ' +
      'After the talks, the heads of government signed a memorandum on energy links. Estonian FM Mart Ilves attended.\n',
  );
  assert.deepEqual(byId(base, 'documents', 'memorandum-on-energy-links-kadri-saar-aino-lehto').parties, ['Kadri Saar', 'Aino Lehto']);
  assert.deepEqual(
    officesOf(base, 'mart-ilves').map((o) => [o.title, o.country]),
    [['FM', 'Estonia']],
  );
});

test("a term is held on the source's date (on:); a second source adds its day; a day outside a term as written is a conflict", () => {
  const file = join(dir, 'terms.facts.yaml');
  const write = (name: string, text: string, date: string) => extractInto(file, name, text, date);
  rmSync(file, { force: true });
  write('first.txt', 'First\n\nEstonian President Kadri Saar opened the fair.\n', '2025-06-03');
  write('second.txt', 'Second\n\nEstonian President Kadri Saar closed the fair.\n', '2025-06-09');
  const term = () => (byId(parse(readFileSync(file, 'utf8')) as Base, 'people', 'kadri-saar').offices as Item[])[0]!;
  // Held on those days; when the term began, and whether it has ended, the sources do not say.
  assert.deepEqual([term().from, term().to, term().on], ['unknown', 'unknown', ['2025-06-03', '2025-06-09']]);
  // Reviewed: the term ended on 10 June. A report of 12 June is not written into it, but listed.
  writeFileSync(file, readFileSync(file, 'utf8').replace(/( {8}to: )unknown\n/, '$12025-06-10\n'));
  const run = write('third.txt', 'Third\n\nEstonian President Kadri Saar spoke.\n', '2025-06-12');
  assert.match(run.stderr, /conflict: person kadri-saar › office president-estonia › on: [a-z-]+ says held on 2025-06-12/);
  assert.deepEqual(term().on, ['2025-06-03', '2025-06-09']);
  assertLoads(dir, file);
});

test('a term reviewed as still held (no to) stays so when another source names the office', () => {
  const file = join(dir, 'held.facts.yaml');
  const run = (name: string, date: string) => extractInto(file, name, 'Report\n\nEstonian President Kadri Saar opened the fair.\n', date);
  rmSync(file, { force: true });
  run('held-1.txt', '2025-06-03');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/ {8}to: unknown\n/, ''));
  run('held-2.txt', '2025-06-09');
  const term = (byId(parse(readFileSync(file, 'utf8')) as Base, 'people', 'kadri-saar').offices as Item[])[0]!;
  assert.deepEqual([term.from, term.to, term.on], ['unknown', undefined, ['2025-06-03', '2025-06-09']]);
});

test('"X met with Prime Minister A and the chairman of …, B": a meeting with each; "met with A and B" untitled stays one', () => {
  const separate = extract(
    'two.txt',
    'Report\n\nOn 3 June 2025, Kadri Saar met with Prime Minister Mart Ilves and the chairman of the State Assembly, Aino Lehto.\n',
  );
  assert.deepEqual(
    section(separate.base, 'events').map((e) => e.participants),
    [
      ['kadri-saar', 'mart-ilves'],
      ['kadri-saar', 'aino-lehto'],
    ],
  );
  const together = extract(
    'one.txt',
    'Report\n\nOn 3 June 2025, Prime Minister Kadri Saar met with Mart Ilves and Aino Lehto. Mart Ilves said little. Aino Lehto said more.\n',
  );
  assert.deepEqual(
    section(together.base, 'events').map((e) => e.participants),
    [['kadri-saar', 'mart-ilves', 'aino-lehto']],
  );
});

test('merging: a name written with and without accents is one person; one visitor on the same days makes one visit', () => {
  const file = join(dir, 'accents.facts.yaml');
  const run = (name: string, text: string) => {
    const done = extractInto(file, name, text, '2031-05-12');
    assert.equal(done.status, 0, done.stderr);
  };
  rmSync(file, { force: true });
  run('accents-1.txt', 'Report one\n\nMarovian President Trần Đức Lương paid a state visit to Việt Nam on 12-13 May 2031.\n');
  run('accents-2.txt', 'Report two\n\nMarovian President Tran Duc Luong began a two-day state visit to Vietnam on 12 May 2031.\n');
  const base = parse(readFileSync(file, 'utf8')) as Base;
  assert.deepEqual(
    section(base, 'people').map((p) => [p.id, p.name, p.spellings]),
    [['tran-duc-luong', 'Trần Đức Lương', ['Tran Duc Luong']]],
  );
  const visits = section(base, 'events');
  assert.deepEqual(
    visits.map((e) => [e.id, e.visitors, e.start, e.end, e.sources]),
    [['visit-viet-nam-2031', ['tran-duc-luong'], '2031-05-12', '2031-05-13', ['report-one', 'report-two']]],
  );
});

test('a figure no one is said to state is the publisher’s claim; with no publisher known, no claim and no made-up claimant', () => {
  const unknown = extract('figure.txt', 'Report\n\nMarovia has over $26 billion in investments in Kessa.\n', '--date', '2031-05-12');
  assert.deepEqual([section(unknown.base, 'claims'), section(unknown.base, 'organisations')], [[], []]);
  const named = extract(
    'figure.txt',
    'Report\n\nMarovia has over $26 billion in investments in Kessa.\n',
    '--date',
    '2031-05-12',
    '--url',
    'https://example.org/x',
  );
  assert.deepEqual(
    section(named.base, 'claims').map((c) => (c.claimedBy as Item[]).map((b) => b.by)),
    [['example-org']],
  );
});

test('a title "of" a country ends at the country, written with accents or as any of its names ("Việt Nam")', () => {
  const { base } = extract(
    'of-country.txt',
    'Report\n\nPresident of the Socialist Republic of Việt Nam Võ Văn Thưởng met Marovian President Tomas Hald on 12 May 2031.\n',
    '--date',
    '2031-05-12',
  );
  assert.deepEqual(
    officesOf(base, 'vo-van-thuong').map((o) => o.title),
    ['President of the Socialist Republic of Việt Nam'],
  );
  assert.equal(byId(base, 'people', 'vo-van-thuong').name, 'Võ Văn Thưởng');
});
