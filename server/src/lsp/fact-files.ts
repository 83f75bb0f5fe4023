import { basename } from 'node:path';
import { CompletionItemKind, type CompletionItem, type Hover, type Location, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { idAt, idCompletions, type IdKind } from '../fact-ids.js';
import type { FactBase } from '../facts/types.js';
import type { FactIndex } from '../match/compile.js';
import { factLines, fileUri, rangeOf } from './convert.js';

// Ids in fact-base files (*.facts.yaml): hover, go to definition and completion, from the fact base the file belongs to
// (its last good version while the file has problems). No YAML extension is needed for any of them.

const KINDS: Record<IdKind, CompletionItemKind> = {
  source: CompletionItemKind.Reference,
  person: CompletionItemKind.Variable,
  organisation: CompletionItemKind.Module,
  office: CompletionItemKind.Class,
  event: CompletionItemKind.Event,
  document: CompletionItemKind.File,
  count: CompletionItemKind.Value,
  claim: CompletionItemKind.Constant,
  term: CompletionItemKind.Text,
};

const esc = (text: string) => text.replace(/[\\`*_[\]<>~]/g, '\\$&');

/** Where a fact is declared, as "file, line N". */
function declared(facts: FactBase, origin: { file: string; start: number }): string | undefined {
  const line = factLines(facts)(origin.file)?.positionAt(origin.start).line;
  return line === undefined ? undefined : `${basename(origin.file)}, line ${line + 1}`;
}

/** The card for the id under the cursor: what it names, one line about it, and where it is declared. */
export function idHover(doc: TextDocument, position: Position, index: FactIndex, markdown: boolean): Hover | null {
  const { facts } = index;
  const found = idAt(doc.getText(), doc.offsetAt(position), index);
  if (!found) return null;
  const { fact } = found;
  const where = declared(facts, fact.origin);
  const value = markdown
    ? [`**${esc(fact.label)}** — ${fact.kind} \`${fact.id}\``, esc(fact.detail), ...(where ? [`Defined in ${esc(where)}`] : [])].join(
        '\n\n',
      )
    : [`${fact.label} — ${fact.kind} ${fact.id}`, fact.detail, ...(where ? [`Defined in ${where}`] : [])].join('\n');
  return { contents: { kind: markdown ? 'markdown' : 'plaintext', value }, range: rangeOf(doc, found.start, found.end) };
}

/** Where the id under the cursor is declared (the fact it names), in whichever file of the fact base. */
export function idDefinition(doc: TextDocument, position: Position, index: FactIndex): Location[] {
  const { facts } = index;
  const found = idAt(doc.getText(), doc.offsetAt(position), index);
  const lines = found && factLines(facts)(found.fact.origin.file);
  if (!found || !lines) return [];
  return [{ uri: fileUri(found.fact.origin.file), range: rangeOf(lines, found.fact.origin.start, found.fact.origin.end) }];
}

/** The ids that fit the field at the cursor (`office:` takes offices, `sources:` sources, `participants:` people…). */
export function idCompletionItems(doc: TextDocument, position: Position, index: FactIndex): CompletionItem[] {
  const { ids, start, end } = idCompletions(doc.getText(), doc.offsetAt(position), index);
  const range = rangeOf(doc, start, end);
  return ids.map((f) => ({
    label: f.id,
    kind: KINDS[f.kind],
    detail: `${f.kind}: ${f.label}`,
    documentation: f.detail,
    textEdit: { range, newText: f.id },
  }));
}
