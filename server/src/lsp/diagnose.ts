import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FactBaseEntry } from '../facts/cache.js';
import type { Rechecker } from '../incremental.js';
import type { FactIndex } from '../match/compile.js';
import { factLines, toDiagnostic } from './convert.js';
import { placeholderHints } from './placeholder.js';
import type { DocumentStatus, FactBaseStatus } from './protocol.js';
import { offTopic } from './scope.js';
import type { Settings } from './settings.js';
import { factBaseStatus, notice } from './status.js';

/** What a draft is checked against: its settings, its fact base (and whether it is the bundled one), or why it is left out. */
export interface DraftFacts {
  settings: Settings;
  entry: FactBaseEntry;
  index?: FactIndex;
  bundled: boolean;
  /** Why the settings leave the draft unchecked, if they do. */
  skip?: string;
}

/**
 * The diagnostics of a draft and its status: its findings (and a hint on each placeholder reason), with a notice on
 * its first line when its fact base has problems; none when it is left out or not about the bundled fact base.
 */
export function diagnose(
  uri: string,
  text: string,
  draft: DraftFacts,
  checker: Rechecker,
  version: number | undefined,
): { diagnostics: Diagnostic[]; status: DocumentStatus } {
  const factBase: FactBaseStatus = factBaseStatus(draft.entry, draft.bundled);
  const status = (reason?: string): DocumentStatus => ({ uri, checked: reason === undefined, ...(reason ? { reason } : {}), factBase });
  if (draft.skip) return { diagnostics: [], status: status(draft.skip) };
  const positions = TextDocument.create(uri, 'markdown', version ?? 0, text);
  const first = notice(factBase, draft.entry.loadedAt);
  if (!draft.index) return { diagnostics: first ? [first] : [], status: status(first?.message) };
  const findings = checker.check(text, draft.index, { severity: draft.settings.rules, houseStyle: draft.settings.houseStyle });
  const off = offTopic(draft.bundled, checker.analysedFor(text, draft.index));
  if (off) return { diagnostics: [], status: status(off) };
  const lines = factLines(draft.index.facts);
  const diagnostics = findings.map((f) => toDiagnostic(f, positions, version ?? 0, lines));
  return { diagnostics: [...(first ? [first] : []), ...diagnostics, ...placeholderHints(text, positions)], status: status() };
}
