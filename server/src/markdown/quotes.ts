import { partitionPoint } from '../search.js';

// Quotations in a block's prose, whose wording a draft must keep as quoted.

/** Pairs of quotation marks in a text: where each quotation opens and closes, in prose order. */
interface Quotes {
  opens: number[];
  closes: number[];
}

let quotesOf: { text: string; double: Quotes; single: Quotes } | undefined;

const isWordAt = (text: string, i: number) => i >= 0 && i < text.length && /[\p{L}\p{N}]/u.test(text[i]!);

/** Double quotation marks ("…", “…”): each one closes the quotation the last opened. */
function doubleQuotes(text: string): Quotes {
  const quotes: Quotes = { opens: [], closes: [] };
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (open < 0 && (c === 0x22 || c === 0x201c)) open = i;
    else if (open >= 0 && (c === 0x22 || c === 0x201d)) {
      quotes.opens.push(open);
      quotes.closes.push(i);
      open = -1;
    }
  }
  return quotes;
}

/**
 * Single quotation marks ('…', ‘…’), told from apostrophes ("Xi's", "Belarus' economy"): a quotation opens at a mark
 * after no letter and before one, and closes at a mark after a non-space and before no letter.
 */
function singleQuotes(text: string): Quotes {
  const quotes: Quotes = { opens: [], closes: [] };
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x27 && c !== 0x2018 && c !== 0x2019) continue;
    if (open < 0 && c !== 0x2019 && !isWordAt(text, i - 1) && isWordAt(text, i + 1)) open = i;
    else if (open >= 0 && c !== 0x2018 && !/\s/.test(text[i - 1] ?? ' ') && !isWordAt(text, i + 1)) {
      quotes.opens.push(open);
      quotes.closes.push(i);
      open = -1;
    }
  }
  return quotes;
}

/** Whether an offset lies between a pair of marks (binary search over pairs that do not overlap). */
function within({ opens, closes }: Quotes, offset: number): boolean {
  const lo = partitionPoint(opens.length, (i) => closes[i]! < offset);
  return lo < opens.length && opens[lo]! < offset;
}

/**
 * Whether a prose offset lies inside a quotation ("…", “…”, '…' or ‘…’), whose wording a draft must keep as quoted.
 * The quotation marks of the last text asked about are remembered, so asking about every name in a block is linear.
 */
export function isQuoted(text: string, offset: number): boolean {
  if (quotesOf?.text !== text) quotesOf = { text, double: doubleQuotes(text), single: singleQuotes(text) };
  return within(quotesOf.double, offset) || within(quotesOf.single, offset);
}
