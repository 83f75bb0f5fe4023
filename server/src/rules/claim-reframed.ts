import { itemsIn } from '../match/analyse.js';
import type { Claim, FactBase } from '../facts/types.js';
import { claimFiguresOf, claimsStated, formatAmount, withInner, type FigureMention } from '../match/figures.js';
import type { PhraseMatch } from '../match/phrases.js';
import { tokenize } from '../match/tokens.js';
import { isQuoted } from '../match/quoted.js';
import { Attribution, reportsSpeech } from '../match/attribution.js';
import type { BlockFacts } from '../match/analyse.js';
import { clauseStart } from '../match/clauses.js';
import type { Span } from '../markdown/prose.js';
import type { Rule, RuleFinding } from './rule.js';

const STATUS = { claimed: 'claimed ', assessed: 'assessed ', disputed: 'disputed ', confirmed: '' } as const;

/** A claim's figure in a sentence that calls it one of the claim's known misdescriptions ("investment") instead of its measure. */
const rule: Rule = {
  id: 'claim-reframed',
  description: 'A claimed figure is described as something other than what it measures (an economic effect called investment).',
  severity: 'warning',
  category: 'claim',
  fixable: false,
  blockLocal: true,
  *check({ blocks, facts, index }) {
    const attribution = new Attribution(blocks, facts);
    for (const bf of blocks) {
      // Only a figure that is some claim's value can state one.
      const all = claimFiguresOf(bf);
      if (all.length === 0 || facts.claims.size === 0) continue;
      for (const sentence of bf.block.sentences) {
        const figures = itemsIn(all, sentence);
        const reframings = itemsIn(bf.reframings, sentence);
        if (figures.length === 0) continue;
        const recasts = [...recast(bf, sentence, figures, facts, attribution)];
        yield* recasts;
        if (reframings.length === 0) continue;
        const events = bf.eventsIn(sentence, true);
        const words = ` ${itemsIn(bf.tokens, sentence)
          .map((t) => t.lower)
          .join(' ')} `;
        // Per claim, once per sentence: the reframing to name (a noun where there is one: "investment" rather than
        // "pledged"), unless the sentence also names what the figure measures.
        const reframed = new Map<Claim, PhraseMatch<Claim>>();
        const participle = (m: PhraseMatch<Claim>) => /ed$/i.test(bf.text.slice(m.start, m.end));
        for (const m of withInner(index.reframings, bf, reframings)) {
          for (const claim of m.values) {
            const seen = reframed.get(claim);
            if (!seen || (participle(seen) && !participle(m))) reframed.set(claim, m);
          }
        }
        for (const claim of reframed.keys()) {
          if (
            claim.measure &&
            words.includes(
              ` ${tokenize(claim.measure)
                .map((t) => t.lower)
                .join(' ')} `,
            )
          )
            reframed.delete(claim);
        }
        if (reframed.size === 0) continue;
        for (const figure of figures) {
          if (recasts.some((r) => r.start === figure.start)) continue;
          // Another's framing quoted as theirs ("the interview spoke of '$3.5 billion in investment'") is reported, not made.
          if (isQuoted(bf, figure.start) && reportsSpeech(bf, sentence)) continue;
          for (const claim of claimsStated(facts, events, figure)) {
            const reframing = reframed.get(claim);
            if (!reframing) continue;
            const what = bf.text.slice(reframing.start, reframing.end).toLowerCase();
            yield {
              block: bf,
              start: figure.start,
              end: figure.end,
              facts: [{ kind: 'claim', id: claim.id }],
              message:
                `The ${formatAmount(claim.value!, claim.unit)} is the ${STATUS[claim.status]}${claim.measure ?? claim.statement}, ` +
                `not ${what}.`,
            };
          }
        }
      }
    }
  },
};
/** Verbs that put money into something ("invested $2 billion", "will put $3.5 billion into factories"): investment. */
const INVEST = /\binvest(?:s|ed|ing)?\s+(?:\p{L}+\s+){0,2}$/iu;
const PUT_INTO =
  /\b(?:put|puts|putting|pour(?:s|ed|ing)?|inject(?:s|ed|ing)?|sink(?:s|ing)?|sank|plough(?:s|ed|ing)?|channel(?:s|led|ling)?)\s+(?:\p{L}+\s+){0,2}$/iu;
const INTO = /^\s+(?:\p{L}+\s+){0,2}?into\b/u;
/** Words right before a figure that make it the value of what comes before it ("agreements worth $3.5 billion"). */
const VALUE =
  /\b(?:worth|valued at|totall?ing|that total(?:l?ed)?|with a (?:combined |total )?value of|to the value of)\s+(?:a combined\s+|a total of\s+|some\s+|about\s+|around\s+|more than\s+|over\s+|nearly\s+|almost\s+|up to\s+)?$/i;
/** Nouns for documents or deals whose value a figure may be said to be. */
const DEALS = /\b(?:agreements?|deals?|contracts?|documents?|accords?|memorand(?:a|ums?)|package|pacts?)\b/i;

/**
 * A claimed figure put in other words than its claim's: invested ("will put $3.5 billion into factories"), where the
 * claim lists investment among its misdescriptions; or the value of the documents ("the agreements are worth $3.5
 * billion"), where the claim measures something else and the sentence states it in the writer's words: its attribution
 * comes only from a sentence before the one right before it, which is the writer's own (unattributed, claim-unattributed
 * says so; attributed in its own sentence or the one before, or in a headline over text that attributes it, the wording
 * may be the claimants').
 */
function* recast(
  bf: BlockFacts,
  sentence: Span,
  figures: FigureMention[],
  facts: FactBase,
  attribution: Attribution,
): Generator<RuleFinding> {
  const events = bf.eventsIn(sentence, true);
  for (const figure of figures) {
    if (isQuoted(bf, figure.start)) continue;
    const before = bf.text.slice(clauseStart(bf.text, figure.start, sentence), figure.start);
    const invested = INVEST.test(before) || (PUT_INTO.test(before) && INTO.test(bf.text.slice(figure.end, sentence.end)));
    const value = !invested && VALUE.test(before) && DEALS.test(before);
    if (!invested && !value) continue;
    for (const claim of claimsStated(facts, events, figure)) {
      const measure = claim.measure ?? claim.statement;
      if (
        invested
          ? !claim.reframings.some((r) => /^investments?$/i.test(r)) || /invest/i.test(measure)
          : claim.reframings.length === 0 || /\b(?:value|worth)\b/i.test(measure) || !attribution.attributedEarlier(bf, sentence, claim)
      )
        continue;
      yield {
        block: bf,
        start: figure.start,
        end: figure.end,
        facts: [{ kind: 'claim', id: claim.id }],
        message:
          `The ${formatAmount(claim.value!, claim.unit)} is the ${STATUS[claim.status]}${measure}, ` +
          `${invested ? 'not investment' : 'not the value of the documents'}.`,
      };
    }
  }
}
export default rule;
