import type { Span } from '../markdown/prose.js';
import type { BlockFacts } from '../match/analyse.js';
import { daysOf, intervalOf, weekdayLike, weekdayName, weekdayOf, writtenWeekday, type DateMention } from '../match/dates.js';
import { contradicted, datesBySentence, endMeant, eventsAbout, resolvedAbout, yearOf } from '../match/event-dates.js';
import { countedWeekday, REPORTING, weekdayFromDateline } from '../match/relative-days.js';
import { inCell, withRows } from '../match/table-rows.js';
import { topicsAt, withinReach } from '../match/evidence.js';
import { itemsIn } from '../match/analyse.js';
import type { Event } from '../facts/types.js';
import { formatDate } from '../match/wording.js';
import type { FactLink, Rule } from './rule.js';
import { ontoCell } from './support.js';

/** A weekday just after a date ("1 March (Wednesday)", "1 March, a Wednesday") or just before one in brackets. */
const AFTER_DATE = /^(?:\s*\(\s*|,\s+(?:a\s+|which\s+was\s+a\s+)?)$/;
const BEFORE_DATE = /^\s*\(\s*$/;
const HABIT = /\b(?:every|each)\s+$/i;

/** The single written day a weekday stands beside: in its own mention ("Wednesday, 1 March") or next to it. */
function besideDate(bf: BlockFacts, mention: DateMention, i: number): DateMention | undefined {
  const before = bf.dates[i - 1];
  const after = bf.dates[i + 1];
  const date = mention.from
    ? mention
    : before && AFTER_DATE.test(bf.text.slice(before.end, mention.start))
      ? before
      : after && BEFORE_DATE.test(bf.text.slice(mention.end, after.start))
        ? after
        : undefined;
  return date?.from?.day !== undefined && !date.to && !date.part ? date : undefined;
}

/** The year of the event the text before a sentence is about, if it is about one. */
function topicYear(bf: BlockFacts, sentence: Span): number | undefined {
  const [root] = topicsAt(bf, sentence);
  const event = root === undefined ? undefined : bf.index.facts.events.get(root);
  return event ? Number(event.start.slice(0, 4)) : undefined;
}

/** What is wrong with a weekday, and the right one when a single day is in question; undefined when it is right or cannot be judged. */
function judge(
  bf: BlockFacts,
  sentence: Span,
  mention: DateMention,
  i: number,
): { message: string; facts: FactLink[]; right?: number } | undefined {
  const written = weekdayName(mention.weekday!);
  const date = besideDate(bf, mention, i);
  if (date) {
    const event = contradicted(bf, sentence, date);
    // A wrong date is date-mismatch's: its fix rewrites a weekday in the same mention, or moves the date to the event's day.
    if (event && (date === mention || event.start !== event.end)) return undefined;
    // A date without a year takes it from an event the sentence is about, or the text's topic; else it is not judged
    // ("The parliament met on Thursday, 7 March": which year's 7 March is not said).
    const year = date.from?.year ?? yearOf(bf, sentence, date) ?? topicYear(bf, sentence);
    if (!event && year === undefined) return undefined;
    const day = event?.start ?? intervalOf(date, year!)![0];
    const actual = weekdayName(weekdayOf(day));
    if (actual === written) return undefined;
    const about = event ?? eventsAbout(bf, sentence, date)[0];
    const message = event
      ? `${event.name} took place on ${actual}, ${formatDate(day)}, not on a ${written}.`
      : `${formatDate(day)} was a ${actual}, not a ${written}.`;
    return { message, right: weekdayOf(day), facts: about ? [{ kind: 'event', id: about.id }] : [] };
  }
  if (
    HABIT.test(bf.text.slice(Math.max(0, mention.start - 8), mention.start)) ||
    countedWeekday(bf, mention) ||
    REPORTING.test(bf.text.slice(sentence.start, sentence.end))
  ) {
    return undefined;
  }
  // A weekday alone is judged against an event a phrase names, not a meeting named only by who met; and against
  // talks or a meeting only when the text is about the occasion they belong to (the same leaders meet often), or a
  // date in the sentence or the report's dateline puts it within reach of them.
  const topics = topicsAt(bf, sentence);
  const dated = (event: Event) =>
    itemsIn(bf.dates, sentence).some((d) => d.from && withinReach(d, event, 'strong')) ||
    weekdayFromDateline(bf, mention, event) !== undefined;
  const events = resolvedAbout(bf, sentence, mention)
    .filter(
      (r) =>
        r.strength !== 'people' &&
        (!/^(?:talks|meeting)$/.test(r.event.kind) || topics.has(bf.index.roots.get(r.event.id)!) || dated(r.event)),
    )
    .map((r) => r.event)
    .filter((e) => e.precision === 'day'); // a month or a year has every weekday
  if (events.length === 0) return undefined;
  const event = events[0]!;
  const on = (day: string) => `${weekdayName(weekdayOf(day))}, ${formatDate(day)}`;
  const fits = events.some((e) => daysOf(e.start, e.end, 7).some((day) => weekdayOf(day) === mention.weekday));
  // Counted from a dateline near the event, the weekday is one day: on or before the dateline (or just after it).
  const counted = weekdayFromDateline(bf, mention, event);
  if (counted) {
    const within = (day: string) => events.some((e) => e.start <= day && day <= e.end);
    if (within(counted.back) || within(counted.ahead)) return undefined;
    if (fits) {
      const facts = events.map((e): FactLink => ({ kind: 'event', id: e.id }));
      const held = event.start === event.end ? `took place on ${on(event.start)}` : `ran from ${on(event.start)} to ${on(event.end)}`;
      return {
        message: `${event.name} ${held}; counting from the ${counted.draft ? "draft's date" : 'dateline'} (${formatDate(counted.dateline)}), ${written} was ${formatDate(counted.back)}.`,
        facts,
      };
    }
  }
  if (fits) return undefined;
  const facts = events.map((e): FactLink => ({ kind: 'event', id: e.id }));
  // A weekday is a fix where, counted from the dateline, it would name the day meant.
  const fixes = (day: string) => !counted || (day <= counted.dateline && Date.parse(counted.dateline) - Date.parse(day) < 7 * 86_400_000);
  if (events.every((e) => e.start === event.start && e.end === event.start)) {
    return {
      message: `${event.name} took place on ${on(event.start)}, not on a ${written}.`,
      facts,
      ...(fixes(event.start) ? { right: weekdayOf(event.start) } : {}),
    };
  }
  const sameYear = event.start.slice(0, 4) === event.end.slice(0, 4);
  const from = sameYear ? on(event.start).slice(0, -5) : on(event.start);
  const end = endMeant(bf, sentence, event);
  return {
    message: `${event.name} ran from ${from} to ${on(event.end)}; none of its days was a ${written}.`,
    facts,
    ...(end && events.length === 1 && fixes(end) ? { right: weekdayOf(end) } : {}),
  };
}

/** A weekday that does not fall on the date written beside it, or on any day of the events its sentence names. */
const rule: Rule = {
  id: 'weekday-mismatch',
  description: 'A weekday is not the weekday of the date beside it or of the event its sentence names.',
  severity: 'error',
  category: 'date',
  fixable: true,
  blockLocal: true,
  *check({ blocks }) {
    for (const { cell, facts: bf, offset } of withRows(blocks)) {
      // Most blocks write no weekday: their dates need not be gone through.
      if (!bf.dates.some((d) => d.weekday !== undefined)) continue;
      for (const [mention, sentence, i] of datesBySentence(bf)) {
        if (mention.weekday === undefined || !inCell(cell, offset, mention)) continue;
        const found = judge(bf, sentence, mention, i);
        if (!found) continue;
        const { start } = mention;
        const written = writtenWeekday(mention);
        const end = start + written.length;
        const right = found.right === undefined ? undefined : weekdayLike(written, found.right);
        const fixes = right ? [{ title: `Change the weekday to "${right}"`, edits: [{ start, end, newText: right }] }] : [];
        yield ontoCell({ block: bf, start, end, message: found.message, facts: found.facts, fixes }, cell, offset);
      }
    }
  },
};
export default rule;
