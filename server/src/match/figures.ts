import type { Claim, Event, FactBase } from '../facts/types.js';
import { perBlock, type BlockFacts } from './analyse.js';
import type { PhraseMatch, PhraseMatcher } from './phrases.js';

/** An amount of money (or a large round figure) written in prose, in offsets into the block text. */
export interface FigureMention {
  start: number;
  end: number;
  text: string;
  value: number;
  /** ISO code of the currency written ("USD" for "$", "US$", "dollars"), if any. */
  currency?: string;
}

const MAGNITUDES: Record<string, number> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  millions: 1e6,
  mn: 1e6,
  mln: 1e6,
  m: 1e6,
  billion: 1e9,
  billions: 1e9,
  bn: 1e9,
  bln: 1e9,
  b: 1e9,
  trillion: 1e12,
  tn: 1e12,
  trn: 1e12,
};
/** One-letter magnitudes ("3.5m") count only when attached to the number and a currency is written. */
const SHORT = new Set(['k', 'm', 'b']);
const SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'CNY' };
const CODES = new Set(['USD', 'EUR', 'GBP', 'CNY', 'RMB', 'RUB', 'BYN', 'JPY', 'CHF']);
const WORDS: Record<string, string> = {
  dollar: 'USD',
  dollars: 'USD',
  euro: 'EUR',
  euros: 'EUR',
  pound: 'GBP',
  pounds: 'GBP',
  yuan: 'CNY',
  renminbi: 'CNY',
  rouble: 'RUB',
  roubles: 'RUB',
  ruble: 'RUB',
  rubles: 'RUB',
};

/** Currency written just before a number: "$", "US$", "US $", "USD ", "€" (bounded look-back). */
const BEFORE = /(?:(?<![\p{L}\p{N}])(US|U\.S\.)\s?\$|(?<![\p{L}\p{N}])([A-Z]{3})[\s\u00a0]?|([$€£¥]))[\s\u00a0]?$/u;
/** Magnitude right after a number: "bn", " billion". */
const MAGNITUDE = /([\s\u00a0]?)([A-Za-z]+)(?![\p{L}\p{N}])/uy;
/** Currency right after: " dollars", " US dollars", " USD". */
const AFTER = /[\s\u00a0](?:(?:US|U\.S\.)[\s\u00a0])?([A-Za-z]+)(?![\p{L}\p{N}])/uy;

const isDigit = (c: number) => c >= 48 && c <= 57;
const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

/**
 * Money figures in one left-to-right pass: "$3.5 billion", "US$3.56 billion", "USD 3.5bn", "3.5 billion dollars",
 * "€4bn", "$1,500,000". A bare number counts only with a magnitude word ("3.5 billion"); "3,5" is not a number.
 */
export function findFigures(text: string): FigureMention[] {
  const found: FigureMention[] = [];
  const n = text.length;
  const DIGIT = /\d/g;
  let i = 0;
  while (i < n) {
    DIGIT.lastIndex = i;
    const next = DIGIT.exec(text);
    if (!next) break;
    i = next.index;
    if (isWordChar(text[i - 1]) || text[i - 1] === '.' || text[i - 1] === ',') {
      while (i < n && (isDigit(text.charCodeAt(i)) || text[i] === ',' || text[i] === '.')) i++;
      continue;
    }
    const start = i;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    let ok = true;
    // Thousands groups: exactly three digits after each comma.
    while (text[i] === ',' && isDigit(text.charCodeAt(i + 1))) {
      let j = i + 1;
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      if (j - i - 1 !== 3) ok = false;
      i = j;
    }
    if (text[i] === '.' && isDigit(text.charCodeAt(i + 1))) {
      i++;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
    }
    if (!ok || (text[i] === ',' && isDigit(text.charCodeAt(i + 1))) || (isWordChar(text[i]) && !/[A-Za-z]/.test(text[i]!))) {
      while (i < n && (isDigit(text.charCodeAt(i)) || text[i] === ',' || text[i] === '.')) i++;
      continue;
    }
    const amount = Number(text.slice(start, i).replace(/,/g, ''));
    let end = i;
    let figureStart = start;
    let currency: string | undefined;
    const before = BEFORE.exec(text.slice(Math.max(0, start - 6), start));
    if (before) {
      const code = before[1]
        ? 'USD'
        : before[2]
          ? CODES.has(before[2])
            ? before[2] === 'RMB'
              ? 'CNY'
              : before[2]
            : undefined
          : SYMBOLS[before[3]!];
      if (code) {
        currency = code;
        figureStart = start - before[0].length;
      }
    }
    let scale = 1;
    let hasMagnitude = false;
    MAGNITUDE.lastIndex = end;
    const mag = MAGNITUDE.exec(text);
    if (mag) {
      const word = mag[2]!.toLowerCase();
      const factor = MAGNITUDES[word];
      if (factor !== undefined && (!SHORT.has(word) || (mag[1] === '' && currency !== undefined))) {
        scale = factor;
        hasMagnitude = true;
        end = MAGNITUDE.lastIndex;
      }
    }
    AFTER.lastIndex = end;
    const after = AFTER.exec(text);
    if (after && currency === undefined) {
      const word = after[1]!;
      const code = WORDS[word.toLowerCase()] ?? (CODES.has(word) ? (word === 'RMB' ? 'CNY' : word) : undefined);
      if (code) {
        currency = code;
        end = AFTER.lastIndex;
      }
    }
    if (currency !== undefined || hasMagnitude) {
      found.push({ start: figureStart, end, text: text.slice(figureStart, end), value: amount * scale, currency });
    }
    i = Math.max(i, end);
  }
  return found;
}

/** The figures of a block, found once and shared by the rules that need them. */
export const figuresOf = perBlock((bf): FigureMention[] => findFigures(bf.text));

/**
 * The figures of a block that are the value of some claim (see isClaimValue), found once per block text: only they
 * can state a claim, and most figures in a draft are of none.
 */
export const claimFiguresOf = perBlock((bf): FigureMention[] => {
  const all = figuresOf(bf);
  if (all.length === 0) return all;
  const claims = [...bf.index.facts.claims.values()];
  return all.filter((figure) => claims.some((claim) => isClaimValue(figure, claim)));
});

/**
 * Whether a written figure is a claim's value: within 5 % of it, in the claim's currency when both name one. A claim
 * of a quantity (tonnes, cubic metres) is never an amount of money, and a percentage or a statement has no figure.
 */
export function isClaimValue(figure: FigureMention, claim: Claim): boolean {
  if (claim.value === undefined || claim.value === 0 || (claim.kind !== 'money' && claim.kind !== 'quantity')) return false;
  if (claim.kind === 'quantity' && figure.currency !== undefined) return false;
  if (Math.abs(figure.value - claim.value) > Math.abs(claim.value) * 0.05) return false;
  const unit = claim.unit?.toUpperCase();
  return figure.currency === undefined || unit === undefined || !CODES.has(unit) || unit === figure.currency;
}

/** Whether two events are the same, or one is part of the other. */
export function related(facts: FactBase, a: Event, b: Event): boolean {
  const isWithin = (inner: Event, outer: Event) => {
    let e: Event | undefined = inner;
    for (let depth = 0; e && depth < 50; depth++, e = e.parent ? facts.events.get(e.parent) : undefined) if (e === outer) return true;
    return false;
  };
  return isWithin(a, b) || isWithin(b, a);
}

/**
 * The claims whose value a figure states, leaving out claims about another event when the sentence names events
 * (`events`, as BlockFacts.eventsIn gives them) and none of them is the claim's event or part of it. Of claims close
 * in value ($185 billion and $190 billion), a figure states the nearest: "$185 billion" is the first, not both.
 */
export function claimsStated(facts: FactBase, events: Event[], figure: FigureMention): Claim[] {
  const claims: Claim[] = [];
  for (const claim of facts.claims.values()) {
    if (!isClaimValue(figure, claim)) continue;
    const about = claim.event === undefined ? undefined : facts.events.get(claim.event);
    if (about && events.length > 0 && !events.some((e) => related(facts, e, about))) continue;
    claims.push(claim);
  }
  const gap = (claim: Claim) => Math.abs(figure.value - claim.value!) / claim.value!;
  const nearest = Math.min(...claims.map(gap));
  return claims.filter((claim) => gap(claim) <= nearest + 1e-9);
}

/** "$3.5 billion", "€4 billion" or "1.5 million tonnes" for a claim's value and unit. */
export function formatAmount(value: number, unit?: string): string {
  const [scale, word] =
    Math.abs(value) >= 1e12
      ? [1e12, ' trillion']
      : Math.abs(value) >= 1e9
        ? [1e9, ' billion']
        : Math.abs(value) >= 1e6
          ? [1e6, ' million']
          : [1, ''];
  const number = `${Number((value / scale).toFixed(2))}`;
  const symbol = unit === undefined ? undefined : Object.keys(SYMBOLS).find((s) => SYMBOLS[s] === unit.toUpperCase());
  if (symbol) return `${symbol}${number}${word}`;
  return `${number}${word}${unit ? ` ${unit}` : ''}`;
}

/**
 * Phrase matches together with the shorter phrases that start inside them: the matcher keeps only the longest phrase
 * ("new investment"), while a shorter one inside it ("investment") may carry other claims.
 */
export function withInner<T>(matcher: PhraseMatcher<T>, bf: BlockFacts, matches: PhraseMatch<T>[]): PhraseMatch<T>[] {
  const all = [...matches];
  for (const m of matches) {
    for (let k = m.first + 1; k <= m.last; k++) {
      const inner = matcher.matchAt(bf.text, bf.tokens, k);
      if (inner) all.push(inner);
    }
  }
  return all;
}
