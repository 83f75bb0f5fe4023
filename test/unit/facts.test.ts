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
  assert.deepEqual(found.map((f) => [f.rule, f.text]), [['factbase-schema', 'nickname']]);
  assert.match(found[0]!.message, /Unknown field "nickname" in people\.0/);
});

test('a malformed date is located on its value', () => {
  const found = problems(`${BASE}    offices:\n      - { office: pm, from: 1 March 2023, sources: [s1] }\n`);
  assert.ok(found.some((f) => f.rule === 'factbase-schema' && f.text === '1 March 2023'), JSON.stringify(found));
});

test('a reference to nothing, a duplicate id and a term that ends before it starts are each located', () => {
  const text = `${BASE}offices:
  - { id: pm, title: Prime Minister, wordings: [Prime Minister], sources: [s1] }
  - { id: pm, title: Prime Minister again, wordings: [PM], sources: [nowhere] }
events:
  - { id: e1, name: An event, kind: summit, start: 2031-05-15, end: 2031-05-14, participants: [bob], sources: [s1] }
`.replace('    sources: [s1]\n', '    sources: [s1]\n    offices:\n      - { office: pm, from: 2030-01-02, to: 2030-01-01, sources: [s1] }\n');
  const found = problems(text).map((f) => `${f.text} | ${f.message}`);
  assert.ok(found.includes('2030-01-01 | The term ends (2030-01-01) before it starts (2030-01-02)'), found.join('\n'));
  assert.ok(found.includes('pm | Duplicate office id "pm"'), found.join('\n'));
  assert.ok(found.includes('nowhere | "nowhere" refers to no source in the fact base'), found.join('\n'));
  assert.ok(found.includes('bob | "bob" refers to no people or organisation in the fact base') ||
    found.includes('bob | "bob" refers to no person or organisation in the fact base'), found.join('\n'));
  assert.ok(found.includes('2031-05-14 | The event ends (2031-05-14) before it starts (2031-05-15)'), found.join('\n'));
});

test('custom tags are refused, not executed', () => {
  const found = problems(`${BASE}title: !!js/function "function () { return 1 }"\n`);
  assert.ok(found.length > 0 && found.every((f) => f.rule === 'factbase-syntax' || f.rule === 'factbase-schema'), JSON.stringify(found));
});

test('a second YAML document in a fact-base file is refused where it starts', () => {
  const found = problems(`${BASE}---\ntitle: Another\n`);
  assert.deepEqual(found.map((f) => [f.rule, f.text.split('\n')[0]]), [['factbase-syntax', '---']]);
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
    '- hunter2\n- swordfish\n', 'hunter2', 'secret: [unclosed\n',
  ];
  for (const text of others) {
    const found = problems(text);
    assert.deepEqual(found.map((f) => f.message), [
      'x.facts.yaml is not a fact-base file: its top level is not a map of fact-base sections (title, sources, people, events, …).'], text);
  }
  assert.deepEqual(problems(''), [], 'an empty file is an empty fact base');
  assert.deepEqual(problems(`${BASE}nickname: x\n`).map((f) => f.text), ['nickname'], 'a fact base with a stray section is one');
});

test('the fact-base sections known to the loader are the JSON Schema\'s', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'server', 'src', 'facts', 'factbase.schema.json'), 'utf8')) as { properties: object };
  assert.deepEqual(SECTIONS, Object.keys(schema.properties));
});

test('dangling references and duplicate ids are listed up to 100 per file, then one line says how many more', () => {
  const people = (n: number, person: (i: number) => string) => `${BASE}${Array.from({ length: n }, (_, i) => person(i)).join('')}`;
  const dangling = people(250, (i) => `  - { id: p${i}, name: Person ${i}, sources: [missing-${i}] }\n`);
  let found = problems(dangling);
  assert.equal(found.length, 101);
  assert.ok(found.slice(0, 100).every((f, i) => f.text === `missing-${i}` && f.message === `"missing-${i}" refers to no source in the fact base`));
  assert.equal(found[100]!.message, '…and 150 more problems like these from here on; fix these first.');
  assert.equal(dangling.slice(loadFactBase([{ path: 'x.facts.yaml', text: dangling }]).problems[100]!.start).slice(0, 11), 'missing-100',
    'the line is placed on the first problem left out');
  found = problems(people(300, () => '  - { id: ada, name: Ada Again, sources: [s1] }\n'));
  assert.deepEqual([found.length, found[0]!.message, found[100]!.message],
    [101, 'Duplicate person id "ada"', '…and 200 more problems like these from here on; fix these first.']);
});
