import { itemsIn } from '../match/analyse.js';
import type { Claim } from '../facts/types.js';
import { claimsStated, figuresOf, formatAmount } from '../match/figures.js';
import { Attribution } from '../match/attribution.js';
import { claimants } from '../match/wording.js';
import type { Rule } from './rule.js';

const KIND: Record<Claim['status'], string> = {
  claimed: 'a claim', assessed: 'an assessment', disputed: 'a disputed claim', confirmed: '',
};

/** The end of the message: attribute the claim, or (given as someone else's) attribute it to its claimant. */
function unattributed(others: string[]): string {
  return others.length === 0 ? 'not an established fact; attribute it.'
    : `not by ${others.join(' or ')}; attribute it to its claimant.`;
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
    for (const bf of blocks) {
      const all = figuresOf(bf);
      if (all.length === 0) continue;
      for (const sentence of bf.block.sentences) {
        const figures = itemsIn(all, sentence);
        if (figures.length === 0) continue;
        const events = bf.eventsIn(sentence, true);
        for (const figure of figures) {
          for (const claim of claimsStated(facts, events, figure)) {
            if (claim.status === 'confirmed' || attribution.attributed(bf, sentence, figure.start, claim)) continue;
            const amount = `${claim.qualifier ? `${claim.qualifier} ` : ''}${formatAmount(claim.value!, claim.unit)}`;
            yield {
              block: bf, start: figure.start, end: figure.end, facts: [{ kind: 'claim', id: claim.id }],
              message: `The figure of ${amount} is ${KIND[claim.status]} by ${claimants(facts, claim)}, ${
                unattributed(attribution.otherSpeakers(bf, sentence, claim))}`,
            };
          }
        }
      }
    }
  },
};
export default rule;
