import type { Event } from '../facts/types.js';
import type { Span } from '../markdown/prose.js';
import { itemsIn, type BlockFacts } from './analyse.js';
import { intervalOf } from './dates.js';

/** The event a draft is about when a sentence names none (if the draft places itself at its time). */
export function defaultEvent(bf: BlockFacts): Event | undefined {
  return bf.defaultEvent;
}

/** The year to supply to a date written without one: that of the first event the sentence names, else the default event's. */
export function yearFor(bf: BlockFacts, span: Span): number {
  const event = bf.eventsIn(span)[0] ?? defaultEvent(bf);
  return event ? Number(event.start.slice(0, 4)) : new Date().getUTCFullYear();
}

/**
 * The days a span speaks of, as inclusive ISO intervals: the dates written in it; else the events it names;
 * else the events its block names; else the draft's default event.
 */
export function datesInQuestion(bf: BlockFacts, span: Span): [string, string][] {
  const year = yearFor(bf, span);
  const written = itemsIn(bf.dates, span)
    .map((d) => intervalOf(d, year))
    .filter((i) => i !== undefined);
  if (written.length > 0) return written;
  const events = bf.eventsIn(span);
  if (events.length > 0) return events.map((e) => [e.start, e.end]);
  const inBlock = bf.eventsIn({ start: 0, end: bf.text.length });
  if (inBlock.length > 0) return inBlock.map((e) => [e.start, e.end]);
  const fallback = defaultEvent(bf);
  return fallback ? [[fallback.start, fallback.end]] : [];
}
