import { distance } from 'fastest-levenshtein';
import type { Named } from '../facts/types.js';
import { perIndex, type FactIndex, type NameForm } from './compile.js';
import { isCapitalized, tokenize, type Token } from './tokens.js';
import { sameRomanisation } from './transliteration.js';

/** A person or organisation named in prose: exact (in any listed spelling) or a near miss of a correct spelling. */
export interface NameMention {
  start: number;
  end: number;
  text: string;
  /** The listed form matched; for a near miss, the correct form it is closest to. */
  form: NameForm;
  fuzzy: boolean;
}

const MAX_FUZZY_CACHE = 20_000;

/** Finds names: listed spellings exactly (case-sensitive, longest first), then near misses of 1–3 capitalised words. */
export function findNames(text: string, tokens: Token[], index: FactIndex): NameMention[] {
  const found: NameMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!isCapitalized(tokens[i]!)) continue;
    const exact = index.names.matchAt(text, tokens, i);
    const exactWords = exact ? exact.last - exact.first + 1 : 0;
    const near = nearMiss(text, tokens, i, exactWords, index);
    if (near) {
      found.push(near.mention);
      i = near.last;
    } else if (exact) {
      found.push({ start: exact.start, end: exact.end, text: text.slice(exact.start, exact.end), form: best(exact.values), fuzzy: false });
      i = exact.last;
    }
  }
  return found;
}

function best(forms: NameForm[]): NameForm {
  return forms.find((f) => f.status === 'preferred') ?? forms.find((f) => f.status === 'accepted') ?? forms[0]!;
}

/** Words of a name may be joined by one space or hyphen or dash ("Nordic–Baltic Energy Observatory"), by code. */
const JOIN = new Set([0x20, 0xa0, 0x2d, 0x2010, 0x2011, 0x2013]);
const joined = (text: string, from: number, to: number) => to - from === 1 && JOIN.has(text.charCodeAt(from));
/** The most words a near miss may have: a window is compared only with spellings of as many words. */
const MAX_WORDS = 7;
/** Small words a name may hold between its capitalised ones ("Institute for the Study of War"); never its last. */
const LINKS = new Set(['of', 'for', 'the', 'and', 'on', 'de', 'du', 'des', 'la', 'le', 'von', 'van', 'der']);

/** For each first character, the word counts (one bit each, up to MAX_WORDS) of the correct spellings it starts. */
const fuzzySizes = perIndex((index) => {
  const sizes = new Map<string, number>();
  for (const key of index.fuzzy.keys()) {
    const colon = key.lastIndexOf(':');
    const words = Number(key.slice(colon + 1));
    const initial = key.slice(0, colon);
    if (words >= 1 && words <= MAX_WORDS) sizes.set(initial, (sizes.get(initial) ?? 0) | (1 << words));
  }
  return sizes;
});

/** A window of capitalised words, longer than any exact match here, that is one or two edits from a correct spelling. */
function nearMiss(
  text: string,
  tokens: Token[],
  i: number,
  exactWords: number,
  index: FactIndex,
): { mention: NameMention; last: number } | undefined {
  const sizes = fuzzySizes(index).get(text[tokens[i]!.start]!) ?? 0;
  for (let size = MAX_WORDS; size > exactWords && size >= 1; size--) {
    const last = i + size - 1;
    if (last >= tokens.length || (sizes & (1 << size)) === 0) continue; // no spelling to be near
    let capitalised = true;
    for (let k = i; k <= last && capitalised; k++) {
      const word = isCapitalized(tokens[k]!) || (k > i && k < last && LINKS.has(tokens[k]!.text));
      capitalised = word && (k === i || joined(text, tokens[k - 1]!.end, tokens[k]!.start));
    }
    if (!capitalised) continue;
    const window = text.slice(tokens[i]!.start, tokens[last]!.end);
    const form = closest(window, size, index);
    if (form) {
      return { mention: { start: tokens[i]!.start, end: tokens[last]!.end, text: window, form, fuzzy: true }, last };
    }
  }
  return undefined;
}

function closest(window: string, words: number, index: FactIndex): NameForm | undefined {
  const cached = index.fuzzyCache.get(window);
  if (cached !== undefined) return cached ?? undefined;
  let found: NameForm | undefined;
  let bestDistance = Infinity;
  let tie = false;
  const letters = window.replace(/[^\p{L}]/gu, '').length;
  if (letters >= 6 || (letters === 5 && words === 1 && acronym(window))) {
    for (const form of index.fuzzy.get(`${window[0]}:${words}`) ?? []) {
      if (Math.abs(form.form.length - window.length) > 2 || form.form === window) continue;
      if (!sameInitials(form.form, window) || sameRomanisation(form.form, window)) continue;
      const allowed =
        form.form.length >= 12
          ? 2
          : form.form.length >= (words === 1 ? 6 : 7)
            ? 1
            : words === 1 && acronym(form.form) && acronym(window) && lookalike(form.form, window)
              ? 1
              : 0;
      const d = edits(form.form, window);
      if (d === 0 || d > allowed || !typoOnly(window, form.form, index)) continue;
      if (d < bestDistance) [found, bestDistance, tie] = [form, d, false];
      else if (d === bestDistance && form.entity !== found?.entity) tie = true;
    }
  }
  const result = tie ? undefined : found;
  if (index.fuzzyCache.size > MAX_FUZZY_CACHE) index.fuzzyCache.clear();
  index.fuzzyCache.set(window, result ?? null);
  return result;
}

/** A single word with two capitals or more ("BelTA", "CITIC"): an acronym, not an ordinary word. */
function acronym(word: string): boolean {
  return !/\s/.test(word) && (word.match(/\p{Lu}/gu)?.length ?? 0) >= 2;
}

/** Letters that look alike in print: "I" for "l", "0" for "O". */
const LOOKALIKE = new Set(['Il', 'lI', 'I1', '1I', 'l1', '1l', 'O0', '0O']);

/**
 * Whether a short acronym differs from a correct one only by a look-alike letter ("BeITA" for "BelTA"), the case of
 * one letter, or two neighbouring letters swapped: a typo, where another letter might be another acronym ("CIVIC").
 */
function lookalike(correct: string, written: string): boolean {
  if (correct.length !== written.length) return false;
  const diff = [...correct].flatMap((c, i) => (c === written[i] ? [] : [i]));
  if (diff.length === 2) return edits(correct, written) === 1;
  const [i] = diff as [number];
  return diff.length === 1 && (LOOKALIKE.has(correct[i]! + written[i]!) || correct[i]!.toLowerCase() === written[i]!.toLowerCase());
}

/** Levenshtein distance, counting two neighbouring letters written the wrong way round ("Xinhau") as one edit. */
function edits(a: string, b: string): number {
  const d = distance(a, b);
  if (d !== 2 || a.length !== b.length) return d;
  const diff = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!] ? 1 : d;
}

function sameInitials(a: string, b: string): boolean {
  const ia = a
    .split(/\s+/)
    .map((w) => w[0])
    .join('');
  const ib = b
    .split(/\s+/)
    .map((w) => w[0])
    .join('');
  return ia === ib;
}

/** Inflectional and derivational endings: two words that differ only in one of these are different words, not a typo. */
const SUFFIXES = ['s', 'es', 'ies', 'ed', 'er', 'ers', 'ry', 'y', 'ing', 'an', 'ian', 'ese', 'ist', 'ists', 'ism', 'al', 'ic', 'ics', 'ly'];

/**
 * Whether every word in which a written window differs from a correct spelling looks like a typo: not a word the
 * fact base itself uses anywhere (so an ordinary or a correct word), not the same stem with another ending
 * ("Councils" for "Council", "Directory" for "Director"), and one edit away (two in a word of eight letters or more).
 */
function typoOnly(window: string, correct: string, index: FactIndex): boolean {
  const written = tokenize(window);
  const wanted = tokenize(correct);
  if (written.length !== wanted.length) return false;
  const known = vocabulary(index);
  for (let k = 0; k < written.length; k++) {
    const w = written[k]!.lower;
    const c = wanted[k]!.lower;
    if (w === c) continue;
    // Two edits in a short word make another word ("Chile" is not "China"), wherever they fall in a long name.
    if (known.has(w) || sameStem(w, c) || edits(c, w) > (c.length >= 8 ? 2 : 1)) return false;
  }
  return true;
}

function stems(word: string): string[] {
  const out = [word];
  for (const suffix of SUFFIXES) if (word.length - suffix.length >= 3 && word.endsWith(suffix)) out.push(word.slice(0, -suffix.length));
  return out;
}

function sameStem(a: string, b: string): boolean {
  const sb = stems(b);
  return stems(a).some((s) => sb.includes(s));
}

/** A web address: its words are a site's slugs and transliterations ("fav-grup"), not words of the language. */
const URL = /\bhttps?:\/\/\S+/g;

/** Every word of the fact-base files outside web addresses, lowercased; built once per fact base. */
const vocabulary = perIndex((index): Set<string> => {
  const words = new Set<string>();
  for (const file of index.facts.files) for (const token of tokenize(file.text.replace(URL, ' '))) words.add(token.lower);
  return words;
});

/** The spelling fixes and messages use for a person or organisation: its first preferred form with the most words. */
export function fullName(entity: Named): string {
  let best = entity.preferred[0] ?? entity.name;
  for (const form of entity.preferred) if (tokenize(form).length > tokenize(best).length) best = form;
  return best;
}
