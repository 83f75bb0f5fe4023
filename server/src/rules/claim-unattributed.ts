import { itemsIn } from '../match/analyse.js';
import type { Claim } from '../facts/types.js';
import { claimFiguresOf, claimsStated, formatAmount } from '../match/figures.js';
import { Attribution } from '../match/attribution.js';
import { claimants } from '../match/wording.js';
import { percentagesOf, inPeriod, percentClaims, statementsStated } from '../match/claim-scope.js';
import type { Rule } from './rule.js';

const KIND: Record<Claim['status'], string> = {
  claimed: 'a claim',
  assessed: 'an assessment',
  disputed: 'a disputed claim',
  confirmed: '',
};

/** The end of the message: attribute the claim, or (given as someone else's) attribute it to its claimant. */
function unattributed(others: string[]): string {
  return others.length === 0 ? 'not an established fact; attribute it.' : `not by ${others.join(' or ')}; attribute it to its claimant.`;
}

/**
 * A claimed, assessed or disputed figure stated without attribution: not in its sentence, the sentences before it in
 * its paragraph, the lead-in of its block quote or list, or the draft's framing of itself (see attribution.ts).
 */
const rule: Rule = {
  id: 'claim-unattributed',
  description: 'A claimed or assessed figure is stated as fact, without the attribution its sources require.',
  severity: 'warning',
  category: 'claim',
  fixable: false,
  blockLocal: false,
  *check({ blocks, facts }) {
    const attribution = new Attribution(blocks, facts);
    const percentClaimed = [...facts.claims.values()].some((c) => c.kind === 'percentage');
    for (const bf of blocks) {
      // Only a figure that is some claim's value can state one.
      const all = claimFiguresOf(bf);
      const percentages = percentClaimed ? percentagesOf(bf) : [];
      if (all.length === 0 && percentages.length === 0 && bf.topics.length === 0) continue;
      for (const sentence of bf.block.sentences) {
        // What the sentence states of each claim: a figure of money or a quantity, a percentage, or a statement's topic.
        const stated: { claim: Claim; start: number; end: number; what: string }[] = [];
        const figures = itemsIn(all, sentence);
        const events = figures.length > 0 ? bf.eventsIn(sentence, true) : [];
        for (const figure of figures) {
          for (const claim of claimsStated(facts, events, figure)) {
            if (!inPeriod(bf, sentence, figure.start, claim)) continue;
            const amount = `${claim.qualifier ? `${claim.qualifier} ` : ''}${formatAmount(claim.value!, claim.unit)}`;
            stated.push({ claim, start: figure.start, end: figure.end, what: `The figure of ${amount}` });
          }
        }
        for (const figure of itemsIn(percentages, sentence)) {
          for (const claim of percentClaims(facts, bf, sentence, figure)) {
            if (!inPeriod(bf, sentence, figure.start, claim)) continue;
            stated.push({
              claim,
              start: figure.start,
              end: figure.end,
              what: `The figure of ${claim.qualifier ? `${claim.qualifier} ` : ''}${claim.value}% (${claim.measure})`,
            });
          }
        }
        for (const { claim, start, end } of statementsStated(facts, bf, sentence)) {
          stated.push({
            claim,
            start,
            end,
            what: `That ${claim.statement.charAt(0).toLowerCase()}${claim.statement.slice(1).replace(/\.$/, '')}`,
          });
        }
        for (const { claim, start, end, what } of stated) {
          if (claim.status === 'confirmed' || attribution.attributed(bf, sentence, start, claim)) continue;
          yield {
            block: bf,
            start,
            end,
            facts: [{ kind: 'claim', id: claim.id }],
            message: `${what} is ${KIND[claim.status]} by ${claimants(facts, claim)}, ${unattributed(attribution.otherSpeakers(bf, sentence, claim))}`,
          };
        }
      }
    }
  },
};
export default rule;
