import { partitionPoint } from '../search.js';

/** A word of prose: a maximal run of letters and digits, in offsets into the block text. */
export interface Token {
  start: number;
  end: number;
  text: string;
  lower: string;
}

/** A word character outside ASCII: a letter, digit or combining mark of any script. */
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]/u;

/** The length (1 or 2 UTF-16 units) of a word character at i that is not ASCII, or 0. */
function wordCharAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  const astral = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length;
  return WORD_CHAR.test(astral ? text.slice(i, i + 2) : text[i]!) ? (astral ? 2 : 1) : 0;
}

/**
 * Splits text into word tokens, maximal runs of letters, digits and marks (possessive "'s" and hyphenated parts
 * become separate tokens). ASCII is classified by character code and only other characters by a Unicode property
 * test, which made tokenizing three times faster than one regular expression over the text.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  for (let i = 0; i < n; ) {
    let c = text.charCodeAt(i);
    if (!(isLowerOrDigit(c) || (c >= 65 && c <= 90) || (c >= 128 && wordCharAt(text, i) > 0))) {
      i++;
      continue;
    }
    const start = i;
    let cased = false; // anything that lowercasing could change
    while (i < n) {
      c = text.charCodeAt(i);
      if (isLowerOrDigit(c)) i++;
      else if (c >= 65 && c <= 90) {
        cased = true;
        i++;
      } else {
        const width = c >= 128 ? wordCharAt(text, i) : 0;
        if (width === 0) break;
        cased = true;
        i += width;
      }
    }
    const word = text.slice(start, i);
    tokens.push({ start, end: i, text: word, lower: cased ? word.toLowerCase() : word });
  }
  return tokens;
}

const isLowerOrDigit = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

/** Whether a token starts with a capital letter. */
export function isCapitalized(token: Token): boolean {
  const code = token.text.charCodeAt(0);
  if (code < 128) return code >= 65 && code <= 90;
  const c = token.text[0]!;
  return c !== c.toLowerCase() && c === c.toUpperCase();
}

/** Index of the first token starting at or after an offset. */
export function tokenAt(tokens: Token[], offset: number): number {
  return partitionPoint(tokens.length, (i) => tokens[i]!.start < offset);
}
