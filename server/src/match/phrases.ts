import { tokenize, type Token } from './tokens.js';

/** A phrase found in a block: its token range, its text range and every value registered for it. */
export interface PhraseMatch<T> {
  first: number;
  last: number;
  start: number;
  end: number;
  values: T[];
}

interface Entry<T> {
  words: string[];
  caseSensitive: boolean;
  values: T[];
}

/**
 * Whether what stands between two words of one phrase may join them: one to four spaces, hyphens, dashes up to the
 * em dash, apostrophes or full stops (read by character code: no slice of the text is made).
 */
function joins(text: string, from: number, to: number): boolean {
  if (to - from < 1 || to - from > 4) return false;
  for (let i = from; i < to; i++) if (!joinChar(text.charCodeAt(i))) return false;
  return true;
}

/** A space as JavaScript's \s reads one, a hyphen or dash (U+2010 to U+2014), an apostrophe or a full stop. */
function joinChar(c: number): boolean {
  if (c < 128) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x2d || c === 0x27 || c === 0x2e;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    (c >= 0x2010 && c <= 0x2014) ||
    c === 0x2019 ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Finds registered multi-word phrases in tokenized text in one pass, longest first; compiled once per fact base. */
export class PhraseMatcher<T> {
  readonly #byFirst = new Map<string, Entry<T>[]>();
  /** Every entry by its words and case sensitivity, so that adding is constant time however many share a first word. */
  readonly #entries = new Map<string, Entry<T>>();
  /** First words whose lists have had entries added since they were last sorted (longest first). */
  readonly #unsorted = new Set<string>();

  /** Registers a phrase; the same phrase may carry several values. */
  add(phrase: string, value: T, caseSensitive = false): void {
    const words = tokenize(phrase).map((t) => (caseSensitive ? t.text : t.lower));
    if (words.length === 0) return;
    const id = `${caseSensitive ? 'C' : 'c'}${words.join(' ')}`;
    const same = this.#entries.get(id);
    if (same) {
      if (!same.values.includes(value)) same.values.push(value);
      return;
    }
    const entry: Entry<T> = { words, caseSensitive, values: [value] };
    this.#entries.set(id, entry);
    const key = words[0]!.toLowerCase();
    const list = this.#byFirst.get(key);
    if (list) list.push(entry);
    else this.#byFirst.set(key, [entry]);
    this.#unsorted.add(key);
  }

  /** The entries whose first word is `key`, longest first. */
  #list(key: string): Entry<T>[] | undefined {
    // Lists are sorted on the first lookup after phrases were added: the matcher is built once and then only read.
    if (this.#unsorted.size > 0) {
      for (const first of this.#unsorted) this.#byFirst.get(first)!.sort((a, b) => b.words.length - a.words.length);
      this.#unsorted.clear();
    }
    return this.#byFirst.get(key);
  }

  /** The lowercased first words of the registered phrases. */
  firstWords(): IterableIterator<string> {
    return this.#byFirst.keys();
  }

  /**
   * Every non-overlapping match, scanning left to right and taking the longest phrase at each word; `starts`, if
   * given, are the only token indexes (ascending) a phrase may start at (a block finds them once for every kind of
   * phrase: BlockFacts in match/analyse.ts).
   */
  find(text: string, tokens: Token[], starts?: readonly number[]): PhraseMatch<T>[] {
    const found: PhraseMatch<T>[] = [];
    let next = 0;
    const count = starts ? starts.length : tokens.length;
    for (let k = 0; k < count; k++) {
      const i = starts ? starts[k]! : k;
      if (i < next) continue;
      let match = this.matchAt(text, tokens, i);
      // A longer phrase starting inside this one and running past it is the better reading ("state visit to Iran":
      // "visit to Iran", not "state visit").
      for (let j = i + 1; match && j <= match.last; j++) {
        const inner = this.matchAt(text, tokens, j);
        if (inner && inner.last > match.last && inner.last - inner.first > match.last - match.first) match = inner;
      }
      if (match) {
        found.push(match);
        next = match.last + 1;
      }
    }
    return found;
  }

  /** The longest phrase starting at token `i`, if any. */
  matchAt(text: string, tokens: Token[], i: number): PhraseMatch<T> | undefined {
    const list = this.#list(tokens[i]!.lower);
    if (!list) return undefined;
    for (const entry of list) {
      if (i + entry.words.length > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < entry.words.length && ok; k++) {
        const token = tokens[i + k]!;
        ok =
          (entry.caseSensitive ? token.text : token.lower) === entry.words[k] &&
          (k === 0 || joins(text, tokens[i + k - 1]!.end, token.start));
      }
      if (ok) {
        const last = i + entry.words.length - 1;
        return { first: i, last, start: tokens[i]!.start, end: tokens[last]!.end, values: entry.values };
      }
    }
    return undefined;
  }
}
