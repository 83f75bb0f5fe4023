import { basename } from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { FactBaseEntry } from '../facts/cache.js';
import { factCount } from '../facts/count.js';
import type { FactBaseState, FactBaseStatus } from './protocol.js';

/** What a client is told about a fact base. */
export function factBaseStatus(entry: FactBaseEntry, bundled: boolean): FactBaseStatus {
  const state: FactBaseState =
    entry.problems.length === 0 && entry.index ? 'loaded' : !entry.index ? 'broken' : entry.partial ? 'partial' : 'last-good';
  const facts = entry.index?.facts;
  return {
    name: facts?.title || basename(entry.files[0] ?? 'none'),
    files: entry.files,
    facts: facts ? factCount(facts) : 0,
    state,
    problems: entry.problems.length,
    bundled,
  };
}

/** A line of the log about a load: which files, how many facts and problems, how long it took. */
export function loadLine(status: FactBaseStatus, ms: number, reload: boolean): string {
  const files = status.files.map((f) => basename(f)).join(', ');
  const what = `${reload ? 'Reloaded' : 'Loaded'} the fact base "${status.name}" (${files}) in ${Math.round(ms)} ms`;
  if (status.state === 'loaded') return `${what}: ${status.facts} facts.`;
  const problems = `${status.problems} problem${status.problems === 1 ? '' : 's'}`;
  if (status.state === 'partial') return `${what}: ${problems}; using its ${status.facts} well-formed facts.`;
  if (status.state === 'last-good') return `${what}: ${problems}; keeping its last good version (${status.facts} facts).`;
  return `${what}: ${problems} and no good version; drafts using it are not checked.`;
}

/**
 * The information diagnostic on the first line of a draft checked against a fact base with problems (or not checked,
 * when it has no good version): the findings may be out of date or incomplete.
 */
export function notice(status: FactBaseStatus, loadedAt: number | undefined): Diagnostic | undefined {
  if (status.state === 'loaded') return undefined;
  const problems = `${status.problems} problem${status.problems === 1 ? '' : 's'}`;
  const when = loadedAt === undefined ? '' : ` (loaded at ${new Date(loadedAt).toISOString().slice(11, 19)} UTC)`;
  const message =
    status.state === 'broken'
      ? `Not checked: the fact base "${status.name}" has ${problems} and no version without them. Fix its files to check this draft.`
      : status.state === 'partial'
        ? `Checked against part of the fact base "${status.name}": it has ${problems}, and the facts they concern are left out.`
        : `Checked against the last good version of the fact base "${status.name}"${when}: its files have ${problems} now.`;
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: 'factlint',
    code: 'factbase-state',
    message,
  };
}
