import type { Event } from '../facts/types.js';
import type { Span } from '../markdown/prose.js';
import type { Block } from '../markdown/prose.js';
import { allNamed, BlockFacts, itemsIn } from './analyse.js';
import type { FactIndex } from './compile.js';
import { yearInTitle } from './counts.js';
import { intervalOf, type DateMention } from './dates.js';

// Which known event a sentence is about, from evidence other than the date being checked. Silence is better than a
// false error: a date, weekday or label is judged against an event only when the sentence establishes that event —
//  - "strong": a phrase of the event (or its family) and one of its people in their role (for a visit, the visitor),
//    and nothing that points elsewhere; "placed": a phrase and the event's own place ("the summit in Tallinn");
//  - "people": all the people of a meeting named together, and nothing that points elsewhere;
//  - "context": a phrase of the event, the event is the topic of the text so far (see `topicsAfter`), and nothing
//    in the clause points elsewhere.
// What points elsewhere (counter-evidence): a known person who is not among the event's people, a titled person the
// fact base does not know, a country or city the event does not involve, another named occasion (a summit, a forum,
// a G20), another year, or words of another occurrence ("again", "previous").

export type Strength = 'strong' | 'placed' | 'context';

/** Something in a clause that points away from an event, for the "not checked" messages. */
export interface Counter {
  start: number;
  end: number;
  text: string;
}

/** How far (days) a written date may lie from an event it is judged against: further off, it is about another occasion. */
const REACH: Record<Strength | 'people', number> = { strong: 62, placed: 31, context: 31, people: 31 };

/** Where a sentence divides into clauses that may speak of different occasions. */
const CLAUSE = /;|:\s|\s[\u2014\u2013]\s|,\s+(?=(?:after|before|while|whereas|but|although|though|when|unlike|as|since|until|having)\b)|\s(?=(?:since|whereas|while|although|though|until)\s)/gi;
/** Occasions the fact base may not hold; inside a phrase of the event's own family they are its own. */
const OCCASION = /\b(?:[Ss]ummit|[Ff]orum|(?<!People's |People\u2019s )[Cc]ongress|[Cc]onference|Olympics|Olympic Games|Expo|[Ee]xhibition|[Pp]arade|[Pp]lenum|G\d{1,2}|COP\d{0,2}|[Ee]lections?)\b/g;
/** Words that speak of another occurrence of a kind of event. */
const ANOTHER = /\b(?:again|previous|previously|another|upcoming|(?:next|last|following|previous) (?:year|month|week|time))\b/gi;
/** Titles before a person's name: a titled name the fact base does not know is someone else. */
const TITLED = /\b(?:President|Premier|Prime Minister|Chancellor|King|Queen|Emir|Crown Prince|Sultan|Minister|Secretary(?:-General)?|Chairman|Chairwoman|Vice[- ]President|Ambassador|Senator|Governor|Mayor|Pope|Sheikh|General)\s+(?=\p{Lu}\p{Ll})/gu;
/** A capitalised word that is someone's ("Orbán's") or the subject of a verb of visiting or meeting ("Modi arrived"). */
const UNKNOWN = /\b(\p{Lu}[\p{L}-]+)(?:['\u2019]s\b|\s+(?=(?:visited|arrived|met|paid|held|hosted|travelled|traveled|flew|received|welcomed)\b))/gu;
/** Capitalised words that are not names. */
const COMMON = /^(?:The|This|That|These|Those|It|He|She|They|We|Both|Each|Neither|Either|His|Her|Their|Its|Our|Who|Which|When|Then|There|Here|Later|Earlier|Also|And|But|Officials|Leaders|Delegations|President|Premier|Minister|Chairman|People|State|Party|Government|Republic)$/;
/** Words before a place name that make it where something happens. */
const LOCATIVE = /\b(?:in|to|at|from|near|into|visit(?:ed|ing|s)?|tour(?:ed|ing)?|of)\s+(?:the\s+)?$/i;
/** A role after a country or demonym: someone of that country ("Hungary's prime minister", "Turkish minister"). */
const ROLE_AFTER = /^(?:['\u2019]s)?\s+(?:\p{Lu}\p{L}+\s+|\p{Ll}+\s+)?(?:president|premier|prime minister|minister|leader|king|queen|chancellor|delegation|counterpart|host|guest|envoy|ambassador|officials?|head of state|foreign minister|emir|sultan|monarch)\b/iu;
/** Someone by role and nationality ("the Turkish minister", "Hungary's prime minister"). */
const SOMEONE = /\b\p{Lu}\p{L}+(?:['\u2019]s)?\s+(?:president|premier|prime minister|minister|leader|king|chancellor|delegation|envoy|counterpart)\b/gu;
const NONE: ReadonlySet<string> = new Set();
const YEAR = /\b(?:19|20)\d\d\b/g;
const SINGULAR = /\b(?:[Hh]e|[Hh]is|[Hh]im|[Ss]he|[Hh]er)\b/;
const PRONOUN = /\b(?:[Hh]e|[Hh]is|[Hh]im|[Ss]he|[Hh]er|[Tt]hey|[Tt]heir|[Tt]hem)\b/;

/** The clause of a sentence that contains a span. */
export function clauseOf(bf: BlockFacts, sentence: Span, span: Span): Span {
  let start = sentence.start;
  let end = sentence.end;
  const text = bf.text.slice(sentence.start, sentence.end);
  CLAUSE.lastIndex = 0;
  for (let m = CLAUSE.exec(text); m; m = CLAUSE.exec(text)) {
    const at = sentence.start + m.index;
    if (at + m[0].length <= span.start) start = at + m[0].length;
    else if (at >= span.end) {
      end = at;
      break;
    }
  }
  return { start, end };
}

/** Whether a span lies inside a phrase of one of the event's family. */
function inOwnPhrase(bf: BlockFacts, event: Event, span: Span): boolean {
  const family = bf.index.family.get(event.id);
  return bf.eventPhrases.some((m) => m.start <= span.start && span.end <= m.end && m.values.some((e) => family?.has(e.id)));
}

/**
 * What in a span points away from an event (the date being judged, `except`, aside); words of another occurrence
 * ("again") only when `another`: a sentence that names the event and its people is not moved by them.
 */
export function counterEvidence(bf: BlockFacts, event: Event, span: Span, except: readonly Span[] = [], another = true): Counter[] {
  const key = `counter\u0000${event.id}\u0000${span.start}:${span.end}\u0000${except.map((e) => `${e.start}:${e.end}`).join(',')}\u0000${another}`;
  return bf.memo(key, () => findCounters(bf, event, span, except, another));
}

function findCounters(bf: BlockFacts, event: Event, span: Span, except: readonly Span[], another: boolean): Counter[] {
  const { index, text } = bf;
  const found: Counter[] = [];
  const add = (start: number, end: number) => {
    if (except.every((e) => end <= e.start || start >= e.end)) found.push({ start, end, text: text.slice(start, end) });
  };
  const people = index.eventPeople.get(event.id) ?? new Set<string>();
  const names = itemsIn(bf.names, span);
  // Someone the event did not involve is its counterpart (another meeting), except on a visit whose visitor is named:
  // whom a visitor met is what participant-absent judges.
  const key = visitLike(bf, event) ? keyPeople(bf, event) : undefined;
  const visitor = key !== undefined && names.some((n) => key.has(n.form.entity.id));
  if (!visitor) for (const n of names) if (n.form.kind === 'person' && !people.has(n.form.entity.id)) add(n.start, n.end);
  const countries = index.countries.get(event.id)!;
  const places = index.placeText.get(event.id)!;
  const slice = text.slice(span.start, span.end);
  for (const m of index.places.find(text, itemsIn(bf.tokens, span))) {
    const place = m.values[0]!;
    // Where the fact base records no place (or no country) for the event, no place can point away from it.
    const own = place.kind === 'city' ? places.trim() === '' || places.includes(place.name.toLowerCase())
      : countries.size === 0 || m.values.some((p) => p.country !== undefined && countries.has(p.country.toLowerCase()));
    if (own || inOwnPhrase(bf, event, m) || names.some((n) => n.start <= m.start && m.end <= n.end)) continue;
    // A country is a place where it is one ("in Serbia", "to Kazakhstan"), or someone's ("Hungary's prime minister"),
    // not a subject of talks ("on Ukraine"); a demonym is someone's nationality ("the Turkish minister").
    const before = text.slice(Math.max(0, m.start - 24), m.start);
    const after = text.slice(m.end, m.end + 40);
    if (place.kind === 'country' && !LOCATIVE.test(before) && !ROLE_AFTER.test(after)) continue;
    if (place.kind === 'demonym' && !ROLE_AFTER.test(after)) continue;
    add(m.start, m.end);
  }
  for (const [pattern, kind] of [[OCCASION, 'occasion'], ...(another ? [[ANOTHER, 'another'] as const] : [])] as const) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(slice); m; m = pattern.exec(slice)) {
      const at = { start: span.start + m.index, end: span.start + m.index + m[0].length };
      if (kind === 'occasion' && (inOwnPhrase(bf, event, at) || event.kind.includes(m[0].toLowerCase()))) continue;
      add(at.start, at.end);
    }
  }
  TITLED.lastIndex = 0;
  for (let m = TITLED.exec(slice); m; m = TITLED.exec(slice)) {
    const at = span.start + m.index + m[0].length;
    if (names.some((n) => n.start === at)) continue;
    const word = /^[\p{L}'-]+/u.exec(text.slice(at))![0];
    if (index.places.matchAt(text, bf.tokens, tokenAt(bf, at))) continue;
    add(at, at + word.length);
  }
  // A capitalised word the fact base does not know, as a possessive or before a verb of visiting or meeting.
  UNKNOWN.lastIndex = 0;
  for (let m = UNKNOWN.exec(slice); m; m = UNKNOWN.exec(slice)) {
    const at = span.start + m.index;
    const word = m[1]!;
    if (COMMON.test(word) || names.some((n) => n.start <= at && at < n.end)) continue;
    if (index.places.matchAt(text, bf.tokens, tokenAt(bf, at))) continue;
    add(at, at + word.length);
  }
  const years = new Set([Number(event.start.slice(0, 4)), Number(event.end.slice(0, 4))]);
  YEAR.lastIndex = 0;
  for (let m = YEAR.exec(slice); m; m = YEAR.exec(slice)) {
    const at = span.start + m.index;
    // A year in a title ("a plan until 2030") dates the plan, not the occasion.
    if (!years.has(Number(m[0])) && !yearInTitle(text, bf.tokens, tokenAt(bf, at))) add(at, at + 4);
  }
  return found;
}

/**
 * Who "he" or "she" is at the start of a sentence: the first person named in the nearest sentence of the block before
 * it that names someone — a known person's id, or null for someone the fact base does not know (a titled or possessive
 * name, "the Turkish minister"); undefined when the block names no one before it.
 */
function previousSubject(bf: BlockFacts, sentence: Span): string | null | undefined {
  const before = bf.block.sentences.filter((s) => s.end <= sentence.start);
  for (let i = before.length - 1; i >= 0; i--) {
    const span = before[i]!;
    const known = itemsIn(bf.names, span).find((n) => n.form.kind === 'person');
    let unknown = Infinity;
    const text = bf.text.slice(span.start, span.end);
    for (const pattern of [TITLED, UNKNOWN, SOMEONE]) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
        const at = span.start + m.index;
        const word = span.start + m.index + m[0].length;
        // A title before a known name ("Minister Nikolai Snopkov") is that person; a known name is not unknown.
        if (known && (word === known.start || (at >= known.start && at < known.end))) continue;
        if (pattern === UNKNOWN && COMMON.test(m[1]!)) continue;
        unknown = Math.min(unknown, at);
        break;
      }
    }
    if (known && known.start <= unknown) return known.form.entity.id;
    if (unknown !== Infinity) return null;
  }
  return undefined;
}

/** Whether a clause names one of the event's own places ("the summit in Tallinn", "the meeting in Riga"). */
function placed(bf: BlockFacts, event: Event, clause: Span): boolean {
  const places = bf.index.placeText.get(event.id)!;
  return bf.index.places.find(bf.text, itemsIn(bf.tokens, clause)).some((m) => m.values.some((p) => places.includes(p.name.toLowerCase())));
}

/** The index of the token that starts at an offset (binary search), or -1. */
function tokenAt(bf: BlockFacts, offset: number): number {
  const tokens = bf.tokens;
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < offset) lo = mid + 1;
    else if (tokens[mid]!.start > offset) hi = mid - 1;
    else return mid;
  }
  return 0;
}

/** Whether an event is a visit, or the arrival or departure of a visit. */
function visitLike(bf: BlockFacts, event: Event): boolean {
  return bf.index.visitLike.has(event.id);
}

/** The people of an event who, named, establish it (worked out once per fact base: FactIndex.keyPeople). */
function keyPeople(bf: BlockFacts, event: Event): ReadonlySet<string> {
  return bf.index.keyPeople.get(event.id) ?? NONE;
}

/** What may stand before a dateline's date: nothing, or a place (in capitals, or followed by a comma), or an agency. */
const DATELINE_BEFORE = /^\s*(?:\p{Lu}[\p{Lu}\s.'\u2019-]{1,40}(?:,\s*|\s*\([^()]{0,60}?[-\u2013\u2014,]\s*)|\p{Lu}[\p{L}\s.'\u2019-]{1,40},\s*)?$/u;
/** What follows a dateline's date: a dash, a colon, an agency in brackets, or the bracket it closes. */
const DATELINE_AFTER = /^\s*(?:[-\u2013\u2014:]|\([^()]{1,60}\)|\))/;

/**
 * Whether a date opens its block as a dateline ("MINSK, March 6 (BelTA) –", "4 December 2023 – (Beijing)",
 * "Beijing, 1 March 2023:"): the date of the report, not of what it reports.
 */
export function isDateline(bf: BlockFacts, mention: DateMention): boolean {
  return mention.start < 80 && DATELINE_BEFORE.test(bf.text.slice(0, mention.start)) && DATELINE_AFTER.test(bf.text.slice(mention.end, mention.end + 64));
}

/** A dateline of the block far from an event: the block reports something else, later or earlier. */
function datelineAway(bf: BlockFacts, event: Event): DateMention | undefined {
  const first = bf.memo('dateline', () => (bf.dates[0] && isDateline(bf, bf.dates[0]) ? bf.dates[0] : undefined));
  return first && !withinReach(first, event, 'context') ? first : undefined;
}

/**
 * Whether a sentence names the event by the people who establish it (for a visit, its visitor), leaving out the person
 * being judged, and nothing else in it points elsewhere: what a rule needs before it says someone was not there.
 */
export function namedByItsPeople(bf: BlockFacts, sentence: Span, event: Event, judged: Span): boolean {
  const key = keyPeople(bf, event);
  const named = itemsIn(bf.names, sentence).filter((n) => n.form.kind === 'person' && (n.end <= judged.start || n.start >= judged.end));
  const clause = clauseOf(bf, sentence, judged);
  return named.some((n) => key.has(n.form.entity.id)) && !datelineAway(bf, event) && counterEvidence(bf, event, clause, [judged]).length === 0;
}

/**
 * Whether a sentence that is known to speak of an event (a rule found the phrase) is about it: its people in their
 * role or the topic of the text, and nothing in the clause of what is judged points elsewhere.
 */
export function aboutEvent(bf: BlockFacts, sentence: Span, event: Event, judged: Span): boolean {
  const key = keyPeople(bf, event);
  const named = itemsIn(bf.names, sentence).some((n) => n.form.kind === 'person' && key.has(n.form.entity.id));
  const topical = topicsAt(bf, sentence).has(bf.index.roots.get(event.id)!);
  return (named || topical) && !datelineAway(bf, event) && counterEvidence(bf, event, clauseOf(bf, sentence, judged), [judged]).length === 0;
}

/** How a sentence establishes an event, leaving out the span being judged; undefined when it does not. */
export function establishes(bf: BlockFacts, sentence: Span, event: Event, topics: ReadonlySet<string>, judged?: Span):
  Strength | 'people' | undefined {
  const { index } = bf;
  if (datelineAway(bf, event)) return undefined;
  // A phrase that is only the thing judged (a label "state visit") is no evidence; one that holds more is.
  const all = itemsIn(bf.eventPhrases, sentence).filter((m) => m.values.includes(event) &&
    (!judged || m.start < judged.start || m.end > judged.end));
  // The phrases in the clause of what is judged, if any there name the event; else the sentence's.
  const own = judged ? clauseOf(bf, sentence, judged) : undefined;
  const near = own ? all.filter((m) => m.start >= own.start && m.end <= own.end) : [];
  const phrases = near.length > 0 ? near : all;
  const named = itemsIn(bf.names, sentence).filter((n) => n.form.kind === 'person' && (!judged || n.end <= judged.start || n.start >= judged.end));
  const people = new Set(named.map((n) => n.form.entity.id));
  const clauses = [judged ?? sentence, ...phrases].map((s) => clauseOf(bf, sentence, s));
  // What is judged is not evidence either way; nor, for what a sentence is about, are any of its dates.
  const except = judged ? [judged] : itemsIn(bf.dates, sentence);
  const countered = (another: boolean) => clauses.some((c) => counterEvidence(bf, event, c, except, another).length > 0);
  if (countered(false)) return undefined;
  if (phrases.length > 0) {
    const key = keyPeople(bf, event);
    // "He", "their": the people of what the text is about, unless the block named someone else since.
    const said = clauses.map((c) => bf.text.slice(c.start, c.end));
    if (said.some((t) => PRONOUN.test(t))) {
      const topical = new Set([...topics].flatMap((id) => [...keyPeople(bf, index.facts.events.get(id)!)]));
      const last = said.some((t) => SINGULAR.test(t)) ? previousSubject(bf, sentence) : undefined;
      // "He" after someone the event did not involve is that someone: the sentence is about another occasion.
      if (people.size === 0 && (last === null || (last !== undefined && !index.eventPeople.get(event.id)?.has(last)))) return undefined;
      if (last === undefined) for (const person of topical) people.add(person);
      else if (last !== null && topical.has(last)) people.add(last);
    }
    if ([...people].some((id) => key.has(id))) return 'strong';
    if (clauses.some((c) => placed(bf, event, c))) return 'placed';
    return topics.has(index.roots.get(event.id)!) && !countered(true) ? 'context' : undefined;
  }
  if (people.size >= 2 && index.meetings.includes(event) && allNamed(event, people, index) && !countered(true)) return 'people';
  return undefined;
}

/** Whether a written date lies near enough to an event to be judged against it (see REACH), or only its year is off. */
export function withinReach(mention: DateMention, event: Event, strength: Strength | 'people'): boolean {
  const year = Number(event.start.slice(0, 4));
  const written = intervalOf(mention, mention.from?.year ?? year);
  if (!written) return false;
  const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
  const apart = Math.max(0, day(written[0]) - day(event.end), day(event.start) - day(written[1]));
  if (apart <= REACH[strength]) return true;
  // The event's month and day with another year, a year or two off: a slip of the year ("March 2022"), when the
  // sentence names the event itself.
  // By its place alone, only the very day with another year ("the meeting in Riga on 20 March 2030").
  if (strength !== 'strong' && !(strength === 'placed' && mention.from?.day !== undefined)) return false;
  const shifted = intervalOf({ ...mention, from: { ...mention.from!, year }, ...(mention.to ? { to: { ...mention.to, year } } : {}) }, year);
  const yearsOff = Math.abs((mention.from?.year ?? year) - year);
  const reach = strength === 'strong' ? REACH.strong : 0;
  return !!shifted && yearsOff <= 2 && Math.max(0, day(shifted[0]) - day(event.end), day(event.start) - day(shifted[1])) <= reach;
}

/**
 * The topics (root event ids) of a text after a sentence, given those before it: a heading that establishes events
 * makes them the topics; a sentence adds the events it establishes; a sentence that speaks of an occasion and
 * points away from every topic, and establishes none, leaves none.
 */
export function topicsAfter(bf: BlockFacts, sentence: Span, topics: ReadonlySet<string>): ReadonlySet<string> {
  const { index } = bf;
  const candidates = bf.eventsIn(sentence);
  const strong = new Set<string>();
  for (const e of candidates) {
    const strength = establishes(bf, sentence, e, NONE);
    if (strength === 'strong' || strength === 'placed') strong.add(index.roots.get(e.id)!);
  }
  if (strong.size > 0) return bf.block.kind === 'heading' ? strong : new Set([...topics, ...strong]);
  if (topics.size === 0) return topics;
  const occasion = candidates.length > 0 || itemsIn(bf.eventKinds, sentence).length > 0 ||
    new RegExp(OCCASION.source).test(bf.text.slice(sentence.start, sentence.end));
  if (!occasion) return topics;
  const away = [...topics].every((id) => {
    const root = index.facts.events.get(id);
    return !root || counterEvidence(bf, root, sentence).length > 0;
  });
  return away ? new Set() : topics;
}


/** The topics before each sentence of a block, and after its last, worked out once per block. */
function flow(bf: BlockFacts): ReadonlySet<string>[] {
  if (!bf.topicFlow) {
    const topics: ReadonlySet<string>[] = [];
    let current = bf.topicsIn;
    for (const sentence of bf.block.sentences) {
      topics.push(current);
      current = topicsAfter(bf, sentence, current);
    }
    topics.push(current);
    bf.topicFlow = topics;
  }
  return bf.topicFlow;
}

/** The topics of the text before a sentence of a block. */
export function topicsAt(bf: BlockFacts, sentence: Span): ReadonlySet<string> {
  const i = bf.block.sentences.findIndex((s) => s.start === sentence.start);
  return i < 0 ? NONE : flow(bf)[i]!;
}

/** The topics of the text after a block, for the next one. */
export function topicsOut(bf: BlockFacts): ReadonlySet<string> {
  const topics = flow(bf);
  return topics[topics.length - 1]!;
}

/** The topics a draft starts with: none (no event is assumed). */
export const NO_TOPICS = NONE;

/** A draft's blocks analysed in order, each read after the text before it (its topics carried in). */
export function readInOrder(blocks: readonly Block[], index: FactIndex): BlockFacts[] {
  let topics = NO_TOPICS;
  return blocks.map((b) => {
    const bf = new BlockFacts(b, index, undefined, topics);
    topics = topicsOut(bf);
    return bf;
  });
}
