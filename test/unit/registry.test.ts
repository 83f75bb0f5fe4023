import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { bundledFactsDir, readFactFiles } from '../../server/src/facts/files.js';
import { loadFactBase } from '../../server/src/facts/load.js';
import { rules } from '../../server/src/rules/index.js';
import { fixtureFindings } from './fixtures.js';
import { FIXTURES, ROOT } from './paths.js';

const RULES_DIR = join(ROOT, 'server', 'src', 'rules');
const cases = readdirSync(join(FIXTURES, 'rules'));

test('rule ids are unique, kebab-case, and each lives in the file of its name', () => {
  assert.equal(new Set(rules.map((r) => r.id)).size, rules.length);
  for (const rule of rules) {
    assert.match(rule.id, /^[a-z]+(-[a-z]+)*$/);
    assert.ok(existsSync(join(RULES_DIR, `${rule.id}.ts`)), `server/src/rules/${rule.id}.ts`);
    assert.ok(rule.description.length > 10 && !rule.description.includes('\n'), `${rule.id} has a one-line description`);
  }
  const files = readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts') && !['index.ts', 'rule.ts', 'support.ts'].includes(f));
  assert.deepEqual(files.map((f) => f.replace(/\.ts$/, '')).sort(), rules.map((r) => r.id).sort(), 'every rule file is registered');
});

test('every prose rule fires in a fixture against the bundled fact base and against the second fact base', () => {
  for (const rule of rules.filter((r) => r.check)) {
    const fired = (base: string) =>
      cases.some((name) => {
        const dir = join(FIXTURES, 'rules', name);
        const named = existsSync(join(dir, 'factbase.txt')) ? readFileSync(join(dir, 'factbase.txt'), 'utf8').trim() : 'bundled';
        return (
          named === base &&
          existsSync(join(dir, 'expected.txt')) &&
          readFileSync(join(dir, 'expected.txt'), 'utf8').includes(`:${rule.id}:`)
        );
      });
    assert.ok(fired('bundled'), `${rule.id} fires in a fixture checked against the bundled fact base`);
    assert.ok(fired('summit.facts.yaml'), `${rule.id} fires in a fixture checked against summit.facts.yaml`);
  }
});

test('no rule names a person, organisation, place or date of the bundled fact base', () => {
  const loaded = loadFactBase(readFactFiles([bundledFactsDir()]));
  assert.ok(loaded.facts);
  const facts = loaded.facts;
  const words = new Set<string>();
  for (const person of facts.people.values()) {
    for (const form of [person.name, ...person.preferred, ...person.spellings, ...person.misspellings]) {
      for (const word of form.split(/\s+/)) if (word.length >= 4) words.add(word);
    }
  }
  for (const org of facts.organisations.values()) for (const form of [org.name, ...org.preferred, ...org.spellings]) words.add(form);
  for (const event of facts.events.values()) {
    words.add(event.start);
    for (const part of (event.place ?? '').split(/\s*,\s*/)) if (part.length >= 5) words.add(part);
  }
  for (const file of readdirSync(RULES_DIR)) {
    const code = readFileSync(join(RULES_DIR, file), 'utf8');
    for (const word of words) {
      assert.ok(!new RegExp(`\\b${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(code), `${file} names "${word}"`);
    }
  }
});

test('a rule is marked fixable exactly when its fixtures offer fixes for its findings', () => {
  const fixes = new Map<string, number>();
  for (const { findings } of fixtureFindings()) {
    for (const f of findings) fixes.set(f.rule, (fixes.get(f.rule) ?? 0) + (f.fixes.length > 0 ? 1 : 0));
  }
  for (const rule of rules) {
    const offered = (fixes.get(rule.id) ?? 0) > 0;
    assert.equal(
      offered,
      rule.fixable,
      `${rule.id} is ${rule.fixable ? '' : 'not '}fixable, but its fixtures ${offered ? 'offer' : 'offer no'} fixes`,
    );
  }
});

test('the manifest lists every rule under factlint.rules with its description, so the Settings editor shows them', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    contributes: {
      configuration: { properties: Record<string, { properties?: Record<string, { enum: string[]; description: string }> }> };
    };
  };
  const listed = manifest.contributes.configuration.properties['factlint.rules']!.properties ?? {};
  assert.deepEqual(Object.keys(listed).sort(), rules.map((r) => r.id).sort());
  for (const rule of rules) {
    assert.ok(listed[rule.id]!.description.startsWith(rule.description), `${rule.id}: the manifest's description is the rule's`);
    assert.deepEqual(listed[rule.id]!.enum, ['error', 'warning', 'information', 'hint', 'off']);
  }
});
