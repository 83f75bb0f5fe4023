import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './paths.js';

/** A fact of a fact base as parsed YAML, and a parsed fact base by section. */
export type Item = Record<string, unknown> & { id: string };
export type Base = Record<string, Item[] | undefined>;

/** The items of a section (none when it is absent). */
export const section = (base: Base, name: string): Item[] => base[name] ?? [];

/** The item of a section with an id; the test fails, listing the ids there, when there is none. */
export function byId(base: Base, name: string, id: string): Item {
  const found = section(base, name).find((i) => i.id === id);
  assert.ok(
    found,
    `${name} has ${id}: ${section(base, name)
      .map((i) => i.id)
      .join(', ')}`,
  );
  return found;
}

/** Runs the built CLI (`factlint ARGS`) in a folder, with a time limit. */
export function cli(cwd: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [join(ROOT, 'server', 'out', 'cli.cjs'), ...args], { cwd, encoding: 'utf8', timeout: 30_000 });
}

/** Asserts that `factlint facts check` finds nothing in a fact-base file but hints (review marks). */
export function assertLoads(cwd: string, file: string): void {
  const check = cli(cwd, ['facts', 'check', file, '--format', 'json']);
  assert.deepEqual(
    (JSON.parse(check.stdout) as { severity: string }[]).filter((f) => f.severity !== 'hint'),
    [],
    file,
  );
}
