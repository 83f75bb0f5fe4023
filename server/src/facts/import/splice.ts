import { Document, isCollection, isScalar, type Node, type YAMLMap, type YAMLSeq } from 'yaml';

/** A text to put into the source at an offset, rendered only when the edits are applied (new nodes may still grow). */
interface Edit {
  at: number;
  end: number;
  render: () => string;
}

/**
 * Changes a parsed YAML document and its source text together: items added to sequences and keys added to maps go into
 * the document (so later look-ups see them) and, where the container was read from the text, become insertions at its
 * end, so that everything already written keeps its layout, quoting, line breaks and comments. Nodes created here have
 * no place in the text and are written whole, with their parent.
 */
export class Splicer {
  private readonly edits: Edit[] = [];

  constructor(
    readonly doc: Document,
    private readonly source: string,
  ) {}

  /** Adds an item at the end of a sequence. */
  add(seq: YAMLSeq, item: Node): void {
    const last = seq.items[seq.items.length - 1] as Node | undefined;
    seq.items.push(item);
    if (!seq.range) return;
    if (seq.flow) {
      const at = last?.range ? last.range[1] : seq.range[1] - 1;
      this.edits.push({ at, end: at, render: () => `${last ? ', ' : ''}${this.flow(item)}` });
    } else {
      const at = this.lineEnd((last?.range ?? seq.range)[1] - 1);
      const indent = ' '.repeat(seq.range[0] - this.lineStart(seq.range[0]));
      this.edits.push({ at, end: at, render: () => `\n${indent}- ${this.block(item, `${indent}  `)}` });
    }
  }

  /** Sets a key of a map: replaces a scalar value read from the text, or adds the key at the end of the map. */
  set(map: YAMLMap, key: string, value: Node): void {
    const old = map.get(key, true) as Node | undefined;
    map.set(key, value);
    if (!map.range) return;
    if (old?.range && isScalar(old)) {
      this.edits.push({ at: old.range[0], end: old.range[1], render: () => this.flow(value) });
      return;
    }
    const lastPair = map.items[map.items.length - 2];
    const lastEnd = ((lastPair?.value ?? lastPair?.key) as Node | undefined)?.range?.[1];
    if (map.flow) {
      const at = lastEnd ?? map.range[1] - 1;
      this.edits.push({ at, end: at, render: () => `${lastEnd === undefined ? '' : ', '}${key}: ${this.flow(value)}` });
    } else {
      const first = map.items[0]?.key as Node | undefined;
      const at = this.lineEnd((lastEnd ?? map.range[1]) - 1);
      const start = first?.range?.[0] ?? map.range[0];
      const indent = ' '.repeat(start - this.lineStart(start));
      this.edits.push({ at, end: at, render: () => `\n${indent}${this.block(this.doc.createNode({ [key]: value }), indent)}` });
    }
  }

  /** The source text with every change made. */
  text(): string {
    if (!this.doc.contents?.range) return unpadLists(this.doc.toString({ lineWidth: 0 }));
    let text = this.source;
    const byPlace = [...this.edits].map((e, i) => ({ ...e, i })).sort((a, b) => b.at - a.at || b.i - a.i);
    for (const e of byPlace) text = text.slice(0, e.at) + e.render() + text.slice(e.end);
    return text;
  }

  /** A node written on one line (its collections in flow style, as the rest of a flow collection). */
  private flow(node: Node): string {
    if (isCollection(node)) node.flow = true;
    return this.block(node, '');
  }

  /** A node as YAML, its lines after the first indented. */
  private block(node: Node, indent: string): string {
    const lines = unpadLists(new Document(node).toString({ lineWidth: 0 }))
      .trimEnd()
      .split('\n');
    return lines.map((line, i) => (i === 0 || line === '' ? line : indent + line)).join('\n');
  }

  private lineStart(at: number): number {
    return this.source.lastIndexOf('\n', at - 1) + 1;
  }

  private lineEnd(at: number): number {
    const end = this.source.indexOf('\n', Math.max(at, 0));
    return end < 0 ? this.source.length : end;
  }
}

/**
 * YAML with its flow lists written as hand-written fact bases write them, `[a, b]`, and its flow maps padded,
 * `{ id: a }`: the yaml library pads both or neither. Inside a flow collection a bracket outside quotes is always
 * structure (a plain scalar there cannot hold one), so the spaces just inside each list's brackets are dropped; a
 * block scalar ("note: see [ here ]") is left as it is.
 */
export function unpadLists(text: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const opens = (c === '[' || c === '{') && (depth > 0 || /(?:^|\n)[ ]*(?:- )?$|(?::|-) $/.test(text.slice(Math.max(0, i - 200), i)));
    if ((c === '"' || c === "'") && (i === 0 || /[\s[{,]/.test(text[i - 1]!))) {
      // A quoted scalar (a quote opening a value; "People's" is plain), copied whole: "…\"…" escapes with a
      // backslash, '…''…' by doubling.
      let j = i + 1;
      for (; j < text.length; j++) {
        if (c === '"' && text[j] === '\\') j++;
        else if (text[j] === c && c === "'" && text[j + 1] === "'") j++;
        else if (text[j] === c) break;
      }
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === '#' && depth === 0 && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf('\n', i);
      out += text.slice(i, end < 0 ? text.length : end);
      i = (end < 0 ? text.length : end) - 1;
    } else if (opens) {
      depth++;
      out += c;
      if (c === '[' && text[i + 1] === ' ') i++;
    } else if (depth > 0 && (c === ']' || c === '}')) {
      depth--;
      out += c;
    } else if (depth > 0 && c === ' ' && text[i + 1] === ']' && text[i - 1] !== '[') {
      // dropped: the space before a list's closing bracket
    } else out += c;
  }
  return out;
}
