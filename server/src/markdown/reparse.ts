import { isFrontmatter, lineEnd, lineStart, opensFrontmatter, separated, shiftPart } from './boundaries.js';
import { labelsIn, parseParts } from './parse.js';
import { defuse } from './defuse.js';
import type { Block, Part } from './prose.js';

/** A draft's parse, kept between checks: its top-level nodes with their prose, in source offsets. */
export interface Parsed {
  source: string;
  parts: Part[];
  /** Whether {@link defuse} changed the draft: its effect is document-wide, so such a draft is always parsed whole. */
  defused: boolean;
  /** How much text the parse read (the draft's length for a whole parse), and why it read that much. */
  reparsed: number;
  reason: 'whole' | 'first' | 'unchanged' | 'slice' | 'defused' | 'definitions' | 'front matter' | 'no boundary';
}

/** How many times a slice is widened (by more top-level nodes after it) before the whole draft is parsed instead. */
const WIDENINGS = 2;

/**
 * Parses a draft, re-using the parse of its previous text where that is safe: only the top-level nodes an edit
 * touches are parsed again, with the nodes beside them, and the rest are shifted. The result is always the same
 * as a whole parse (`parseParts(defuse(source))`); where that cannot be shown cheaply, it is one.
 *
 * Why a slice parses as the whole draft would:
 * - It starts on a line after a blank line that follows a closed node: nothing before it can continue into it
 *   (a list, an indented code block or a footnote definition can continue past a blank line, so the slice then
 *   starts before them), and no earlier line looks ahead past a blank line (setext underlines, table delimiter rows).
 * - It ends with a node after the edit (its lines untouched) that parses exactly as before (type, offsets, prose):
 *   what follows it then parses as before too. A fence or HTML block opened by the edit swallows that node, so the
 *   check fails; the slice is widened, then the whole draft is parsed.
 * - Link and footnote definitions apply to the whole draft: those elsewhere are appended to the slice (their nodes
 *   dropped), and if the edit adds, removes or changes one, the whole draft is parsed.
 * - Front matter only exists at the start, and a fence line there that opens none changes how footnote definitions
 *   parse everywhere: unless the draft has front matter and the edit is after it, a draft starting so is parsed whole.
 *   A slice that would itself start with such a line ("---" as a section break) is not parsed alone either.
 */
export function reparse(old: Parsed | undefined, source: string): Parsed {
  const text = defuse(source);
  const whole = (reason: Parsed['reason']): Parsed => ({
    source,
    parts: parseParts(text),
    defused: text !== source,
    reparsed: source.length,
    reason,
  });
  if (text !== source) return whole('defused');
  if (!old || old.defused || old.parts.length === 0 || old.parts.some((p) => p.start < 0 || p.end < 0))
    return whole(old ? 'whole' : 'first');
  if (old.source === source) return { ...old, reparsed: 0, reason: 'unchanged' };
  try {
    const sliced = slice(old, source);
    return typeof sliced === 'string' ? whole(sliced) : sliced;
  } catch {
    return whole('whole'); // the whole parse never throws on a string the slice parse threw on, or reports it
  }
}

/** The parse with only a slice of the draft parsed again, or why the whole draft must be parsed. */
function slice(old: Parsed, source: string): Parsed | Parsed['reason'] {
  const before = old.source;
  const { parts } = old;
  const n = parts.length;
  // The edit: old [p, oldEnd) became new [p, p + (oldEnd - p) + delta).
  const most = Math.min(before.length, source.length);
  const p = commonPrefix(before, source, most);
  const s = commonSuffix(before, source, most - p); // never reaching into the prefix
  const oldEnd = before.length - s;
  const delta = source.length - before.length;

  // The first node of the slice: one whose line starts at or before the edit, after a blank line that ends a closed node.
  let h = parts.findIndex((part) => part.end >= p);
  if (h < 0) h = n - 1;
  while (h > 0 && !(lineStart(before, parts[h]!.start) <= p && separated(before, parts[h - 1]!, parts[h]!))) h--;
  // A first line that opens front matter which never closes changes the parse of the whole draft (micromark then reads
  // every "[^x]:" as a link definition, not a footnote): such a draft, or an edit of its front matter, is parsed whole.
  if ((opensFrontmatter(before) || opensFrontmatter(source)) && !(h > 0 && isFrontmatter(parts[0]!))) return 'front matter';
  const from = h === 0 ? 0 : lineStart(before, parts[h]!.start);
  // Parsed alone, a slice whose first line is "---" or "+++" (a thematic break, or a setext underline's twin) would
  // read as front matter and swallow what follows: such an edit is parsed whole (it is rare: the slice starts there
  // only when the edit touches that line or the node it opens).
  if (from > 0 && opensFrontmatter(source.slice(from, from + 8))) return 'front matter';

  // The node that must come out as before: the first one whose lines the edit did not touch.
  let t = h;
  while (t < n && lineStart(before, parts[t]!.start) <= oldEnd) t++;
  for (let attempt = 0; attempt <= WIDENINGS; attempt++, t = attempt === WIDENINGS ? n : Math.min(n, t + 2)) {
    const last = Math.min(t, n - 1);
    const oldTo = t < n ? lineEnd(before, parts[t]!.end) : before.length;
    const region = parts.slice(h, last + 1);
    const outside = [...parts.slice(0, h), ...parts.slice(last + 1)].flatMap((part) => part.definitions);
    const parsed = parseSlice(source.slice(from, oldTo + delta), outside);
    if (!parsed) return 'no boundary';
    if (
      !sameDefinitions(
        region.flatMap((part) => part.definitions),
        parsed.flatMap((part) => part.definitions),
      )
    )
      return 'definitions';
    const fresh = parsed.map((part) => shiftPart(part, from));
    if (t < n && !samePart(fresh.at(-1), parts[t]!, delta)) continue;
    return {
      source,
      defused: false,
      reason: 'slice',
      reparsed: oldTo + delta - from,
      parts: [...parts.slice(0, h), ...fresh, ...parts.slice(last + 1).map((part) => shiftPart(part, delta))],
    };
  }
  return 'no boundary';
}

/**
 * Parses a slice with the definitions made elsewhere in the draft appended (a definition resolves references before
 * it as well as after), and returns the slice's own nodes; undefined if a node of the slice runs into the appendix.
 */
function parseSlice(text: string, definitions: string[]): Part[] | undefined {
  // A footnote definition matters only to a call of its label, which is on one line (the label has no spaces): only
  // those the slice may call are appended. A link label may run over lines (and a quote's "> "): every one is.
  const labels = text.includes('[') ? labelsIn(text) : undefined;
  const wanted = labels ? [...new Set(definitions)].filter((d) => !d.startsWith('^') || labels.has(d)) : [];
  const appendix = wanted.map((d) => (d.startsWith('^') ? `\n\n[${d}]: x` : `\n\n[${d.slice(1)}]: #`)).join('');
  const parts = parseParts(text + appendix); // by windows when long: the same parts, in bounded memory
  const own = parts.filter((part) => part.start < text.length);
  if (own.some((part) => part.start < 0 || part.end > text.length)) return undefined;
  // The appendix must read back as exactly the definitions written (a label the normalisation changed would not).
  const read = parts.slice(own.length);
  if (read.length !== wanted.length || read.some((part, i) => part.definitions.length !== 1 || part.definitions[0] !== wanted[i]))
    return undefined;
  return own;
}

function sameDefinitions(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const x = [...a].sort();
  const y = [...b].sort();
  return x.every((d, i) => d === y[i]);
}

/** Whether a re-parsed node is the old one moved by delta: same type, offsets, prose and comments. */
function samePart(fresh: Part | undefined, old: Part, delta: number): boolean {
  if (!fresh || fresh.type !== old.type || fresh.start !== old.start + delta || fresh.end !== old.end + delta) return false;
  if (fresh.blocks.length !== old.blocks.length || fresh.comments.length !== old.comments.length) return false;
  if (
    fresh.comments.some(
      (c, i) => c.start !== old.comments[i]!.start + delta || c.end !== old.comments[i]!.end + delta || c.value !== old.comments[i]!.value,
    )
  )
    return false;
  return fresh.blocks.every((b, i) => sameBlock(b, old.blocks[i]!, delta));
}

function sameBlock(a: Block, b: Block, delta: number): boolean {
  if (a.kind !== b.kind || a.text !== b.text || a.segments.length !== b.segments.length) return false;
  return a.segments.every((x, i) => {
    const y = b.segments[i]!;
    return x.prose === y.prose && x.proseLength === y.proseLength && x.sourceLength === y.sourceLength && x.source === y.source + delta;
  });
}

/** Characters compared at once while looking for where an edit starts and ends (a native comparison of slices). */
const CHUNK = 4096;

/** How many leading characters two texts share, up to `most`: chunk by chunk, then character by character. */
function commonPrefix(a: string, b: string, most: number): number {
  let p = 0;
  while (p + CHUNK <= most && a.slice(p, p + CHUNK) === b.slice(p, p + CHUNK)) p += CHUNK;
  while (p < most && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  return p;
}

/** How many trailing characters two texts share, up to `most`: chunk by chunk, then character by character. */
function commonSuffix(a: string, b: string, most: number): number {
  let s = 0;
  while (s + CHUNK <= most && a.slice(a.length - s - CHUNK, a.length - s) === b.slice(b.length - s - CHUNK, b.length - s)) s += CHUNK;
  while (s < most && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return s;
}
