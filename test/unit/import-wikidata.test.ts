import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parse, parseDocument } from 'yaml';
import { importCommand, type ImportEnv } from '../../server/src/facts/import/command.js';
import { entitiesOf, factDateOf, personOf } from '../../server/src/facts/import/entities.js';
import type { Fetch } from '../../server/src/facts/import/fetch.js';
import { mergeImport } from '../../server/src/facts/import/merge.js';
import { Splicer, unpadLists } from '../../server/src/facts/import/splice.js';
import { loadFactBase } from '../../server/src/facts/load.js';
import { FIXTURES, ROOT } from './paths.js';

const WD = join(FIXTURES, 'wikidata');
const ILSE = join(WD, 'ilse-varo.json');
const BO = join(WD, 'bo-example.json');
const POSITIONS = join(WD, 'positions.json');
const dir = mkdtempSync(join(tmpdir(), 'factlint-wikidata-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A new folder for one test's fact base (the files of a folder are one fact base). */
const folder = (name: string) => (mkdirSync(join(dir, name)), join(dir, name));
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as unknown;
const offline: Fetch = () => Promise.reject(new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND www.wikidata.org') }));

/** Runs the command with an injected fetch; returns the exit code, stdout and stderr. */
async function run(args: string[], env: ImportEnv = { fetch: offline, today: '2026-12-03' }) {
  let out = '';
  let err = '';
  const code = await importCommand(
    args,
    (s) => {
      out += `${s}\n`;
    },
    (s) => {
      err += `${s}\n`;
    },
    env,
  );
  return { code, out, err };
}

type Term = { office: string; from: string | number; to?: string | number; sources: string[] };
type Base = {
  sources: { id: string; url: string; date: string }[];
  people: { id: string; name: string; preferred?: string[]; spellings?: string[]; offices: Term[]; sources: string[] }[];
  offices: { id: string; title: string; shared?: boolean; sources: string[] }[];
};

test('Wikidata time precision 11, 10 and 9 become a day, a month and a year; vaguer or out-of-range dates are unknown', () => {
  const at = (time: string, precision: number, calendarmodel?: string) => factDateOf({ time, precision, calendarmodel });
  assert.equal(at('+2016-09-14T00:00:00Z', 11), '2016-09-14');
  assert.equal(at('+2013-03-01T00:00:00Z', 10), '2013-03');
  assert.equal(at('+2013-03-00T00:00:00Z', 10), '2013-03');
  assert.equal(at('+2015-01-01T00:00:00Z', 9), '2015');
  assert.equal(at('+2015-00-00T00:00:00Z', 9), '2015');
  assert.equal(at('+1990-00-00T00:00:00Z', 8), 'unknown', 'a decade is not a year');
  assert.equal(at('+0800-00-00T00:00:00Z', 9), 'unknown', 'the fact base takes years 1000–9999');
  assert.equal(at('-0044-03-15T00:00:00Z', 11), 'unknown');
  // A day in the Julian calendar is the Gregorian day: 25 October 1917 (Julian) is 7 November 1917.
  assert.equal(at('+1917-10-25T00:00:00Z', 11, 'http://www.wikidata.org/entity/Q1985786'), '1917-11-07');
});

test('positions held: deprecated statements skipped, a preferred one hides no other, missing and unknown qualifiers', () => {
  const [entity] = entitiesOf(json(ILSE), 'ilse-varo.json');
  const person = personOf(entity!, 'en');
  assert.equal(person.name, 'Ilse Varo');
  assert.deepEqual(person.aliases, ['Varo', 'Ilse Waro']);
  assert.equal(person.modified, '2024-05-02');
  assert.deepEqual(person.terms, [
    { position: 'Q99999912', from: '2013-03', to: '2015' },
    { position: 'Q99999911', from: 'unknown', to: '2016-09-14' },
    // Q99999913 is deprecated: left out. Q99999914 is preferred, and the normal ones are kept beside it.
    { position: 'Q99999914', from: '2017-01-10' },
    { position: 'Q99999915', from: 'unknown', to: 'unknown' },
    { position: 'Q99999916', from: 'unknown', to: 'unknown' },
  ]);
  assert.throws(() => personOf(entity!, 'de'), /Q99999901 has no label in "de"/);
});

test('a term without an end has ended when the person died or a later term of the same position starts', () => {
  const person = personOf(entitiesOf(json(BO), 'bo-example.json')[0]!, 'en');
  assert.deepEqual(person.terms, [
    { position: 'Q99999912', from: '2001-02-03', to: 'unknown' },
    { position: 'Q99999912', from: '2005', to: '2007' },
    { position: 'Q99999911', from: '2016-09-15', to: 'unknown' },
  ]);
});

test('import from saved files: a fact base that facts check loads with no problem, each fact citing its entity', async () => {
  const output = join(folder('norland'), 'norland.facts.yaml');
  const { code, err } = await run(['wikidata', ILSE, BO, POSITIONS, '-o', output]);
  assert.equal(code, 0, err);
  const text = readFileSync(output, 'utf8');
  assert.deepEqual(loadFactBase([{ path: output, text }]).problems, []);
  const check = spawnSync(process.execPath, [join(ROOT, 'server', 'out', 'cli.cjs'), 'facts', 'check', output], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  assert.equal(check.status, 0, check.stdout + check.stderr);
  const base = parse(text) as Base;
  const ilse = base.people.find((p) => p.id === 'ilse-varo')!;
  assert.deepEqual(
    [ilse.name, ilse.preferred, ilse.spellings, ilse.sources],
    ['Ilse Varo', ['Ilse Varo', 'Varo'], ['Ilse Waro'], ['wikidata-q99999901']],
  );
  assert.deepEqual(ilse.offices[0], { office: 'prime-minister-of-norland', from: '2013-03', to: 2015, sources: ['wikidata-q99999901'] });
  assert.equal(base.people.find((p) => p.id === 'bo-example')!.name, 'Bo Exämple');
  assert.ok(!base.offices.some((o) => o.title === 'President of Norland'), 'the deprecated position is not imported');
  assert.deepEqual(
    base.sources.find((s) => s.id === 'wikidata-q99999901'),
    {
      id: 'wikidata-q99999901',
      title: 'Ilse Varo (Q99999901)',
      publisher: 'Wikidata',
      date: '2024-05-02',
      url: 'https://www.wikidata.org/wiki/Q99999901',
    },
  );
  assert.deepEqual(base.offices.find((o) => o.id === 'foreign-minister-of-norland')!.sources, ['wikidata-q99999911']);
  assert.match(err, /added: person ilse-varo › office foreign-minister-of-norland: until 14 September 2016/);
  // Written as fact bases are by hand: flow lists unpadded, flow maps padded.
  assert.match(text, /\n {4}preferred: \[Ilse Varo, Varo\]\n/);
  assert.match(text, /\n {6}- \{ office: prime-minister-of-norland, from: 2013-03, to: 2015, sources: \[wikidata-q99999901\] \}\n/);
  assert.doesNotMatch(text, /\[ | \]/);
});

test('merging: existing people and offices gain a source and the missing terms; conflicting dates are listed, not changed; layout and comments kept', async () => {
  const output = join(folder('merge'), 'merge.facts.yaml');
  const before = [
    '# Our Norland fact base: reviewed by hand.',
    'sources:',
    '  - { id: register, title: Norland register, publisher: Norland, url: "https://example.org/register" }',
    '  - { id: wikidata-q99999911, title: FM, publisher: Wikidata, date: 2020-01-01, url: "https://www.wikidata.org/wiki/Q99999911" }',
    'people:',
    '  - id: ilse',
    '    name: Ilse Varo   # house spelling',
    '    offices:',
    '      - { office: pm, from: 2013-04-02, to: 2015, sources: [register] }   # checked against the register',
    '      - office: fm',
    '        from: unknown',
    '        to: 2016-09-14',
    '        sources:',
    '          - register',
    '    sources: [register]',
    '  - { id: bo, name: Bo Exämple, sources: [register] }',
    'offices:',
    '  - { id: pm, title: Prime Minister of Norland, shared: false, wordings: [Prime Minister], sources: [register] }',
    '  - { id: fm, title: Foreign Minister, wordings: [Foreign Minister of Norland], sources: [] }',
    '',
  ].join('\n');
  writeFileSync(output, before);
  const { code, err } = await run(['wikidata', ILSE, BO, POSITIONS, '-o', output]);
  assert.equal(code, 0, err);
  const text = readFileSync(output, 'utf8');
  assert.deepEqual(loadFactBase([{ path: output, text }]).problems, []);
  // Only insertions: every other line written before is still there, in its order, as it was; the lines of a source's
  // date and of flow lists that gain an item are changed there, not rewritten.
  const changed = new Set([3, 14, 15, 17, 18]);
  let at = 0;
  for (const [i, line] of before.split('\n').entries()) {
    if (changed.has(i)) continue;
    at = text.indexOf(`${line}\n`, at);
    assert.ok(at >= 0, `kept as it was: ${line}`);
  }
  assert.ok(text.includes('\n    sources: [register, wikidata-q99999901]\n'), text);
  assert.ok(text.includes('\n  - { id: bo, name: Bo Exämple, sources: [register, wikidata-q99999902], offices: [{ office: pm, '), text);
  const base = parse(text) as Base;
  assert.deepEqual(
    base.people.map((p) => p.id),
    ['ilse', 'bo'],
    'matched by name, not added again',
  );
  const [ilse, bo] = base.people as [Base['people'][number], Base['people'][number]];
  assert.deepEqual(ilse.sources, ['register', 'wikidata-q99999901']);
  assert.deepEqual(
    ilse.offices[0],
    { office: 'pm', from: '2013-04-02', to: 2015, sources: ['register'] },
    'the conflicting term is kept as it was',
  );
  assert.deepEqual(ilse.offices[1], { office: 'fm', from: 'unknown', to: '2016-09-14', sources: ['register', 'wikidata-q99999901'] });
  assert.deepEqual(
    ilse.offices.slice(2).map((t) => t.office),
    ['member-of-the-norland-parliament', 'ambassador-of-norland-to-sudia', 'minister-of-culture-of-norland'],
  );
  assert.deepEqual(
    bo.offices.map((t) => [t.office, t.from, t.to]),
    [
      ['pm', '2001-02-03', 'unknown'],
      ['pm', 2005, 2007],
      ['fm', '2016-09-15', 'unknown'],
    ],
  );
  assert.deepEqual(
    base.offices.slice(0, 2).map((o) => [o.id, o.shared, o.sources]),
    [
      ['pm', false, ['register', 'wikidata-q99999912']],
      ['fm', undefined, ['wikidata-q99999911']],
    ],
  );
  assert.equal(base.sources.find((s) => s.id === 'wikidata-q99999911')!.date, '2024-04-30', 'the retrieval date is brought forward');
  assert.match(
    err,
    /conflict: person ilse › office pm: Wikidata \(Q99999901\) gives March 2013 – 2015, the fact base 2 April 2013 – 2015; the fact base's dates are kept/,
  );
  // Importing again changes nothing: every fact is there, with its source.
  assert.equal((await run(['wikidata', ILSE, BO, POSITIONS, '-o', output])).code, 0);
  assert.equal(readFileSync(output, 'utf8'), text);
});

test('an office is reused by its title, or by a wording only one office has; a person not by a surname alone', () => {
  const source =
    'sources:\n  - { id: s, title: S, publisher: P, url: "https://example.org" }\npeople:\n' +
    '  - { id: other-varo, name: Ann Varo, preferred: [Ann Varo, Varo], sources: [s] }\noffices:\n' +
    '  - { id: a, title: Head of Norland, wordings: [Prime Minister of Norland], sources: [s] }\n' +
    '  - { id: b, title: Chief of Norland, wordings: [Prime Minister of Norland], sources: [s] }\n' +
    '  - { id: c, title: foreign minister of norland, wordings: [FM], sources: [s] }\n';
  const edit = new Splicer(parseDocument(source), source);
  const ilse = personOf(entitiesOf(json(ILSE), 'ilse-varo.json')[0]!, 'en');
  ilse.terms = ilse.terms.slice(0, 2);
  const positions = new Map([
    ['Q99999912', 'Prime Minister of Norland'],
    ['Q99999911', 'Foreign Minister of Norland'],
  ]);
  mergeImport(edit, { people: [ilse], positions, retrieved: new Map() }, { offices: [], people: [], sources: [] });
  const base = parse(edit.text()) as Base;
  assert.deepEqual(
    base.offices.map((o) => o.id),
    ['a', 'b', 'c', 'prime-minister-of-norland'],
  );
  assert.deepEqual(
    base.people.map((p) => p.id),
    ['other-varo', 'ilse-varo'],
  );
  assert.deepEqual(
    base.people[1]!.offices.map((t) => t.office),
    ['prime-minister-of-norland', 'c'],
  );
});

test('a result that would not load is not written: an office held by one person at a time, given overlapping holders', async () => {
  const output = join(folder('overlap'), 'overlap.facts.yaml');
  const before =
    'sources:\n  - { id: register, title: Norland register, publisher: Norland, url: "https://example.org/register" }\n' +
    'people:\n  - { id: ada, name: Ada Holm, offices: [{ office: fm, from: 2010, sources: [register] }], sources: [register] }\n' +
    'offices:\n  - { id: fm, title: Foreign Minister of Norland, shared: false, wordings: [Foreign Minister], sources: [register] }\n';
  writeFileSync(output, before);
  const { code, err } = await run(['wikidata', ILSE, POSITIONS, '-o', output]);
  assert.equal(code, 1);
  assert.match(err, /^Not written: the fact base would have 2 problems:/);
  assert.match(err, /is held by one person at a time/);
  assert.equal(readFileSync(output, 'utf8'), before);
});

test("online: the ids are fetched with wikibase-sdk's wbgetentities URLs, then the labels of the positions", async () => {
  const urls: string[] = [];
  const fetch: Fetch = (url) => {
    urls.push(url);
    const ids = new URL(url).searchParams.get('ids')!.split('|');
    const all = { ...(json(ILSE) as { entities: object }).entities, ...(json(POSITIONS) as { entities: object }).entities } as Record<
      string,
      unknown
    >;
    return Promise.resolve({
      ok: true,
      status: 200,
      json: () => Promise.resolve({ entities: Object.fromEntries(ids.map((id) => [id, all[id]])) }),
    });
  };
  const { code, out, err } = await run(['wikidata', 'Q99999901'], { fetch, today: '2026-12-03' });
  assert.equal(code, 0, err);
  assert.equal(urls.length, 2);
  assert.equal(
    urls[0],
    'https://www.wikidata.org/w/api.php?action=wbgetentities&ids=Q99999901&format=json&languages=en%7Cmul&props=labels%7Caliases%7Cclaims%7Cinfo',
  );
  assert.match(urls[1]!, /ids=Q99999912%7CQ99999911%7CQ99999914%7CQ99999915%7CQ99999916&.*props=labels%7Caliases$/);
  const base = parse(out) as Base;
  assert.deepEqual(
    base.sources.map((s) => s.date),
    Array(base.sources.length).fill('2026-12-03'),
    'fetched today',
  );
  assert.deepEqual(loadFactBase([{ path: 'x.facts.yaml', text: out }]).problems, []);
  const none: Fetch = () =>
    Promise.resolve({ ok: true, status: 200, json: () => Promise.resolve({ entities: { Q7: { id: 'Q7', missing: '' } } }) });
  assert.deepEqual(await run(['wikidata', 'Q7'], { fetch: none, today: '2026-12-03' }), {
    code: 2,
    out: '',
    err: 'Wikidata has no entity Q7\n',
  });
});

test('offline: a clear message saying what to save, exit 2, no crash', async () => {
  const ids = await run(['wikidata', 'https://www.wikidata.org/wiki/Q99999901']);
  assert.equal(ids.code, 2);
  assert.match(
    ids.err,
    /^Cannot reach Wikidata for Q99999901 \(fetch failed: getaddrinfo ENOTFOUND www\.wikidata\.org\)\. Without a network, save each entity's JSON \(https:\/\/www\.wikidata\.org\/wiki\/Special:EntityData\/Q99999901\.json\)/,
  );
  const labels = await run(['wikidata', ILSE]);
  assert.equal(labels.code, 2, "the positions' labels are not in the files given");
  assert.match(labels.err, /^Cannot reach Wikidata for Q99999912, Q99999911, Q99999914, Q99999915, Q99999916 /);
  const http: Fetch = () => Promise.resolve({ ok: false, status: 503, json: () => Promise.resolve({}) });
  assert.match((await run(['wikidata', 'q1'], { fetch: http, today: '2026-12-03' })).err, /^Cannot reach Wikidata for Q1 \(HTTP 503\)/);
});

test('the factlint binary runs the import (from files, no network) and prints its help', () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [join(ROOT, 'server', 'out', 'cli.cjs'), ...args], { encoding: 'utf8', timeout: 20_000 });
  const run = cli('facts', 'import', 'wikidata', ILSE, POSITIONS);
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(
    (parse(run.stdout) as Base).people.map((p) => p.id),
    ['ilse-varo'],
  );
  const help = cli('facts', 'import', '--help');
  assert.deepEqual(
    [help.status, help.stdout.split('\n')[0]],
    [0, 'Usage: factlint facts import wikidata Q…|FILE… [-o FILE] [--lang CODE]'],
  );
});

test('bad input: a file that is not entity JSON, no source named, another source than wikidata', async () => {
  const notJson = join(dir, 'page.json');
  writeFileSync(notJson, '<html></html>');
  assert.match((await run(['wikidata', notJson])).err, /^Cannot read .*page\.json: it is not JSON/);
  const other = join(dir, 'other.json');
  writeFileSync(other, '{"results": []}');
  assert.match((await run(['wikidata', other])).err, /other\.json is not Wikidata entity JSON/);
  assert.equal((await run(['wikidata'])).code, 2);
  assert.match((await run(['dbpedia', 'Q1'])).err, /^Cannot import from "dbpedia"; only wikidata\./);
  assert.match((await run(['wikidata', ILSE, '-o', join(dir, 'out.yaml')])).err, /^Write to a \*\.facts\.yaml file/);
});

test('flow lists lose their padding; quoted values, block scalars and comments keep their brackets as written', () => {
  assert.equal(unpadLists('a: [ x, [ y ] ]\n'), 'a: [x, [y]]\n');
  assert.equal(unpadLists('- { id: a, sources: [ s1 ], t: "[ q ]" }\n'), '- { id: a, sources: [s1], t: "[ q ]" }\n');
  assert.equal(unpadLists("- { t: 'it''s [ x', w: [ c ] }\n"), "- { t: 'it''s [ x', w: [c] }\n");
  assert.equal(unpadLists('note: see [ here ] # [ kept ]\n'), 'note: see [ here ] # [ kept ]\n');
  assert.equal(unpadLists("name: People's [ x ]\n"), "name: People's [ x ]\n");
});
