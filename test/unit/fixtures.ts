import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check, type CheckOptions } from '../../server/src/check.js';
import { bundledFactsDir, readFactFiles } from '../../server/src/facts/files.js';
import { loadFactBase } from '../../server/src/facts/load.js';
import type { Finding } from '../../server/src/finding.js';
import { compile, type FactIndex } from '../../server/src/match/compile.js';
import { FIXTURES } from './paths.js';

/** The rule fixtures: every folder in test/fixtures/rules/ with a draft.md. */
export const CASES = join(FIXTURES, 'rules');
const indexes = new Map<string, FactIndex>();

/**
 * The compiled fact base a fixture is checked against: facts.yaml in its folder, or the one named in factbase.txt
 * ("bundled", the default, or a file in fixtures/factbases/). Each is compiled once.
 */
export function factIndex(dir: string): FactIndex {
  const own = join(dir, 'facts.yaml');
  const named = existsSync(join(dir, 'factbase.txt')) ? readFileSync(join(dir, 'factbase.txt'), 'utf8').trim() : 'bundled';
  const paths = existsSync(own) ? [own] : named === 'bundled' ? [bundledFactsDir()] : [join(FIXTURES, 'factbases', named)];
  const key = paths.join('|');
  if (!indexes.has(key)) {
    const loaded = loadFactBase(readFactFiles(paths));
    assert.ok(loaded.facts, `fact base ${key} has problems: ${loaded.problems.map((p) => p.message).join('; ')}`);
    indexes.set(key, compile(loaded.facts));
  }
  return indexes.get(key)!;
}

/** A fixture's check options: options.json in its folder (e.g. severities that turn on an opt-in rule), else none. */
export function fixtureOptions(dir: string): CheckOptions {
  return existsSync(join(dir, 'options.json')) ? (JSON.parse(readFileSync(join(dir, 'options.json'), 'utf8')) as CheckOptions) : {};
}

/** Every fixture's name and findings. */
export function fixtureFindings(): { name: string; findings: Finding[] }[] {
  return readdirSync(CASES)
    .sort()
    .filter((name) => existsSync(join(CASES, name, 'draft.md')))
    .map((name) => {
      const dir = join(CASES, name);
      return { name, findings: check(readFileSync(join(dir, 'draft.md'), 'utf8'), factIndex(dir), fixtureOptions(dir)) };
    });
}
