import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import { isFrontmatter, lineStart, movePart, opensFrontmatter, separated, shiftPart } from './boundaries.js';
import { defuse } from './defuse.js';
import { toParts } from './parts.js';
import { sentencesOnce, type Splitter } from './sentences.js';
import type { Part, Prose } from './prose.js';

/**
 * Characters parsed at once. The parser's time per character grows with the size of the tree it builds (seven times
 * slower per word at 1,000,000 words than at 3,000, most of it in garbage collection), so drafts longer than two
 * windows are parsed window by window, which keeps the time linear and the memory bounded. Half of 32,768, the size
 * before, parses a draft of 1,000,000 words about a sixth faster: less of a window's parse is still alive, to be
 * copied, when the garbage collector runs (its scavenges took 1.1 s of CPU time instead of 1.9 s).
 */
export const WINDOW = 16_384;

/** Parses a Markdown draft and extracts its prose with a source map; never throws on any string. */
export function toProse(source: string, window = WINDOW): Prose {
  const parts = parseParts(defuse(source), window);
  const prose: Prose = { source, blocks: parts.flatMap((p) => p.blocks), comments: parts.flatMap((p) => p.comments) };
  const frontmatter = parts.find((p) => p.frontmatter !== undefined)?.frontmatter;
  if (frontmatter !== undefined) prose.frontmatter = frontmatter;
  return prose;
}

/**
 * The parts of a draft that {@link defuse} has been applied to, exactly as `toParts` gives them: at once for a short
 * draft, and window by window for a long one. A window ends after a blank line (or, past twice its size without
 * one, at a line end); of its nodes, all but those from the last place where nothing can continue into the next (see
 * `separated`: a blank line, or a heading, break or closed fence before it) are kept, and the next window starts
 * there. One table or list that fills a window is kept up to a row or item of its own, and the next window goes on
 * from there (see `tableHead`, `lastItem`), so no single node makes one parse of the whole draft. Link and footnote
 * definitions apply to the whole draft: the first definition of each label made elsewhere is put before a window's
 * text. Where that cannot be shown to give the whole parse (a definition the
 * line scan missed, misread or found on another line, a draft that opens front matter it may not close), the draft
 * is parsed at once.
 */
export function parseParts(text: string, window = WINDOW): Part[] {
  const split = sentencesOnce(); // the draft's texts, each split into sentences once whatever window it is in
  if (text.length <= 2 * window) return toParts(text, split);
  return parseByWindows(text, window, split) ?? toParts(text, split);
}

/** A line that looks like a link or footnote definition: its id as a part lists it ("[label", "^label"). */
interface Definition {
  id: string;
  start: number;
  /** The line to put before a window: the link definition as written, or the footnote label alone. */
  line: string;
}

/** A line that starts a link ("[x]: url") or footnote ("[^x]: text") definition, its label on that line. */
const DEFINITION = /^ {0,3}\[(\^?)((?:[^\\[\]\r\n]|\\[^\r\n]){1,999})\]:[^\r\n]*/gm;

/** The parts of a draft parsed window by window, or undefined where that may differ from parsing it at once. */
export function parseByWindows(text: string, size = WINDOW, split: Splitter = sentencesOnce()): Part[] | undefined {
  if (text.charCodeAt(0) === 0xfeff) return parseByWindows(text.slice(1), size, split)?.map((part) => shiftPart(part, 1)); // see toParts
  const definitions: Definition[] = [];
  DEFINITION.lastIndex = 0;
  for (let m = DEFINITION.exec(text); m; m = DEFINITION.exec(text)) {
    const id = `${m[1] ? '^' : '['}${normalizeIdentifier(m[2]!).toLowerCase()}`;
    definitions.push({ id, start: m.index, line: m[1] ? `[^${m[2]}]: x` : m[0].trim() });
  }
  // Of two definitions of one label the first counts: only it is put before other windows.
  const seen = new Set<string>();
  const first = definitions.filter((d) => !seen.has(d.id) && seen.add(d.id));
  // Front matter is parsed alone (definitions put before it would hide it); if it may not close, the draft at once.
  const start = opensFrontmatter(text) ? frontmatterEnd(text) : 0;
  if (start === undefined) return undefined;
  const parts = start > 0 ? toParts(text.slice(0, start), split) : [];
  if (start > 0 && !(parts.length === 1 && isFrontmatter(parts[0]!))) return undefined;
  /** A table or list the last window ended inside: its part so far, and for a table its header and delimiter rows. */
  let open: { part: Part; head: string } | undefined;
  for (let from = start; from < text.length; ) {
    for (let to = windowEnd(text, from + size, size); ; to = windowEnd(text, from + 2 * (to - from), to - from)) {
      let own = parseWindow(text, from, to, first, open?.head ?? '', split);
      if (!own) return undefined;
      if (open) {
        const rest = joinPart(open.part, own, from, open.head.length);
        if (!rest) return undefined;
        own = rest;
      }
      if (to === text.length) {
        parts.push(...own);
        from = to;
        open = undefined;
        break;
      }
      const k = lastCut(text, own);
      if (k > 0) {
        parts.push(...own.slice(0, k));
        from = lineStart(text, own[k]!.start);
        open = undefined;
        break;
      }
      // One table fills the window: its rows so far are kept and the next window goes on from the row the window ends
      // before, after the table's header and delimiter rows (a row is read on its own line, by the columns they give).
      const table = own.length === 1 ? own[0]! : undefined;
      const head = table?.type === 'table' ? tableHead(text, table, to) : undefined;
      if (table && head !== undefined) {
        open = { part: table, head };
        from = to;
        break;
      }
      // One list fills the window: its items before the last that starts on a line of its own are kept (that line
      // closes the item before it, whatever it holds), and the next window starts with that item.
      const item = own.length === 1 && own[0]!.type === 'list' ? lastItem(text, own[0]!, from, to) : undefined;
      if (item !== undefined) {
        open = { part: before(own[0]!, item), head: '' };
        from = item;
        break;
      }
      // No place to cut (one list or code block fills the window): the window doubles, so the text is read O(1) times.
    }
  }
  // Each definition the parse found must be one the scan found on its line, and the scan found no others.
  const scanned = new Set(definitions.map((d) => `${d.id} ${d.start}`));
  let found = 0;
  for (const part of parts) {
    for (let i = 0; i < part.definitions.length; i++, found++) {
      const at = part.definitionStarts[i]!;
      if (at < 0 || !scanned.has(`${part.definitions[i]!} ${lineStart(text, at)}`)) return undefined;
    }
  }
  return found === definitions.length ? parts : undefined;
}

/**
 * The parts of text [from, to) in the draft's offsets, parsed after the definitions made outside it when it may
 * refer to them (and after `lead`, the header rows of a table it continues, whose own nodes are dropped); undefined
 * if those do not read back as the definitions they are, or a node has no position.
 */
function parseWindow(text: string, from: number, to: number, definitions: Definition[], lead: string, split: Splitter): Part[] | undefined {
  const slice = lead + text.slice(from, to);
  if (from > 0 && readsAsStart(slice)) return undefined;
  const labels = labelsIn(slice);
  const outside = labels.size === 0 ? [] : definitions.filter((d) => (d.start < from || d.start >= to) && labels.has(d.id));
  if (indented(slice, 0) && outside.some((d) => d.id.startsWith('^'))) return undefined; // it would continue the footnote
  const head = outside.map((d) => `${d.line}\n\n`).join('');
  if (head.length > 2 * slice.length) return undefined; // many long definitions used everywhere: one parse is cheaper
  const all = toParts(head + slice, split);
  if (all.length < outside.length || all.some((p) => p.start < 0)) return undefined;
  const read = all.slice(0, outside.length);
  const own = all.slice(outside.length);
  if (
    read.some((p, i) => p.end > head.length || p.definitions.length !== 1 || p.definitions[0] !== outside[i]!.id) ||
    own.some((p) => p.start < head.length)
  )
    return undefined;
  for (const part of own) movePart(part, from - head.length - lead.length); // parts of this parse alone: moved, not copied
  return own;
}

/**
 * A table's header and delimiter rows, as written, when a window ends inside the table after them (the window's end
 * a line start past its delimiter row); undefined otherwise.
 */
function tableHead(text: string, table: Part, to: number): string | undefined {
  const at = lineStart(text, table.start);
  const headerEnd = afterLine(text, at);
  const delimiterEnd = afterLine(text, headerEnd);
  if (delimiterEnd >= to || afterLine(text, table.end) !== to || lineStart(text, to) !== to) return undefined;
  // Ending in "\n": a lone "\r" would join a window's first "\n" into one line ending (and hide a blank line).
  return `${text.slice(at, lineEndOf(text, delimiterEnd))}\n`;
}

/** The end of the line that ends just before a line start (before its line ending). */
function lineEndOf(text: string, next: number): number {
  return next - (text.charCodeAt(next - 1) === 10 && text.charCodeAt(next - 2) === 13 ? 2 : 1);
}

/**
 * A window's parts with the table or list the last window ended in joined to the first of them, which starts at
 * `from` (a table's header and delimiter rows parsed again before it, whose nodes are dropped): undefined if the
 * window does not start so.
 */
function joinPart(open: Part, own: Part[], from: number, lead: number): Part[] | undefined {
  const next = own[0];
  if (!next || next.type !== open.type || next.start !== from - lead) return undefined;
  const rest = after(next, from);
  const joined: Part = {
    ...open,
    end: next.end > from ? next.end : open.end,
    blocks: [...open.blocks, ...rest.blocks],
    comments: [...open.comments, ...rest.comments],
    definitions: [...open.definitions, ...rest.definitions],
    definitionStarts: [...open.definitionStarts, ...rest.definitionStarts],
  };
  return [joined, ...own.slice(1)];
}

/** What of a part starts at or after an offset: its blocks, comments and definitions (`before` keeps the rest). */
function after(part: Part, at: number, keep = (start: number) => start >= at): Part {
  const ids = part.definitions.filter((_, i) => keep(part.definitionStarts[i]!));
  return {
    ...part,
    blocks: part.blocks.filter((b) => b.segments.length > 0 && keep(b.segments[0]!.source)),
    comments: part.comments.filter((c) => keep(c.start)),
    definitions: ids,
    definitionStarts: part.definitionStarts.filter(keep),
  };
}
const before = (part: Part, at: number) => after(part, at, (start) => start < at);

/** A bullet ("- x") or ordered ("2. x") list item, not empty, at the start of a line; a thematic break ("* * *") is none. */
const ITEM = /^(?:([-*+])|\d{1,9}([.)]))[ \t]+\S/;
const BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/**
 * The start of the last line in a window, after a list's first line, that starts an item of that list at column 0:
 * the same bullet, or the same delimiter after a number. Such a line is no item's content (too little indentation)
 * and no lazy line (the list's own continuation tries it as a sibling first), so it closes the item before it.
 */
function lastItem(text: string, list: Part, from: number, to: number): number | undefined {
  const first = /^ {0,3}(?:([-*+])|\d{1,9}([.)]))/.exec(text.slice(lineStart(text, list.start), list.start + 12));
  if (!first) return undefined;
  const opening = lineStart(text, list.start);
  for (let at = lineStart(text, to - 1); at > Math.max(from, opening); at = lineStart(text, at - 1)) {
    const line = text.slice(at, afterLine(text, at));
    const m = ITEM.exec(line);
    if (m && (m[1] ?? m[2]) === (first[1] ?? first[2]) && !BREAK.test(line.trimEnd())) return at;
  }
  return undefined;
}

/** The offset just after the line ending of the line an offset is on (or the end of the text). */
function afterLine(text: string, at: number): number {
  let k = at;
  while (k < text.length && text.charCodeAt(k) !== 10 && text.charCodeAt(k) !== 13) k++;
  return k + (text.charCodeAt(k) === 13 && text.charCodeAt(k + 1) === 10 ? 2 : k < text.length ? 1 : 0);
}

/**
 * Where a window that should reach `at` ends: after the first blank line from there, unless none comes within `most`
 * characters (a long table, list or run of headings); then after the line `at` is on. A window may end anywhere
 * between nodes: its last node is parsed again with the next window, and only nodes before a safe cut are kept.
 */
function windowEnd(text: string, at: number, most: number): number {
  const blank = afterBlankLine(text, at);
  return blank - at <= most ? blank : afterLine(text, at);
}

/**
 * Every id a reference in a text may use: the normalised contents of each pair of brackets, as a link label
 * ("[x") and, after "^", as a footnote label ("^x"). A window is given only the definitions it may refer to.
 */
export function labelsIn(text: string): Set<string> {
  const labels = new Set<string>();
  for (let open = text.indexOf('['); open >= 0; open = text.indexOf('[', open + 1)) {
    let k = open + 1;
    while (k < text.length && k - open <= 1000 && text[k] !== ']' && text[k] !== '[') k += text[k] === '\\' ? 2 : 1;
    if (text[k] !== ']' || k === open + 1) continue;
    const label = text.slice(open + 1, k);
    labels.add(`[${normalizeIdentifier(label).toLowerCase()}`);
    if (label.startsWith('^')) labels.add(`^${normalizeIdentifier(label.slice(1)).toLowerCase()}`);
    // A label that runs over lines in a block quote reads without the quote's markers ("[a\n> b]" is "a b").
    if (label.includes('\n')) labels.add(`[${normalizeIdentifier(label.replace(QUOTE_MARKERS, '\n')).toLowerCase()}`);
  }
  return labels;
}

/** The block quote markers at the start of a line: not part of a label that runs on to that line. */
const QUOTE_MARKERS = /\n(?:[ \t]*>)+/g;

/** The index of the last part a window may be cut before (its parse cannot depend on what precedes it), or 0. */
function lastCut(text: string, parts: Part[]): number {
  for (let k = parts.length - 1; k > 0; k--) {
    const at = lineStart(text, parts[k]!.start);
    if (separated(text, parts[k - 1]!, parts[k]!) && !indented(text, at) && !readsAsStart(text.slice(at, at + 8))) return k;
  }
  return 0;
}

/**
 * Whether a text begins with what only the start of a draft reads specially: a line that opens front matter, or a
 * byte order mark (dropped there, a character anywhere else). A window must not start with either.
 */
function readsAsStart(text: string): boolean {
  return text.charCodeAt(0) === 0xfeff || opensFrontmatter(text);
}

/** Whether the line at a line start is indented four columns or more (indented code, or a continuation). */
function indented(text: string, at: number): boolean {
  let column = 0;
  for (let k = at; column < 4; k++) {
    const c = text.charCodeAt(k);
    if (c === 32) column++;
    else if (c === 9) column += 4 - (column % 4);
    else return false;
  }
  return true;
}

/** The offset just after the first blank line at or after `at` (or the end of the text). */
function afterBlankLine(text: string, at: number): number {
  if (at >= text.length) return text.length;
  BLANK.lastIndex = at;
  const m = BLANK.exec(text);
  return m ? m.index + m[0].length : text.length;
}
const BLANK = /(?:\r\n|\n|\r)[ \t]*(?:\r\n|\n|\r)/g;

/** Where front matter that the first line opens ends (after its closing fence's line ending), or undefined if it never closes. */
function frontmatterEnd(text: string): number | undefined {
  const fence = text.startsWith('+++') ? '\\+\\+\\+' : '---';
  const close = new RegExp(`(?:\\r\\n|\\n|\\r)${fence}[ \\t]*(?:\\r\\n|\\n|\\r|$)`, 'g');
  close.lastIndex = 3;
  const m = close.exec(text);
  return m ? m.index + m[0].length : undefined;
}
