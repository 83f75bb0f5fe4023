import type { Event } from '../facts/types.js';
import type { BlockFacts } from '../match/analyse.js';
import { formatFromTo, formatLike, isDayPrecise, type DateMention } from '../match/dates.js';
import { contradicted, datesBySentence, endMeant, resolvedAbout } from '../match/event-dates.js';
import { asMention, relativeDays, resolveFor, type RelativeDay } from '../match/relative-days.js';
import { inCell, withRows } from '../match/table-rows.js';
import type { Span } from '../markdown/prose.js';
import { yearSlip } from '../match/evidence.js';
import { formatDate, formatEventDates } from '../match/wording.js';
import type { Rule, RuleFinding } from './rule.js';
import { ontoCell } from './support.js';

/** The mention's text with the "from" or "between" that opens its range, for messages. */
function asWritten(bf: BlockFacts, mention: DateMention): string {
  const opener = mention.joiner && /\p{L}/u.test(mention.joiner) ? /\b(?:from|between) $/i.exec(bf.text.slice(Math.max(0, mention.start - 8), mention.start)) : null;
  // A shortened month ends with its full stop ("27 Feb."), which the message ends with anyway.
  return `${opener?.[0].toLowerCase() ?? ''}${mention.text.replace(/\.$/, '')}`;
}

/** When an event took place, for messages. */
function when(event: Event): string {
  if (event.precision !== 'day') return `took place in ${formatEventDates(event)}`;
  return event.start === event.end ? `took place on ${formatDate(event.start)}` : `ran from ${formatFromTo(event.start, event.end)}`;
}

/** A relative day ("yesterday", "the day before") that falls on no day of the events its sentence is about. */
function relativeFinding(bf: BlockFacts, sentence: Span, day: RelativeDay): RuleFinding | undefined {
  // Counted from a wrong date, it is wrong with it: the date's own finding says so.
  if (!day.dateline && contradicted(bf, bf.sentenceAt(day.reference.start), day.reference)) return undefined;
  const about = resolvedAbout(bf, sentence, day)[0];
  const date = about && resolveFor(day, about.event);
  if (!date) return undefined;
  const event = contradicted(bf, sentence, asMention(day, date));
  if (!event) return undefined;
  const from = day.dateline ? 'counting from the dateline' : `the day ${day.shift < 0 ? 'before' : 'after'} ${day.reference.text.replace(/\.$/, '')}`;
  return { block: bf, start: day.start, end: day.end, facts: [{ kind: 'event', id: event.id }],
    message: `${event.name} ${when(event)}, not ${day.text.toLowerCase()} (${formatDate(date)}, ${from}).` };
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
    // A date cell is read with its row (match/table-rows.ts); its findings are moved back onto the cell.
    for (const { cell, facts: bf, offset } of withRows(blocks)) {
      for (const [mention, sentence] of datesBySentence(bf)) {
        if (!inCell(cell, offset, mention)) continue;
        const event = contradicted(bf, sentence, mention);
        if (!event) continue;
        const finding: RuleFinding = {
          block: bf, start: mention.start, end: mention.end, facts: [{ kind: 'event', id: event.id }],
          message: `${event.name} ${when(event)}, not ${asWritten(bf, mention)}.`,
        };
        const day = mention.to || event.start === event.end ? undefined : endMeant(bf, sentence, event);
        // A slip of the year may be a true date of another occasion: flagged, never fixed for certain.
        // An event known only to the month or year has no day to move a date to.
        if (event.precision === 'day' && isDayPrecise(mention) && (mention.to || event.start === event.end || day) && !yearSlip(mention, event)) {
          const newText = day ? formatLike(mention, day, day) : formatLike(mention, event.start, event.end);
          finding.fixes = [{ title: `Change the date to "${newText}"`, edits: [{ start: mention.start, end: mention.end, newText }] }];
        }
        yield ontoCell(finding, cell, offset);
      }
      for (const sentence of bf.block.sentences) {
        for (const day of relativeDays(bf, sentence)) {
          const finding = inCell(cell, offset, day) ? relativeFinding(bf, sentence, day) : undefined;
          if (finding) yield ontoCell(finding, cell, offset);
        }
      }
    }
  },
};
export default rule;
