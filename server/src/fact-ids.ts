import { formatEventDates } from './match/wording.js';
import type { Origin } from './facts/types.js';
import { perIndex, type FactIndex } from './match/compile.js';

/** What an id in a fact-base file names. */
export type IdKind = 'source' | 'person' | 'organisation' | 'office' | 'event' | 'document' | 'count' | 'claim' | 'term';

/** A fact of a fact base, by its id: what it is, one line about it, and where it is declared. */
export interface IdFact {
  kind: IdKind;
  id: string;
  label: string;
  detail: string;
  origin: Origin;
}

/** The fields of a fact-base file whose values are ids, and the kinds of fact they name (as facts/link.ts reads them). */
const REFERENCES: Record<string, IdKind[]> = {
  defaultEvent: ['event'],
  parent: ['event'],
  event: ['event'],
  sources: ['source'],
  office: ['office'],
  by: ['person', 'organisation'],
  parties: ['person', 'organisation'],
  participants: ['person', 'organisation'],
  hosts: ['person', 'organisation'],
  visitors: ['person', 'organisation'],
  delegation: ['person', 'organisation'],
  attended: ['person', 'organisation'],
};

/** Every fact of a fact base with an id, by id (the first declared, where two share one); once per fact index. */
export const factIds = perIndex(({ facts }): Map<string, IdFact> => {
  const ids = new Map<string, IdFact>();
  const add = (kind: IdKind, fact: { id: string; origin: Origin }, label: string, detail: string) => {
    if (!ids.has(fact.id)) ids.set(fact.id, { kind, id: fact.id, label, detail, origin: fact.origin });
  };
  for (const s of facts.sources.values()) add('source', s, s.title, `${s.publisher}${s.date ? `, ${s.date}` : ''}`);
  for (const p of facts.people.values()) add('person', p, p.name, 'person');
  for (const o of facts.organisations.values()) add('organisation', o, o.name, 'organisation');
  for (const o of facts.offices.values()) add('office', o, o.title, `office${o.country ? `, ${o.country}` : ''}`);
  for (const e of facts.events.values()) add('event', e, e.name, `${e.kind}, ${formatEventDates(e)}`);
  for (const d of facts.documents.values()) add('document', d, d.title, d.kind);
  for (const c of facts.documentCounts) add('count', c, `documents signed at ${facts.events.get(c.event)?.name ?? c.event}`, 'count');
  for (const c of facts.claims.values()) add('claim', c, c.statement, `claim (${c.status})`);
  for (const t of facts.terms) add('term', t, t.prefer, 'house term');
  return ids;
});

const ID_CHAR = /[\p{L}\p{N}_.-]/u;

/** The id-like word around an offset of a fact-base file's text. */
function wordAt(text: string, offset: number): { word: string; start: number; end: number } {
  let start = offset;
  let end = offset;
  while (start > 0 && ID_CHAR.test(text[start - 1]!)) start--;
  while (end < text.length && ID_CHAR.test(text[end]!)) end++;
  return { word: text.slice(start, end), start, end };
}

/** The known id under an offset of a fact-base file (a reference or a declaration), and its range. */
export function idAt(text: string, offset: number, index: FactIndex): { fact: IdFact; start: number; end: number } | undefined {
  const { word, start, end } = wordAt(text, offset);
  const fact = word === '' ? undefined : factIds(index).get(word);
  return fact && { fact, start, end };
}

/**
 * The field a value at an offset belongs to: `key:` on its line (`office: x`, `sources: [a, b`, `- by: x`), else,
 * for a list item (`- x`), the nearest less-indented `key:` above it.
 */
function fieldAt(text: string, offset: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const line = text.slice(lineStart, offset);
  // The last key on the line whose value is still being written: `key: x`, `key: [a, x`, inside `{ a: b, key: x`.
  const own = /([A-Za-z]+):\s*(?:\[[^\]]*?)?[^\s,[\]{}:]*$/.exec(line);
  if (own) return own[1];
  const item = /^(\s*)-\s+[^:]*$/.exec(line);
  if (!item) return undefined;
  const indent = item[1]!.length;
  const above = text.slice(0, lineStart).split('\n').reverse();
  for (const l of above) {
    const m = /^(\s*)(?:-\s+)?([A-Za-z]+):\s*(?:#.*)?$/.exec(l);
    if (m && m[1]!.length <= indent) return m[2];
    if (l.trim() !== '' && !/^\s*(?:-|#)/.test(l) && l.search(/\S/) < indent) return undefined;
  }
  return undefined;
}

/**
 * The ids that may be written at an offset of a fact-base file (the facts of the kinds its field names), and the
 * range the typed part of the id covers. None outside a field that takes ids.
 */
export function idCompletions(text: string, offset: number, index: FactIndex): { ids: IdFact[]; start: number; end: number } {
  const { start } = wordAt(text, offset);
  const kinds = REFERENCES[fieldAt(text, start) ?? ''];
  if (!kinds) return { ids: [], start, end: offset };
  return { ids: [...factIds(index).values()].filter((f) => kinds.includes(f.kind)), start, end: offset };
}
