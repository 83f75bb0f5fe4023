import type { Event } from '../facts/types.js';
import { perBlock, type BlockFacts } from './analyse.js';
import { perIndex, type FactIndex } from './compile.js';
import { dayIntervalOf, dayNumber, type DateMention } from './dates.js';
import { yearsOf } from './elsewhere.js';
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

/** An outermost event with its year and its first and last days (day numbers), worked out once per fact index. */
interface Root {
  event: Event;
  year: number;
  endYear: number;
  first: number;
  last: number;
}

/** Days between an interval of day numbers and an event (0 when they meet). */
function apart([start, end]: readonly [number, number], root: Root): number {
  return Math.max(0, start - root.last, root.first - end);
}

/**
 * A written date that may place a text at an event's time, with what it covers: worked out once per date, and for
 * a date without a year (or a slip of the year) once per year it is read in, not once per event.
 */
interface Placer {
  mention: DateMention;
  /** The days the date covers in its own year; undefined for a date without a year. */
  written?: [number, number] | undefined;
  /** The days it covers read in another year (without a year, or with the event's), by year. */
  inYear?: Map<number, [number, number] | undefined>;
}

/** A date as a placer; undefined for one that places no text in time: a month alone ("in March") could be any year's, a weekday alone is no time at all. */
function placerOf(mention: DateMention): Placer | undefined {
  const from = mention.from;
  if (!from || (from.day === undefined && from.year === undefined)) return undefined;
  return from.year === undefined ? { mention } : { mention, written: dayIntervalOf(mention, from.year) };
}

/** The days a placer's date covers read in a year (for a date with a year, that year put in its place). */
function daysInYear(placer: Placer, year: number): [number, number] | undefined {
  const inYear = (placer.inYear ??= new Map());
  if (inYear.has(year)) return inYear.get(year);
  const { mention } = placer;
  const from = mention.from!;
  const days =
    from.year === undefined
      ? dayIntervalOf(mention, year)
      : dayIntervalOf({ ...mention, from: { ...from, year }, ...(mention.to ? { to: { ...mention.to, year } } : {}) }, year);
  inYear.set(year, days);
  return days;
}

/** Whether a written date places a text at an outermost event's time (see the list at the top). */
function places(placer: Placer, root: Root): boolean {
  const from = placer.mention.from!;
  const ownYear = from.year;
  if (ownYear === undefined) {
    const written = daysInYear(placer, root.year);
    return written !== undefined && apart(written, root) <= NEAR_WITHOUT_YEAR;
  }
  const written = placer.written;
  if (!written) return false;
  if (apart(written, root) <= NEAR_WITH_YEAR) return true;
  // The event's own days with the year a little off ("1 March 2022"): a slip the date rules judge.
  if (Math.abs(ownYear - root.year) > 2 || from.day === undefined) return false;
  const shifted = daysInYear(placer, root.year);
  return shifted !== undefined && apart(shifted, root) === 0;
}

/** The dates of a list that may place a text in time, as placers. */
function placersOf(dates: readonly DateMention[]): Placer[] {
  const placers: Placer[] = [];
  for (const mention of dates) {
    const placer = placerOf(mention);
    if (placer) placers.push(placer);
  }
  return placers;
}

/** The outermost events: those no other event is part of. */
const rootEvents = perIndex((index): Root[] =>
  [...new Set(index.roots.values())]
    .map((id) => index.facts.events.get(id))
    .filter((e) => e !== undefined)
    .map((event) => ({
      event,
      year: Number(event.start.slice(0, 4)),
      endYear: Number(event.end.slice(0, 4)),
      first: dayNumber(event.start),
      last: dayNumber(event.end),
    })),
);

/** The outermost events (root ids) a block's text places in time; it depends on the text and the fact index only. */
export const timeframeOf = perBlock((bf): readonly string[] => {
  const { index } = bf;
  const years = yearsOf(bf);
  const named = (year: number) => years.some((y) => y.year === year);
  const claimed = new Set<string>();
  for (const figure of figuresOf(bf)) {
    for (const claim of index.facts.claims.values()) {
      const root = claim.event === undefined ? undefined : index.roots.get(claim.event);
      if (root !== undefined && isClaimValue(figure, claim)) claimed.add(root);
    }
  }
  // The dates are read only if some event is not placed already by a figure or a year.
  let placers: Placer[] | undefined;
  const found: string[] = [];
  for (const root of rootEvents(index)) {
    if (claimed.has(root.event.id) || named(root.year) || named(root.endYear)) found.push(root.event.id);
    else if ((placers ??= placersOf(bf.dates)).some((placer) => places(placer, root))) found.push(root.event.id);
  }
  return found;
});

/** The outermost events (root ids) a draft's own date (front matter `date:`) places it at, as a written date would. */
export function timeframeOfDate(index: FactIndex, date: DateMention | undefined): string[] {
  const placer = date && placerOf(date);
  if (placer === undefined) return [];
  return rootEvents(index)
    .filter((root) => places(placer, root))
    .map((root) => root.event.id);
}

/** The outermost events (root ids) a draft places in time: those any of its blocks does. */
export function draftTimeframe(blocks: readonly BlockFacts[]): ReadonlySet<string> {
  const found = new Set<string>();
  for (const bf of blocks) for (const id of timeframeOf(bf)) found.add(id);
  return found;
}
