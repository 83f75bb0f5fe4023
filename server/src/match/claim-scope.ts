import type { Claim, FactBase } from '../facts/types.js';
import type { Span } from '../markdown/prose.js';
import { itemsIn, perBlock, type BlockFacts } from './analyse.js';
import { clauseStart } from './clauses.js';
import { related } from './figures.js';
import { tokenize } from './tokens.js';

/** A percentage written in prose: "40%", "40 %", "12.5 per cent", "40 percent". */
export interface PercentMention {
  start: number;
  end: number;
  value: number;
}

const PERCENT = /(?<![\p{L}\p{N}.,])(\d{1,3}(?:\.\d+)?)(?:\s?%|[\s\u00a0]+per[\s\u00a0]?cent\b)/giu;

export function findPercentages(text: string): PercentMention[] {
  return [...text.matchAll(PERCENT)].map((m) => ({ start: m.index, end: m.index + m[0].length, value: Number(m[1]) }));
}

/** The percentages of a block, found once per block text. */
export const percentagesOf = perBlock((bf): PercentMention[] => findPercentages(bf.text));

/** Words of a measure too common to tell one claim's measure from another's. */
const COMMON = new Set([
  'the',
  'and',
  'with',
  'from',
  'into',
  'over',
  'under',
  'that',
  'this',
  'year',
  'years',
  'annual',
  'total',
  'share',
  'rate',
  'level',
  'amount',
  'value',
  'per',
  'cent',
  'percent',
  'between',
  'their',
  'its',
]);

/** The distinctive words of a claim's measure ("gas", "imports" of "share of gas in Estonia's imports"), as stems. */
function measureStems(measure: string): string[] {
  return tokenize(measure)
    .map((t) => t.lower)
    .filter((w) => w.length >= 3 && !COMMON.has(w) && !/^\d+$/.test(w))
    .map((w) => w.slice(0, Math.max(3, Math.min(5, w.length - 1))));
}

/**
 * The percentage claims a percentage states: the same value to the nearest whole per cent, and a sentence that names
 * what it measures (a word of the claim's `measure`). A percentage alone says too little to be any one claim's: a claim
 * without a measure, or a sentence naming none, is left alone. Of several, those whose measure the sentence names most.
 */
export function percentClaims(facts: FactBase, bf: BlockFacts, sentence: Span, figure: PercentMention): Claim[] {
  const words = itemsIn(bf.tokens, sentence).map((t) => t.lower);
  const scored: [Claim, number][] = [];
  for (const claim of facts.claims.values()) {
    if (claim.kind !== 'percentage' || claim.value === undefined || !claim.measure) continue;
    if (Math.abs(claim.value - figure.value) > 0.5) continue;
    const about = claim.event === undefined ? undefined : facts.events.get(claim.event);
    const events = bf.eventsIn(sentence, true);
    if (about && events.length > 0 && !events.some((e) => related(facts, e, about))) continue;
    const stems = measureStems(claim.measure);
    const named = stems.filter((stem) => words.some((w) => w.startsWith(stem))).length;
    if (named > 0) scored.push([claim, named]);
  }
  const best = Math.max(...scored.map(([, n]) => n));
  return scored.filter(([, n]) => n === best).map(([c]) => c);
}

const YEAR_AFTER = /\b(?:in|for|during|by|of|until|through)\s+((?:19|20)\d\d)\b/gi;

/**
 * Whether a claim's period fits the clause of a figure: a clause that gives a year of its own ("trade of $185 billion in
 * 2021") is about another period than a claim whose period names other years ("2022"). A claim without a year in its
 * period, or a clause without one, fits.
 */
export function inPeriod(bf: BlockFacts, sentence: Span, at: number, claim: Claim): boolean {
  const years = claim.period?.match(/\b(?:19|20)\d\d\b/g);
  if (!years) return true;
  const clause = bf.text.slice(clauseStart(bf.text, at, sentence), sentence.end);
  const given = [...clause.matchAll(YEAR_AFTER)].map((m) => m[1]!);
  return given.length === 0 || given.some((y) => years.includes(y));
}

const NEGATION = /\b(?:not|no|never|nor|neither|cannot|hardly)\b|n't\b/i;

/**
 * The statement claims (no figure; `claimed` or `disputed`) a sentence states in the writer's words: one of their
 * `topics` phrases in a clause without a negation ("could not be the basis …" does not state it), in a sentence not
 * about another event. Assessments are assessment-overstated's.
 */
export function statementsStated(facts: FactBase, bf: BlockFacts, sentence: Span): { claim: Claim; start: number; end: number }[] {
  const found: { claim: Claim; start: number; end: number }[] = [];
  const topics = itemsIn(bf.topics, sentence);
  if (topics.length === 0) return found;
  const events = bf.eventsIn(sentence, true);
  for (const m of topics) {
    const clause = bf.text.slice(clauseStart(bf.text, m.start, sentence), m.start);
    if (NEGATION.test(clause)) continue;
    for (const claim of m.values) {
      if (claim.kind !== 'statement' || (claim.status !== 'claimed' && claim.status !== 'disputed')) continue;
      if (found.some((f) => f.claim === claim)) continue;
      const about = claim.event === undefined ? undefined : facts.events.get(claim.event);
      if (about && events.length > 0 && !events.some((e) => related(facts, e, about))) continue;
      found.push({ claim, start: m.start, end: m.end });
    }
  }
  return found;
}
