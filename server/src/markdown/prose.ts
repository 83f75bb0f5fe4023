import { partitionPoint } from '../search.js';

// The prose model: a draft's prose blocks with their map back to the Markdown source.

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

/** Maps a prose offset in a block to a source offset; `end` maps to just past the source of the previous character. */
export function toSource(block: Block, offset: number, side: 'start' | 'end' = 'start'): number {
  const segments = block.segments;
  if (segments.length === 0) return 0;
  const target = side === 'end' ? Math.max(0, offset - 1) : offset;
  const seg = segments[Math.max(0, partitionPoint(segments.length, (i) => segments[i]!.prose <= target) - 1)]!;
  const within = Math.min(Math.max(target - seg.prose, 0), seg.proseLength);
  if (seg.proseLength !== seg.sourceLength) return side === 'end' ? seg.source + seg.sourceLength : seg.source;
  if (side === 'end') return offset === 0 ? seg.source : seg.source + Math.min(within + 1, seg.sourceLength);
  return seg.source + within;
}
