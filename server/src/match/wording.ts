import { formatFactDate, readFactDate } from '../facts/dates.js';
export { formatFactDate, onFactDate } from '../facts/dates.js';
import type { Claim, Event, FactBase } from '../facts/types.js';
import type { BlockFacts } from './analyse.js';
import { MONTH_NAMES, type DateMention } from './dates.js';
import type { Abstention } from './event-dates.js';

// How facts are written in messages and hover cards: shared by the rules and the editor features, so both say the
// same thing in the same words.

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

/**
 * When an event took place: "1–2 March 2023", or as written when only its month or year is known ("March 2013"),
 * with the days of the event it is part of when they are narrower ("December 2023, during 12–13 December 2023").
 */
export function formatEventDates(event: Event): string {
  if (event.precision === 'day') return formatRange(event.start, event.end);
  const { start, end } = event.written;
  const written = start === end ? formatFactDate(start) : `${formatFactDate(start)} \u2013 ${formatFactDate(end)}`;
  return narrowed(event) ? `${written}, during ${formatRange(event.start, event.end)}` : written;
}

/** Whether an event known only to its month or year has been narrowed to the days of the event it is part of. */
export function narrowed(event: Event): boolean {
  if (event.precision === 'day') return false;
  const first = readFactDate(event.written.start);
  const last = readFactDate(event.written.end);
  return 'first' in first && 'last' in last && (event.start > first.first || event.end < last.last);
}

/** "on 1 March 2023", "in 2017" or "during 28 February – 2 March 2023". */
export function onDays([start, end]: [string, string]): string {
  if (start === end) return `on ${formatDate(start)}`;
  const year = start.slice(0, 4);
  if (start === `${year}-01-01` && end === `${year}-12-31`) return `in ${year}`;
  const month = start.slice(0, 8);
  const last = new Date(Date.UTC(Number(year), Number(start.slice(5, 7)), 0)).getUTCDate();
  return start === `${month}01` && end === `${month}${last}`
    ? `in ${formatDate(start).replace(/^1 /, '')}`
    : `during ${formatRange(start, end)}`;
}

const GENERIC =
  /^(?:talks|meeting|signing|ceremony|summit|visit|vote|appointment|arrival|departure|publication|announcement|official|ministerial|preparatory|bilateral|joint|state|working|welcome)$/i;

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

/** How a draft names a person or organisation in a message: its first house form, else its name. */
export function nameOf(facts: FactBase, id: string): string {
  const entity = facts.people.get(id) ?? facts.organisations.get(id);
  return entity ? (entity.preferred[0] ?? entity.name) : id;
}

/** "A and B", "A, B and C". */
export function listing(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** "A. Person (1 May 2020) and B. Person (2 May 2020)" for a claim's claimants. */
export function claimants(facts: FactBase, claim: Claim, dates = true): string {
  return listing(claim.claimedBy.map((a) => `${nameOf(facts, a.by)}${dates && a.date ? ` (${formatDate(a.date)})` : ''}`));
}

/** Why a date was not checked, in words. */
export function notCheckedMessage(bf: BlockFacts, mention: DateMention, reason: Abstention): string {
  const written = bf.text.slice(mention.start, mention.end);
  if (reason.why === 'far') {
    return (
      `Not checked: ${written} is far from ${reason.event.name} (${formatEventDates(reason.event)}); ` + 'it may be about another occasion.'
    );
  }
  if (reason.why === 'elsewhere') return `Not checked: no event in the fact base matches ${[...reason.against, written].join(', ')}.`;
  const names = [...new Set(reason.events.map((e) => e.name))].slice(0, 2).join('; ');
  if (reason.why === 'undated') {
    return `Not checked: the draft gives no date or year that places it at ${names}; it may be about another occasion.`;
  }
  return (
    `Not checked: the sentence does not show that it is about ${names} (it names none of its people, its place, ` +
    'nor an event the text is about).'
  );
}
