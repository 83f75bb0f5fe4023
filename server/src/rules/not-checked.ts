import type { BlockFacts } from '../match/analyse.js';
import type { DateMention } from '../match/dates.js';
import { abstention, datesBySentence, type Abstention } from '../match/event-dates.js';
import type { Rule } from './rule.js';
import { formatRange } from './support.js';

/** Why a date was not checked, in words. */
export function notCheckedMessage(bf: BlockFacts, mention: DateMention, reason: Abstention): string {
  const written = bf.text.slice(mention.start, mention.end);
  if (reason.why === 'far') {
    return `Not checked: ${written} is far from ${reason.event.name} (${formatRange(reason.event.start, reason.event.end)}); `
      + 'it may be about another occasion.';
  }
  if (reason.why === 'elsewhere') return `Not checked: no event in the fact base matches ${[...reason.against, written].join(', ')}.`;
  const names = [...new Set(reason.events.map((e) => e.name))].slice(0, 2).join('; ');
  if (reason.why === 'undated') {
    return `Not checked: the draft gives no date or year that places it at ${names}; it may be about another occasion.`;
  }
  return `Not checked: the sentence does not show that it is about ${names} (it names none of its people, its place, `
    + 'nor an event the text is about).';
}

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
