import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_FACT_FILE } from './load.js';
import type { FactFile } from './types.js';
import { asUnreadable, readTextFile, UnreadableFile } from './textfile.js';

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

/**
 * Reads fact-base files; a folder contributes every `*.facts.yaml` in it. Throws an `UnreadableFile` naming the path
 * on anything that is not a readable text file (see `readTextFile`).
 */
export function readFactFiles(paths: string[]): FactFile[] {
  const files: FactFile[] = [];
  const read = (path: string) => files.push({ path, text: readTextFile(path, MAX_FACT_FILE).text });
  for (const path of paths) {
    let names: string[] | undefined;
    try {
      if (statSync(path).isDirectory()) names = readdirSync(path).sort();
    } catch (error) {
      throw asUnreadable(path, error);
    }
    if (names) for (const name of names.filter(isFactFile)) read(join(path, name));
    else read(path);
  }
  return files;
}

/**
 * Reads one fact-base file named by discovery. A folder reaches here only when it was named (front matter, settings,
 * configuration) and holds no fact-base file, which is said in those words rather than as "not a regular file".
 */
export function readFactFile(path: string): string {
  let folder = false;
  try {
    folder = statSync(path).isDirectory();
  } catch {
    // readTextFile names the reason (missing, permission denied…).
  }
  if (folder) throw new UnreadableFile(path, 'it is a folder with no *.facts.yaml file in it');
  return readTextFile(path, MAX_FACT_FILE).text;
}
