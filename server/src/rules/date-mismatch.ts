import type { Event } from '../facts/types.js';
import { inside } from '../match/analyse.js';
import { formatLike, intervalOf, type DateMention } from '../match/dates.js';
import type { Rule, RuleFinding } from './rule.js';
import { formatRange, sentences } from './support.js';

/** Whether a written date fits an event: a day-precise date must lie within it; a month or part of one must overlap it. */
export function fits(mention: DateMention, event: Event): boolean {
  const interval = intervalOf(mention, Number(event.start.slice(0, 4)));
  if (!interval) return true;
  const [start, end] = interval;
  const dayPrecise = mention.from?.day !== undefined && mention.part === undefined;
  return dayPrecise ? event.start <= start && end <= event.end : start <= event.end && event.start <= end;
}

/** A date in a sentence that names a known event, and fits none of the events the sentence names. */
const rule: Rule = {
  id: 'date-mismatch',
  description: 'A date attached to a known event contradicts the event\'s dates (day, month, year or range).',
  severity: 'error',
  category: 'date',
  fixable: true,
  *check({ blocks }) {
    for (const [bf, sentence] of sentences(blocks)) {
      const dates = bf.dates.filter((d) => d.from && inside(d, sentence));
      if (dates.length === 0) continue;
      const events = bf.eventsIn(sentence);
      if (events.length === 0) continue;
      for (const mention of dates) {
        if (events.some((e) => fits(mention, e))) continue;
        const event = events[0]!;
        const when = formatRange(event.start, event.end);
        const finding: RuleFinding = {
          block: bf, start: mention.start, end: mention.end, facts: [{ kind: 'event', id: event.id }],
          message: `${event.name} ${event.start === event.end ? `took place on ${when}` : `ran from ${when.replace(' \u2013 ', ' to ')}`}, not ${mention.text}.`,
        };
        if (mention.from?.day !== undefined && mention.part === undefined) {
          const newText = formatLike(mention, event.start, event.end);
          finding.fixes = [{ title: `Change the date to "${newText}"`, edits: [{ start: mention.start, end: mention.end, newText }] }];
        }
        yield finding;
      }
    }
  },
};
export default rule;
