import type { LineIndex } from './lines.js';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type Category = 'date' | 'official' | 'claim' | 'style' | 'factbase';

/** One replacement, in UTF-16 offsets into the checked text. */
export interface Edit {
  start: number;
  end: number;
  newText: string;
}

/** A correction: one or more edits applied together. */
export interface Fix {
  title: string;
  edits: Edit[];
}

/** A fact a finding relies on: where it is declared, and its sources. */
export interface FactRef {
  kind: 'event' | 'person' | 'organisation' | 'office' | 'document' | 'count' | 'claim' | 'term' | 'source';
  id: string;
  label: string;
  file: string;
  start: number;
  end: number;
  sources: { title: string; publisher: string; date?: string; url?: string; file?: string }[];
}

/** A problem in a checked file, in UTF-16 offsets into that file's text. */
export interface Finding {
  rule: string;
  category: Category;
  severity: Severity;
  start: number;
  end: number;
  message: string;
  fixes: Fix[];
  facts: FactRef[];
}

/** `file:line:column:rule:message`, 1-based, as the CLI's plain output and the golden fixtures print it. */
export function formatFinding(file: string, lines: LineIndex, finding: Finding): string {
  const p = lines.positionAt(finding.start);
  return `${file}:${p.line + 1}:${p.character + 1}:${finding.severity}:${finding.rule}:${finding.message}`;
}

/**
 * The edits of the fixes that are certain: a finding's only fix. A finding with several fixes offers alternatives
 * (the name or the title may be wrong) for the writer to choose; fix-all, fix-on-save and `--fix` leave it alone.
 */
export function certainEdits(findings: Finding[]): Edit[] {
  return findings.flatMap((f) => (f.fixes.length === 1 ? f.fixes[0]!.edits : []));
}

/**
 * The edits that can be applied together to a text of `length` code units, in order: by place, skipping any edit that
 * overlaps one already taken (or does not fit the text). Fix-all in the editor and `applyEdits` take the same ones.
 */
export function editsToApply(edits: Edit[], length: number): Edit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const taken: Edit[] = [];
  let last = -1;
  for (const edit of sorted) {
    if (edit.start < last || edit.start > edit.end || edit.end > length) continue;
    taken.push(edit);
    last = edit.end;
  }
  return taken;
}

/** Applies fixes' edits to a text, skipping any edit that overlaps one already taken (see {@link editsToApply}). */
export function applyEdits(text: string, edits: Edit[]): string {
  const taken = editsToApply(edits, text.length);
  let out = '';
  let at = 0;
  for (const edit of taken) {
    out += text.slice(at, edit.start) + edit.newText;
    at = edit.end;
  }
  return out + text.slice(at);
}
