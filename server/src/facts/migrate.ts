import { parseDocument } from 'yaml';
import { syntaxProblem } from './syntax.js';
import { applyEdits, v1Forms, type TextEdit } from './v1.js';

/** A file's text rewritten from v1 forms to v2, or why it could not be. */
export type Migration = { text: string; edits: TextEdit[]; changes: number } | { error: string };

/**
 * Rewrites the v1 forms of a fact-base file that v2 replaces (facts/v1.ts) in place: only their own text changes, so
 * comments, quoting and layout stay as written. A file already in v2 comes back unchanged (migrating twice is migrating once).
 */
export function migrate(text: string): Migration {
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, customTags: [] });
  if (doc.errors.length > 0) {
    // Located as `facts check` locates it: on the line to fix.
    const line = text.slice(0, syntaxProblem(text, doc.errors).start).split('\n').length;
    return { error: `line ${line} is not well-formed YAML, so the file cannot be rewritten; factlint facts check says what to fix` };
  }
  const forms = v1Forms(doc, text);
  const edits = forms.flatMap((f) => f.edits);
  return { text: applyEdits(text, edits), edits, changes: forms.length };
}

/** Where each line starts. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * A unified diff of two texts that differ by the given edits, one hunk per run of changed lines, without context
 * lines (`--- a/file`, `+++ b/file`, `@@ -12,2 +12,3 @@`).
 */
export function unifiedDiff(path: string, before: string, edits: TextEdit[]): string {
  const starts = lineStarts(before);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  // Runs of edits on the same or touching lines, each as whole old lines [first, last].
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const runs: { first: number; last: number; edits: TextEdit[] }[] = [];
  for (const edit of sorted) {
    const first = lineOf(edit.start);
    const last = lineOf(Math.max(edit.start, edit.end - 1));
    const run = runs.at(-1);
    if (run && first <= run.last + 1) {
      run.last = Math.max(run.last, last);
      run.edits.push(edit);
    } else runs.push({ first, last, edits: [edit] });
  }
  const out = [`--- a/${path}`, `+++ b/${path}`];
  let shift = 0;
  for (const run of runs) {
    const from = starts[run.first]!;
    const to = run.last + 1 < starts.length ? starts[run.last + 1]! : before.length;
    const old = before.slice(from, to);
    const now = applyEdits(
      old,
      run.edits.map((e) => ({ ...e, start: e.start - from, end: e.end - from })),
    );
    const lines = (s: string) => (s === '' ? [] : s.replace(/\n$/, '').split('\n'));
    const [a, b] = [lines(old), lines(now)];
    out.push(
      `@@ -${run.first + 1},${a.length} +${run.first + 1 + shift},${b.length} @@`,
      ...a.map((l) => `-${l}`),
      ...b.map((l) => `+${l}`),
    );
    shift += b.length - a.length;
  }
  return out.join('\n');
}
