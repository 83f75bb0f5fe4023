import { itemsIn } from '../match/analyse.js';
import type { Claim } from '../facts/types.js';
import { claimsStated, figuresOf, formatAmount, withInner } from '../match/figures.js';
import type { PhraseMatch } from '../match/phrases.js';
import { tokenize } from '../match/tokens.js';
import { isQuoted } from '../markdown/prose.js';
import { reportsSpeech } from '../match/attribution.js';
import type { Rule } from './rule.js';

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
    for (const bf of blocks) {
      const all = figuresOf(bf);
      if (all.length === 0 || bf.reframings.length === 0) continue;
      for (const sentence of bf.block.sentences) {
        const figures = itemsIn(all, sentence);
        const reframings = itemsIn(bf.reframings, sentence);
        if (figures.length === 0 || reframings.length === 0) continue;
        const events = bf.eventsIn(sentence, true);
        const words = ` ${itemsIn(bf.tokens, sentence).map((t) => t.lower).join(' ')} `;
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
          if (claim.measure && words.includes(` ${tokenize(claim.measure).map((t) => t.lower).join(' ')} `)) reframed.delete(claim);
        }
        if (reframed.size === 0) continue;
        for (const figure of figures) {
          // Another's framing quoted as theirs ("the interview spoke of '$3.5 billion in investment'") is reported, not made.
          if (isQuoted(bf.text, figure.start) && reportsSpeech(bf, sentence)) continue;
          for (const claim of claimsStated(facts, events, figure)) {
            const reframing = reframed.get(claim);
            if (!reframing) continue;
            const what = bf.text.slice(reframing.start, reframing.end).toLowerCase();
            yield {
              block: bf, start: figure.start, end: figure.end, facts: [{ kind: 'claim', id: claim.id }],
              message: `The ${formatAmount(claim.value!, claim.unit)} is the ${STATUS[claim.status]}${claim.measure ?? claim.statement}, `
                + `not ${what}.`,
            };
          }
        }
      }
    }
  },
};
export default rule;
