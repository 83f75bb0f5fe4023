import { isMap, isScalar, isSeq, type Document as YamlDocument, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { claimKind } from './claim-kind.js';
import { isReportingWord } from './reporting.js';

/** A replacement of `[start, end)` in a fact-base file's text. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** A form of format v1 that v2 replaces: where it is, a message naming the v2 form, and the edits that rewrite it. */
export interface V1Form {
  start: number;
  end: number;
  message: string;
  edits: TextEdit[];
}

const quoted = (words: string[]) => words.map((w) => `"${w}"`).join(words.length === 2 ? ' and ' : ', ');

/**
 * The v1 forms of a parsed fact-base file that v2 replaces (docs/fact-base.md, "From v1 to v2"):
 * - a claim without `kind`, whose measure v1 read from its unit: v2 writes it (`kind: money`);
 * - generic reporting words ("according to", "said") in a claim's `attribution`: v2 ties them to the claimant and those
 *   who reported it, without their being listed, so listed they add nothing.
 * Each comes with the edits that rewrite it in place, keeping the rest of the text (comments, quotes, layout) as it is.
 */
export function v1Forms(doc: YamlDocument, text: string): V1Form[] {
  const found: V1Form[] = [];
  const claims = isMap(doc.contents) ? doc.contents.get('claims', true) : undefined;
  if (!isSeq(claims)) return found;
  for (const item of claims.items) {
    if (!isMap(item) || !item.range) continue;
    const id = scalar(item.get('id', true));
    const name = `claim ${id ?? `#${claims.items.indexOf(item) + 1}`}`;
    if (!item.has('kind')) {
      const value = scalar(item.get('value', true));
      const unit = scalar(item.get('unit', true));
      const kind = claimKind(
        typeof value === 'number' ? value : value === undefined ? undefined : Number(value),
        unit === undefined ? undefined : String(unit),
      );
      const at = item.items[0]?.key as Node | undefined;
      const [start, end] = at?.range ?? item.range;
      found.push({
        start,
        end: end,
        edits: [insertPair(item, text, `kind: ${kind}`)],
        message: `${name}: a v1 claim, without a kind; write what it measures, kind: ${kind} (factlint facts migrate does)`,
      });
    }
    const attribution = item.get('attribution', true);
    if (isSeq(attribution) && attribution.range) {
      const generic = attribution.items.filter((w) => isScalar(w) && typeof w.value === 'string' && isReportingWord(w.value));
      if (generic.length === 0) continue;
      const words = generic.map((w) => String(scalar(w as Node)));
      const pair = item.items.find((p) => isScalar(p.key) && p.key.value === 'attribution')!;
      found.push({
        start: attribution.range[0],
        end: attribution.range[1],
        edits:
          generic.length === attribution.items.length ? [removePair(item, pair, text)] : removeItems(attribution, generic as Node[], text),
        message:
          `${name} \u203a attribution: ${quoted(words)} attribute${words.length === 1 ? 's' : ''} a claim only to its claimant ` +
          `or those who reported it, without being listed; remove ${words.length === 1 ? 'it' : 'them'} (factlint facts migrate does)`,
      });
    }
  }
  return found;
}

/** Applies edits (none overlapping) to a text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

const scalar = (node: unknown) => (isScalar(node) ? ((node.value as string | number | null) ?? undefined) : undefined);

/** The column of an offset in a text. */
const column = (text: string, at: number) => at - (text.lastIndexOf('\n', at - 1) + 1);

/** Inserts `key: value` into a map after its first pair (the id): in a flow map after a comma, in a block map on a line of its own. */
function insertPair(map: YAMLMap, text: string, pair: string): TextEdit {
  const first = map.items[0]!;
  const end = ((first.value as Node | null)?.range ?? (first.key as Node).range!)[1];
  if (map.flow) return { start: end, end, text: `, ${pair}` };
  const indent = ' '.repeat(column(text, (first.key as Node).range![0]));
  // After the first pair's value, at the end of its line (a comment after it stays on it).
  const eol = text.indexOf('\n', end);
  const at = eol < 0 ? text.length : eol;
  return { start: at, end: at, text: `\n${indent}${pair}` };
}

/** Removes a pair from a map: in a block map with its lines, in a flow map with the comma before or after it. */
function removePair(map: YAMLMap, pair: Pair, text: string): TextEdit {
  const key = (pair.key as Node).range!;
  const valueEnd = (pair.value as Node).range![1];
  const i = map.items.indexOf(pair);
  if (map.flow) {
    const next = map.items[i + 1];
    if (next) return { start: key[0], end: (next.key as Node).range![0], text: '' };
    const previous = map.items[i - 1];
    const from = previous ? ((previous.value as Node | null)?.range ?? (previous.key as Node).range!)[1] : key[0];
    return { start: from, end: valueEnd, text: '' };
  }
  const lineStart = text.lastIndexOf('\n', key[0] - 1) + 1;
  let end = text.indexOf('\n', Math.max(valueEnd - 1, key[0]));
  end = end < 0 ? text.length : end + 1;
  return { start: lineStart, end, text: '' };
}

/** Removes some items of a list (not all), each with the separator that joins it to the list. */
function removeItems(seq: YAMLSeq, removed: Node[], text: string): TextEdit[] {
  const items = seq.items as Node[];
  const lastKept = items.reduce((last, item, i) => (removed.includes(item) ? last : i), -1);
  const edits: TextEdit[] = [];
  if (!seq.flow) {
    for (const item of removed) {
      const lineStart = text.lastIndexOf('\n', item.range![0] - 1) + 1;
      const eol = text.indexOf('\n', item.range![1] - 1);
      edits.push({ start: lineStart, end: eol < 0 ? text.length : eol + 1, text: '' });
    }
    return edits;
  }
  for (const [i, item] of items.entries()) {
    if (i < lastKept && removed.includes(item)) edits.push({ start: item.range![0], end: items[i + 1]!.range![0], text: '' });
  }
  // Those after the last kept item go with the comma before them.
  if (lastKept < items.length - 1) edits.push({ start: items[lastKept]!.range![1], end: items.at(-1)!.range![1], text: '' });
  return edits;
}
