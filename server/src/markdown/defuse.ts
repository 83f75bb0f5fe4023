import { OBJECT } from './prose.js';

// Hostile Markdown made harmless before it is parsed, offsets unchanged.

/** Container markers ("> ", "- ", "1. ") read on one line; deeper nesting slows the parser and then overflows its stack. */
const MAX_LINE_NESTING = 32;
/** Columns of indentation read; more would let lists nest deeper still. */
const MAX_INDENT = 128;
/** Brackets, emphasis marks and angle brackets a paragraph may hold at no cost to the budget below. */
const FREE_DELIMITERS = 64;
/** The parser's time for those marks grows with the square of their number per paragraph: the sum of squares allowed. */
const DELIMITER_BUDGET = 1_000_000;

const isDelimiter = (c: number) => c === 91 || c === 93 || c === 42 || c === 95 || c === 60; // [ ] * _ <
/** Table columns read on a line: each cell is a node (a million of them took gigabytes), and no draft's table is wider. */
export const MAX_COLUMNS = 128;

/**
 * Keeps hostile Markdown from making the parser slow (its time is superlinear in nesting depth and in
 * unmatched brackets or emphasis marks per paragraph) or overflow its stack: the container marker past
 * MAX_LINE_NESTING on a line, the indentation past MAX_INDENT columns, and every delimiter of a paragraph
 * (blank-line-separated run) once DELIMITER_BUDGET is spent become U+FFFC, so that they read as text.
 * A line with more than MAX_COLUMNS "|" keeps that many: the rest become U+FFFC (their cells run into the last one), or
 * "-" on a delimiter row, whose last cell then stays a valid one, so that a table keeps its first MAX_COLUMNS columns.
 * Same length, so offsets are unchanged; ordinary drafts come back as they are.
 */
export function defuse(source: string): string {
  const hits: number[] = [];
  const dashes: number[] = []; // [start, end) pairs: the rest of a delimiter row past its last column read
  let budget = DELIMITER_BUDGET;
  let chunkStart = 0;
  let delimiters = 0;
  const endChunk = (end: number) => {
    if (delimiters > FREE_DELIMITERS && (budget -= delimiters * delimiters) < 0) {
      for (let k = chunkStart; k < end; k++) if (isDelimiter(source.charCodeAt(k))) hits.push(k);
    }
    delimiters = 0;
  };
  for (let line = 0; line < source.length; ) {
    let end = line;
    let blank = true;
    let pipes = 0;
    for (; end < source.length; end++) {
      const c = source.charCodeAt(end);
      if (c === 10 || c === 13) break;
      if (c !== 32 && c !== 9) blank = false;
      if (isDelimiter(c)) delimiters++;
      else if (c === 124) pipes++;
    }
    if (pipes > MAX_COLUMNS) capColumns(source, line, end, hits, dashes);
    if (blank) {
      endChunk(line);
      chunkStart = end;
    } else {
      let k = line;
      let column = 0;
      for (let depth = 0; k < end; depth++) {
        for (; k < end && (source.charCodeAt(k) === 32 || source.charCodeAt(k) === 9); k++) {
          column = source.charCodeAt(k) === 9 ? column + 4 - (column % 4) : column + 1;
          if (column > MAX_INDENT) break;
        }
        if (column > MAX_INDENT) {
          hits.push(k);
          break;
        }
        const marker = k < end ? containerMarker(source, k, end) : 0;
        if (marker === 0) break;
        if (depth >= MAX_LINE_NESTING) {
          hits.push(k);
          break;
        }
        column += marker;
        k += marker;
      }
    }
    line = end + (source.charCodeAt(end) === 13 && source.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  endChunk(source.length);
  if (hits.length === 0 && dashes.length === 0) return source;
  hits.sort((a, b) => a - b);
  const parts: string[] = [];
  let at = 0;
  let d = 0;
  for (const k of [...hits, source.length]) {
    for (; d < dashes.length && dashes[d]! < k; d += 2) {
      // delimiter rows lie on lines of their own, before k
      parts.push(source.slice(at, dashes[d]), '-'.repeat(dashes[d + 1]! - dashes[d]!));
      at = dashes[d + 1]!;
    }
    if (k === source.length) break;
    if (k < at) continue;
    parts.push(source.slice(at, k), OBJECT);
    at = k + 1;
  }
  parts.push(source.slice(at));
  return parts.join('');
}

/** For a line [line, end) with more than MAX_COLUMNS "|": what becomes U+FFFC (hits) or "-" (dashes) past the last column kept. */
function capColumns(source: string, line: number, end: number, hits: number[], dashes: number[]): void {
  let k = line;
  for (let pipes = 0; k < end; k++) if (source.charCodeAt(k) === 124 && ++pipes === MAX_COLUMNS) break;
  // Past the last "|" kept, a delimiter row holds only dashes (one valid cell) and a row's "|" read as text.
  if (/^[ \t|:-]*$/.test(source.slice(line, end))) dashes.push(k + 1, end);
  else for (k++; k < end; k++) if (source.charCodeAt(k) === 124) hits.push(k);
}

/** The length of a block quote or list marker at k ("> ", "- ", "12) "), or 0. */
function containerMarker(source: string, k: number, end: number): number {
  const c = source.charCodeAt(k);
  if (c === 62 /* > */) return 1;
  let m = k;
  if (c === 45 || c === 43 || c === 42)
    m = k + 1; // - + *
  else {
    while (m < end && m - k < 9 && source.charCodeAt(m) >= 48 && source.charCodeAt(m) <= 57) m++;
    if (m === k || (source.charCodeAt(m) !== 46 && source.charCodeAt(m) !== 41)) return 0; // . )
    m++;
  }
  const next = source.charCodeAt(m);
  return m >= end || next === 32 || next === 9 ? m - k : 0;
}
