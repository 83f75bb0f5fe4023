import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FactFile } from './load.js';

/** The fact-base folder that ships with factlint (`facts/` at the package root). */
export function bundledFactsDir(): string {
  // Both the tsc output (out/server/facts/) and the bundles (server/out/) sit below the package root.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'facts')) && existsSync(join(dir, 'package.json'))) return join(dir, 'facts');
    dir = dirname(dir);
  }
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'facts');
}

/** Whether a file name is a fact-base file. */
export function isFactFile(path: string): boolean {
  return /\.facts\.ya?ml$/i.test(path);
}

/** Reads fact-base files; a folder contributes every `*.facts.yaml` in it. Throws with the path on unreadable input. */
export function readFactFiles(paths: string[]): FactFile[] {
  const files: FactFile[] = [];
  for (const path of paths) {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) if (isFactFile(name)) files.push({ path: join(path, name), text: readFileSync(join(path, name), 'utf8') });
    } else {
      files.push({ path, text: readFileSync(path, 'utf8') });
    }
  }
  return files;
}
