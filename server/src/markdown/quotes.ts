import { partitionPoint } from '../search.js';

// Quotations in a block's prose, whose wording a draft must keep as quoted.

/** Pairs of quotation marks in a text: where each quotation opens and closes, in prose order. */
interface Quotes {
  opens: number[];
  closes: number[];
}

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

/** The quotations of a text ("…", “…”, '…' or ‘…’), whose wording a draft must keep as quoted. */
export interface Quotations {
  double: Quotes;
  single: Quotes;
}

/** Finds a text's quotation marks once (match/quoted.ts keeps them with the block's analysis). */
export function quotationsIn(text: string): Quotations {
  return { double: doubleQuotes(text), single: singleQuotes(text) };
}

/** Whether an offset lies inside one of the quotations. */
export function insideQuotation({ double, single }: Quotations, offset: number): boolean {
  return within(double, offset) || within(single, offset);
}
