import { dirname, relative } from 'node:path';
import { collectFiles } from './collect.js';
import { isFactFile } from './facts/files.js';
import { loadFactBase, MAX_FACT_FILE } from './facts/load.js';
import type { FactFile } from './facts/types.js';
import { asUnreadable, readTextFile } from './facts/textfile.js';
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
 * a fact in another of the same folder is found.
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
  for (const files of byFolder.values()) {
    const loaded = loadFactBase(files);
    const found = factBaseFindings([...loaded.problems, ...loaded.hints]);
    for (const file of files) {
      reports.push({ file: relative(process.cwd(), file.path) || file.path, text: file.text,
        findings: (found.get(file.path) ?? []).sort((a, b) => a.start - b.start) });
    }
  }
  return { reports, unreadable };
}
