import { existsSync, writeFileSync } from 'node:fs';
import { extractFacts } from '../extract/extract.js';
import { readTextFile, writeTextFile } from '../facts/textfile.js';
import { MAX_FACT_FILE } from '../facts/load.js';

/** What the editor's "Extract facts from this file" did: the fact base written and the conflicts listed, or why it could not. */
export type ExtractResult = { target: string; facts: number; conflicts: string[] } | { error: string };

/**
 * Reads candidate facts from an open source article (its path and its text as in the editor) and writes or merges them
 * into a fact-base file on disk. A fact base open with unsaved changes is not written over: it must be saved first.
 */
export function extractInto(source: string, text: string, target: string, openText?: string): ExtractResult {
  let existing: string | undefined;
  let encoding;
  if (existsSync(target)) {
    try {
      ({ text: existing, encoding } = readTextFile(target, MAX_FACT_FILE));
    } catch (error) {
      return { error: `Cannot read ${target}: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (openText !== undefined && openText !== existing) return { error: `${target} has unsaved changes: save it, then extract again.` };
  }
  try {
    const result = extractFacts([{ path: source, text }], existing);
    if (encoding) writeTextFile(target, result.text, encoding);
    else writeFileSync(target, result.text, { flag: 'wx' });
    return {
      target,
      facts: result.read[0] ?? 0,
      conflicts: result.conflicts.map((c) => `${c.what}: ${c.source} says ${c.says}, the fact base has ${c.has}`),
    };
  } catch (error) {
    return { error: `Cannot extract into ${target}: ${error instanceof Error ? error.message : String(error)}` };
  }
}
