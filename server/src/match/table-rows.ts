import type { Block } from '../markdown/prose.js';
import { BlockFacts } from './analyse.js';

// A table is a set of records: in a row, the date column dates what the other cells name ("| 3 March 2023 | Talks
// with Xi Jinping |"). A date cell is read together with its row, as one sentence whose cells are kept apart (no phrase
// runs from one cell into the next), and judged by the same evidence as a sentence.

/** Headers of a column of dates. */
const DATE_HEADER = /^\s*(?:dates?|days?|when|on)\b(?!\s*(?:of\s+)?(?:signing|signature|publication|announcement|report|source|access|birth))/i;
const BETWEEN = ' | ';

/** A date cell read with its row: the row's analysis, and where the cell's text starts in it. */
export interface RowView {
  facts: BlockFacts;
  offset: number;
}

const views = new WeakMap<BlockFacts, RowView | null>();

/** The row of a cell in a column of dates, as one text; undefined for any other block. */
export function rowOf(bf: BlockFacts): RowView | undefined {
  let view = views.get(bf);
  if (view === undefined) views.set(bf, (view = makeRow(bf)));
  return view ?? undefined;
}

function makeRow(bf: BlockFacts): RowView | null {
  const table = bf.block.table;
  if (!table || !DATE_HEADER.test(table.header[table.column] ?? '') || table.row.length < 2) return null;
  return rowView(bf);
}

const records = new WeakMap<BlockFacts, RowView | null>();

/**
 * The row of any cell of a table that has a column of dates, as one text, with where the cell starts in it: a
 * record whose date column dates what every other cell names ("| 1 March 2023 | Meeting with the premier | X |").
 */
export function recordOf(bf: BlockFacts): RowView | undefined {
  let view = records.get(bf);
  if (view === undefined) {
    const table = bf.block.table;
    const dated = table !== undefined && table.row.length >= 2 && table.header.some((h) => DATE_HEADER.test(h));
    records.set(bf, (view = !dated ? null : (rowOf(bf) ?? rowView(bf))));
  }
  return view ?? undefined;
}

/** The column of dates of a cell's table (-1 when it has none). */
export function dateColumn(bf: BlockFacts): number {
  return bf.block.table?.header.findIndex((h) => DATE_HEADER.test(h)) ?? -1;
}

const rows = new WeakMap<BlockFacts, RowView | null>();

/** The row of any table cell, whatever its column, as one text ("| Memorandum on … | legally binding agreement |"). */
export function anyRowOf(bf: BlockFacts): RowView | undefined {
  let view = rows.get(bf);
  if (view === undefined) rows.set(bf, (view = (bf.block.table?.row.length ?? 0) >= 2 ? rowView(bf) : null));
  return view ?? undefined;
}

function rowView(bf: BlockFacts): RowView {
  const table = bf.block.table!;
  const text = table.row.join(BETWEEN);
  const offset = cellSpans(table.row)[table.column]!.start;
  const block: Block = { kind: 'cell', text, segments: [], sentences: [{ start: 0, end: text.length }] };
  return { facts: new BlockFacts(block, bf.index, undefined, bf.topicsIn, bf.timeframe), offset };
}

/** The blocks' analyses, each date cell read with its row; with the cell and the offset to map findings back. */
export function* withRows(blocks: readonly BlockFacts[]): Generator<{ cell: BlockFacts; facts: BlockFacts; offset: number }> {
  for (const cell of blocks) {
    const row = rowOf(cell);
    yield row ? { cell, facts: row.facts, offset: row.offset } : { cell, facts: cell, offset: 0 };
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
