import { formatFactDate } from '../facts/dates.js';
import type { Event } from '../facts/types.js';
import type { Span } from '../markdown/prose.js';
import { itemsIn, type BlockFacts } from '../match/analyse.js';
import { intervalOf, MONTH_NAMES } from '../match/dates.js';
import type { RuleFinding } from './rule.js';

/** "1 March 2023" for an ISO date; "March 2013" or "2013" for a fact-base date known only to the month or year. */
export function formatDate(date: string): string {
  if (date.length !== 10) return formatFactDate(date);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTH_NAMES[m - 1]} ${y}`;
}

/** "1 March 2023", "1–2 March 2023" or "28 February – 2 March 2023". */
export function formatRange(start: string, end: string): string {
  if (start === end) return formatDate(start);
  const [y1, m1, d1] = start.split('-').map(Number) as [number, number, number];
  const [y2, m2] = end.split('-').map(Number) as [number, number];
  if (y1 === y2 && m1 === m2) return `${d1}\u2013${formatDate(end)}`;
  if (y1 === y2) return `${d1} ${MONTH_NAMES[m1 - 1]} \u2013 ${formatDate(end)}`;
  return `${formatDate(start)} \u2013 ${formatDate(end)}`;
}

/** When an event took place: "1–2 March 2023", or as written when only its month or year is known ("March 2013"). */
export function formatEventDates(event: Event): string {
  if (event.precision === 'day') return formatRange(event.start, event.end);
  const { start, end } = event.written;
  return start === end ? formatFactDate(start) : `${formatFactDate(start)} \u2013 ${formatFactDate(end)}`;
}

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
  const written = itemsIn(bf.dates, span).map((d) => intervalOf(d, year)).filter((i) => i !== undefined);
  if (written.length > 0) return written;
  const events = bf.eventsIn(span);
  if (events.length > 0) return events.map((e) => [e.start, e.end]);
  const inBlock = bf.eventsIn({ start: 0, end: bf.text.length });
  if (inBlock.length > 0) return inBlock.map((e) => [e.start, e.end]);
  const fallback = defaultEvent(bf);
  return fallback ? [[fallback.start, fallback.end]] : [];
}

/** Iterates every sentence of every block. */
export function* sentences(blocks: BlockFacts[]): Generator<[BlockFacts, Span]> {
  for (const bf of blocks) for (const sentence of bf.block.sentences) yield [bf, sentence];
}

/** A finding on a row's text moved onto its cell. */
export function ontoCell(finding: RuleFinding, cell: BlockFacts, offset: number): RuleFinding {
  if (offset === 0 && finding.block === cell) return finding;
  return {
    ...finding, block: cell, start: finding.start - offset, end: finding.end - offset,
    ...(finding.fixes ? { fixes: finding.fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, start: e.start - offset, end: e.end - offset })) })) } : {}),
  };
}

const GENERIC = /^(?:talks|meeting|signing|ceremony|summit|visit|vote|appointment|arrival|departure|publication|announcement|official|ministerial|preparatory|bilateral|joint|state|working|welcome)$/i;

/** An event's name as it reads after "of" or "for": "the talks between…", "X's state visit…", "the Ruritania summit". */
export function eventLabel(event: Event): string {
  const [first = ''] = event.name.split(' ');
  if (first === 'The') return `the${event.name.slice(3)}`;
  if (GENERIC.test(first)) return `the ${first.toLowerCase()}${event.name.slice(first.length)}`;
  for (const word of event.name.split(' ')) {
    if (/['\u2019]s$/.test(word)) return event.name;
    if (word[0] === word[0]?.toLowerCase()) break;
  }
  return `the ${event.name}`;
}
