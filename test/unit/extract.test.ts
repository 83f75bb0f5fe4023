import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parse, parseDocument } from 'yaml';
import { mergeFacts, sameName } from '../../server/src/extract/merge.js';
import { loadFactBase } from '../../server/src/facts/load.js';
import { hover } from '../../server/src/hover.js';
import { compile } from '../../server/src/match/compile.js';
import { FIXTURES, ROOT } from './paths.js';

// `factlint facts extract`: candidate facts from sources written for these tests in the forms of a government
// readout (Markdown), a wire report (plain text) and a news page saved from a browser (HTML with menus and scripts).

const dir = mkdtempSync(join(tmpdir(), 'factlint-extract-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const SOURCES = join(FIXTURES, 'extract');
const READOUT = join(SOURCES, 'readout.md');
const WIRE = join(SOURCES, 'wire.txt');
const PAGE = join(SOURCES, 'page.html');

function cli(...args: string[]): { code: number | null; out: string; err: string } {
  const run = spawnSync(process.execPath, [join(ROOT, 'server', 'out', 'cli.cjs'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 30_000,
  });
  assert.equal(run.error, undefined, String(run.error));
  return { code: run.status, out: run.stdout, err: run.stderr };
}

type Item = Record<string, unknown> & { id: string };
type Base = Record<string, Item[] | unknown>;
const items = (base: Base, section: string): Item[] => (base[section] as Item[] | undefined) ?? [];
const byId = (base: Base, section: string, id: string): Item => {
  const found = items(base, section).find((i) => i.id === id);
  assert.ok(
    found,
    `${section} has ${id}: ${items(base, section)
      .map((i) => i.id)
      .join(', ')}`,
  );
  return found;
};

test('extract, Markdown readout: people with their offices, the visit and its talks with dates and place, a document, a count, a figure', () => {
  const run = cli('facts', 'extract', READOUT, '--date', '2024-05-15', '--url', 'https://example.org/readout');
  assert.equal(run.code, 0, run.err);
  const base = parse(run.out) as Base;
  const [source] = items(base, 'sources');
  assert.deepEqual(
    [source!.title, source!.url, source!.date],
    ['Kadri Saarepuu holds talks with the Finnish President in Helsinki', 'https://example.org/readout', '2024-05-15'],
  );
  const pm = byId(base, 'people', 'kadri-saarepuu');
  assert.deepEqual([pm.name, pm.preferred, pm.country], ['Kadri Saarepuu', ['Kadri Saarepuu', 'Saarepuu'], 'Estonia']);
  assert.deepEqual(
    (pm.offices as Item[]).map((o) => [o.office, o.from]),
    [['prime-minister-estonia', 'unknown']],
  );
  assert.match(String((pm.offices as Item[])[0]!.note), /on 2024-05-15/);
  assert.deepEqual(byId(base, 'offices', 'president-finland').wordings, ['Finnish President']);
  assert.equal(byId(base, 'people', 'aino-lehto').country, 'Finland');
  const visit = byId(base, 'events', 'visit-finland-2024');
  assert.deepEqual(
    [visit.kind, visit.start, visit.end, visit.place, visit.visitors],
    ['official visit', '2024-05-14', '2024-05-15', 'Finland', ['kadri-saarepuu']],
  );
  const talks = byId(base, 'events', 'talks-aino-lehto-kadri-saarepuu');
  assert.deepEqual(
    [talks.kind, talks.start, talks.place, talks.parent, talks.participants],
    ['talks', '2024-05-14', 'Presidential Palace', 'visit-finland-2024', ['kadri-saarepuu', 'aino-lehto']],
  );
  const declaration = byId(base, 'documents', 'joint-declaration-on-cooperation-in-the-baltic-sea');
  assert.deepEqual(
    [declaration.title, declaration.kind, declaration.binding, declaration.parties, declaration.event],
    [
      'Joint declaration on cooperation in the Baltic Sea region',
      'declaration',
      false,
      ['Kadri Saarepuu', 'Aino Lehto'],
      'visit-finland-2024',
    ],
  );
  const count = byId(base, 'documentCounts', 'visit-finland-2024-documents');
  assert.deepEqual(
    (count.counts as Item[]).map((c) => [c.min, c.max, c.said]),
    [[6, 6, '6 agreements']],
  );
  const claim = byId(base, 'claims', 'combined-value-400-million');
  assert.deepEqual(
    [claim.value, claim.unit, claim.measure, (claim.claimedBy as Item[])[0]!.by],
    [400_000_000, 'EUR', 'combined value', 'oskari-vaara'],
  );
  // Every fact is a candidate with the exact sentence it came from.
  const all = ['people', 'offices', 'events', 'documents', 'documentCounts', 'claims'].flatMap((s) => items(base, s));
  const text = readFileSync(READOUT, 'utf8').replace(/\s+/g, ' ');
  for (const fact of all) {
    assert.equal(fact.review, 'candidate', fact.id);
    const quotes = fact.quotes as { source: string; text: string }[];
    assert.ok(
      quotes.length > 0 && quotes.every((q) => q.source === source!.id && text.includes(q.text)),
      `${fact.id}: ${JSON.stringify(quotes)}`,
    );
  }
  assert.match(run.err, /candidate facts read from 1 source/);
});

test('extract, saved HTML page: the article only (no menu, sidebar or footer), its title and site name', () => {
  const run = cli('facts', 'extract', PAGE);
  assert.equal(run.code, 0, run.err);
  assert.doesNotMatch(run.out, /Berg|Wrona|Halla|analytics/);
  const base = parse(run.out) as Base;
  const [source] = items(base, 'sources');
  assert.deepEqual([source!.title, source!.publisher, source!.file], ['Lehto welcomes Saarepuu to Helsinki', 'Northern Ledger', PAGE]);
  assert.deepEqual(
    items(base, 'people')
      .map((p) => p.id)
      .sort(),
    ['aino-lehto', 'kadri-saarepuu'],
  );
  assert.deepEqual(byId(base, 'events', 'visit-finland-2024').visitors, ['kadri-saarepuu']);
  assert.equal(byId(base, 'events', 'meeting-aino-lehto-kadri-saarepuu').start, '2024-05-14');
});

test('extract into an existing fact base merges: facts gain the source and spellings; conflicts are listed, not written over; comments stay', () => {
  const file = join(dir, 'visit.facts.yaml');
  assert.equal(cli('facts', 'extract', READOUT, '-o', file).code, 0);
  writeFileSync(file, `# Kept: the analyst's own note.\n${readFileSync(file, 'utf8')}`);
  const run = cli('facts', 'extract', WIRE, '-o', file);
  assert.equal(run.code, 0, run.err);
  const text = readFileSync(file, 'utf8');
  assert.match(text, /^# Kept: the analyst's own note\./);
  const base = parse(text) as Base;
  const [readout, wire] = items(base, 'sources').map((s) => s.id);
  const pm = byId(base, 'people', 'kadri-saarepuu');
  assert.deepEqual(
    [pm.sources, pm.spellings],
    [
      [readout, wire],
      ['Kadri Saarepu', 'Saarepu'],
    ],
  );
  assert.deepEqual(
    items(base, 'people').map((p) => p.id),
    ['kadri-saarepuu', 'aino-lehto', 'oskari-vaara'],
    'one record per person, whichever spelling',
  );
  // The wire dates the talks a day later and counts seven agreements: both listed, the first source's values kept.
  const talks = byId(base, 'events', 'talks-aino-lehto-kadri-saarepuu');
  assert.deepEqual([talks.start, talks.sources], ['2024-05-14', [readout, wire]]);
  assert.match(run.err, /conflict: event talks-aino-lehto-kadri-saarepuu › start: [a-z-]+ says 2024-05-15, the fact base has 2024-05-14/);
  assert.match(text, /# conflict: start: [a-z-]+ says 2024-05-15 \(here: 2024-05-14\)\n {2}- id: talks-aino-lehto-kadri-saarepuu/);
  const counts = byId(base, 'documentCounts', 'visit-finland-2024-documents').counts as Item[];
  assert.deepEqual(
    counts.map((c) => [c.min, c.said, c.sources, c.review]),
    [
      [6, '6 agreements', [readout], undefined],
      [7, 'seven agreements', [wire], 'candidate'],
    ],
  );
  assert.match(
    run.err,
    /conflict: document count visit-finland-2024-documents › counts: [a-z-]+ says "seven agreements", the fact base has 6/,
  );
  // A reviewed fact stays reviewed when another source confirms it: it gains the source and the quote.
  const reviewed = text.replace(/(- id: aino-lehto\n(?: {4}.*\n)*?) {4}review: candidate\n/, '$1');
  writeFileSync(file, reviewed);
  assert.equal(cli('facts', 'extract', PAGE, '-o', file).code, 0);
  const lehto = byId(parse(readFileSync(file, 'utf8')) as Base, 'people', 'aino-lehto');
  assert.deepEqual([lehto.review, (lehto.sources as string[]).length, (lehto.quotes as unknown[]).length], [undefined, 3, 3]);
  // Extracting the same source again adds nothing.
  const before = readFileSync(file, 'utf8');
  assert.equal(cli('facts', 'extract', PAGE, '-o', file).code, 0);
  assert.equal(readFileSync(file, 'utf8'), before);
});

test('a fact base with candidates loads, with a factbase-review hint at each candidate; facts check reports them and exits 0', () => {
  const file = join(dir, 'review.facts.yaml');
  assert.equal(cli('facts', 'extract', READOUT, WIRE, '-o', file).code, 0);
  const text = readFileSync(file, 'utf8');
  const loaded = loadFactBase([{ path: file, text }]);
  assert.deepEqual(loaded.problems, []);
  assert.ok(loaded.facts, 'the fact base loads whole');
  const marks = [...text.matchAll(/^ +review: candidate$/gm)].map((m) => m.index + m[0].indexOf('candidate'));
  assert.ok(marks.length >= 10);
  assert.deepEqual(
    loaded.hints.map((h) => [h.rule, h.start]),
    marks.map((at) => ['factbase-review', at]),
  );
  assert.match(
    loaded.hints[0]!.message,
    /^person kadri-saarepuu: a candidate from factlint facts extract, not reviewed yet; check it against its 2 quotes and sources/,
  );
  const check = cli('facts', 'check', file, '--format', 'json');
  assert.equal(check.code, 0);
  const findings = JSON.parse(check.out) as { severity: string; rule: string }[];
  assert.deepEqual(new Set(findings.map((f) => `${f.severity} ${f.rule}`)), new Set(['hint factbase-review']));
  assert.equal(findings.length, marks.length);
  // Reviewed (the marks deleted): no hint is left.
  writeFileSync(file, text.replace(/^ *review: candidate\n/gm, ''));
  assert.deepEqual([cli('facts', 'check', file, '--format', 'lines').out.trim()], ['']);
});

test('extract: bad usage and a fact base that cannot be merged into exit 2 and leave the file alone', () => {
  assert.equal(cli('facts', 'extract').code, 2);
  assert.match(cli('facts', 'extract', READOUT, WIRE, '--url', 'https://example.org/a').err, /--url names the address of one source/);
  assert.match(
    cli('facts', 'extract', READOUT, '--date', '15 May 2024').err,
    /--date: write the day the source was published as YYYY-MM-DD/,
  );
  assert.match(cli('facts', 'extract', join(dir, 'missing.md')).err, /Cannot read the source .*missing\.md: it does not exist/);
  const broken = join(dir, 'broken.facts.yaml');
  writeFileSync(broken, 'people:\n  - { id: ada, name: "Ada\n');
  const run = cli('facts', 'extract', READOUT, '-o', broken);
  assert.deepEqual([run.code, readFileSync(broken, 'utf8')], [2, 'people:\n  - { id: ada, name: "Ada\n']);
  assert.match(run.err, /Cannot merge into .*broken\.facts\.yaml: it is not well-formed YAML/);
});

/** The seed article, from shared/ beside the repository (as CI lays it out); it is third-party text, never copied here. */
const SEED = join(ROOT, '..', 'shared', 'seeds', 'pism-spotlight-lukashenka-visits-china.txt');

test('extract on the seed article: a fact base facts check loads with no error, with the visit, its dates, Xi Jinping and Lukashenka with offices, the documents', {
  skip: !existsSync(SEED) && 'shared/seeds is not beside the repository',
}, () => {
  const file = join(dir, 'seed.facts.yaml');
  assert.equal(cli('facts', 'extract', SEED, '-o', file).code, 0);
  const check = cli('facts', 'check', file, '--format', 'json');
  assert.equal(check.code, 0, check.out);
  assert.deepEqual(
    (JSON.parse(check.out) as { severity: string }[]).filter((f) => f.severity !== 'hint'),
    [],
  );
  const base = parse(readFileSync(file, 'utf8')) as Base;
  const visit = byId(base, 'events', 'visit-china-2023');
  assert.deepEqual([visit.start, visit.end, visit.visitors], ['2023-03-01', '2023-03-02', ['alexander-lukashenka']]);
  const office = (id: string) =>
    ((byId(base, 'people', id).offices as Item[] | undefined) ?? []).map((o) => byId(base, 'offices', String(o.office)));
  assert.deepEqual(
    office('xi-jinping').map((o) => [o.title, o.country]),
    [['President', 'China']],
  );
  assert.deepEqual(
    office('alexander-lukashenka').map((o) => [o.title, o.country]),
    [['Leader', 'Belarus']],
  );
  assert.ok(
    items(base, 'documents').some(
      (d) => d.kind === 'joint statement' && /^Joint statement on advancing the strategic partnership/.test(String(d.title)),
    ),
  );
  const counts = items(base, 'documentCounts').flatMap((c) => c.counts as Item[]);
  assert.deepEqual(
    counts.map((c) => c.said),
    ['about 20 documents'],
  );
  assert.ok(
    items(base, 'events').some(
      (e) => e.kind === 'talks' && (e.participants as string[]).includes('xi-jinping') && e.parent === 'visit-china-2023',
    ),
  );
});

test('two spellings of one name are one person; two people who share a word are not', () => {
  for (const [a, b] of [
    ['Aleksandr Lukashenko', 'Alexander Lukashenka'],
    ['Kadri Saarepu', 'Kadri Saarepuu'],
    ['Lukashenko', 'Lukashenka'],
    ['Xi', 'Xi'],
  ]) {
    assert.ok(sameName(a, b), `${a} = ${b}`);
  }
  for (const [a, b] of [
    ['Li Qiang', 'Li Keqiang'],
    ['Li Keqiang', 'Li Zhanshu'],
    ['Xi', 'Li'],
    ['Aino Lehto', 'Aino Lehtinen'],
    ['Kadri Saarepuu', 'Saarepuu'],
  ]) {
    assert.ok(!sameName(a, b), `${a} ≠ ${b}`);
  }
});

test("a draft's hover card on a candidate fact says it is not reviewed and shows the words it was taken from", () => {
  const file = join(dir, 'hover.facts.yaml');
  assert.equal(cli('facts', 'extract', READOUT, '--url', 'https://example.org/readout', '-o', file).code, 0);
  const text = readFileSync(file, 'utf8');
  const index = compile(loadFactBase([{ path: file, text }]).facts!);
  const draft = 'On 14 May 2024 Kadri Saarepuu held talks in Helsinki.\n';
  const card = hover(draft, index, draft.indexOf('Saarepuu') + 1);
  assert.ok(card, 'a card for the candidate person');
  assert.match(
    card.plaintext,
    /Candidate from factlint facts extract, not reviewed yet\.\nQuoted from its sources:\n {2}- “On 14–15 May 2024, Estonian Prime Minister Kadri Saarepuu paid an official visit to Finland\.” \(Kadri Saarepuu holds talks/,
  );
  // Reviewed, the card is an ordinary one.
  const reviewed = text.replace(/^ *review: candidate\n/gm, '');
  const plain = hover(draft, compile(loadFactBase([{ path: file, text: reviewed }]).facts!), draft.indexOf('Saarepuu') + 1);
  assert.doesNotMatch(plain!.plaintext, /Candidate/);
});

test('merging never makes an event end before it starts: such a start or end is a conflict, listed, not written', () => {
  const doc = parseDocument(
    'events:\n  - { id: talks-a-b, name: Talks, kind: talks, start: 2031-03-01, sources: [s1], review: candidate }\n' +
      '  - { id: visit-a, name: Visit, kind: state visit, start: 2031-03, end: 2031-03-05, sources: [s1], review: candidate }\n',
  );
  const conflicts = mergeFacts(
    doc,
    [
      { section: 'events', quote: 'The talks ended on 16 September 2030.', data: { id: 'talks-a-b', kind: 'talks', end: '2030-09-16' } },
      { section: 'events', quote: 'The visit began on 20 March.', data: { id: 'visit-a', kind: 'state visit', start: '2031-03-20' } },
    ],
    's2',
  );
  assert.deepEqual(
    conflicts.map((c) => [c.what, c.says]),
    [
      ['event talks-a-b › end', '2030-09-16'],
      ['event visit-a › start', '2031-03-20'],
    ],
  );
  const events = (doc.toJSON() as { events: { start: string; end?: string }[] }).events;
  assert.deepEqual(
    events.map((e) => [e.start, e.end]),
    [
      ['2031-03-01', undefined],
      ['2031-03', '2031-03-05'],
    ],
  );
});
