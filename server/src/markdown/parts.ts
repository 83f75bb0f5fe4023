import type { Nodes, Root } from 'mdast';
import { addText } from './align.js';
import { shiftPart } from './boundaries.js';
import { parser } from './parser.js';
import { OBJECT, type Block, type Part, type Prose } from './prose.js';
import { sentencesOnce, type Splitter } from './sentences.js';

// From the parse tree to prose: each top-level node's blocks, comments and definitions.

/**
 * Parses text that {@link defuse} has already been applied to and extracts each top-level node's prose; `split`
 * splits the blocks into sentences (one splitter serves every window of a draft).
 */
export function toParts(text: string, split: Splitter = sentencesOnce()): Part[] {
  // micromark drops a leading byte order mark and counts its offsets without it: parse the rest, then shift by one.
  if (text.charCodeAt(0) === 0xfeff) return toParts(text.slice(1), split).map((part) => shiftPart(part, 1));
  const tree = parser.parse(text) as Root;
  return tree.children.map((node) => partOf(node, text, split));
}

function partOf(top: Nodes, text: string, split: Splitter): Part {
  // The walk aligns node values with the text that was parsed (the defused draft, or a slice of it).
  const prose: Prose = { source: text, blocks: [], comments: [] };
  const part: Part = {
    type: top.type,
    start: top.position?.start.offset ?? -1,
    end: top.position?.end.offset ?? -1,
    blocks: prose.blocks,
    comments: prose.comments,
    definitions: [],
    definitionStarts: [],
  };
  const stack: [Nodes, Block['container']][] = [[top, undefined]];
  while (stack.length > 0) {
    const [node, container] = stack.pop()!;
    switch (node.type) {
      case 'table':
        addTable(prose, node, split);
        break;
      case 'paragraph':
      case 'heading':
      case 'tableCell':
        addBlock(prose, node, node.type === 'tableCell' ? 'cell' : node.type, container, split);
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
          const inner =
            node.type === 'blockquote' || container === 'quote'
              ? 'quote'
              : node.type === 'list'
                ? 'list'
                : node.type === 'footnoteDefinition'
                  ? undefined
                  : container;
          for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i] as Nodes, inner]);
        }
    }
  }
  return part;
}

/** A table's cells as blocks, row by row; each cell below the header knows its row and the header. */
function addTable(prose: Prose, table: Extract<Nodes, { type: 'table' }>, split: Splitter): void {
  let header: string[] = [];
  table.children.forEach((row, r) => {
    const cells = row.children.map((cell) => {
      const before = prose.blocks.length;
      addBlock(prose, cell, 'cell', undefined, split);
      return prose.blocks.length > before ? prose.blocks.at(-1)! : undefined;
    });
    const texts = cells.map((b) => b?.text ?? '');
    if (r === 0) header = texts;
    else {
      cells.forEach((b, column) => {
        if (b) b.table = { header, row: texts, column };
      });
    }
  });
}

/** The source offset of the next node (in document order) on a walk's stack that has a position. */
function nextStart(stack: Nodes[]): number | undefined {
  for (let i = stack.length - 1; i >= 0; i--) {
    const offset = stack[i]!.position?.start.offset;
    if (offset !== undefined) return offset;
  }
  return undefined;
}

function addBlock(prose: Prose, node: Nodes, kind: Block['kind'], container: Block['container'], split: Splitter): void {
  const block: Block = { kind, text: '', segments: [], sentences: [] };
  if (container) block.container = container;
  const parts: string[] = [];
  let length = 0;
  const push = (text: string, source: number, sourceLength: number) => {
    const last = block.segments.at(-1);
    const verbatim = text.length === sourceLength;
    if (
      last &&
      verbatim &&
      last.proseLength === last.sourceLength &&
      last.prose + last.proseLength === length &&
      last.source + last.sourceLength === source
    ) {
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
  const stack: Nodes[] = [];
  pushChildren(stack, node);
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
      } else pushChildren(stack, child);
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
    } else if ('children' in child) pushChildren(stack, child);
    else push(OBJECT, start, end - start);
  }
  block.text = parts.join('');
  if (block.text.trim() === '') return;
  block.sentences = split(block.text);
  prose.blocks.push(block);
}

/** Puts a node's children on a walk's stack, the first on top. */
function pushChildren(stack: Nodes[], node: Nodes): void {
  if (!('children' in node)) return;
  for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
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

/** The HTML comments in an HTML node, in source offsets. */
function collectComments(prose: Prose, node: Extract<Nodes, { type: 'html' }>): void {
  const base = node.position?.start.offset;
  if (base === undefined) return;
  // indexOf rather than a lazy regular expression, which rescans to the end for every unclosed "<!--".
  const value = node.value;
  for (let open = value.indexOf('<!--'); open >= 0; ) {
    const close = value.indexOf('-->', open + 4);
    if (close < 0) break;
    prose.comments.push({ start: base + open, end: base + close + 3, value: value.slice(open + 4, close) });
    open = value.indexOf('<!--', close + 3);
  }
}
