import type { Event, EventKind, FactBase } from '../facts/types.js';
import { tokenize } from './tokens.js';

const VISIT = ['visit to', 'visit in', 'stay in', 'trip to'];
const AT = (noun: string) => [`${noun} in`, `${noun} at`];
const VISITS = new Set<EventKind>(['state visit', 'official visit', 'working visit']);
const ENDS = new Set<EventKind>(['arrival', 'departure']);

/** How prose names an event of a kind by its place: the words before the place ("stay in Moscow", "talks at the Kremlin"). */
const BEFORE_PLACE: Partial<Record<EventKind, string[]>> = {
  'state visit': VISIT,
  'official visit': VISIT,
  'working visit': VISIT,
  summit: AT('summit'),
  talks: AT('talks'),
  meeting: AT('meeting'),
  forum: AT('forum'),
  banquet: AT('banquet'),
  'press conference': AT('press conference'),
  'signing ceremony': AT('signing ceremony'),
  arrival: ['arrival in', 'arrival at', 'arrived in', 'arrived at', 'landed in', 'landed at'],
  departure: ['departure from', 'departed from', 'left'],
};

/** The place names of an event's `place`: each comma-separated part that starts with a capital ("Government House", "Moscow"). */
function placeNames(place: string | undefined): string[] {
  return (place ?? '')
    .split(',')
    .map((part) => part.trim().replace(/^(?:\p{Ll}+\s+)+/u, ''))
    .filter((name) => /^\p{Lu}/u.test(name));
}

const key = (phrase: string) =>
  tokenize(phrase)
    .map((t) => t.lower)
    .join(' ');

/**
 * Phrases derived from each event's kind and place, beside those the fact base lists: "visit to Moscow", "stay in
 * Moscow", "trip to Russia" for a state visit to Moscow, Russia; "meeting at Government House" for a meeting at
 * "Government House, Moscow". A part of an event is named only by a place its parent events do not share ("talks at
 * the Kremlin", not "talks in Moscow" for talks during a visit to Moscow). Precision first: a phrase that would name
 * two events, or that the fact base lists for an event, is left out.
 */
export function kindPhrases(facts: FactBase): Map<string, { phrase: string; event: Event }> {
  const listed = new Set<string>();
  for (const event of facts.events.values()) for (const phrase of event.phrases) listed.add(key(phrase));
  const derived = new Map<string, { phrase: string; event: Event } | null>();
  for (const event of facts.events.values()) {
    const nouns = BEFORE_PLACE[event.kind];
    if (!nouns) continue;
    const inherited = new Map<string, string>();
    for (let p = event.parent, depth = 0; p && depth < 50; p = facts.events.get(p)?.parent, depth++) {
      for (const name of placeNames(facts.events.get(p)?.place)) inherited.set(name.toLowerCase(), name);
    }
    // A visit is named by any of its places ("trip to Russia"); another event only by its venue, the first of two or
    // more places ("meeting at Government House", "summit in Samarkand"), since a city sees many meetings. The
    // arrival and departure of a visit are named by the visit's places too ("arrived in Hanoi" for an arrival at the
    // city's airport): a visit is arrived at and left once (two arrivals in one place name neither).
    const names = placeNames(event.place);
    const own = VISITS.has(event.kind) ? names : names.length >= 2 ? names.slice(0, 1) : [];
    const places = own.filter((name) => !inherited.has(name.toLowerCase()));
    if (ENDS.has(event.kind)) places.push(...names.filter((name) => !places.includes(name)), ...inherited.values());
    for (const place of places) {
      for (const noun of nouns) {
        const phrase = `${noun} ${place}`;
        const k = key(phrase);
        if (listed.has(k)) continue;
        const seen = derived.get(k);
        derived.set(k, seen === undefined || seen?.event === event ? { phrase, event } : null);
      }
    }
  }
  const kept = new Map<string, { phrase: string; event: Event }>();
  for (const [k, value] of derived) if (value) kept.set(k, value);
  return kept;
}
