import type { Span } from '../markdown/prose.js';
import { perBlock, type BlockFacts } from './analyse.js';
import { clauseStart } from './clauses.js';
import { PhraseMatcher, type PhraseMatch } from './phrases.js';

/** Binding language (generic English); `noun` marks a singular name for a binding instrument, which a fix can replace. */
export const BINDING = new PhraseMatcher<{ noun: boolean }>();
/**
 * What every binding phrase holds (each has a word with one of these in it): a block whose text has none (most) has
 * no binding words, and is not scanned word by word. A phrase added without one would never be found: adding it fails.
 */
const BINDING_HINT = /treat|bind|oblig|guarant|commit/i;
function addBinding(phrase: string, noun: boolean): void {
  if (!BINDING_HINT.test(phrase)) throw new Error(`binding phrase "${phrase}" holds none of BINDING_HINT`);
  BINDING.add(phrase, { noun });
}
for (const p of [
  'treaty',
  'binding treaty',
  'legally binding treaty',
  'binding agreement',
  'legally binding agreement',
  'binding accord',
  'binding pact',
  'binding document',
  'legally binding document',
  'binding instrument',
  'legally binding instrument',
]) {
  addBinding(p, true);
}
for (const p of [
  'treaties',
  'binding agreements',
  'binding',
  'legally binding',
  'legally oblige',
  'legally obliges',
  'legally obligate',
  'legally obligates',
  'oblige',
  'obliges',
  'obligate',
  'obligates',
  'obligation',
  'obligations',
  'legal obligation',
  'legal obligations',
  'guarantee',
  'guarantees',
  'guaranteed',
  'commit',
  'commits',
  'bind',
  'binds',
  'legally bind',
  'legally binds',
  'legally commit',
  'legally commits',
  'legally guarantee',
  'legally guarantees',
]) {
  addBinding(p, false);
}
/** A block's binding words, found once per block text (rules that read the whole draft scan every block on each check). */
export const bindingWords = perBlock((bf): PhraseMatch<{ noun: boolean }>[] =>
  BINDING_HINT.test(bf.text) ? BINDING.find(bf.text, bf.tokens) : [],
);

/** Words that, up to four words before, deny the binding language ("rather than a treaty", "unlike a treaty"). */
const NEAR_NEGATORS = new Set(['rather', 'instead', 'unlike', 'short']);
/** Words that anywhere earlier in its clause deny or suspend it ("none of the documents binds", "if it were a treaty"). */
const NEGATORS = new Set([
  'not',
  'no',
  'non',
  'never',
  'neither',
  'nor',
  'none',
  'nobody',
  'without',
  'nothing',
  't',
  'cannot',
  'lacks',
  'lack',
  'whether',
  'if',
  'deny',
  'denies',
  'denied',
  'hardly',
]);
/** Words just after that deny it ("binds no one", "guarantees nothing", "commits Beijing to nothing"). */
const DENIED_AFTER = new Set(['no', 'nobody', 'nothing', 'neither', 'none']);

/** Whether the binding words at tokens first..last are denied ("not legally binding", "none … binds", "binds no one"). */
export function negated(bf: BlockFacts, first: number, last: number, sentence: Span): boolean {
  // Right after, or after the one bound ("commits Beijing to nothing"), within the clause.
  for (let k = last + 1; k <= last + 4 && k < bf.tokens.length; k++) {
    const next = bf.tokens[k]!;
    if (next.end > sentence.end || /[,;:.]/.test(bf.text.slice(bf.tokens[last]!.end, next.start))) break;
    if (DENIED_AFTER.has(next.lower)) return true;
  }
  const from = clauseStart(bf.text, bf.tokens[first]!.start, sentence);
  for (let k = first - 1; k >= 0 && bf.tokens[k]!.start >= from; k--) {
    const word = bf.tokens[k]!.lower;
    if (NEGATORS.has(word) || (k >= first - 4 && NEAR_NEGATORS.has(word))) return true;
  }
  return false;
}

/** Binding words that are verbs ("the agreements oblige …") and those that are predicates ("the agreements are binding"). */
const VERBS = new Set([
  'oblige',
  'obliges',
  'obligate',
  'obligates',
  'legally oblige',
  'legally obliges',
  'legally obligate',
  'legally obligates',
  'bind',
  'binds',
  'legally bind',
  'legally binds',
  'guarantee',
  'guarantees',
  'commit',
  'commits',
  'legally commit',
  'legally commits',
  'legally guarantee',
  'legally guarantees',
]);
const PREDICATES = new Set(['binding', 'legally binding', 'treaties', 'binding agreements']);
/** Participles that open a description of the documents ("the agreements signed at the summit …"). */
const PARTICIPLES = new Set(['signed', 'concluded', 'reached', 'inked', 'agreed', 'adopted', 'struck', 'sealed', 'made', 'approved']);
/** Words that may follow such a participle before the verb: where, when and by whom ("in the capital during the visit"). */
const SETTING = new Set([
  'in',
  'at',
  'during',
  'on',
  'with',
  'by',
  'between',
  'the',
  'a',
  'an',
  'of',
  'this',
  'that',
  'last',
  'its',
  'his',
  'her',
  'their',
  'visit',
  'trip',
  'summit',
  'talks',
  'meeting',
  'week',
  'month',
  'year',
  'ceremony',
  'signing',
  'leaders',
  'two',
  'sides',
  'countries',
  'presidents',
  'heads',
  'state',
  'states',
  'delegations',
  'presence',
  's',
  'and',
  'both',
]);
const COPULAS = new Set(['are', 'were', 'is', 'was']);
const PREPOSITIONS = new Set(['in', 'at', 'during', 'on', 'with', 'by', 'between', 'of']);
const ADVERBS = new Set(['all', 'both', 'each', 'also', 'now', 'effectively', 'thus', 'therefore', 'fully', 'in', 'effect', 'so']);

/**
 * Whether binding words `w` are said of a plural noun `g` for documents: they contain or modify it ("the binding
 * agreements", "legally binding documents"), or it is their subject — right before a verb ("the agreements oblige …"),
 * or before "are" and a predicate ("the agreements are legally binding"), with at most a description between ("signed
 * in the capital during the visit", "that were signed there,").
 */
export function saidOf(bf: BlockFacts, w: PhraseMatch<unknown>, g: PhraseMatch<unknown>): boolean {
  const lower = bf.text.slice(w.start, w.end).toLowerCase();
  if (g.start < w.end && w.start < g.end) return true;
  if ((lower === 'binding' || lower === 'legally binding') && g.first > w.last && g.first - w.last <= 3) {
    return /^[\s\p{Ll}\-\u2010\u2011]*$/u.test(bf.text.slice(w.end, g.start));
  }
  if (g.last >= w.first || /[;:.!?()\u2014]/.test(bf.text.slice(g.end, w.start))) return false;
  const t = bf.tokens;
  let k = g.last + 1;
  if (['that', 'which'].includes(t[k]?.lower ?? '')) {
    k++;
    while (k < w.first && ['were', 'was', 'are', 'have', 'had', 'been'].includes(t[k]!.lower)) k++;
    if (!PARTICIPLES.has(t[k]?.lower ?? '')) return false;
  }
  if (PARTICIPLES.has(t[k]?.lower ?? '')) {
    k++;
    // Up to three other words after a preposition make a place or occasion of their own ("at the harbour talks").
    let phrase = 0;
    for (; k < w.first; k++) {
      const word = t[k]!.lower;
      if (PREPOSITIONS.has(word)) phrase = 3;
      else if (
        !SETTING.has(word) &&
        !/^[\p{Lu}\d]/u.test(t[k]!.text) &&
        (phrase-- <= 0 || COPULAS.has(word) || !/^\p{Ll}+$/u.test(t[k]!.text))
      )
        break;
    }
  }
  let copula = false;
  while (k < w.first && (COPULAS.has(t[k]!.lower) || ADVERBS.has(t[k]!.lower))) copula ||= COPULAS.has(t[k++]!.lower);
  if (k !== w.first) return false;
  return copula ? PREDICATES.has(lower) : VERBS.has(lower);
}

/** Words before a document noun that make it particular documents ("the", "these", "all"), not documents in general. */
const DETERMINED = new Set(['the', 'these', 'those', 'its', 'their', 'all', 'both', 'each', 'every']);

/**
 * Whether a plural document noun speaks of particular documents: after a determiner, over at most three lower-case
 * modifiers ("the binding agreements", "all the legally binding documents"), or described by a participle ("agreements
 * signed in Beijing"); "Binding agreements are rare" speaks of agreements in general.
 */
export function particular(bf: BlockFacts, g: PhraseMatch<unknown>): boolean {
  if (PARTICIPLES.has(bf.tokens[g.last + 1]?.lower ?? '')) return true;
  for (let k = g.first - 1; k >= 0 && k >= g.first - 4; k--) {
    const t = bf.tokens[k]!;
    if (DETERMINED.has(t.lower)) return true;
    if (!/^\p{Ll}/u.test(t.text) && k < g.first - 1) return false;
    if (!/^\p{L}/u.test(t.text)) return false;
  }
  return false;
}

/** Words that make a clause a wish, plan, doubt or hypothesis rather than a statement ("the opposition wants binding agreements"). */
const WISH = new Set([
  'want',
  'wants',
  'wanted',
  'seek',
  'seeks',
  'sought',
  'hope',
  'hopes',
  'hoped',
  'demand',
  'demands',
  'demanded',
  'propose',
  'proposes',
  'proposed',
  'plan',
  'plans',
  'planned',
  'aim',
  'aims',
  'intend',
  'intends',
  'expect',
  'expects',
  'expected',
  'negotiate',
  'negotiating',
  'would',
  'could',
  'should',
  'might',
  'may',
  'future',
  'call',
  'calls',
  'called',
  'urge',
  'urges',
  'urged',
  'push',
  'pushes',
  'pushed',
  'prefer',
  'prefers',
  'need',
  'needs',
  'if',
  'unless',
  'whether',
  'doubt',
  'doubts',
  'doubted',
  'doubtful',
  'unclear',
  'unlikely',
  'rumours',
  'rumors',
  'rumoured',
  'rumored',
  'speculation',
  'speculated',
  'discussed',
  'discussing',
  'considered',
  'considering',
  'draft',
]);
export const wished = (bf: BlockFacts, from: number, sentence: Span): boolean =>
  bf.tokens.some((t) => t.start >= from && t.end <= sentence.end && WISH.has(t.lower));
