import type { Person } from '../facts/types.js';
import type { Span } from '../markdown/prose.js';
import { itemsIn, type BlockFacts } from './analyse.js';
import { isMeetingVerb } from './meetings.js';
import { cellSpans, dateColumn, recordOf } from './table-rows.js';
import { attachedTitle, titledNames, type TitledName } from './titles.js';

// A table of dated records gives an office to a person across its cells: "| 1 March 2023 | Meeting with the premier |
// X |" says that X was the premier on 1 March 2023, as "the premier, X" would in a sentence.

/** A title read from a person's table row, or one written in the person's own block; with where to report it. */
export interface TitleRead {
  titled: TitledName;
  /** The text the title was read in: the block itself, or the person's table row (match/table-rows.ts). */
  facts: BlockFacts;
  /** The block the person's name is in. */
  cell: BlockFacts;
  /** Where that block starts in the text read (0 for a block read alone). */
  offset: number;
}

/** Every title a block gives a person: in its own text, and, for a table cell that is only a name, in its row. */
export function* titlesRead(blocks: readonly BlockFacts[]): Generator<TitleRead> {
  for (const bf of blocks) {
    for (const titled of titledNames(bf)) yield { titled, facts: bf, cell: bf, offset: 0 };
    const row = rowTitle(bf);
    if (row) yield row;
  }
}

/** The words a meeting is called by in a table's event column ("Meeting with the premier", "Talks with"). */
const MEETING_NOUN = /^(?:meeting|meetings|call|audience)$/;

/**
 * The office a table row gives the person its cell names, when the cell is that name alone, the row has a column
 * of dates, and exactly one other cell (not the date's) holds an office title: the object of a meeting ("Meeting
 * with the premier", "Talks with the chairman of X"), a title alone in it, not qualified by "former" and the like,
 * naming nobody. Only an office the person held at some time is read (so "| Meeting with the premier | Lukashenka |",
 * the guest in the person column, says nothing of him): the row says when.
 */
function rowTitle(cell: BlockFacts): TitleRead | undefined {
  const view = recordOf(cell);
  const table = cell.block.table;
  if (!view || !table || table.column === dateColumn(cell)) return undefined;
  const row = view.facts;
  const own: Span = { start: view.offset, end: view.offset + cell.text.length };
  const names = itemsIn(row.names, own);
  const [name] = names;
  if (names.length !== 1 || name!.form.kind !== 'person' || name!.fuzzy || row.text.slice(own.start, own.end).replace(name!.text, '').replace(/[\s.,;]/g, '') !== '') return undefined;
  const person = name!.form.entity as Person;
  const cells = cellSpans(table.row);
  const others = cells.filter((_, k) => k !== table.column && k !== dateColumn(cell));
  const titles = others.flatMap((span) => itemsIn(row.offices, span).map((wording) => ({ span, wording })));
  if (titles.length !== 1) return undefined;
  const { span, wording } = titles[0]!;
  if (itemsIn(row.names, span).length > 0) return undefined;
  const first = row.tokens.findIndex((t) => t.start >= span.start);
  if (!row.tokens.slice(first, wording.first).some((t, k) => MEETING_NOUN.test(t.lower) || isMeetingVerb(row.tokens, first + k))) return undefined;
  const titled = attachedTitle(row, name!, wording, 'row');
  if (!titled || !person.offices.some((t) => titled.offices.some((o) => o.id === t.office))) return undefined;
  return { titled, facts: row, cell, offset: view.offset };
}
