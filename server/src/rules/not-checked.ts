import { abstention, datesBySentence } from '../match/event-dates.js';
import { notCheckedMessage } from '../match/wording.js';
import type { Rule } from './rule.js';

/**
 * A date or weekday in a sentence that names a known event, left unjudged because the sentence is not shown to be
 * about that event (match/evidence.ts): for analysts who want to see what factlint did not check. Off by default.
 */
const rule: Rule = {
  id: 'not-checked',
  description: 'A date in a sentence that names a known event was not checked: the sentence is not shown to be about it.',
  severity: 'information',
  category: 'date',
  fixable: false,
  blockLocal: true,
  off: true,
  *check({ blocks }) {
    for (const bf of blocks) {
      for (const [mention, sentence] of datesBySentence(bf)) {
        const reason = abstention(bf, sentence, mention);
        if (reason) yield { block: bf, start: mention.start, end: mention.end, message: notCheckedMessage(bf, mention, reason) };
      }
    }
  },
};
export default rule;
