import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { bundledFactsDir, readFactFiles } from '../../server/src/facts/files.js';
import { loadFactBase, SECTIONS } from '../../server/src/facts/load.js';
import { ROOT } from './paths.js';

const BASE = `sources:
  - { id: s1, title: A report, publisher: An outlet, url: "https://example.org/a" }
people:
  - id: ada
    name: Ada Example
    sources: [s1]
`;

function problems(text: string) {
  const result = loadFactBase([{ path: 'x.facts.yaml', text }]);
  return result.problems.map((p) => ({ rule: p.rule, text: text.slice(p.start, p.end), message: p.message }));
}

test('the bundled fact base loads with no problem, and every fact has a source that exists', () => {
  const result = loadFactBase(readFactFiles([bundledFactsDir()]));
  assert.deepEqual(result.problems, []);
  const facts = result.facts!;
  assert.ok(facts.events.size >= 10 && facts.people.size >= 15 && facts.documents.size >= 5 && facts.claims.size >= 2);
  for (const map of [facts.people, facts.organisations, facts.offices, facts.events, facts.documents, facts.claims]) {
    for (const fact of map.values()) assert.ok(fact.sources.length > 0, `${fact.id} has sources`);
  }
});

test('a YAML syntax error is located where the parser stopped', () => {
  const found = problems(`${BASE}  - id: [unclosed\n`);
  assert.equal(found[0]?.rule, 'factbase-syntax');
  assert.match(found[0]!.message, /^YAML: /);
});

test('an unknown field is located on its key', () => {
  const found = problems(BASE.replace('    sources: [s1]\n', '    sources: [s1]\n    nickname: Ada\n'));
  assert.deepEqual(
    found.map((f) => [f.rule, f.text]),
    [['factbase-schema', 'nickname']],
  );
  assert.equal(
    found[0]!.message,
    'person ada: there is no field "nickname"; the fields are id, name, preferred, spellings, misspellings, country, offices, officesComplete, sources, note, review, quotes',
  );
});

test('a malformed date is located on its value', () => {
  const found = problems(`${BASE}    offices:\n      - { office: pm, from: 1 March 2023, sources: [s1] }\n`);
  assert.ok(
    found.some((f) => f.rule === 'factbase-schema' && f.text === '1 March 2023'),
    JSON.stringify(found),
  );
});

test('a reference to nothing, a duplicate id and a term that ends before it starts are each located', () => {
  const text = `${BASE}offices:
  - { id: pm, title: Prime Minister, wordings: [Prime Minister], sources: [s1] }
  - { id: pm, title: Prime Minister again, wordings: [PM], sources: [nowhere] }
events:
  - { id: e1, name: An event, kind: summit, start: 2031-05-15, end: 2031-05-14, participants: [bob], sources: [s1] }
`.replace(
    '    sources: [s1]\n',
    '    sources: [s1]\n    offices:\n      - { office: pm, from: 2030-01-02, to: 2030-01-01, sources: [s1] }\n',
  );
  const found = problems(text).map((f) => `${f.text} | ${f.message}`);
  assert.deepEqual(found.sort(), [
    '2030-01-01 | person ada \u203a office pm \u203a to: the term ends (2030-01-01) before it starts (2030-01-02)',
    '2031-05-14 | event e1 \u203a end: the event ends (2031-05-14) before it starts (2031-05-15)',
    'bob | event e1 \u203a participants: no person or organisation has the id "bob"',
    'nowhere | office pm \u203a sources: no source has the id "nowhere"',
    'pm | office pm \u203a id: another office already has the id "pm" (line 10); give each office its own id',
  ]);
});

test('custom tags are refused, not executed', () => {
  const found = problems(`${BASE}title: !!js/function "function () { return 1 }"\n`);
  assert.ok(found.length > 0 && found.every((f) => f.rule === 'factbase-syntax' || f.rule === 'factbase-schema'), JSON.stringify(found));
});

test('a second YAML document in a fact-base file is refused where it starts', () => {
  const found = problems(`${BASE}---\ntitle: Another\n`);
  assert.deepEqual(
    found.map((f) => [f.rule, f.text.split('\n')[0]]),
    [['factbase-syntax', '---']],
  );
  assert.match(found[0]!.message, /one YAML document/);
});

test('a string longer than the schema allows is refused, and the message gives the limit', () => {
  const id = (s: string) => problems(BASE.replace('id: ada', `id: ${s}`)).filter((f) => f.rule === 'factbase-schema');
  assert.deepEqual(id('a'.repeat(100)), []);
  assert.match(id('a'.repeat(101))[0]?.message ?? '', /100/);
});

test('a file that is not a fact base gets one problem, which quotes none of its content', () => {
  const others = [
    'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n', // /etc/passwd
    'root:$6$salt$hash:19000:0:99999:7:::\nbin:*:19000:0:99999:7:::\n', // /etc/shadow
    'name: secret-service\nversion: 2\npassword: hunter2\n', // YAML whose top level is not a fact base
    '- hunter2\n- swordfish\n',
    'hunter2',
    'secret: [unclosed\n',
  ];
  for (const text of others) {
    const found = problems(text);
    assert.deepEqual(
      found.map((f) => f.message),
      ['x.facts.yaml is not a fact-base file: its top level is not a map of fact-base sections (title, sources, people, events, …).'],
      text,
    );
  }
  assert.deepEqual(problems(''), [], 'an empty file is an empty fact base');
  assert.deepEqual(
    problems(`${BASE}nickname: x\n`).map((f) => f.text),
    ['nickname'],
    'a fact base with a stray section is one',
  );
});

test("the fact-base sections known to the loader are the JSON Schema's", () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'server', 'src', 'facts', 'factbase.schema.json'), 'utf8')) as { properties: object };
  assert.deepEqual(SECTIONS, Object.keys(schema.properties));
});

test('dangling references and duplicate ids are listed up to 100 per file, then one line says how many more', () => {
  const people = (n: number, person: (i: number) => string) => `${BASE}${Array.from({ length: n }, (_, i) => person(i)).join('')}`;
  const dangling = people(250, (i) => `  - { id: p${i}, name: Person ${i}, sources: [missing-${i}] }\n`);
  let found = problems(dangling);
  assert.equal(found.length, 101);
  assert.ok(
    found
      .slice(0, 100)
      .every((f, i) => f.text === `missing-${i}` && f.message === `person p${i} \u203a sources: no source has the id "missing-${i}"`),
  );
  assert.equal(found[100]!.message, '…and 150 more problems like these from here on; fix these first.');
  assert.equal(
    dangling.slice(loadFactBase([{ path: 'x.facts.yaml', text: dangling }]).problems[100]!.start).slice(0, 11),
    'missing-100',
    'the line is placed on the first problem left out',
  );
  found = problems(people(300, () => '  - { id: ada, name: Ada Again, sources: [s1] }\n'));
  assert.deepEqual(
    [found.length, found[0]!.message, found[100]!.message],
    [
      101,
      'person ada \u203a id: another person already has the id "ada" (line 4); give each person its own id',
      '…and 200 more problems like these from here on; fix these first.',
    ],
  );
});

test('a fact base with problems still gives its well-formed facts, less each fact with a problem and each that refers to one', () => {
  const text = `${BASE}  - { id: bob, name: Bob Example, nickname: Bobby, sources: [s1] }
  - { id: cy, name: Cy Example, sources: [s1], offices: [{ office: pm, from: 2023-02-30, sources: [s1] }] }
offices:
  - { id: pm, title: Prime Minister, wordings: [Prime Minister], sources: [s1] }
  - { id: fm, title: Foreign Minister, wordings: [Foreign Minister], sources: [nowhere] }
events:
  - { id: talks, name: The talks, kind: talks, start: 2023-03-01, participants: [ada, bob], sources: [s1] }
  - { id: dinner, name: The dinner, kind: meeting, start: 2023-03-01, parent: talks, sources: [s1] }
`;
  const result = loadFactBase([{ path: 'x.facts.yaml', text }]);
  assert.equal(result.facts, undefined);
  assert.deepEqual(
    result.problems.map((p) => p.message),
    [
      'person bob: there is no field "nickname"; the fields are id, name, preferred, spellings, misspellings, country, offices, officesComplete, sources, note, review, quotes',
    ],
  );
  const partial = result.partial!;
  // bob has a schema problem; talks names bob; dinner's parent is talks; cy's term is on no day; fm's source is missing.
  assert.deepEqual([...partial.people.keys()], ['ada']);
  assert.deepEqual([...partial.offices.keys()], ['pm']);
  assert.deepEqual([...partial.events.keys()], []);
  assert.equal(partial.people.get('ada')!.origin.start, text.indexOf('  - id: ada') + 4, 'facts are located in the file as written');
  const clean = loadFactBase([{ path: 'x.facts.yaml', text: BASE }]);
  assert.equal(clean.partial, undefined, 'a fact base with no problem has no partial one');
});

test('dates are days, months or years, checked against the calendar; a month stands for each of its days', () => {
  const event = (start: string, end?: string) =>
    loadFactBase([
      {
        path: 'x.facts.yaml',
        text: `${BASE}events:\n  - { id: e1, name: E, kind: forum, start: ${start}${end ? `, end: ${end}` : ''}, sources: [s1] }\n`.replace(
          'kind: forum',
          'kind: summit',
        ),
      },
    ]);
  const got = (start: string, end?: string) => {
    const r = event(start, end);
    const e = r.facts?.events.get('e1');
    return e ? [e.start, e.end, e.precision] : r.problems.map((p) => p.message);
  };
  assert.deepEqual(got('2023-03-01'), ['2023-03-01', '2023-03-01', 'day']);
  assert.deepEqual(got('2013-03'), ['2013-03-01', '2013-03-31', 'month']);
  assert.deepEqual(got('2024-02'), ['2024-02-01', '2024-02-29', 'month']);
  assert.deepEqual(got('2013'), ['2013-01-01', '2013-12-31', 'year']);
  assert.deepEqual(got('2013-03-30', '2013-04'), ['2013-03-30', '2013-04-30', 'month']);
  assert.deepEqual(got('2024-02-29'), ['2024-02-29', '2024-02-29', 'day']);
  assert.deepEqual(got('2023-02-29'), ['event e1 \u203a start: 2023-02-29 is not a day of the calendar: February 2023 has 28 days']);
  assert.deepEqual(got('2023-04-31'), ['event e1 \u203a start: 2023-04-31 is not a day of the calendar: April 2023 has 30 days']);
  assert.deepEqual(got('2013-04', '2013-03'), ['event e1 \u203a end: the event ends (2013-03) before it starts (2013-04)']);
  const bad = event('2023-02-30');
  assert.equal(
    BASE.length + bad.problems[0]!.start,
    BASE.length + `${BASE}events:\n  - { id: e1, name: E, kind: summit, start: `.length,
    'located on the date',
  );
});

test('a term may start or end on an unknown date; a month-precise term is held on any day of its months', () => {
  const person = (from: string, to?: string) =>
    loadFactBase([
      {
        path: 'x.facts.yaml',
        text: `${BASE}    offices:\n      - { office: pm, from: ${from}${
          to ? `, to: ${to}` : ''
        }, sources: [s1] }\noffices:\n  - { id: pm, title: Prime Minister, wordings: [Prime Minister], sources: [s1] }\n`,
      },
    ]);
  const term = (from: string, to?: string) => {
    const t = person(from, to).facts!.people.get('ada')!.offices[0]!;
    return [t.from, t.to, t.written.from, t.written.to];
  };
  assert.deepEqual(term('2013-03', '2018-06'), ['2013-03-01', '2018-06-30', '2013-03', '2018-06']);
  assert.deepEqual(term('unknown', '2016-09-14'), ['0000-01-01', '2016-09-14', 'unknown', '2016-09-14']);
  assert.deepEqual(term('2016', 'unknown'), ['2016-01-01', undefined, '2016', 'unknown']);
});

test('terms of an office held by one person at a time that overlap are reported at both terms; a same-day handover is none', () => {
  const office = (shared: string) =>
    `offices:\n  - { id: fm, title: Foreign Minister, wordings: [Foreign Minister], ${shared}sources: [s1] }\n`;
  const people = (a: string, b: string) =>
    `${BASE}    offices: [{ office: fm, ${a}, sources: [s1] }]\n  - { id: bo, name: Bo Example, sources: [s1], offices: [{ office: fm, ${b}, sources: [s1] }] }\n`;
  const found = (a: string, b: string, shared = 'shared: false, ') =>
    problems(people(a, b) + office(shared)).map((f) => `${f.text} | ${f.message}`);
  assert.deepEqual(found('from: 2019-01-01, to: 2023-05-10', 'from: 2023-02-01'), [
    '{ office: fm, from: 2019-01-01, to: 2023-05-10, sources: [s1] } | person ada \u203a office fm: this term (1 January 2019 \u2013 10 May 2023) overlaps ' +
      "Bo Example's (since 1 February 2023), but Foreign Minister is held by one person at a time (shared: false); correct the dates, or mark the office shared: true",
    '{ office: fm, from: 2023-02-01, sources: [s1] } | person bo \u203a office fm: this term (since 1 February 2023) overlaps ' +
      "Ada Example's (1 January 2019 \u2013 10 May 2023), but Foreign Minister is held by one person at a time (shared: false); correct the dates, or mark the office shared: true",
  ]);
  assert.deepEqual(
    found('from: 2019-01-01, to: 2023-05-10', 'from: 2023-05-10'),
    [],
    'to is the last day in office: a successor from that day is a handover',
  );
  assert.deepEqual(found('from: 2019-01, to: 2023-05', 'from: 2023-05'), [], 'a handover some time in May 2023');
  assert.deepEqual(found('from: unknown, to: 2023-05-10', 'from: 2023-05-11'), []);
  assert.deepEqual(
    found('from: 2019-01-01, to: 2023-05-10', 'from: 2023-02-01', ''),
    [],
    'unmarked, the office may be shared (v1 files stay valid)',
  );
  assert.deepEqual(found('from: 2019-01-01, to: 2023-05-10', 'from: 2023-02-01', 'shared: true, '), []);
});

test('v2 forms load: participants with roles, new event kinds, a batch of documents, claims of any measure, counts with a kind', () => {
  const loaded = loadFactBase(readFactFiles([join(ROOT, 'test', 'fixtures', 'rules', 'format-v2', 'facts.yaml')]));
  assert.deepEqual(loaded.problems, []);
  const facts = loaded.facts!;
  const visit = facts.events.get('gas-visit')!;
  assert.deepEqual(visit.participants, ['mira-kast', 'jon-brek', 'ula-senn', 'teo-marr'], 'every role is a participant');
  assert.deepEqual(
    [...visit.roles],
    [
      ['mira-kast', 'host'],
      ['jon-brek', 'visitor'],
      ['ula-senn', 'delegation'],
      ['teo-marr', 'attended'],
    ],
  );
  assert.deepEqual([facts.events.get('gas-banquet')!.kind, facts.events.get('gas-press')!.kind], ['banquet', 'press conference']);
  assert.equal(facts.documents.get('sector-deals')!.count, 14);
  assert.deepEqual(
    facts.documentCounts[0]!.counts.map((c) => c.kind),
    ['forecast', 'reported'],
  );
  assert.deepEqual(
    [...facts.claims.values()].map((c) => c.kind),
    ['money', 'money', 'quantity', 'percentage', 'statement'],
  );
  // A v1 claim has no kind: money for a currency code, a quantity for another unit, a statement without a value.
  const v1 = (value: string) =>
    loadFactBase([
      {
        path: 'x.facts.yaml',
        text:
          `${BASE}claims:\n  - { id: c, statement: S, status: claimed, ` +
          `claimedBy: [{ by: ada, sources: [s1] }], ${value}sources: [s1] }\n`,
      },
    ]).facts!.claims.get('c')!.kind;
  assert.deepEqual(
    [v1('value: 5, unit: USD, '), v1('value: 5, unit: tonnes, '), v1('value: 5, '), v1('')],
    ['money', 'quantity', 'money', 'statement'],
  );
  const typo = loadFactBase([
    { path: 'x.facts.yaml', text: `${BASE}events:\n  - { id: e, name: E, kind: summit, start: 2023, hostss: [ada], sources: [s1] }\n` },
  ]);
  assert.deepEqual(
    typo.problems.map((p) => p.message),
    ['event e: there is no field "hostss"; did you mean "hosts"?'],
  );
});
