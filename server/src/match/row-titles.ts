import type { Span } from '../markdown/prose.js';
import { itemsIn, perReading, type BlockFacts } from './analyse.js';
import { isMeetingVerb } from './meetings.js';
import { cellSpans, dateColumn, recordOf } from './table-rows.js';
import { tokenAt } from './tokens.js';
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
    // Most blocks are no table cell: they need not ask for their row's title.
    const row = bf.block.table ? rowTitle(bf) : undefined;
    if (row) yield row;
  }
}

/** The words a meeting is called by in a table's event column ("Meeting with the premier", "Talks with"). */
const MEETING_NOUN = /^(?:meeting|meetings|call|audience)$/;

/**
 * The office a table row gives the person its cell names, when the cell is that name alone, the row has a column
 * of dates, no other cell names a person, and exactly one other cell (not the date's) holds an office title,
 * not qualified by "former" and the like: either the title alone ("| 1 March 2023 | Li Qiang | Premier |", a column
 * of offices), or the object of a meeting ("Meeting with the premier", "Talks with the chairman of X"), then only an
 * office the person held at some time (so "| Meeting with the premier | Lukashenka |", the guest in the person
 * column, says nothing of him). The row says when. Kept with the cell's reading: both office rules ask for it.
 */
const rowTitle = perReading(titleInRow);

/** The office a table row gives the person its cell names ({@link rowTitle}), worked out. */
function titleInRow(cell: BlockFacts): TitleRead | undefined {
  // The cell must be one person's name, exactly spelt: the row's names in the cell are the cell's own (no name runs
  // across the " | " between cells), so the cell tells without the row being read (most cells are not a name).
  const table = cell.block.table;
  if (!table || cell.names.length !== 1) return undefined;
  const written = cell.names[0]!;
  if (written.form.kind !== 'person' || written.fuzzy) return undefined;
  const view = recordOf(cell);
  if (!view || table.column === dateColumn(cell)) return undefined;
  const row = view.facts;
  const cells = cellSpans(table.row);
  const own = cells[table.column]!;
  const names = itemsIn(row.names, own);
  const [name] = names;
  if (names.length !== 1 || name!.form.kind !== 'person' || name!.fuzzy || !alone(row, own, name!)) return undefined;
  const others = cells.filter((_, k) => k !== table.column && k !== dateColumn(cell));
  if (others.some((span) => itemsIn(row.names, span).some((n) => n.form.kind === 'person'))) return undefined;
  const titles = others.flatMap((span) => itemsIn(row.offices, span).map((wording) => ({ span, wording })));
  if (titles.length !== 1) return undefined;
  const { span, wording } = titles[0]!;
  const titled = attachedTitle(row, name!, wording, 'row');
  if (!titled) return undefined;
  if (!alone(row, span, { start: titled.title.start, end: wording.end })) {
    const first = tokenAt(row.tokens, span.start);
    const met = row.tokens.slice(first, wording.first).some((t, k) => MEETING_NOUN.test(t.lower) || isMeetingVerb(row.tokens, first + k));
    if (!met || !titled.person.offices.some((t) => titled.offices.some((o) => o.id === t.office))) return undefined;
  }
  return { titled, facts: row, cell, offset: own.start };
}

/** Whether a cell holds nothing but a span of it (and an article, spaces or punctuation). */
function alone(row: BlockFacts, cell: Span, span: Span): boolean {
  const rest = row.text.slice(cell.start, span.start) + row.text.slice(span.end, cell.end);
  return /^(?:[\s.,;:]*(?:the|a|an)\s+)?[\s.,;:]*$/i.test(rest);
}
