import { pathToFileURL } from 'node:url';
import {
  CompletionItemKind,
  DiagnosticSeverity,
  type CompletionItem,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Position,
  type Range,
  type TextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { replacedLength, type Completion } from '../complete.js';
import type { FactBase } from '../facts/types.js';
import type { Finding, Severity } from '../finding.js';
import { LineIndex } from '../lines.js';
import { ruleDocs } from '../rules/index.js';

/** What every factlint diagnostic carries, so code actions need no server-side state. */
export interface DiagnosticData {
  rule: string;
  /** The document version the finding was computed for; a fix applies to that version only. */
  version: number;
  /** The finding's true range (a client may echo the diagnostic back with other columns). */
  range: Range;
  fixes: { title: string; edits: TextEdit[] }[];
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Something that turns offsets into positions (a `TextDocument` or a {@link LineIndex}). */
export interface Positions {
  positionAt(offset: number): { line: number; character: number };
}

/** The file URI of a fact-base path. */
export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

/** Range of `[start, end)` in a text. */
export function rangeOf(positions: Positions, start: number, end: number): Range {
  return { start: positionOf(positions, start), end: positionOf(positions, end) };
}

function positionOf(positions: Positions, offset: number) {
  const { line, character } = positions.positionAt(offset);
  return { line, character };
}

/** Line indexes of a fact base's files, for locating facts; built on first use. */
export function factLines(facts: FactBase | undefined): (file: string) => LineIndex | undefined {
  const cache = new Map<string, LineIndex>();
  return (file) => {
    let lines = cache.get(file);
    if (!lines) {
      const text = facts?.files.find((f) => f.path === file)?.text;
      if (text === undefined) return undefined;
      lines = new LineIndex(text);
      cache.set(file, lines);
    }
    return lines;
  };
}

/**
 * A finding as an LSP diagnostic: code = rule id, a link to the rule's documentation, the facts it relies on
 * as related information (without their sources, which the hover card gives), and its fixes (in LSP ranges, for
 * `version`) in `data`.
 */
export function toDiagnostic(
  finding: Finding,
  doc: Positions,
  version: number,
  lines: (file: string) => LineIndex | undefined = () => undefined,
): Diagnostic {
  const range = rangeOf(doc, finding.start, finding.end);
  const data: DiagnosticData = {
    rule: finding.rule,
    version,
    range,
    fixes: finding.fixes.map((fix) => ({
      title: fix.title,
      edits: fix.edits.map((e) => ({ range: rangeOf(doc, e.start, e.end), newText: e.newText })),
    })),
  };
  const diagnostic: Diagnostic = {
    range,
    severity: SEVERITY[finding.severity],
    code: finding.rule,
    codeDescription: { href: ruleDocs(finding.rule) },
    source: 'factlint',
    message: finding.message,
    data,
  };
  const related: DiagnosticRelatedInformation[] = [];
  for (const fact of finding.facts) {
    const factText = lines(fact.file);
    if (!factText) continue;
    // One short line per fact: its sources are on the hover card, which the editor shows below the diagnostic.
    related.push({
      location: { uri: fileUri(fact.file), range: rangeOf(factText, fact.start, fact.end) },
      message: `${fact.kind} ${fact.id}: ${fact.label}`,
    });
  }
  if (related.length > 0) diagnostic.relatedInformation = related;
  return diagnostic;
}

const KINDS: Record<Completion['kind'], CompletionItemKind> = {
  person: CompletionItemKind.Constant,
  organisation: CompletionItemKind.Module,
  office: CompletionItemKind.Property,
  event: CompletionItemKind.Event,
  document: CompletionItemKind.File,
};

/**
 * Completions as LSP items: each replaces the words before the cursor that it starts with ("Xi Ji" → "Xi Jinping"),
 * which the editor then filters on, so that a name of several words completes as one.
 */
export function completionItems(list: Completion[], doc: TextDocument, position: Position): CompletionItem[] {
  const before = doc.getText({ start: { line: position.line, character: 0 }, end: position });
  return list.map((c) => {
    const length = replacedLength(before, c.text);
    const range = { start: { line: position.line, character: position.character - length }, end: position };
    return { label: c.text, kind: KINDS[c.kind], detail: c.detail, textEdit: { range, newText: c.text } };
  });
}
