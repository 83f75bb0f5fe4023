import type { Block } from '../markdown/prose.js';
import { BlockFacts, perBlock, perReading } from './analyse.js';

// A table is a set of records: in a row, the date column dates what the other cells name ("| 3 March 2023 | Talks
// with Xi Jinping |"). A date cell is read together with its row, as one sentence whose cells are kept apart (no phrase
// runs from one cell into the next), and judged by the same evidence as a sentence. A column headed as the dates
// documents were made ("Signed", "Date of signing") dates the documents its row names, not events.

/** Headers of a column of dates. */
const DATE_HEADER =
  /^\s*(?:dates?|days?|when|on)\b(?!\s*(?:of\s+)?(?:signing|signature|publication|announcement|report|source|access|birth))/i;
/** Headers of a column of the dates documents were made. */
const DOCUMENT_DATE_HEADER =
  /^\s*(?:(?:date\s+)?(?:signed|adopted)|(?:date|day)s?\s+of\s+(?:signing|signature|adoption)|(?:signing|signature)\s+date)\s*$/i;
const BETWEEN = ' | ';

/** A date cell read with its row: the row's analysis, and where the cell's text starts in it. */
export interface RowView {
  facts: BlockFacts;
  offset: number;
  /** Whether the column holds the dates documents were made (else the dates of what the row names). */
  documents: boolean;
}

/** The row of a cell in a column of dates, as one text, read as the cell is (after its topics); undefined for any other block. */
export const rowOf = perReading(makeRow);

function makeRow(bf: BlockFacts): RowView | undefined {
  const table = bf.block.table;
  const header = table?.header[table.column] ?? '';
  const documents = DOCUMENT_DATE_HEADER.test(header);
  if (!table || !(documents || DATE_HEADER.test(header)) || table.row.length < 2) return undefined;
  return rowView(bf, documents);
}

/**
 * The row of any cell of a table that has a column of dates, as one text, with where the cell starts in it: a
 * record whose date column dates what every other cell names ("| 1 March 2023 | Meeting with the premier | X |").
 */
export const recordOf = perReading((bf): RowView | undefined => {
  const table = bf.block.table;
  const dated = table !== undefined && table.row.length >= 2 && table.header.some((h) => DATE_HEADER.test(h));
  return !dated ? undefined : (rowOf(bf) ?? rowView(bf, false));
});

/** The column of dates of a cell's table (-1 when it has none). */
export function dateColumn(bf: BlockFacts): number {
  return bf.block.table?.header.findIndex((h) => DATE_HEADER.test(h)) ?? -1;
}

/** The row of any table cell, whatever its column, as one text ("| Memorandum on … | legally binding agreement |"). */
export const anyRowOf = perReading((bf): RowView | undefined => ((bf.block.table?.row.length ?? 0) >= 2 ? rowView(bf, false) : undefined));

function rowView(bf: BlockFacts, documents: boolean): RowView {
  const table = bf.block.table!;
  const offset = cellSpans(table.row)[table.column]!.start;
  return { facts: rowText(bf)!.after(bf.topicsIn, bf.timeframe), offset, documents };
}

/**
 * A table cell's row as one text, analysed once per cell text (a cell's text is kept with its row and header), or
 * once for all the cells of the row that share it (see {@link BlockFacts.shareRow}): every reading of those cells,
 * and every view of their row (rowOf, recordOf, anyRowOf), shares what depends on the row's text.
 */
const rowText = perBlock((bf): BlockFacts | undefined => {
  const table = bf.block.table;
  if (!table) return undefined;
  const share = bf.rowShare;
  if (share?.facts) return share.facts;
  const text = table.row.join(BETWEEN);
  const block: Block = { kind: 'cell', text, segments: [], sentences: [{ start: 0, end: text.length }] };
  const facts = new BlockFacts(block, bf.index);
  if (share) share.facts = facts;
  return facts;
});

/**
 * The blocks' analyses, each date cell read with its row; with the cell and the offset to map findings back, and
 * whether the row's date is a document's. A cell of documents' dates is read with its row only when `documents`.
 */
export function* withRows(
  blocks: readonly BlockFacts[],
  documents = false,
): Generator<{ cell: BlockFacts; facts: BlockFacts; offset: number; documents: boolean }> {
  for (const cell of blocks) {
    // Most blocks are no table cell: they need not ask for a row.
    const row = cell.block.table ? rowOf(cell) : undefined;
    yield row && (documents || !row.documents)
      ? { cell, facts: row.facts, offset: row.offset, documents: row.documents }
      : { cell, facts: cell, offset: 0, documents: false };
  }
}

/** Whether a span of a row's text lies in the cell at an offset. */
export function inCell(cell: BlockFacts, offset: number, span: { start: number; end: number }): boolean {
  return span.start >= offset && span.end <= offset + cell.text.length;
}

/** The spans of a row's cells in the row's text. */
export function cellSpans(row: readonly string[]): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let at = 0;
  for (const text of row) {
    spans.push({ start: at, end: at + text.length });
    at += text.length + BETWEEN.length;
  }
  return spans;
}
