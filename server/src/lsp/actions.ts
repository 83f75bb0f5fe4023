import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { certainEdits, editsToApply, type Finding } from '../finding.js';
import { rangeOf, type DiagnosticData } from './convert.js';
import { REASON_PLACEHOLDER, SELECT_REASON_COMMAND } from './protocol.js';

/** The kind of the "fix every factlint problem" source action (for `editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = 'source.fixAll.factlint';

/** Whether a code-action request asks for actions of a kind (no `only` asks for every kind). */
export function wants(only: string[] | undefined, kind: string): boolean {
  return only === undefined || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** An edit of one document that applies only to the given version of it. */
function versioned(uri: string, version: number, edits: TextEdit[]): WorkspaceEdit {
  return { documentChanges: [{ textDocument: { uri, version }, edits }] };
}

/** The factlint payload of a diagnostic echoed back by a client, if it has a well-formed one. */
function dataOf(diagnostic: Diagnostic): DiagnosticData | undefined {
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  if (typeof data !== 'object' || data === null || typeof data.rule !== 'string' || typeof data.version !== 'number') return undefined;
  if (!data.range?.start || !data.range.end || !Array.isArray(data.fixes)) return undefined;
  return data as DiagnosticData;
}

const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);

/**
 * The factlint diagnostics a request is about, read from each diagnostic's own `data` (clients may echo ranges
 * in other units and every diagnostic on the line): those whose true range touches the requested range,
 * computed for the document's current version — a finding for an older version yields no action.
 */
function current(params: CodeActionParams, doc: TextDocument): [Diagnostic, DiagnosticData][] {
  const seen = new Set<string>();
  return params.context.diagnostics.flatMap((d): [Diagnostic, DiagnosticData][] => {
    const data = dataOf(d);
    if (!data || data.version !== doc.version) return [];
    if (!before(data.range.start, params.range.end) || !before(params.range.start, data.range.end)) return [];
    const key = JSON.stringify([data.rule, data.range, d.message]);
    if (seen.has(key)) return [];
    seen.add(key);
    return [[d, data]];
  });
}

/** One quick fix per fix of each factlint diagnostic in the request; preferred only when it is the diagnostic's only fix (alternatives are not). */
export function quickFixes(params: CodeActionParams, doc: TextDocument): CodeAction[] {
  return current(params, doc).flatMap(([diagnostic, data]) =>
    data.fixes.map(
      (fix): CodeAction => ({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: data.fixes.length === 1,
        edit: versioned(doc.uri, data.version, fix.edits),
      }),
    ),
  );
}

/**
 * "Disable RULE for this line": a `factlint-disable-next-line RULE -- reason` comment above the line when the
 * line starts a paragraph or is a heading (an HTML comment there does not change how the Markdown renders),
 * else a `factlint-disable-line` comment at the end of the line (inside a paragraph, list, quote or table).
 * The reason is a placeholder; with `select`, the action's command has the server select it once the comment is in
 * (`window/showDocument`), so that the writer types over it.
 */
export function disableActions(params: CodeActionParams, doc: TextDocument, select = false): CodeAction[] {
  const done = new Set<string>();
  const eol = doc.getText().includes('\r\n') ? '\r\n' : '\n';
  const lineText = (line: number) =>
    doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
  return current(params, doc).flatMap(([diagnostic, data]): CodeAction[] => {
    const line = data.range.start.line;
    if (done.has(`${data.rule}:${line}`)) return [];
    done.add(`${data.rule}:${line}`);
    const text = lineText(line);
    const heading = /^ {0,3}#{1,6}(\s|$)/.test(text);
    const startsParagraph = (line === 0 || lineText(line - 1).trim() === '') && !/^\s*([-*+]\s|\d{1,9}[.)]\s|>|\|)/.test(text);
    const above = heading || startsParagraph;
    const at = above ? 0 : text.length;
    const before = above
      ? `${/^\s*/.exec(text)![0]}<!-- factlint-disable-next-line ${data.rule} -- `
      : ` <!-- factlint-disable-line ${data.rule} -- `;
    const edit: TextEdit = {
      range: { start: { line, character: at }, end: { line, character: at } },
      newText: `${before}${REASON_PLACEHOLDER} -->${above ? eol : ''}`,
    };
    const reason = {
      start: { line, character: at + before.length },
      end: { line, character: at + before.length + REASON_PLACEHOLDER.length },
    };
    return [
      {
        title: `Disable ${data.rule} for this line (with a reason)`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: versioned(doc.uri, data.version, [edit]),
        ...(select ? { command: { title: 'Select the reason', command: SELECT_REASON_COMMAND, arguments: [doc.uri, reason] } } : {}),
      },
    ];
  });
}

/**
 * One action applying every certain fix, a finding's only fix (skipping fixes that overlap one already taken); a
 * finding with alternatives is left for the writer to choose.
 */
export function fixAll(doc: TextDocument, findings: Finding[]): CodeAction | undefined {
  const taken: TextEdit[] = editsToApply(certainEdits(findings), doc.getText().length).map((e) => ({
    range: rangeOf(doc, e.start, e.end),
    newText: e.newText,
  }));
  if (taken.length === 0) return undefined;
  return { title: 'Fix all auto-fixable factlint problems', kind: FIX_ALL_KIND, edit: versioned(doc.uri, doc.version, taken) };
}
