/** A word of prose: a maximal run of letters and digits, in offsets into the block text. */
export interface Token {
  start: number;
  end: number;
  text: string;
  lower: string;
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** Splits text into word tokens (possessive "'s" and hyphenated parts become separate tokens). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    tokens.push({ start: m.index, end: m.index + m[0].length, text: m[0], lower: m[0].toLowerCase() });
  }
  return tokens;
}

/** Whether a token starts with a capital letter. */
export function isCapitalized(token: Token): boolean {
  const c = token.text[0]!;
  return c !== c.toLowerCase() && c === c.toUpperCase();
}

/** Index of the first token starting at or after an offset. */
export function tokenAt(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
