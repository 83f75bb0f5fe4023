import { basename } from 'node:path';
import type { CancellationToken, WorkDoneProgressServerReporter } from 'vscode-languageserver';
import { fileUri } from './convert.js';
import { draftsIn, MAX_DRAFTS } from './workspace.js';

/** What "check all drafts in the workspace" needs from the server. */
export interface CheckAllDeps {
  folders: string[];
  /** Paths of the documents open in the editor: they are checked as they are typed, so skipped here. */
  open: Set<string | undefined>;
  /** Checks a closed draft from disk and publishes its diagnostics; resolves to how many there are. */
  check(uri: string, path: string): Promise<number>;
  token: CancellationToken;
  progress?: WorkDoneProgressServerReporter;
  log(line: string): void;
  tell(message: string): void;
}

/** What a run of "check all drafts" found. */
export interface CheckAllResult {
  drafts: number;
  /** Drafts with at least one diagnostic, and how many diagnostics in all (closed drafts only). */
  withProblems: number;
  problems: number;
  cancelled: boolean;
}

/**
 * Checks every Markdown file in the workspace folders that is not open, publishing each one's diagnostics so that
 * the Problems panel lists them, with progress and cancellation (the request's or the progress's).
 */
export async function checkWorkspace(deps: CheckAllDeps): Promise<CheckAllResult> {
  const started = performance.now();
  const paths = draftsIn(deps.folders).filter((p) => !deps.open.has(p));
  deps.progress?.begin('factlint: checking drafts', 0, `${paths.length} drafts`, true);
  const result: CheckAllResult = { drafts: 0, withProblems: 0, problems: 0, cancelled: false };
  for (const [i, path] of paths.entries()) {
    if (deps.token.isCancellationRequested || deps.progress?.token.isCancellationRequested) {
      result.cancelled = true;
      break;
    }
    deps.progress?.report(Math.floor((i * 100) / paths.length), `${i + 1}/${paths.length}: ${basename(path)}`);
    const found = await deps.check(fileUri(path), path);
    result.drafts++;
    result.problems += found;
    if (found > 0) result.withProblems++;
    // Let cancellation and the editor's other messages through between drafts.
    await new Promise((resolve) => setImmediate(resolve));
  }
  deps.progress?.done();
  const capped = paths.length >= MAX_DRAFTS ? ` (the first ${MAX_DRAFTS} only)` : '';
  const summary =
    `${result.cancelled ? 'Cancelled after checking' : 'Checked'} ${result.drafts} closed draft${result.drafts === 1 ? '' : 's'}${capped}: ` +
    `${result.problems} problem${result.problems === 1 ? '' : 's'} in ${result.withProblems}.`;
  deps.log(`${summary} (${Math.round(performance.now() - started)} ms)`);
  deps.tell(summary);
  return result;
}
