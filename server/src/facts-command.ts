import { dirname, relative, resolve } from 'node:path';
import { collectFiles } from './collect.js';
import { Discovery } from './facts/discover.js';
import { isFactFile } from './facts/files.js';
import { loadFactBase, MAX_FACT_FILE } from './facts/load.js';
import type { FactFile } from './facts/types.js';
import { migrate, unifiedDiff } from './facts/migrate.js';
import { asUnreadable, readTextFile, writeTextFile } from './facts/textfile.js';
import { factBaseFindings } from './findings.js';
import type { FileReport } from './report.js';

/** What `factlint facts check` found: a report per fact-base file (problems located in it), and paths it could not read. */
export interface FactsCheck {
  reports: FileReport[];
  unreadable: string[];
}

/**
 * Lints fact-base files: the `*.facts.yaml` files named, or found below named folders (by default the current one).
 * The files of one folder are one fact base, loaded together, as the editor loads them: a reference from one file to
 * a fact in another of the same folder is found. Rule severities come from the nearest `.factlint.yaml` above each
 * file, as for drafts (`factbase-review: off` hides the review hints); a broken configuration file is left to `check`.
 */
export function checkFactFiles(targets: string[]): FactsCheck {
  const unreadable: string[] = [];
  const byFolder = new Map<string, FactFile[]>();
  for (const path of collectFiles(targets.length > 0 ? targets : ['.'], unreadable, isFactFile, 'fact-base file')) {
    try {
      const file = { path, text: readTextFile(path, MAX_FACT_FILE).text };
      const folder = byFolder.get(dirname(path)) ?? [];
      folder.push(file);
      byFolder.set(dirname(path), folder);
    } catch (error) {
      unreadable.push(`Cannot read the fact-base file ${path}: ${asUnreadable(path, error).reason}`);
    }
  }
  const reports: FileReport[] = [];
  const discovery = new Discovery(() => [process.cwd()]);
  const severityFor = (file: string) => discovery.configFor(resolve(file))?.config?.rules;
  for (const files of byFolder.values()) {
    const loaded = loadFactBase(files);
    const found = factBaseFindings([...loaded.problems, ...loaded.hints], severityFor);
    for (const file of files) {
      reports.push({
        file: relative(process.cwd(), file.path) || file.path,
        text: file.text,
        findings: (found.get(file.path) ?? []).sort((a, b) => a.start - b.start),
      });
    }
  }
  return { reports, unreadable };
}

/** What `factlint facts migrate` did: per file, a diff or a note; files it could not rewrite, and paths it could not read. */
export interface FactsMigration {
  output: string[];
  failed: string[];
  unreadable: string[];
}

/**
 * Rewrites the v1 forms of fact-base files that v2 replaces (facts/v1.ts): prints a unified diff of each file that
 * changes, or with `write` writes it in place.
 */
export function migrateFactFiles(targets: string[], write: boolean): FactsMigration {
  const result: FactsMigration = { output: [], failed: [], unreadable: [] };
  for (const path of collectFiles(targets.length > 0 ? targets : ['.'], result.unreadable, isFactFile, 'fact-base file')) {
    const shown = relative(process.cwd(), path) || path;
    let read;
    try {
      read = readTextFile(path, MAX_FACT_FILE);
    } catch (error) {
      result.unreadable.push(`Cannot read the fact-base file ${path}: ${asUnreadable(path, error).reason}`);
      continue;
    }
    const migrated = migrate(read.text);
    if ('error' in migrated) {
      result.failed.push(`${shown}: ${migrated.error}`);
      continue;
    }
    if (migrated.changes === 0) continue;
    if (!write) {
      result.output.push(unifiedDiff(shown, read.text, migrated.edits));
      continue;
    }
    try {
      writeTextFile(path, migrated.text, read.encoding);
      result.output.push(`${shown}: ${migrated.changes} v1 form${migrated.changes === 1 ? '' : 's'} rewritten`);
    } catch (error) {
      result.unreadable.push(`Cannot write the fact-base file ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return result;
}
