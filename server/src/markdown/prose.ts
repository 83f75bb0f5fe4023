import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import type { Nodes, Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

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
  /** The prose: line breaks are spaces, code, HTML, images and URLs are U+FFFC, escapes and entities are decoded. */
  text: string;
  segments: Segment[];
  sentences: Span[];
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

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).freeze();
const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Parses Markdown once and extracts its prose with a source map; never throws on any string. */
export function toProse(source: string): Prose {
  const tree = parser.parse(source) as Root;
  const prose: Prose = { source, blocks: [], comments: [] };
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    switch (node.type) {
      case 'paragraph':
      case 'heading':
      case 'tableCell':
        addBlock(prose, node, node.type === 'tableCell' ? 'cell' : node.type);
        break;
      case 'yaml':
        if (node.type === 'yaml' && prose.frontmatter === undefined && node.position?.start.offset === 0) prose.frontmatter = node.value;
        break;
      case 'html':
        collectComments(prose, node);
        break;
      default:
        if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
    }
  }
  return prose;
}

function addBlock(prose: Prose, node: Nodes, kind: Block['kind']): void {
  const block: Block = { kind, text: '', segments: [], sentences: [] };
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
  };
  const stack: Nodes[] = 'children' in node ? [...node.children].reverse() as Nodes[] : [];
  let raw = 0; // inside inline HTML whose content is code, not prose (<code>…</code>, <kbd>…</kbd>)
  while (stack.length > 0) {
    const child = stack.pop()!;
    const start = child.position?.start.offset;
    const end = child.position?.end.offset;
    if (start === undefined || end === undefined) continue;
    if (child.type === 'text' && raw === 0) align(prose.source, child.value, start, end, push);
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
  return spans;
}

/** A link whose text is its own address (an autolink or a GFM literal URL, which never start with "["), or any URL. */
function isBareUrl(source: string, start: number, link: Extract<Nodes, { type: 'link' }>): boolean {
  if (source.charCodeAt(start) !== 91 /* [ */) return true;
  if (link.children.length !== 1 || link.children[0].type !== 'text') return false;
  const text = link.children[0].value;
  return link.url === text || /^(https?:\/\/|www\.|mailto:)\S*$/i.test(text);
}

/** An inline HTML tag opening or closing an element whose content is code (group 1 set when it closes). */
const RAW_TAG = /^<(\/)?(?:code|kbd|samp|pre|tt|var|script|style)\b[^>]*>$/i;

const ENTITY = /&(?:#(\d{1,7})|#[xX]([\da-fA-F]{1,6})|([A-Za-z][A-Za-z\d]{1,31}));/y;

/** Walks a text node's decoded value against its source slice, skipping escapes, line prefixes and CR, decoding entities. */
function align(source: string, value: string, start: number, end: number,
  push: (text: string, source: number, sourceLength: number) => void): void {
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
  const re = /<!--([\s\S]*?)-->/g;
  for (let m = re.exec(node.value); m; m = re.exec(node.value)) {
    prose.comments.push({ start: base + m.index, end: base + m.index + m[0].length, value: m[1]! });
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

let quotesOf: { text: string; opens: number[]; closes: number[] } | undefined;

/**
 * Whether a prose offset lies inside a quotation ("…" or “…”), whose wording a draft must keep as quoted.
 * The quotation marks of the last text asked about are remembered, so asking about every name in a block is linear.
 */
export function isQuoted(text: string, offset: number): boolean {
  if (quotesOf?.text !== text) {
    const opens: number[] = [];
    const closes: number[] = [];
    let open = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (open < 0 && (c === 0x22 || c === 0x201c)) open = i;
      else if (open >= 0 && (c === 0x22 || c === 0x201d)) {
        opens.push(open);
        closes.push(i);
        open = -1;
      }
    }
    quotesOf = { text, opens, closes };
  }
  const { opens, closes } = quotesOf;
  let lo = 0;
  let hi = opens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (closes[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < opens.length && opens[lo]! < offset;
}
