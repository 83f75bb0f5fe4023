import type { Document, Event, Person } from '../facts/types.js';
import type { Span } from '../markdown/prose.js';
import { itemsIn, perBlock, perReading, type BlockFacts } from './analyse.js';
import { dayNumber, intervalOf, MONTH_NAMES, weekdayOf } from './dates.js';
import { isMeetingVerb } from './meetings.js';
import { relativeDays, weekdayShift } from './relative-days.js';
import { tokenAt } from './tokens.js';
import { pointsElsewhere, family, timeShift, yearsIn } from './elsewhere.js';
import { affirmedNotHeld, CHANGE, countriesOf, holdersDuring, isShared, type TitledName } from './titles.js';

/** The days an office title in a sentence is judged on, or why it is not judged. */
export type OfficeDays = { days: [string, string][]; reason?: undefined } | { days: []; reason: string };

/**
 * What `officeDays` found, by how the block was read ({@link daysReading}), then by sentence, person and "then": kept
 * with the block's text, since readings after other topics alone give the same days.
 */
const daysFound = perBlock(() => new Map<string, Map<string, OfficeDays>>());

/**
 * What of a reading of a block the days depend on: the draft's timeframe (the events it may name, the default event)
 * and the dateline it carries (a day counted from it). Not the topics before it: no day is taken from them.
 */
const daysReading = perReading(
  (bf) =>
    `${bf.timeframe === undefined ? '*' : [...bf.timeframe].sort().join(' ')}\u0000${bf.carried.dateline?.text ?? ''}\u0001${bf.carried.draftDate?.text ?? ''}`,
);

/**
 * The days a sentence gives evidence for, on which the office it gives a person is judged:
 * - the dates and years written in it, together with the events and dated documents it names (a title may be
 *   meant for any of them), but not a meeting it names only by its people and says took place far from then;
 * - else the events and the dated documents it names, unless it shows it is about another time or place;
 * - else, unless it speaks of its own time (present or future tense, "when"): the events its paragraph names that
 *   one of the people it names took part in, unless it shows it is about another time or place;
 * - else the time its paragraph has reached: the days of the nearest sentence before it that gives its own (see
 *   `carriedDays`);
 * - else the draft's default event, when the sentence names two of its participants and nothing speaks against it
 *   (nor does its paragraph name only other events).
 * Otherwise none: the title is not judged, and `reason` says why. A title with "then" ("X, then premier,") speaks of
 * the sentence's own time: it is judged on the first two, or on the time its paragraph has reached.
 */
export function officeDays(bf: BlockFacts, sentence: Span, person: Person, then = false): OfficeDays {
  const byReading = daysFound(bf);
  const reading = daysReading(bf);
  let byPerson = byReading.get(reading);
  if (!byPerson) byReading.set(reading, (byPerson = new Map()));
  const key = `${sentence.start}\u0000${person.id}${then ? '\u0000then' : ''}`;
  let days = byPerson.get(key);
  if (!days) byPerson.set(key, (days = find(bf, sentence, person, then)));
  return days;
}

/** Whether a document's date may be the sentence's: the draft places itself at the event it was signed at. */
function documentInTimeframe(bf: BlockFacts, doc: Document): boolean {
  const event = doc.event === undefined ? undefined : bf.index.facts.events.get(doc.event);
  return !event || bf.inTimeframe(event);
}

/**
 * The events a sentence names. A phrase counts even where the only person the sentence names is the titled one,
 * who may not have taken part ("the foreign minister, X, did not attend the talks"): whether they did is what
 * the title is about, not a sign that the sentence speaks of another occasion.
 */
function eventsNamed(bf: BlockFacts, sentence: Span, person: Person): Event[] {
  const events = bf.eventsIn(sentence);
  if (events.length > 0 || !itemsIn(bf.names, sentence).every((n) => n.form.entity === person)) return events;
  return [...new Set(itemsIn(bf.eventPhrases, sentence).flatMap((m) => m.values))].filter((e) => bf.inTimeframe(e));
}

function find(bf: BlockFacts, sentence: Span, person: Person, then: boolean): OfficeDays {
  const fallback = bf.defaultEvent;
  const own = ownDays(bf, sentence, eventsNamed(bf, sentence, person));
  if (own) return own;
  if (then) {
    const carried = carriedDays(bf, sentence);
    return carried
      ? { days: carried }
      : { days: [], reason: 'the title says "then", and neither the sentence nor its paragraph before it gives a date or event' };
  }
  const people = new Set(
    itemsIn(bf.names, sentence)
      .filter((n) => n.form.kind === 'person')
      .map((n) => n.form.entity.id),
  );
  const took = (e: Event) => [...people].filter((id) => bf.index.eventPeople.get(e.id)?.has(id)).length;
  const inBlock = bf.eventsIn({ start: 0, end: bf.text.length });
  const ownTime = OWN_TIME.exec(bf.text.slice(sentence.start, sentence.end))?.[0];
  if (ownTime)
    return { days: [], reason: `the sentence gives no date and says "${ownTime}": it speaks of its own time, not its paragraph's` };
  const context = inBlock.filter((e) => took(e) > 0 && !pointsElsewhere(bf, sentence, e));
  if (context.length > 0)
    return {
      days: counted(
        bf,
        sentence,
        context.map((e): [string, string] => [e.start, e.end]),
      ),
    };
  const carried = carriedDays(bf, sentence);
  if (carried) return { days: carried };
  if (!fallback) return { days: [], reason: 'the sentence gives no date and names no event' };
  const kin = new Set(family(bf.index, fallback));
  const elsewhere = inBlock.find((e) => !kin.has(e));
  if (elsewhere && !inBlock.some((e) => kin.has(e))) {
    return { days: [], reason: `the sentence gives no date, and its paragraph is about ${elsewhere.name}` };
  }
  if (took(fallback) < 2)
    return { days: [], reason: `the sentence gives no date and names neither ${fallback.name} nor two of its participants` };
  const reason = pointsElsewhere(bf, sentence, fallback);
  return reason ? { days: [], reason } : { days: [[fallback.start, fallback.end]] };
}

/**
 * The days a sentence gives of its own: the dates and years written in it, with the events and dated documents it
 * names; else those events and documents, unless it shows it is about another time or place. Undefined when it
 * gives none and says nothing of another time (so its paragraph may give them).
 */
function ownDays(bf: BlockFacts, sentence: Span, named: Event[]): OfficeDays | undefined {
  const fallback = bf.defaultEvent;
  // A date without a year takes that of an event the sentence names, else the default event's if it then falls in it.
  const year = Number((named[0] ?? fallback)?.start.slice(0, 4) ?? new Date().getUTCFullYear());
  const dates = itemsIn(bf.dates, sentence).filter((d) => d.from);
  const placed = dates.flatMap((d) => {
    const i = intervalOf(d, year);
    // With neither, its year is unknown: the current year would be a guess.
    const sure =
      d.from?.year !== undefined ||
      named.length > 0 ||
      (fallback !== undefined && i !== undefined && i[0] <= fallback.end && fallback.start <= i[1]);
    return i && sure ? [i] : [];
  });
  const written = [...placed, ...yearsIn(bf, sentence).map((y): [string, string] => [`${y.year}-01-01`, `${y.year}-12-31`])];
  if (written.length === 0 && dates.length > 0)
    return { days: [], reason: 'the sentence gives a date without a year, outside the event the draft is about' };
  const events = written.length > 0 ? named.filter((e) => !metAnotherTime(bf, sentence, e, written)) : named;
  // An event whose days hold a date the sentence writes is dated by it: "on 12 December" for talks known only to be
  // in 2023 is the day of those talks, not any day of the year.
  const within = (e: Event) => written.some(([a, b]) => e.start <= a && b <= e.end);
  const dated: [string, string][] = [
    ...events.filter((e) => !within(e)).map((e): [string, string] => [e.start, e.end]),
    ...itemsIn(bf.documents, sentence).flatMap((m) =>
      m.values.length === 1 && m.values[0]!.date && documentInTimeframe(bf, m.values[0]!)
        ? [[m.values[0]!.date, m.values[0]!.date] as [string, string]]
        : [],
    ),
  ];
  if (written.length > 0) return { days: [...written, ...dated] };
  const shift = timeShift(bf, sentence);
  if (shift) return { days: [], reason: `the sentence gives no date and says "${shift}"` };
  if (dated.length > 0) {
    const reason = events[0] && pointsElsewhere(bf, sentence, events[0]);
    return reason ? { days: [], reason } : { days: dated };
  }
  return undefined;
}

/** How far (days) a date may lie from a recorded meeting and still be about it: the same people meet again. */
const MEETING_REACH = 31;

/**
 * Whether a meeting the sentence names only by its people ("he was received by X") is said to take place on a
 * written date far from the recorded one: the sentence speaks of another meeting of the same people.
 */
function metAnotherTime(bf: BlockFacts, sentence: Span, event: Event, written: [string, string][]): boolean {
  if (!/^(?:talks|meeting)$/.test(event.kind) || itemsIn(bf.eventPhrases, sentence).some((m) => m.values.includes(event))) return false;
  const first = tokenAt(bf.tokens, sentence.start);
  if (!itemsIn(bf.tokens, sentence).some((_, k) => isMeetingVerb(bf.tokens, first + k))) return false;
  const near = ([a, b]: [string, string]) =>
    dayNumber(a) - dayNumber(event.end) <= MEETING_REACH && dayNumber(event.start) - dayNumber(b) <= MEETING_REACH;
  return !written.some(near);
}

/** Words of a day counted from another ("the next day", "a day earlier", "yesterday"). */
const RELATIVE_DAY =
  /\b(?:yesterday|today|days?\s+(?:before|after|earlier|later)|weeks?\s+(?:before|after|earlier|later)|(?:next|following|previous|preceding)\s+(?:day|\p{L}+day))\b/iu;

/**
 * The days a sentence without its own date takes from its paragraph, moved by a day it counts from them ("… on 28
 * February. The next day he was received by X."): by the one relative day it writes, counted from the date before
 * it; else (the day it counts from is unclear) widened by a day on either side.
 */
function counted(bf: BlockFacts, sentence: Span, days: [string, string][]): [string, string][] {
  if (!RELATIVE_DAY.test(bf.text.slice(sentence.start, sentence.end))) return days;
  const relative = relativeDays(bf, sentence);
  const one = relative.length === 1 && !relative[0]!.dateline ? relative[0]! : undefined;
  const [by, from, to] = one ? [one.shift, 0, 0] : [0, -1, 1];
  const move = (iso: string, k: number) => new Date((dayNumber(iso) + by + k) * 86_400_000).toISOString().slice(0, 10);
  if (one?.weekday !== undefined) {
    // A weekday ("the following Thursday") is one day: its next (or last) occurrence after (or before) the date it counts from.
    const year = one.reference.from?.year ?? Number(days[0]?.[0].slice(0, 4));
    const [at] = intervalOf(one.reference, year) ?? [];
    if (!at) return days;
    const day = new Date((dayNumber(at) + weekdayShift(weekdayOf(at), one.weekday, one.shift)) * 86_400_000).toISOString().slice(0, 10);
    return [[day, day]];
  }
  return days.map(([a, b]): [string, string] => [move(a, from), move(b, to)]);
}

/** A verb in the present or future tense, or "when": the sentence speaks of its own time, not its paragraph's. */
const OWN_TIME = /\b(?:is|are|has|have|remains|remain|will|shall|when|whenever)\b/i;
/** A verb in the past perfect or the future in the past: a time before or after the one the paragraph has reached. */
const SHIFTED_TENSE = /\b(?:had|would)\b/i;

/**
 * The days the paragraph has reached before a sentence that gives none of its own: those of the nearest sentence
 * before it that gives dates or names events, when no sentence between says it is at another time, the sentence is
 * told in the past tense, tells of no change of office ("took office", "succeeded") and points nowhere else than
 * those events ("On 1 March he met Premier Li Keqiang. … He also called on the speaker of parliament, X.").
 * Undefined otherwise.
 */
function carriedDays(bf: BlockFacts, sentence: Span): [string, string][] | undefined {
  const text = bf.text.slice(sentence.start, sentence.end);
  if (OWN_TIME.test(text) || SHIFTED_TENSE.test(text) || itemsIn(bf.tokens, sentence).some((t) => CHANGE.test(t.lower))) return undefined;
  const spans = bf.block.sentences;
  for (let i = spans.findIndex((s) => s.start === sentence.start) - 1; i >= 0; i--) {
    const before = spans[i]!;
    if (timeShift(bf, before)) return undefined;
    const events = bf.eventsIn(before);
    const days = ownDays(bf, before, events);
    if (days === undefined) continue;
    if (days.reason !== undefined || events.length === 0 || events.some((e) => pointsElsewhere(bf, sentence, e))) return undefined;
    return counted(bf, sentence, days.days);
  }
  return undefined;
}

/**
 * Why the office given to a titled person was not judged, if it was not: the sentence gives no day to judge it on,
 * or the person is not recorded in it then and the fact base does not affirm that they did not hold it (no other
 * holder is recorded for the whole day of an office one person holds at a time, and their offices are not listed
 * in full). Undefined when it was judged (and found held, or reported).
 */
export function notChecked(bf: BlockFacts, titled: TitledName): string | undefined {
  const { person } = titled;
  const found = officeDays(bf, bf.sentenceAt(titled.name.start), person, titled.then);
  if (found.reason !== undefined) return found.reason;
  const tenures = person.offices.filter((t) => titled.offices.some((o) => o.id === t.office));
  if (
    found.days.some(
      (d) =>
        holdersDuring(
          tenures.map((t) => ({ person, ...t })),
          d,
        ).length > 0,
    )
  )
    return undefined;
  const countries = countriesOf(person, bf.index.facts);
  const offices =
    tenures.length > 0
      ? titled.offices.filter((o) => tenures.some((t) => t.office === o.id))
      : titled.offices.filter((o) => o.country !== undefined && countries.has(o.country));
  const open = found.days.find((d) => offices.some((o) => !affirmedNotHeld(bf.index, person, o, d)));
  if (!open || offices.length === 0) return undefined;
  const office = offices.find((o) => !affirmedNotHeld(bf.index, person, o, open))!;
  const when = open[0] === open[1] ? `on ${readable(open[0])}` : `from ${readable(open[0])} to ${readable(open[1])}`;
  return isShared(bf.index, office)
    ? `several people may hold ${office.title} at once, and the fact base does not list every office ${person.name} held`
    : `the fact base records no holder of ${office.title} for the whole time ${when}, and does not list every office ${person.name} held`;
}

/** "1 March 2023" for an ISO date. */
function readable(iso: string): string {
  return `${Number(iso.slice(8, 10))} ${MONTH_NAMES[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
}
