import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import type { Nodes, Root } from 'mdast';
import { findAddresses } from './addresses.js';
import { shiftPart } from './boundaries.js';
import { parser } from './parser.js';

/** A run of prose `[prose, prose + proseLength)` that came from source `[source, source + sourceLength)`. */
export interface Segment {
  prose: number;
  source: number;
  proseLength: number;
  sourceLength: number;
}

/** A span of prose text, in UTF-16 offsets into {@link Block.text}. */
export interface Span {
  start: number;
  end: number;
}

/** One unit of prose (a paragraph, heading or table cell) with an exact map back to the Markdown source. */
export interface Block {
  kind: 'paragraph' | 'heading' | 'cell';
  /** What holds it: a block quote (others' words, at any depth) or else a list; undefined at the top or in a table or footnote. */
  container?: 'quote' | 'list';
  /** The prose: line breaks are spaces, code, HTML, images and URLs are U+FFFC, escapes and entities are decoded. */
  text: string;
  segments: Segment[];
  sentences: Span[];
  /** For a table cell below the header: the prose of each cell of its row and of the header ('' where empty), and its column. */
  table?: TableRow;
}

/** The row a table cell belongs to, and the header above it. */
export interface TableRow {
  header: string[];
  row: string[];
  column: number;
}

/** An HTML comment in the draft (where suppression directives live), in source offsets. */
export interface Comment {
  start: number;
  end: number;
  value: string;
}

/** A parsed draft: its prose blocks, its comments and its front matter. */
export interface Prose {
  source: string;
  blocks: Block[];
  comments: Comment[];
  frontmatter?: string;
}

/** Stands in for anything that is in the source but not prose (inline code, HTML, images, URLs). */
export const OBJECT = '\uFFFC';

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * One top-level node of a parse and the prose in it, in offsets into the text parsed: the unit an incremental
 * re-check keeps, shifts or re-parses.
 */
export interface Part {
  type: string;
  /** The node's offsets; -1 if the parser gave it no position. */
  start: number;
  end: number;
  blocks: Block[];
  comments: Comment[];
  /** The link ("[id") and footnote ("^id") definitions in it: they decide how references anywhere in the draft parse. */
  definitions: string[];
  /** Where each of those definitions starts (-1 if the parser gave it no position). */
  definitionStarts: number[];
  frontmatter?: string;
}

/** Parses text that {@link defuse} has already been applied to and extracts each top-level node's prose. */
export function toParts(text: string): Part[] {
  // micromark drops a leading byte order mark and counts its offsets without it: parse the rest, then shift by one.
  if (text.charCodeAt(0) === 0xfeff) return toParts(text.slice(1)).map((part) => shiftPart(part, 1));
  const tree = parser.parse(text) as Root;
  return tree.children.map((node) => partOf(node, text));
}

function partOf(top: Nodes, text: string): Part {
  // The walk aligns node values with the text that was parsed (the defused draft, or a slice of it).
  const prose: Prose = { source: text, blocks: [], comments: [] };
  const part: Part = { type: top.type, start: top.position?.start.offset ?? -1, end: top.position?.end.offset ?? -1,
    blocks: prose.blocks, comments: prose.comments, definitions: [], definitionStarts: [] };
  const stack: [Nodes, Block['container']][] = [[top, undefined]];
  while (stack.length > 0) {
    const [node, container] = stack.pop()!;
    switch (node.type) {
      case 'table':
        addTable(prose, node);
        break;
      case 'paragraph':
      case 'heading':
      case 'tableCell':
        addBlock(prose, node, node.type === 'tableCell' ? 'cell' : node.type, container);
        break;
      case 'yaml':
        if (node.position?.start.offset === 0) part.frontmatter = node.value;
        break;
      case 'html':
        collectComments(prose, node);
        break;
      case 'definition':
        part.definitions.push(`[${node.identifier}`);
        part.definitionStarts.push(node.position?.start.offset ?? -1);
        break;
      default:
        if (node.type === 'footnoteDefinition') {
          part.definitions.push(`^${node.identifier}`);
          part.definitionStarts.push(node.position?.start.offset ?? -1);
        }
        if ('children' in node) {
          const inner = node.type === 'blockquote' || container === 'quote' ? 'quote' : node.type === 'list' ? 'list'
            : node.type === 'footnoteDefinition' ? undefined : container;
          for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i] as Nodes, inner]);
        }
    }
  }
  return part;
}

/** A table's cells as blocks, row by row; each cell below the header knows its row and the header. */
function addTable(prose: Prose, table: Extract<Nodes, { type: 'table' }>): void {
  let header: string[] = [];
  table.children.forEach((row, r) => {
    const cells = row.children.map((cell) => {
      const before = prose.blocks.length;
      addBlock(prose, cell, 'cell', undefined);
      return prose.blocks.length > before ? prose.blocks.at(-1)! : undefined;
    });
    const texts = cells.map((b) => b?.text ?? '');
    if (r === 0) header = texts;
    else cells.forEach((b, column) => b && (b.table = { header, row: texts, column }));
  });
}

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
  for (let line = 0; line < source.length;) {
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
    for (; d < dashes.length && dashes[d]! < k; d += 2) { // delimiter rows lie on lines of their own, before k
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
  if (c === 45 || c === 43 || c === 42) m = k + 1; // - + *
  else {
    while (m < end && m - k < 9 && source.charCodeAt(m) >= 48 && source.charCodeAt(m) <= 57) m++;
    if (m === k || (source.charCodeAt(m) !== 46 && source.charCodeAt(m) !== 41)) return 0; // . )
    m++;
  }
  const next = source.charCodeAt(m);
  return m >= end || next === 32 || next === 9 ? m - k : 0;
}

/** The source offset of the next node (in document order) on a walk's stack that has a position. */
function nextStart(stack: Nodes[]): number | undefined {
  for (let i = stack.length - 1; i >= 0; i--) {
    const offset = stack[i]!.position?.start.offset;
    if (offset !== undefined) return offset;
  }
  return undefined;
}

function addBlock(prose: Prose, node: Nodes, kind: Block['kind'], container: Block['container']): void {
  const block: Block = { kind, text: '', segments: [], sentences: [] };
  if (container) block.container = container;
  const parts: string[] = [];
  let length = 0;
  const push = (text: string, source: number, sourceLength: number) => {
    const last = block.segments.at(-1);
    const verbatim = text.length === sourceLength;
    if (last && verbatim && last.proseLength === last.sourceLength && last.prose + last.proseLength === length &&
        last.source + last.sourceLength === source) {
      last.proseLength += text.length;
      last.sourceLength += sourceLength;
    } else {
      block.segments.push({ prose: length, source, proseLength: text.length, sourceLength });
    }
    parts.push(text);
    length += text.length;
    cursor = Math.max(cursor, source + sourceLength);
  };
  let cursor = node.position?.start.offset ?? 0; // the end of the source mapped so far
  const blockEnd = node.position?.end.offset ?? prose.source.length;
  const stack: Nodes[] = 'children' in node ? [...node.children].reverse() as Nodes[] : [];
  let raw = 0; // inside inline HTML whose content is code, not prose (<code>…</code>, <kbd>…</kbd>)
  while (stack.length > 0) {
    const child = stack.pop()!;
    const start = child.position?.start.offset;
    const end = child.position?.end.offset;
    if (start === undefined || end === undefined) {
      // remark-parse positions every node, but a node without a position still keeps its text: it lies between the
      // source mapped so far and the next node that has one, so its text is aligned over that stretch.
      const bound = nextStart(stack) ?? blockEnd;
      if (child.type === 'text') {
        if (raw === 0) addText(prose.source, child.value, cursor, bound, push);
      } else if ('children' in child) {
        for (let i = child.children.length - 1; i >= 0; i--) stack.push(child.children[i] as Nodes);
      }
      continue;
    }
    if (child.type === 'text' && raw === 0) addText(prose.source, child.value, start, end, push);
    else if (child.type === 'break') push(' ', start, end - start);
    else if (child.type === 'link' && isBareUrl(prose.source, start, child)) push(OBJECT, start, end - start);
    else if (child.type === 'html') {
      collectComments(prose, child);
      const tag = RAW_TAG.exec(child.value);
      if (tag) raw = Math.max(0, raw + (tag[1] ? -1 : 1));
      push(OBJECT, start, end - start);
    } else if ('children' in child) {
      for (let i = child.children.length - 1; i >= 0; i--) stack.push(child.children[i] as Nodes);
    } else push(OBJECT, start, end - start);
  }
  block.text = parts.join('');
  if (block.text.trim() === '') return;
  block.sentences = sentencesOf(block.text);
  prose.blocks.push(block);
}

/** Text segmented at a time (the segmenter slows down more than linearly on long strings), and the margin before a
 * window's end within which a break may depend on text the window cut off ("Mr. X|i spoke"). */
const WINDOW = 4096;
const MARGIN = 128;

/**
 * The sentences of a text, segmented window by window: sentences that end near a window's end are segmented
 * again from the start of the next window; a sentence longer than a window is split at the window's end.
 */
export function sentencesOf(text: string): Span[] {
  if (isOneSentence(text)) return [{ start: 0, end: text.length }];
  const spans: Span[] = [];
  let at = 0;
  while (at < text.length) {
    const end = Math.min(text.length, at + WINDOW);
    const last = end === text.length;
    let next = end;
    for (const { index, segment } of segmenter.segment(text.slice(at, end))) {
      const span = { start: at + index, end: at + index + segment.length };
      if (!last && span.end > end - MARGIN && index > 0) {
        next = span.start;
        break;
      }
      spans.push(span);
      if (!last && span.end > end - MARGIN) break; // one sentence filled the window
    }
    at = next === end && spans.length > 0 ? spans.at(-1)!.end : next;
  }
  return joinShortened(text, spans);
}

/** A shortened month not after a day number ("on Mar. ", not "28 Feb. "), or a shortened weekday, at a sentence's end. */
const SHORT_MONTH_END = /(?<!\d\s{0,3})\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.\s*$/;
const SHORT_WEEKDAY_END = /\b(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.\s*$/;
const MONTH_START = /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b/;

/**
 * Sentences joined again where the segmenter broke inside a date after a shortened month or weekday:
 * "on Mar. 2, 2023", "Wed. 1 March", "Thu. March 2" are one sentence.
 */
function joinShortened(text: string, spans: Span[]): Span[] {
  if (spans.length < 2 || !/(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\./.test(text)) return spans;
  const joined: Span[] = [spans[0]!];
  for (let i = 1; i < spans.length; i++) {
    const last = joined.at(-1)!;
    const tail = text.slice(Math.max(last.start, last.end - 16), last.end);
    const next = text.slice(spans[i]!.start, spans[i]!.start + 12);
    const inDate = (SHORT_MONTH_END.test(tail) && /^\d/.test(next)) || (SHORT_WEEKDAY_END.test(tail) && (/^\d/.test(next) || MONTH_START.test(next)));
    if (inDate) joined[joined.length - 1] = { start: last.start, end: spans[i]!.end };
    else joined.push(spans[i]!);
  }
  return joined;
}

/** A sentence terminator or a paragraph separator: where the segmenter may break. */
const TERMINATOR = /[\p{Sentence_Terminal}\u0085\u2028\u2029\n\r\v\f]/u;
/** A terminator or a closing mark (")", "”", a quote), which may end a sentence together. */
const CLOSING = /[\p{Sentence_Terminal}\p{Pe}\p{Pf}\p{Pi}"']/u;
/** A space that is not a separator. */
const SPACE = /[^\S\u0085\u2028\u2029\n\r\v\f]/u;

/**
 * Whether a text is one sentence, as the segmenter would find: no terminator before its last run of terminators and
 * closing marks, followed only by spaces (most headings and table cells, and many short paragraphs). The segmenter
 * costs a few microseconds a call, so those texts skip it.
 */
function isOneSentence(text: string): boolean {
  if (text.length === 0 || text.length > 512) return false;
  let end = text.length;
  while (end > 0 && SPACE.test(text[end - 1]!)) end--;
  while (end > 0 && CLOSING.test(text[end - 1]!)) end--;
  return !TERMINATOR.test(end === text.length ? text : text.slice(0, end));
}

/** A link whose text is its own address (an autolink, which never starts with "["), or any URL. */
function isBareUrl(source: string, start: number, link: Extract<Nodes, { type: 'link' }>): boolean {
  if (source.charCodeAt(start) !== 91 /* [ */) return true;
  if (link.children.length !== 1 || link.children[0].type !== 'text') return false;
  const text = link.children[0].value;
  return link.url === text || /^(https?:\/\/|www\.|mailto:)\S*$/i.test(text);
}

/** An inline HTML tag opening or closing an element whose content is code (group 1 set when it closes). */
const RAW_TAG = /^<(\/)?(?:code|kbd|samp|pre|tt|var|script|style)\b[^>]*>$/i;

const ENTITY = /&(?:#(\d{1,7})|#[xX]([\da-fA-F]{1,6})|([A-Za-z][A-Za-z\d]{1,31}));/y;

type Push = (text: string, source: number, sourceLength: number) => void;

/** A text node's prose: its value aligned with its source, each web or e-mail address in it one object. */
function addText(source: string, value: string, start: number, end: number, push: Push): void {
  let i = 0;
  let j = start;
  for (const address of findAddresses(value)) {
    j = align(source, value.slice(i, address.start), j, end, push);
    let first = -1;
    let last = j;
    j = align(source, value.slice(address.start, address.end), j, end, (_text, from, length) => {
      if (first < 0) first = from;
      last = from + length;
    });
    push(OBJECT, first < 0 ? j : first, first < 0 ? 0 : last - first);
    i = address.end;
  }
  align(source, i === 0 ? value : value.slice(i), j, end, push);
}

/**
 * Walks a text node's decoded value against its source slice, skipping escapes, line prefixes and CR, decoding
 * entities; returns where in the source the walk stopped.
 */
function align(source: string, value: string, start: number, end: number, push: Push): number {
  let i = 0;
  let j = start;
  let run = -1;
  let escaped = false;
  const flush = () => {
    if (run >= 0) push(toProseChars(source.slice(run, j)), run, j - run);
    run = -1;
  };
  while (i < value.length && j < end) {
    const c = value.charCodeAt(i);
    const s = source.charCodeAt(j);
    // An entity is tried before a plain match: "&amp;" decodes to "&", which would otherwise match its first character.
    if (s === 38 /* & */ && !escaped) {
      ENTITY.lastIndex = j;
      const m = ENTITY.exec(source);
      const decoded = m ? decodeEntity(m) : undefined;
      if (m && decoded && value.startsWith(decoded, i)) {
        flush();
        push(toProseChars(decoded), j, m[0].length);
        i += decoded.length;
        j += m[0].length;
        continue;
      }
    }
    escaped = false;
    if (c === 13 /* \r */ && s === 13 && value.charCodeAt(i + 1) === 10 && source.charCodeAt(j + 1) === 10) {
      flush(); // a CRLF line ending is one space, like LF and CR
      push(' ', j, 2);
      i += 2;
      j += 2;
      continue;
    }
    // The parser reads NUL as U+FFFD; the prose keeps the source's character so that the map stays one to one.
    if (c === s || (s === 0 && c === 0xfffd)) {
      if (run < 0) run = j;
      i++;
      j++;
      continue;
    }
    flush();
    if (s === 92 /* \ */ && source.charCodeAt(j + 1) === c) {
      escaped = true;
      j++;
      continue;
    }
    j++; // a container prefix ("> ", list indent) or anything else the value does not hold
  }
  flush();
  // Should the walk ever fall out of step, the rest of the value maps to the node's end: no text is lost.
  if (i < value.length) push(toProseChars(value.slice(i)), end, 0);
  return j;
}

function decodeEntity(m: RegExpExecArray): string | undefined {
  if (m[3] !== undefined) {
    const named = decodeNamedCharacterReference(m[3]);
    return named === false ? undefined : named;
  }
  const code = m[1] !== undefined ? Number.parseInt(m[1], 10) : Number.parseInt(m[2]!, 16);
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(code);
}

/** Line breaks become spaces so that sentences and names run across them. */
function toProseChars(text: string): string {
  return text.replace(/[\r\n]/g, ' ');
}

function collectComments(prose: Prose, node: Extract<Nodes, { type: 'html' }>): void {
  const base = node.position?.start.offset;
  if (base === undefined) return;
  // indexOf rather than a lazy regular expression, which rescans to the end for every unclosed "<!--".
  const value = node.value;
  for (let open = value.indexOf('<!--'); open >= 0;) {
    const close = value.indexOf('-->', open + 4);
    if (close < 0) break;
    prose.comments.push({ start: base + open, end: base + close + 3, value: value.slice(open + 4, close) });
    open = value.indexOf('<!--', close + 3);
  }
}

/** Maps a prose offset in a block to a source offset; `end` maps to just past the source of the previous character. */
export function toSource(block: Block, offset: number, side: 'start' | 'end' = 'start'): number {
  const segments = block.segments;
  if (segments.length === 0) return 0;
  const target = side === 'end' ? Math.max(0, offset - 1) : offset;
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid]!.prose <= target) lo = mid;
    else hi = mid - 1;
  }
  const seg = segments[lo]!;
  const within = Math.min(Math.max(target - seg.prose, 0), seg.proseLength);
  if (seg.proseLength !== seg.sourceLength) return side === 'end' ? seg.source + seg.sourceLength : seg.source;
  if (side === 'end') return offset === 0 ? seg.source : seg.source + Math.min(within + 1, seg.sourceLength);
  return seg.source + within;
}

/** Pairs of quotation marks in a text: where each quotation opens and closes, in prose order. */
interface Quotes {
  opens: number[];
  closes: number[];
}

let quotesOf: { text: string; double: Quotes; single: Quotes } | undefined;

const isWordAt = (text: string, i: number) => i >= 0 && i < text.length && /[\p{L}\p{N}]/u.test(text[i]!);

/** Double quotation marks ("…", “…”): each one closes the quotation the last opened. */
function doubleQuotes(text: string): Quotes {
  const quotes: Quotes = { opens: [], closes: [] };
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (open < 0 && (c === 0x22 || c === 0x201c)) open = i;
    else if (open >= 0 && (c === 0x22 || c === 0x201d)) {
      quotes.opens.push(open);
      quotes.closes.push(i);
      open = -1;
    }
  }
  return quotes;
}

/**
 * Single quotation marks ('…', ‘…’), told from apostrophes ("Xi's", "Belarus' economy"): a quotation opens at a mark
 * after no letter and before one, and closes at a mark after a non-space and before no letter.
 */
function singleQuotes(text: string): Quotes {
  const quotes: Quotes = { opens: [], closes: [] };
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x27 && c !== 0x2018 && c !== 0x2019) continue;
    if (open < 0 && c !== 0x2019 && !isWordAt(text, i - 1) && isWordAt(text, i + 1)) open = i;
    else if (open >= 0 && c !== 0x2018 && !/\s/.test(text[i - 1] ?? ' ') && !isWordAt(text, i + 1)) {
      quotes.opens.push(open);
      quotes.closes.push(i);
      open = -1;
    }
  }
  return quotes;
}

/** Whether an offset lies between a pair of marks (binary search over pairs that do not overlap). */
function within({ opens, closes }: Quotes, offset: number): boolean {
  let lo = 0;
  let hi = opens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (closes[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < opens.length && opens[lo]! < offset;
}

/**
 * Whether a prose offset lies inside a quotation ("…", “…”, '…' or ‘…’), whose wording a draft must keep as quoted.
 * The quotation marks of the last text asked about are remembered, so asking about every name in a block is linear.
 */
export function isQuoted(text: string, offset: number): boolean {
  if (quotesOf?.text !== text) quotesOf = { text, double: doubleQuotes(text), single: singleQuotes(text) };
  return within(quotesOf.double, offset) || within(quotesOf.single, offset);
}
