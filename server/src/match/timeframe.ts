import type { Event } from '../facts/types.js';
import { perBlock, type BlockFacts } from './analyse.js';
import { perIndex, type FactIndex } from './compile.js';
import { dayNumber, intervalOf, type DateMention } from './dates.js';
import { yearsIn } from './elsewhere.js';
import { figuresOf, isClaimValue } from './figures.js';

// Occasions recur: Lukashenka has visited China more than a dozen times, leaders meet at every summit. A text that
// names the visitor, the host and a visit, but never says when, may be about any of those visits. So a draft is
// judged against a known event only when it states a time at that event somewhere — its timeframe:
//  - a date with a year within two months of the event (or the event's own days written with a year a little off,
//    which the date rules judge as a slip of the year);
//  - a date without a year within three days of the event's own days ("March 1", a dateline "MINSK, March 3");
//  - the event's year written alone ("in 2023");
//  - or a figure only that occasion produced: the value of a claim made about it ("more than $3.5 billion").
// Elsewhere the draft may be about another occasion, and dates, weekdays, offices, counts and labels are not judged.

/** How far (days) a dated mention with a year may lie from an event and still place the draft at it. */
const NEAR_WITH_YEAR = 62;
/** How far (days) a date without a year may lie from the event's own days. */
const NEAR_WITHOUT_YEAR = 3;

/** Days between an interval and an event (0 when they meet). */
function apart([start, end]: [string, string], event: Event): number {
  return Math.max(0, dayNumber(start) - dayNumber(event.end), dayNumber(event.start) - dayNumber(end));
}

/** Whether a written date places a text at an event's time. */
function datesEvent(mention: DateMention, event: Event): boolean {
  const from = mention.from;
  // A month alone ("in March") could be any year's; a weekday alone is no time at all.
  if (!from || (from.day === undefined && from.year === undefined)) return false;
  const eventYear = Number(event.start.slice(0, 4));
  if (from.year === undefined) {
    const written = intervalOf(mention, eventYear);
    return written !== undefined && apart(written, event) <= NEAR_WITHOUT_YEAR;
  }
  const written = intervalOf(mention, from.year);
  if (!written) return false;
  if (apart(written, event) <= NEAR_WITH_YEAR) return true;
  // The event's own days with the year a little off ("1 March 2022"): a slip the date rules judge.
  if (Math.abs(from.year - eventYear) > 2 || from.day === undefined) return false;
  const shifted = intervalOf(
    { ...mention, from: { ...from, year: eventYear }, ...(mention.to ? { to: { ...mention.to, year: eventYear } } : {}) },
    eventYear,
  );
  return shifted !== undefined && apart(shifted, event) === 0;
}

/** The outermost events: those no other event is part of. */
const rootEvents = perIndex((index): Event[] =>
  [...new Set(index.roots.values())].map((id) => index.facts.events.get(id)).filter((e) => e !== undefined),
);

/** The outermost events (root ids) a block's text places in time; it depends on the text and the fact index only. */
export const timeframeOf = perBlock((bf): readonly string[] => {
  const { index } = bf;
  const roots = rootEvents(index);
  const years = new Set(yearsIn(bf, { start: 0, end: bf.text.length }).map((y) => y.year));
  const claimed = new Set<string>();
  for (const figure of figuresOf(bf)) {
    for (const claim of index.facts.claims.values()) {
      const root = claim.event === undefined ? undefined : index.roots.get(claim.event);
      if (root !== undefined && isClaimValue(figure, claim)) claimed.add(root);
    }
  }
  return roots
    .filter(
      (root) =>
        claimed.has(root.id) ||
        years.has(Number(root.start.slice(0, 4))) ||
        years.has(Number(root.end.slice(0, 4))) ||
        bf.dates.some((d) => datesEvent(d, root)),
    )
    .map((root) => root.id);
});

/** The outermost events (root ids) a draft's own date (front matter `date:`) places it at, as a written date would. */
export function timeframeOfDate(index: FactIndex, date: DateMention | undefined): string[] {
  return date === undefined
    ? []
    : rootEvents(index)
        .filter((root) => datesEvent(date, root))
        .map((root) => root.id);
}

/** The outermost events (root ids) a draft places in time: those any of its blocks does. */
export function draftTimeframe(blocks: readonly BlockFacts[]): ReadonlySet<string> {
  const found = new Set<string>();
  for (const bf of blocks) for (const id of timeframeOf(bf)) found.add(id);
  return found;
}
