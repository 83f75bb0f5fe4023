// Where a draft may be cut between top-level nodes so that each side parses as it does in the whole draft: shared by
// the incremental re-parse (reparse.ts) and the window-by-window parse of long drafts (parse.ts). It knows a top-level
// part (prose.ts `Part`) only by the fields it reads.

/** A top-level node: its type and source offsets (-1 if the parser gave it no position). */
interface Node {
  type: string;
  start: number;
  end: number;
}

/** A top-level part as far as moving it goes: the source offsets in it. */
interface Movable extends Node {
  definitionStarts: number[];
  blocks: { segments: { source: number }[] }[];
  comments: { start: number; end: number }[];
}

/** A part with every source offset moved by delta (block texts, sentences and prose offsets are relative: kept). */
export function shiftPart<P extends Movable>(part: P, delta: number): P {
  if (delta === 0) return part;
  const copy = {
    ...part,
    definitionStarts: [...part.definitionStarts],
    blocks: part.blocks.map((b) => ({ ...b, segments: b.segments.map((g) => ({ ...g })) })),
    comments: part.comments.map((c) => ({ ...c })),
  };
  movePart(copy, delta);
  return copy;
}

/** The same move made in place, for a part just parsed that nothing else holds (no copy of its blocks is made). */
export function movePart(part: Movable, delta: number): void {
  if (part.start >= 0) part.start += delta;
  if (part.end >= 0) part.end += delta;
  part.definitionStarts.forEach((at, i) => {
    if (at >= 0) part.definitionStarts[i] = at + delta;
  });
  for (const block of part.blocks) for (const segment of block.segments) segment.source += delta;
  for (const comment of part.comments) {
    comment.start += delta;
    comment.end += delta;
  }
}

/**
 * Whether nothing of `prev` can continue into `next`, and `next` parses as it would at the start of a draft: a blank
 * line between them, and `prev` not a list, footnote or indented code; or `prev` a node that closes on its own last
 * line (a heading, a thematic break, a closed fence) and `next` on a later line. After such a node no block is open,
 * so no later line can continue it or be read as a lazy continuation or a setext underline.
 */
export function separated(text: string, prev: Node, next: Node): boolean {
  if (prev.type === 'list' || prev.type === 'footnoteDefinition') return false;
  const fenced = prev.type === 'code' && FENCE.test(text.slice(lineStart(text, prev.start), prev.start + 4));
  if (prev.type === 'code' && !fenced) return false;
  const to = lineStart(text, next.start);
  if ((prev.type === 'heading' || prev.type === 'thematicBreak' || (fenced && closesFence(text, prev))) && prev.end <= to) return true;
  return hasBlankLine(text, prev.end, to);
}

/** Whether a fenced code block ends with a closing fence (an unclosed one runs to the end of its container). */
function closesFence(text: string, code: Node): boolean {
  const open = /^ {0,3}(`{3,}|~{3,})/.exec(text.slice(lineStart(text, code.start), code.start + 64));
  if (!open || code.end <= code.start) return false;
  const last = text.slice(lineStart(text, code.end), code.end);
  const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(last);
  return (
    !!close &&
    close[1]![0] === open[1]![0] &&
    close[1]!.length >= open[1]!.length &&
    lineStart(text, code.end) > lineStart(text, code.start)
  );
}

const FENCE = /^ {0,3}(?:`{3}|~{3})/;

/** Front matter: a YAML or TOML node at the start of the draft (after a byte order mark, if any). */
export const isFrontmatter = (part: Node) => part.start >= 0 && part.start <= 1 && (part.type === 'yaml' || part.type === 'toml');
/** A first line that could open front matter: an edit anywhere may close it. */
export const opensFrontmatter = (text: string) => /^\uFEFF?(?:---|\+\+\+)[ \t]*(?:\r|\n|$)/.test(text);

const isEol = (c: number) => c === 10 || c === 13;

/** Whether a whole line that holds only spaces and tabs lies within [from, to), `to` being a line start. */
function hasBlankLine(text: string, from: number, to: number): boolean {
  let k = from;
  while (k < to) {
    while (k < to && !isEol(text.charCodeAt(k))) k++;
    if (k >= to) return false;
    k += text.charCodeAt(k) === 13 && text.charCodeAt(k + 1) === 10 ? 2 : 1;
    let j = k;
    while (j < to && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
    if (j < to && isEol(text.charCodeAt(j))) return true;
    k = j;
  }
  return false;
}

/** The start of the line an offset is on. */
export function lineStart(text: string, offset: number): number {
  let k = offset;
  while (k > 0 && !isEol(text.charCodeAt(k - 1))) k--;
  return k;
}

/** The end of the line an offset is on (before its line ending). */
export function lineEnd(text: string, offset: number): number {
  let k = offset;
  while (k < text.length && !isEol(text.charCodeAt(k))) k++;
  return k;
}
