import { itemsIn, perBlock } from '../match/analyse.js';
import type { Claim, FactBase } from '../facts/types.js';
import type { BlockFacts } from '../match/analyse.js';
import { isQuoted } from '../match/quoted.js';
import { clauseStart } from '../match/clauses.js';
import { PhraseMatcher, type PhraseMatch } from '../match/phrases.js';
import { tokenAt, type Token } from '../match/tokens.js';
import { claimants } from '../match/wording.js';
import type { Rule, RuleFinding } from './rule.js';

/** Words that state an outcome as certain, and words that hedge it (generic English). */
const CERTAIN = new PhraseMatcher<true>();
for (const p of [
  'will',
  'shall',
  'shows that',
  'show that',
  'showed that',
  'shown that',
  'proves',
  'prove',
  'proved',
  'proven',
  'certainly',
  'definitely',
  'is set to',
  'are set to',
  'clearly',
  'undoubtedly',
  'demonstrates that',
  'demonstrate that',
  'inevitably',
  'is bound to',
  'are bound to',
  'is going to',
  'are going to',
  'without doubt',
  'surely',
  'is certain to',
  'are certain to',
  'is sure to',
  'are sure to',
  'unquestionably',
  'undeniably',
  'confirms that',
  'confirm that',
  'confirmed that',
  'ensure',
  'ensures',
  'ensured',
  'guarantee',
  'guarantees',
  'guaranteed',
])
  CERTAIN.add(p, true);
/** Certainty verbs that, after these words, are a noun or an intention ("a guarantee", "pledged to ensure"), not a statement. */
const NOT_STATED = new Set(['to', 'a', 'an', 'the', 'no', 'any', 'of', 's', 'its', 'their', 'his', 'her', 'and']);
const INTENT = new Set(['ensure', 'ensures', 'ensured', 'guarantee', 'guarantees', 'guaranteed']);
/** Words between a certainty word and the topic after it that deny the topic ("ensures the plan cannot fail"). */
const DENIED = new Set([
  'not',
  't',
  'never',
  'no',
  'cannot',
  'nor',
  'without',
  'against',
  'prevent',
  'prevents',
  'stop',
  'stops',
  'unable',
]);
const HEDGE = new PhraseMatcher<true>();
for (const p of [
  'may',
  'might',
  'could',
  'possibly',
  'possible',
  'perhaps',
  'likely',
  'unlikely',
  'probably',
  'suggest',
  'suggests',
  'suggested',
  'appear',
  'appears',
  'appeared',
  'seem',
  'seems',
  'potentially',
  'maybe',
])
  HEDGE.add(p, true);

/** Words before "will" that make it the noun ("the will of the people"). */
const NOUN_WILL = new Set(['the', 'a', 'political', 'good', 'free']);
/** Words right after a certainty word that deny it ("will not", "won't", "will never"). */
const NEGATED = new Set(['not', 't', 'never', 'no', 'nothing']);
const ADVERBS = new Set(['certainly', 'definitely', 'clearly', 'undoubtedly', 'inevitably', 'surely']);

/** "the documents signed … may help …" from a claim's statement, for a message. */
function clause(claim: Claim): string {
  const text = claim.statement.trim().replace(/\.$/, '');
  return /^(The|A|An|This|These|Its|Their)\b/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

/** A sentence on an assessed claim's topic that states it with certainty and no hedge. */
const rule: Rule = {
  id: 'assessment-overstated',
  description: 'An assessment is stated with more certainty than its sources give it (may → will).',
  severity: 'warning',
  category: 'claim',
  fixable: true,
  blockLocal: true,
  *check({ blocks }) {
    // The same text read elsewhere gives the same findings, in its own block.
    for (const bf of blocks) {
      if (bf.topics.length === 0) continue;
      for (const found of overstated(bf)) yield { ...found, block: bf };
    }
  },
};

/**
 * The findings on the sentences of a block that state an assessed claim's topic with certainty: the block's text and
 * the fact base tell, so they are made once per block text.
 */
const overstated = perBlock((bf): RuleFinding[] => {
  if (bf.topics.length === 0) return [];
  const found: RuleFinding[] = [];
  for (const sentence of bf.block.sentences) {
    const claims = [...new Set(itemsIn(bf.topics, sentence).flatMap((m) => m.values))].filter((c) => c.status === 'assessed');
    if (claims.length === 0 || bf.text.slice(sentence.start, sentence.end).trimEnd().endsWith('?')) continue;
    const tokens = itemsIn(bf.tokens, sentence);
    const dates = itemsIn(bf.dates, sentence);
    // A hedge hedges; "May" in a date does not.
    if (HEDGE.find(bf.text, tokens).some((h) => !dates.some((d) => d.start <= h.start && h.end <= d.end))) continue;
    // The certainty must be said of the topic: in its clause, not negated ("will not"), not in someone's quoted words;
    // "will" after a determiner is the noun ("the will of the people").
    const topics = itemsIn(bf.topics, sentence);
    const topicClauses = new Set(topics.map((m) => clauseStart(bf.text, m.start, sentence)));
    const stated = CERTAIN.find(bf.text, tokens).filter(
      (m) =>
        !NOUN_WILL.has(tokens[m.first - 1]?.lower ?? '') &&
        !NEGATED.has(tokens[m.last + 1]?.lower ?? '') &&
        !isQuoted(bf, m.start) &&
        !(INTENT.has(tokens[m.first]!.lower) && NOT_STATED.has(tokens[m.first - 1]?.lower ?? '')) &&
        topicClauses.has(clauseStart(bf.text, m.start, sentence)) &&
        !deniedBefore(tokens, m, topics),
    );
    // Prefer "will", which a fix can soften.
    const certain = stated.find((m) => tokens[m.first]!.lower === 'will') ?? stated[0];
    if (certain) found.push(...findings(bf, certain, claims, bf.index.facts));
  }
  return found;
});

/** Whether a denial stands between a certainty word and the next topic after it ("will make sure prices cannot rise"). */
function deniedBefore(tokens: Token[], certain: PhraseMatch<true>, topics: PhraseMatch<Claim>[]): boolean {
  const topic = topics.find((t) => t.start >= certain.end);
  if (!topic) return false;
  return tokens.some((t) => t.start >= certain.end && t.end <= topic.start && DENIED.has(t.lower));
}

/** One finding per assessed claim on the sentence's topic, at its first certainty word. */
function* findings(bf: BlockFacts, certain: PhraseMatch<true>, claims: Claim[], facts: FactBase): Generator<RuleFinding> {
  const word = bf.text.slice(certain.start, certain.end);
  for (const claim of claims) {
    const finding: RuleFinding = {
      block: bf,
      start: certain.start,
      end: certain.end,
      facts: [{ kind: 'claim', id: claim.id }],
      message: `${claimants(facts, claim, false)} assessed only that ${clause(claim)}; the sources do not support "${word.toLowerCase()}".`,
    };
    if (word.toLowerCase() === 'will' && claim.certainty) {
      // "will definitely" and "definitely will" become "may": the adverb goes with the certainty.
      const at = tokenAt(bf.tokens, certain.start);
      const [before, after] = [bf.tokens[at - 1], bf.tokens[at + 1]];
      const adverb = (t: typeof before) =>
        t !== undefined &&
        ADVERBS.has(t.lower) &&
        /^\s+$/.test(bf.text.slice(Math.min(t.end, certain.end), Math.max(t.start, certain.start)));
      const start = adverb(before) ? before!.start : certain.start;
      const end = adverb(after) ? after!.end : certain.end;
      const capital = /^\p{Lu}/u.test(bf.text.slice(start, end));
      const newText = capital ? claim.certainty[0]!.toUpperCase() + claim.certainty.slice(1) : claim.certainty;
      finding.fixes = [{ title: `Change "${bf.text.slice(start, end)}" to "${newText}"`, edits: [{ start, end, newText }] }];
    }
    yield finding;
  }
}
export default rule;
