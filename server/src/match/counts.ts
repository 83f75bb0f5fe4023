import { perBlock } from './analyse.js';
import type { PhraseMatch } from './phrases.js';
import type { Token } from './tokens.js';

/** A number of things as written ("about 20", "almost two dozen", "more than 50", "dozens of"), as a range. */
export interface CountMention {
  /** Offsets of the whole expression, qualifier included. */
  start: number;
  end: number;
  /** Token index of the expression's last word (where the counted noun may follow). */
  last: number;
  min: number;
  max: number;
}

const UNITS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const WORD_VALUES = new Map<string, number>(
  [...UNITS.map((w, i) => [w, i] as const), ...TENS.map((w, i) => [w, i * 10] as const)].filter(([w]) => w !== ''),
);

type Shape = 'about' | 'nearly' | 'more' | 'atLeast' | 'upTo';
/** Qualifiers, longest first, as lower-case word sequences. */
const QUALIFIERS: [string[], Shape][] = (
  [
    ['in excess of', 'more'],
    ['upwards of', 'more'],
    ['more than', 'more'],
    ['over', 'more'],
    ['above', 'more'],
    ['at least', 'atLeast'],
    ['no fewer than', 'atLeast'],
    ['no less than', 'atLeast'],
    ['up to', 'upTo'],
    ['fewer than', 'upTo'],
    ['less than', 'upTo'],
    ['no more than', 'upTo'],
    ['under', 'upTo'],
    ['as many as', 'upTo'],
    ['just under', 'nearly'],
    ['close to', 'nearly'],
    ['nearly', 'nearly'],
    ['almost', 'nearly'],
    ['just short of', 'nearly'],
    ['an estimated', 'about'],
    ['approximately', 'about'],
    ['roughly', 'about'],
    ['around', 'about'],
    ['about', 'about'],
    ['some', 'about'],
    ['approx', 'about'],
    ['circa', 'about'],
    ['an approximate', 'about'],
  ] as [string, Shape][]
)
  .map(([q, s]) => [q.split(' '), s] as [string[], Shape])
  .sort((a, b) => b[0].length - a[0].length);

/** What may stand between two words of one number ("twenty-seven", "two dozen"): a space or a hyphen. */
const JOIN = /^[\s\u00a0\-\u2010\u2011]{1,3}$/;

function gap(text: string, tokens: Token[], a: number, b: number): string {
  return text.slice(tokens[a]!.end, tokens[b]!.start);
}

/** A number spelt in digits or words starting at token i: its value and last token. */
function numberAt(text: string, tokens: Token[], i: number): { value: number; last: number } | undefined {
  const t = tokens[i]!;
  if (/^\d{1,3}$/.test(t.text)) {
    // Not part of a decimal, a thousands group, a score or a range ("3.5", "1,000", "3:1", "20-25").
    const before = text[t.start - 1];
    const after = text.slice(t.end, t.end + 2);
    if (/[.,:$]/.test(before ?? '') || /\d[-\u2013]$/.test(text.slice(Math.max(0, t.start - 2), t.start))) return undefined;
    if (/^([.,:\-\u2013]\d|%)/.test(after)) return undefined;
    return { value: Number(t.text), last: i };
  }
  let value = WORD_VALUES.get(t.lower);
  if (value === undefined) return undefined;
  let last = i;
  const next = tokens[i + 1];
  if (value >= 20 && value % 10 === 0 && next && JOIN.test(gap(text, tokens, i, i + 1))) {
    const unit = WORD_VALUES.get(next.lower);
    if (unit !== undefined && unit > 0 && unit < 10) {
      value += unit;
      last = i + 1;
    }
  }
  const after = tokens[last + 1];
  if (value > 0 && value < 10 && after?.lower === 'hundred' && JOIN.test(gap(text, tokens, last, last + 1))) {
    value *= 100;
    last += 1;
  }
  return { value, last };
}

/** The multiple of a dozen starting at token i: "a dozen", "two dozen", "half a dozen", "four dozen". */
function dozenAt(
  text: string,
  tokens: Token[],
  i: number,
  base: { value: number; last: number } | undefined,
): { value: number; last: number; open?: boolean } | undefined {
  const t = tokens[i]!;
  const is = (k: number, word: string) => tokens[k]?.lower === word && JOIN.test(gap(text, tokens, k - 1, k));
  if (t.lower === 'dozens' && is(i + 1, 'of')) return { value: 24, last: i + 1, open: true };
  if (t.lower === 'half' && is(i + 1, 'a') && is(i + 2, 'dozen')) return { value: 6, last: i + 2 };
  if (t.lower === 'a' && is(i + 1, 'dozen')) return { value: 12, last: i + 1 };
  if (t.lower === 'a' && is(i + 1, 'hundred')) return { value: 100, last: i + 1 };
  if (base && is(base.last + 1, 'dozen')) return { value: base.value * 12, last: base.last + 1 };
  return undefined;
}

/**
 * Words after a number that widen it: "a dozen or so" (about), "20 or more" (at least), "40-odd" (that
 * many and a little over; hyphened, as "odd" alone may mean strange). A qualifier before the number ("nearly a dozen or so") wins over them.
 */
function trailingAt(text: string, tokens: Token[], last: number): { shape: Shape | 'odd'; last: number } | undefined {
  const is = (k: number, word: string) => tokens[k]?.lower === word && JOIN.test(gap(text, tokens, k - 1, k));
  if (is(last + 1, 'or') && is(last + 2, 'so')) return { shape: 'about', last: last + 2 };
  if (is(last + 1, 'or') && is(last + 2, 'more')) return { shape: 'atLeast', last: last + 2 };
  if (tokens[last + 1]?.lower === 'odd' && /^[-\u2010\u2011]$/.test(gap(text, tokens, last, last + 1)))
    return { shape: 'odd', last: last + 1 };
  return undefined;
}

function qualifierBefore(text: string, tokens: Token[], i: number): { shape: Shape; first: number } | undefined {
  for (const [words, shape] of QUALIFIERS) {
    const first = i - words.length;
    if (first < 0) continue;
    let ok = true;
    for (let k = 0; k < words.length && ok; k++) {
      ok = tokens[first + k]!.lower === words[k] && JOIN.test(gap(text, tokens, first + k, first + k + 1));
    }
    if (ok) return { shape, first };
  }
  return undefined;
}

/**
 * The range a number covers with its qualifier. A number counted in dozens is a round number: without a qualifier it
 * is "about" that many ("a dozen documents" for 11 or 13 is no error).
 */
function range(value: number, shape: Shape | undefined, dozens = false): [number, number] {
  switch (shape ?? (dozens ? 'about' : undefined)) {
    case 'about':
      return [value * 0.9, value * 1.1];
    case 'nearly':
      return [value * 0.8, value];
    case 'more':
      return [value + 1e-9, value * 1.5];
    case 'atLeast':
      return [value, Number.POSITIVE_INFINITY];
    case 'upTo':
      return [0, value];
    default:
      return [value, value];
  }
}

/**
 * Counts in one left-to-right pass over the tokens: digits (up to 999) and English number words to a hundred,
 * dozens, and a qualifier before them that widens the number into a range.
 */
export function findCounts(text: string, tokens: Token[]): CountMention[] {
  const found: CountMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const lower = tokens[i]!.lower;
    const c = lower.charCodeAt(0);
    if (!(c >= 48 && c <= 57) && !WORD_VALUES.has(lower) && lower !== 'a' && lower !== 'half' && lower !== 'dozens') continue;
    const base = numberAt(text, tokens, i);
    const dozen = dozenAt(text, tokens, i, base);
    const number = dozen ?? base;
    if (!number) continue;
    const qualifier = qualifierBefore(text, tokens, i);
    const trailing = trailingAt(text, tokens, number.last);
    const dozens = dozen !== undefined && tokens[dozen.last]!.lower === 'dozen';
    let [min, max] = range(number.value, qualifier?.shape ?? (trailing?.shape === 'odd' ? undefined : trailing?.shape), dozens);
    if (trailing?.shape === 'odd') [min, max] = [number.value, number.value * 1.25];
    if (dozen?.open) [min, max] = [Math.max(min, 24), Number.POSITIVE_INFINITY];
    const first = qualifier?.first ?? i;
    const last = trailing?.last ?? number.last;
    found.push({ start: tokens[first]!.start, end: tokens[last]!.end, last, min, max });
    i = last;
  }
  return found;
}

/** Words that end the search for a counted noun: the number is not about the noun that follows them. */
const STOP = new Set([
  'of',
  'the',
  'a',
  'an',
  'in',
  'on',
  'at',
  'by',
  'for',
  'to',
  'from',
  'with',
  'was',
  'were',
  'is',
  'are',
  'be',
  'been',
  'that',
  'which',
  'who',
  'had',
  'has',
  'have',
  'per',
  'than',
  'percent',
  'times',
  'years',
  'days',
  'hours',
  'points',
  'but',
  'they',
  'it',
  'its',
  'their',
  'these',
  'those',
  'this',
  'as',
  'he',
  'she',
  'we',
  'not',
]);
/** What may stand between the number and its noun or between intervening words: spaces, commas, hyphens. */
const BETWEEN = /^[\s\u00a0,\-\u2010-\u2014]{1,4}$/;
/** A hyphen right after the number: "two-day", "three-year" make a compound modifier, not a count. */
const COMPOUND = /^[-\u2010\u2011]$/;
/** Past forms that do not end in "-ed": a verb between the number and the noun ends the number's phrase. */
const VERBS = new Set([
  'signed',
  'sign',
  'signs',
  'oversaw',
  'saw',
  'made',
  'took',
  'held',
  'struck',
  'gave',
  'won',
  'put',
  'set',
  'brought',
  'met',
  'agreed',
  'did',
  'got',
  'went',
  'began',
  'inked',
  'reached',
  'will',
  'would',
  'can',
  'could',
  'may',
  'might',
]);

/**
 * Whether a word between the number and a document noun heads a phrase of its own, so that the number counts that
 * word rather than the documents: a plural noun ("two countries signed agreements", "the two sides' deals") or a
 * verb ("the two signed agreements", "both … inked deals"). Modifiers stay ("27 intergovernmental … agreements").
 */
function headsItsOwn(word: Token): boolean {
  const w = word.lower;
  if (VERBS.has(w) || /^\p{L}{3,}ed$/u.test(w)) return true;
  return /^\p{L}{3,}s$/u.test(w) && !/(ss|us|is|ous|ics)$/.test(w);
}

/**
 * The noun a count is of: a phrase starting within `maxWords` words after the number, the words in between being
 * ordinary modifiers ("27 intergovernmental, interdepartmental and interregional agreements"). A number that is part
 * of a compound modifier ("two-day") or that counts another noun ("the two sides signed agreements") has none.
 */
export function nounAfter<T>(
  text: string,
  tokens: Token[],
  count: CountMention,
  nouns: ReadonlyMap<number, PhraseMatch<T>>,
  maxWords = 4,
): PhraseMatch<T> | undefined {
  if (count.last + 1 < tokens.length && COMPOUND.test(gap(text, tokens, count.last, count.last + 1))) return undefined;
  for (let k = count.last + 1; k <= count.last + 1 + maxWords && k < tokens.length; k++) {
    if (!BETWEEN.test(gap(text, tokens, k - 1, k))) return undefined;
    const noun = nouns.get(k);
    if (noun) return noun;
    const word = tokens[k]!;
    if (STOP.has(word.lower) || /\d/.test(word.text) || WORD_VALUES.has(word.lower) || headsItsOwn(word)) return undefined;
  }
  return undefined;
}

/** The counts of a block that are not part of a date, found once per block text. */
export const countsOf = perBlock((bf): CountMention[] => {
  const dates = bf.dates;
  let d = 0;
  // Both lists are in prose order: one merge pass drops the counts that are part of a date.
  return findCounts(bf.text, bf.tokens).filter((c) => {
    while (d < dates.length && dates[d]!.end <= c.start) d++;
    return !(d < dates.length && dates[d]!.start < c.end);
  });
});

/** Nouns of plans whose titles carry a year ("plan until 2030", "programme for 2023–2025", "Vision 2030"). */
const PLANS = new Set([
  'plan',
  'plans',
  'programme',
  'programmes',
  'program',
  'programs',
  'strategy',
  'strategies',
  'roadmap',
  'roadmaps',
  'map',
  'agenda',
  'concept',
  'vision',
  'framework',
  'blueprint',
  'initiative',
  'outline',
  'scheme',
  'cooperation',
  'partnership',
  'development',
  'targets',
  'goals',
  'period',
]);
/** Words that join such a noun to the year of its title. */
const TITLE_JOIN = new Set(['until', 'till', 'to', 'through', 'thru', 'for', 'up', 'towards', 'toward']);
const YEAR_TOKEN = /^(?:19|20)\d\d$/;
const RANGE_JOIN = /^\s?[-\u2010-\u2014]\s?$/;

/**
 * Whether the year at token i belongs to a plan's title rather than dating what the sentence reports: it follows a plan
 * noun and a joining word ("plan until 2030", "programme for 2023–2025", "roadmap up to 2030"), or a range of years comes
 * before such a noun ("the 2023–2025 programme"), or it follows "Vision", "Agenda" or "Strategy" ("Vision 2030").
 * A single year before a noun ("the 2024 agreement") dates it. The second year of a range goes with the first.
 */
export function yearInTitle(text: string, tokens: Token[], i: number): boolean {
  let first = i;
  if (i >= 1 && YEAR_TOKEN.test(tokens[i - 1]!.text) && RANGE_JOIN.test(gap(text, tokens, i - 1, i))) first = i - 1;
  let last = first;
  if (YEAR_TOKEN.test(tokens[first + 1]?.text ?? '') && RANGE_JOIN.test(gap(text, tokens, first, first + 1))) last = first + 1;
  const plain = (a: number, b: number) => /^[\s\u00a0]{1,2}$/.test(gap(text, tokens, a, b));
  const after = tokens[last + 1];
  if (last > first && after && PLANS.has(after.lower) && plain(last, last + 1)) return true;
  let k = first - 1;
  if (k < 0 || !plain(k, first)) return false;
  if (['vision', 'agenda', 'strategy'].includes(tokens[k]!.lower)) return true;
  if (!TITLE_JOIN.has(tokens[k]!.lower)) return false;
  if (tokens[k]!.lower === 'to' && tokens[k - 1]?.lower === 'up') k--;
  // The noun within three words before the joining word, in one phrase ("cooperation plan until 2030").
  for (let j = k - 1; j >= 0 && j >= k - 4; j--) {
    if (PLANS.has(tokens[j]!.lower)) return true;
    if (!/^[\s\u00a0\-\u2010\u2011]{1,2}$/.test(gap(text, tokens, j, j + 1))) return false;
  }
  return false;
}
