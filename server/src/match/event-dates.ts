import type { Document, Event } from '../facts/types.js';
import type { Span } from '../markdown/prose.js';
import { inside, itemsIn, perReading, type BlockFacts } from './analyse.js';
import { dateOfDay, dayIntervalOf, dayNumber, isDayPrecise, type DateMention } from './dates.js';
import { counterEvidence } from './counter-evidence.js';
import { isDateline } from './dateline.js';
import { clauseOf, establishes, topicsAt, withinReach, type Strength } from './evidence.js';
import { meetingsNamedBy } from './meetings.js';
import { countedWeekday } from './relative-days.js';
import type { PhraseMatch } from './phrases.js';

// Which event a written date is about, for the rules that judge dates and weekdays against the fact base.

/** A dated thing a sentence names: an event, or a document with a date of its own. */
interface Anchor {
  start: string;
  end: string;
  event?: Event;
  /** Whether the sentence names the event itself: by a phrase near the date, or by who took part. */
  phrased?: boolean;
  /** How the sentence establishes the event (see match/evidence.ts). */
  strength?: Strength;
}

/** Words that put a date in relation to an event rather than on it ("before 1 March", "by 3 March", "until 10 March"). */
const RELATION = /\b(?:before|after|by|since|until|till|prior to|ahead of|following|earlier than|later than)\s+$/i;

/** The interval (day numbers) a mention covers in the year (or years) an anchor supplies, the first that fits, else the first. */
function intervalFor(mention: DateMention, anchor: Anchor): [number, number] | undefined {
  return intervalIn(mention, anchor, dayNumber(anchor.start), dayNumber(anchor.end));
}

/** {@link intervalFor}, given the anchor's first and last days (day numbers). */
function intervalIn(mention: DateMention, anchor: Anchor, first: number, last: number): [number, number] | undefined {
  const firstYear = Number(anchor.start.slice(0, 4));
  const lastYear = Number(anchor.end.slice(0, 4));
  const inFirst = dayIntervalOf(mention, firstYear);
  if (inFirst && fitsInterval(mention, inFirst, first, last)) return inFirst;
  const inLast = lastYear === firstYear ? undefined : dayIntervalOf(mention, lastYear);
  if (inLast && fitsInterval(mention, inLast, first, last)) return inLast;
  return inFirst ?? inLast;
}

/** Whether a mention fits an anchor (an event's days, or a document's) in the year or years it supplies. */
function fitsAnchor(mention: DateMention, anchor: Anchor): boolean {
  const first = dayNumber(anchor.start);
  const last = dayNumber(anchor.end);
  return fitsInterval(mention, intervalIn(mention, anchor, first, last) ?? [first, last], first, last);
}

/** Whether an interval fits an anchor's days (`first` to `last`): within them for a day, meeting them for a month. */
function fitsInterval(mention: DateMention, [start, end]: [number, number], first: number, last: number): boolean {
  return isDayPrecise(mention) ? first <= start && end <= last : start <= last && first <= end;
}

/** Words right before an event's phrase that set the sentence in relation to it ("after the visit", "before his talks"). */
const RELATIVE_TO =
  /\b(?:after|before|following|since|until|ahead of|prior to)\s+(?:(?:the|his|her|its|their|this|that)\s+)?(?:\p{Lu}[\p{L}-]*['\u2019]s\s+)?$/iu;

/** An infinitive or a future: what follows is the thing planned ("to visit", "will travel"). */
const FUTURE = /\b(?:to|will|would|shall)\s+\p{L}+/u;

/** Words that, standing between a date and an event phrase, say the date is another day ("on 12 March, after the visit"). */
const APART = /\b(?:after|before|since|following|prior to|ahead of|earlier|later)\b/i;

/** What one sentence names, found once per sentence and shared by the date rules. */
interface Named {
  events: Event[];
  phrases: PhraseMatch<Event>[];
  documents: PhraseMatch<Document>[];
  /** The meetings it names by who took part (match/meetings.ts), found when first asked (see meetingsIn). */
  meetings?: Event[];
}
/** What each sentence of a block names, by its start; per reading (the events in it depend on the draft's timeframe). */
const namedBySentence = perReading(() => new Map<number, Named>());

function named(bf: BlockFacts, sentence: Span): Named {
  const bySentence = namedBySentence(bf);
  let found = bySentence.get(sentence.start);
  if (!found) {
    found = {
      events: bf.eventsIn(sentence),
      phrases: itemsIn(bf.eventPhrases, sentence),
      documents: itemsIn(bf.documents, sentence),
    };
    bySentence.set(sentence.start, found);
  }
  return found;
}

/** The meetings a sentence names by who took part; only a date no phrase of theirs belongs to asks. */
function meetingsIn(bf: BlockFacts, sentence: Span): Event[] {
  const found = named(bf, sentence);
  found.meetings ??= meetingsNamedBy(bf.index, bf.text, itemsIn(bf.names, sentence), () => itemsIn(bf.tokens, sentence));
  return found.meetings;
}

/** Each date of a block with its sentence and its index among the block's dates, in one pass; a dateline is none. */
export function* datesBySentence(bf: BlockFacts): Generator<[DateMention, Span, number]> {
  const sentences = bf.block.sentences;
  let s = 0;
  for (let i = 0; i < bf.dates.length; i++) {
    const mention = bf.dates[i]!;
    if (isDateline(bf, mention)) continue;
    while (s < sentences.length && sentences[s]!.end <= mention.start) s++;
    if (s < sentences.length && inside(mention, sentences[s]!)) yield [mention, sentences[s]!, i];
  }
}

/**
 * The events a sentence names that a date or weekday in it may be about: those the sentence establishes without it
 * (see match/evidence.ts), not those named only apart from it, nor those it sets itself after or before ("on 3 March,
 * after the visit"); each with how it is established.
 */
export function resolvedAbout(bf: BlockFacts, sentence: Span, span: Span): { event: Event; strength: Strength }[] {
  const topics = topicsAt(bf, sentence);
  return notApart(bf, sentence, span).flatMap((event) => {
    const strength = establishes(bf, sentence, event, topics, span);
    return strength ? [{ event, strength }] : [];
  });
}

/**
 * The events a sentence names that a span in it may be about before asking whether the sentence establishes them
 * (the costly part, asked last): not those named only apart from it, nor those it sets itself after or before.
 */
function notApart(bf: BlockFacts, sentence: Span, span: Span): Event[] {
  const { events, phrases } = named(bf, sentence);
  const apart = (event: Event) => {
    const naming = phrases.filter((m) => m.values.includes(event));
    return (
      naming.length > 0 &&
      (naming.every((m) => APART.test(m.end <= span.start ? bf.text.slice(m.end, span.start) : bf.text.slice(span.end, m.start))) ||
        naming.some((m) => RELATIVE_TO.test(bf.text.slice(Math.max(sentence.start, m.start - 40), m.start))))
    );
  };
  // An announcement or plan is not dated by the date of what it announces ("plans to visit Iran in March").
  const planned = (event: Event) =>
    event.kind === 'announcement' &&
    phrases.some((m) => m.values.includes(event) && m.start < span.start && FUTURE.test(bf.text.slice(m.start, span.start)));
  return events.filter((e) => !apart(e) && !planned(e));
}

/** The events a date or weekday in a sentence may be about (see {@link resolvedAbout}). */
export function eventsAbout(bf: BlockFacts, sentence: Span, span: Span): Event[] {
  return resolvedAbout(bf, sentence, span).map((r) => r.event);
}

/** Characters between two spans (0 when they touch or overlap). */
function gap(a: Span, b: Span): number {
  return Math.max(0, b.start - a.end, a.start - b.end);
}

/**
 * The events a date may be about, and the dated documents its sentence names (a date may be about either).
 * Where a sentence has several dates, a phrase belongs to the date nearest it ("appointed on 11 March 2023,
 * visited Minsk in August 2024": the appointment is not about August 2024). A meeting named by its participants
 * is named by the whole sentence, so it stays a candidate for every date in it ("talks with Xi on 3 March 2023,
 * or on 2 March 2023").
 */
const anchorsByMention = perReading(() => new Map<DateMention, Anchor[]>());

function anchors(bf: BlockFacts, sentence: Span, mention: DateMention): Anchor[] {
  // The date rules each ask about the same dates: what a date is about is worked out once per block and topics
  // (the same text read after other text may be about other events).
  const byMention = anchorsByMention(bf);
  let found = byMention.get(mention);
  if (!found) byMention.set(mention, (found = findAnchors(bf, sentence, mention)));
  return found;
}

function findAnchors(bf: BlockFacts, sentence: Span, mention: DateMention): Anchor[] {
  const topics = topicsAt(bf, sentence);
  const events: Anchor[] = [];
  for (const candidate of candidates(bf, sentence, mention)) {
    const strength = establishes(bf, sentence, candidate.event!, topics, mention);
    if (strength) events.push({ ...candidate, strength });
  }
  return [...events, ...documentAnchors(bf, sentence, mention)];
}

/** Whether a phrase of a sentence belongs to a date in it rather than to another of its dates (see {@link anchors}). */
function owner(bf: BlockFacts, sentence: Span, mention: DateMention): (phrase: Span) => boolean {
  const { phrases } = named(bf, sentence);
  // A date inside an event's phrase is part of its name ("the March visit"), not a date other phrases belong to.
  const dates = itemsIn(bf.dates, sentence).filter(
    (d) => d.from && (d === mention || !phrases.some((m) => m.start <= d.start && d.end <= m.end)),
  );
  return (m: Span) => dates.length < 2 || dates.every((d) => d === mention || gap(m, mention) <= gap(m, d));
}

/**
 * The events a date may be about (see {@link anchors}) before asking how the sentence establishes them: named by a
 * phrase that belongs to the date, by who took part, or by no phrase at all.
 */
function candidates(bf: BlockFacts, sentence: Span, mention: DateMention): Anchor[] {
  const { phrases } = named(bf, sentence);
  const events = notApart(bf, sentence, mention);
  if (events.length === 0) return [];
  const mine = owner(bf, sentence, mention);
  return events.flatMap((event) => {
    const naming = phrases.filter((m) => m.values.includes(event));
    const phrased = naming.some(mine) || meetingsIn(bf, sentence).includes(event);
    return naming.length === 0 || phrased ? [{ start: event.start, end: event.end, event, phrased }] : [];
  });
}

/** The dated documents a sentence names by a phrase that belongs to a date in it, as anchors. */
function documentAnchors(bf: BlockFacts, sentence: Span, mention: DateMention): Anchor[] {
  const { documents } = named(bf, sentence);
  if (documents.length === 0) return [];
  return documents
    .filter(owner(bf, sentence, mention))
    .flatMap((m) => m.values.flatMap((doc) => (doc.date ? [{ start: doc.date, end: doc.date }] : [])));
}

/** How alike a written interval (day numbers) and an event are: shared days over all days (0 when apart). */
function likeness([start, end]: [number, number], event: Event): number {
  const first = dayNumber(event.start);
  const last = dayNumber(event.end);
  const shared = Math.min(end, last) - Math.max(start, first) + 1;
  const all = Math.max(end, last) - Math.min(start, first) + 1;
  return Math.max(0, shared) / all;
}

/**
 * The event a date in a sentence contradicts: the sentence names events, the date fits none of them (nor any
 * dated document it names), and it is not set in relation to them ("before 1 March"). Of the events, the one most
 * like the date; on a tie, one a phrase names, then a range for a range, then the nearest in time, else the most specific.
 */
export function contradicted(bf: BlockFacts, sentence: Span, mention: DateMention): Event | undefined {
  // Only an event the date does not fit, within reach of it, can be contradicted (see findContradicted): most dates
  // fit the events their sentence names, or lie far from them, or their sentence names none. That is asked first.
  if (!mention.from || !bf.eventsIn(sentence).some((e) => !fitsAnchor(mention, e) && withinReach(mention, e, 'strong'))) return undefined;
  if (RELATION.test(bf.text.slice(Math.max(0, mention.start - 16), mention.start)) || termOfOffice(bf, mention)) return undefined;
  // The date rules each ask about the same dates: worked out once per block and topics.
  const byMention = contradictedByMention(bf);
  let found = byMention.get(mention);
  if (found === undefined) byMention.set(mention, (found = findContradicted(bf, sentence, mention) ?? null));
  return found ?? undefined;
}

/** What {@link contradicted} found for each date of a block (null for none); per reading, as the anchors are. */
const contradictedByMention = perReading(() => new Map<DateMention, Event | null>());

/**
 * The anchors of {@link anchors}, asked lazily: a date that fits a document or an established event contradicts
 * nothing, and an event too far from the date to be judged against it need not be established at all. Establishing
 * (match/evidence.ts) is the costly part: it is asked last, and only as far as the answer needs.
 */
function findContradicted(bf: BlockFacts, sentence: Span, mention: DateMention): Event | undefined {
  const fits = (a: Anchor) => fitsAnchor(mention, a);
  const anchored = candidates(bf, sentence, mention);
  if (anchored.length === 0) return undefined;
  if (documentAnchors(bf, sentence, mention).some(fits)) return undefined;
  const fitting = anchored.filter(fits);
  // A date far from every event the sentence establishes is about another occasion: it is not judged. No strength of
  // evidence reaches further than "strong" (see withinReach): an event beyond it need not be established. A date that
  // only events it fits could be judged against contradicts nothing, whichever of them the sentence establishes.
  const range = mention.to !== undefined;
  const score = ({ event: e, phrased }: Anchor) => {
    const written = intervalFor(mention, e!)!;
    const apart = Math.min(1e5, Math.abs(written[0] - dayNumber(e!.start))); // days, for the last tie-break
    return likeness(written, e!) + (phrased ? 0.002 : 0) + ((e!.start !== e!.end) === range ? 0.001 : 0) - apart * 1e-9;
  };
  const ranked = anchored
    .filter((a) => !fitting.includes(a) && withinReach(mention, a.event!, 'strong'))
    .map((a) => ({ event: a.event!, score: score(a) }));
  if (ranked.length === 0) return undefined;
  const topics = topicsAt(bf, sentence);
  if (fitting.some((a) => establishes(bf, sentence, a.event!, topics, mention))) return undefined;
  // Of the others, the one most like the date that the sentence establishes within reach: asked best first (a stable
  // sort keeps the first of equals), so that the rest need not be established.
  ranked.sort((x, y) => y.score - x.score);
  for (const { event } of ranked) {
    const strength = establishes(bf, sentence, event, topics, mention);
    if (strength && withinReach(mention, event, strength)) return event;
  }
  return undefined;
}

/** A date of a term of office, just after an office's title ("prime minister from April 2028 until 20 May 2031"). */
function termOfOffice(bf: BlockFacts, mention: DateMention): boolean {
  const before = bf.text.slice(Math.max(0, mention.start - 12), mention.start);
  if (!/\b(?:from|until|till|since|to|between)\s+$/i.test(before)) return false;
  const word = bf.text.slice(0, mention.start).replace(/\s*\b(?:from|until|till|since|to|between)\s+$/i, '').length;
  return itemsIn(bf.offices, { start: Math.max(0, word - 80), end: word }).some((o) => o.end === word);
}

/** The year a mention takes: its own, else that of the first thing its sentence names that it fits, else none. */
export function yearOf(bf: BlockFacts, sentence: Span, mention: DateMention): number | undefined {
  if (mention.from?.year !== undefined) return mention.from.year;
  for (const a of anchors(bf, sentence, mention)) {
    const first = dayNumber(a.start);
    const last = dayNumber(a.end);
    const interval = intervalIn(mention, a, first, last);
    if (interval && fitsInterval(mention, interval, first, last)) return dateOfDay(interval[0])[0];
  }
  return undefined;
}

/**
 * The end of a several-day event a sentence speaks of, if it says which ("the visit began on…" → its first day);
 * a single date written for such an event is only fixed when it does.
 */
export function endMeant(bf: BlockFacts, sentence: Span, event: Event): string | undefined {
  const text = bf.text.slice(sentence.start, sentence.end);
  const first = /\b(?:began|begun|begins|started|starts|opened|opens|arrived|arrives|arrival)\b/i.test(text);
  const last = /\b(?:ended|ends|concluded|concludes|closed|closes|finished|left|leaves|departed|departs|departure)\b/i.test(text);
  return first === last ? undefined : first ? event.start : event.end;
}

/** Why a date was not judged against the events its sentence names. */
export type Abstention =
  | { why: 'far'; event: Event }
  | { why: 'elsewhere'; against: string[] }
  | { why: 'unsaid'; events: Event[] }
  | { why: 'undated'; events: Event[] };

/**
 * Why a date or weekday in a sentence that names a known event's phrase or people was not judged, if it was not:
 * the date lies far from the event, the sentence points elsewhere, or it does not say which event it means.
 * Undefined when it was judged (right or wrong) or names no known event at all.
 */
export function abstention(bf: BlockFacts, sentence: Span, mention: DateMention): Abstention | undefined {
  // Every event a phrase of the sentence names, even where its people rule it out ("Putin paid a state visit").
  const { events: named_, phrases } = named(bf, sentence);
  const events = [...new Set([...named_, ...phrases.flatMap((m) => m.values)])];
  if (isDateline(bf, mention) || countedWeekday(bf, mention)) return undefined;
  if (events.length === 0 || RELATION.test(bf.text.slice(Math.max(0, mention.start - 16), mention.start))) return undefined;
  const all = anchors(bf, sentence, mention);
  if (mention.from && all.some((a) => fitsAnchor(mention, a))) return undefined;
  if (mention.from && contradicted(bf, sentence, mention)) return undefined;
  const resolved = all.filter((a) => a.event);
  if (!mention.from && resolved.some((a) => a.strength !== 'people')) return undefined;
  const far = mention.from ? resolved.find((a) => !withinReach(mention, a.event!, a.strength!)) : undefined;
  if (far) return { why: 'far', event: far.event! };
  const clause = clauseOf(bf, sentence, mention);
  const against = [...new Set(events.flatMap((e) => counterEvidence(bf, e, clause, [mention]).map((c) => c.text)))];
  if (against.length > 0) return { why: 'elsewhere', against };
  return events.every((e) => !bf.inTimeframe(e)) ? { why: 'undated', events } : { why: 'unsaid', events };
}
