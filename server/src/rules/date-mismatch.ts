import type { BlockFacts } from '../match/analyse.js';
import { formatFromTo, formatLike, isDayPrecise, type DateMention } from '../match/dates.js';
import { contradicted, datesBySentence, endMeant } from '../match/event-dates.js';
import type { Rule, RuleFinding } from './rule.js';
import { formatDate } from './support.js';

/** The mention's text with the "from" or "between" that opens its range, for messages. */
function asWritten(bf: BlockFacts, mention: DateMention): string {
  const opener = mention.joiner && /\p{L}/u.test(mention.joiner) ? /\b(?:from|between) $/i.exec(bf.text.slice(Math.max(0, mention.start - 8), mention.start)) : null;
  // A shortened month ends with its full stop ("27 Feb."), which the message ends with anyway.
  return `${opener?.[0].toLowerCase() ?? ''}${mention.text.replace(/\.$/, '')}`;
}

/** A date in a sentence that names a known event, and fits none of the events the sentence names. */
const rule: Rule = {
  id: 'date-mismatch',
  description: 'A date attached to a known event contradicts the event\'s dates (day, month, year or range).',
  severity: 'error',
  category: 'date',
  fixable: true,
  blockLocal: true,
  *check({ blocks }) {
    for (const bf of blocks) {
      for (const [mention, sentence] of datesBySentence(bf)) {
        const event = contradicted(bf, sentence, mention);
        if (!event) continue;
        const when = event.start === event.end ? `took place on ${formatDate(event.start)}` : `ran from ${formatFromTo(event.start, event.end)}`;
        const finding: RuleFinding = {
          block: bf, start: mention.start, end: mention.end, facts: [{ kind: 'event', id: event.id }],
          message: `${event.name} ${when}, not ${asWritten(bf, mention)}.`,
        };
        const day = mention.to || event.start === event.end ? undefined : endMeant(bf, sentence, event);
        if (isDayPrecise(mention) && (mention.to || event.start === event.end || day)) {
          const newText = day ? formatLike(mention, day, day) : formatLike(mention, event.start, event.end);
          finding.fixes = [{ title: `Change the date to "${newText}"`, edits: [{ start: mention.start, end: mention.end, newText }] }];
        }
        yield finding;
      }
    }
  },
};
export default rule;
