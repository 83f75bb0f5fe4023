import type { Event, Person } from '../facts/types.js';
import type { Span } from '../markdown/prose.js';
import { itemsIn, type BlockFacts } from './analyse.js';
import { intervalOf } from './dates.js';
import { counterEvidence, family, timeShift, yearsIn } from './evidence.js';

/** The days an office title in a sentence is judged on, or why it is not judged. */
export type OfficeDays = { days: [string, string][]; reason?: undefined } | { days: []; reason: string };

const cache = new WeakMap<Span, Map<string, OfficeDays>>();

/**
 * The days a sentence gives evidence for, on which the office it gives a person is judged:
 * - the dates and years written in it, together with the events and dated documents it names (a title may be
 *   meant for any of them);
 * - else the events and the dated documents it names, unless it shows it is about another time or place;
 * - else the events its paragraph names that one of the people it names took part in, unless it shows it is about
 *   another time or place;
 * - else the draft's default event, when the sentence names two of its participants and nothing speaks against it
 *   (nor does its paragraph name only other events).
 * Otherwise none: the title is not judged, and `reason` says why.
 */
export function officeDays(bf: BlockFacts, sentence: Span, person: Person): OfficeDays {
  let byPerson = cache.get(sentence);
  if (!byPerson) cache.set(sentence, (byPerson = new Map()));
  let found = byPerson.get(person.id);
  if (!found) byPerson.set(person.id, (found = find(bf, sentence, person)));
  return found;
}

/**
 * The events a sentence names. A phrase counts even where the only person the sentence names is the titled one,
 * who may not have taken part ("the foreign minister, X, did not attend the talks"): whether they did is what
 * the title is about, not a sign that the sentence speaks of another occasion.
 */
function eventsNamed(bf: BlockFacts, sentence: Span, person: Person): Event[] {
  const events = bf.eventsIn(sentence);
  if (events.length > 0 || !itemsIn(bf.names, sentence).every((n) => n.form.entity === person)) return events;
  return [...new Set(itemsIn(bf.eventPhrases, sentence).flatMap((m) => m.values))];
}

function find(bf: BlockFacts, sentence: Span, person: Person): OfficeDays {
  const fallback = bf.index.facts.defaultEvent === undefined ? undefined : bf.index.facts.events.get(bf.index.facts.defaultEvent);
  const year = Number((bf.eventsIn(sentence)[0] ?? fallback)?.start.slice(0, 4) ?? new Date().getUTCFullYear());
  const written = [
    ...itemsIn(bf.dates, sentence).map((d) => intervalOf(d, year)).filter((i) => i !== undefined),
    ...yearsIn(bf, sentence).map((y): [string, string] => [`${y.year}-01-01`, `${y.year}-12-31`]),
  ];
  const events = eventsNamed(bf, sentence, person);
  const dated: [string, string][] = [
    ...events.map((e): [string, string] => [e.start, e.end]),
    ...itemsIn(bf.documents, sentence).flatMap((m) => (m.values.length === 1 && m.values[0]!.date ? [[m.values[0]!.date, m.values[0]!.date] as [string, string]] : [])),
  ];
  if (written.length > 0) return { days: [...written, ...dated] };
  const shift = timeShift(bf, sentence);
  if (shift) return { days: [], reason: `the sentence gives no date and says "${shift}"` };
  if (dated.length > 0) {
    const reason = events[0] && counterEvidence(bf, sentence, events[0]);
    return reason ? { days: [], reason } : { days: dated };
  }
  const people = new Set(itemsIn(bf.names, sentence).filter((n) => n.form.kind === 'person').map((n) => n.form.entity.id));
  const took = (e: Event) => [...people].filter((id) => bf.index.eventPeople.get(e.id)?.has(id)).length;
  const inBlock = bf.eventsIn({ start: 0, end: bf.text.length });
  const context = inBlock.filter((e) => took(e) > 0 && !counterEvidence(bf, sentence, e));
  if (context.length > 0) return { days: context.map((e): [string, string] => [e.start, e.end]) };
  if (!fallback) return { days: [], reason: 'the sentence gives no date and names no event' };
  const own = new Set(family(bf.index.facts, fallback));
  const elsewhere = inBlock.find((e) => !own.has(e));
  if (elsewhere && !inBlock.some((e) => own.has(e))) {
    return { days: [], reason: `the sentence gives no date, and its paragraph is about ${elsewhere.name}` };
  }
  if (took(fallback) < 2) return { days: [], reason: `the sentence gives no date and names neither ${fallback.name} nor two of its participants` };
  const reason = counterEvidence(bf, sentence, fallback);
  return reason ? { days: [], reason } : { days: [[fallback.start, fallback.end]] };
}
