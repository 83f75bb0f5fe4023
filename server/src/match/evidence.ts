import type { Event } from '../facts/types.js';
import type { Block, Span } from '../markdown/prose.js';
import { partitionPoint } from '../search.js';
import { BlockFacts, itemsIn, perBlock, spanId } from './analyse.js';
import type { FactIndex } from './compile.js';
import { counterEvidence, keyPeople, previousSubjects } from './counter-evidence.js';
import { carriedOut, datelineOf, draftStart } from './dateline.js';
import { dayIntervalOf, dayNumber, type DateMention } from './dates.js';
import { meetingsNamedBy } from './meetings.js';
import type { NameMention } from './names.js';
import type { PhraseMatch } from './phrases.js';
import { pastPerfect } from './tense.js';
import { draftTimeframe, timeframeOfDate } from './timeframe.js';

// Which known event a sentence is about, from evidence other than the date being checked. Silence is better than a
// false error: a date, weekday or label is judged against an event only when the sentence establishes that event —
//  - "strong": a phrase of the event (or its family) and one of its people in their role (for a visit, the visitor;
//    for talks or a meeting, either side);
//  - "placed": a phrase of the event and its own place, with a word for an occasion ("the summit in Tallinn"); a
//    place alone ("in Beijing") is no evidence: capitals host many events;
//  - "people": all the people of a meeting named together (at its own place, with a word for an occasion: "placed");
//  - "context": a phrase of the event, which the text is already about (its topic, see `topicsAfter`), or a pronoun
//    for one of its people;
// and nothing in the clause points elsewhere (match/counter-evidence.ts).

export type Strength = 'strong' | 'placed' | 'context' | 'people';

/** How far (days) a written date may lie from an event it is judged against: further off, it is about another occasion. */
const REACH: Record<Strength, number> = { strong: 62, placed: 31, context: 31, people: 31 };
/** Talks and meetings recur (the same leaders meet often): a date further than this from one is about another. */
const MEETING_REACH = 31;

/** Where a sentence divides into clauses that may speak of different occasions. */
const CLAUSE =
  /;|:\s|\s[\u2014\u2013]\s|,\s+(?=(?:after|before|while|whereas|but|although|though|when|unlike|as|since|until|having)\b)|\s(?=(?:since|whereas|while|although|though|until)\s)/gi;
/** Words for an occasion, which make a place in the clause the place of one. */
const OCCASION_WORD =
  /\b(?:visits?|visited|visiting|trip|summit|meet|meets|meeting|met|talks|negotiations|ceremony|signing|stay|arrived|arrival|departed|departure)\b/i;
/** Verbs of what parties do at an occasion: a sentence with one that points away from the topic leaves it. */
const DOING = /\b(?:signed|agreed|attended|hosted|held|concluded|adopted)\b/i;
/** Words a phrase may hold besides a place without naming an occasion ("in Beijing", "to the Great Hall"). */
const LINKING = new Set(['in', 'at', 'to', 'the', 'of', 'near', 'from', 'into', 'on']);
/** Pronouns that stand for a person who acts ("he", "they"); possessives ("his") do not make him the one who acts. */
const SUBJECT = /\b(?:[Hh]e|[Hh]im|[Ss]he|[Tt]hey|[Tt]hem)\b/;
const SINGULAR = /\b(?:[Hh]e|[Hh]im|[Ss]he)\b/;
const NONE: ReadonlySet<string> = new Set();

/** The index of a sentence among its block's (binary search; -1 when it is not one of them). */
export function sentenceIndex(bf: BlockFacts, sentence: Span): number {
  const spans = bf.block.sentences;
  const i = partitionPoint(spans.length, (k) => spans[k]!.start < sentence.start);
  return i < spans.length && spans[i]!.start === sentence.start ? i : -1;
}

/** The clause of a sentence that contains a span: from the end of the last divider before it to the next one after it. */
export function clauseOf(bf: BlockFacts, sentence: Span, span: Span): Span {
  const dividers = dividersOf(bf, sentence);
  // Dividers do not overlap and come in order: the last to end at or before the span, the first to start at or after it.
  let lo = partitionPoint(dividers.length, (i) => dividers[i]!.end <= span.start);
  const start = lo > 0 ? dividers[lo - 1]!.end : sentence.start;
  while (lo < dividers.length && dividers[lo]!.start < span.end) lo++;
  return { start, end: lo < dividers.length ? dividers[lo]!.start : sentence.end };
}

/** The clause dividers of each sentence of a block, found once (a long sentence holds many dates, each asking). */
const dividerCache = perBlock(() => new Map<number, Span[]>());

function dividersOf(bf: BlockFacts, sentence: Span): Span[] {
  const bySentence = dividerCache(bf);
  const key = spanId(sentence);
  let dividers = bySentence.get(key);
  if (!dividers) {
    dividers = [];
    const text = bf.text.slice(sentence.start, sentence.end);
    CLAUSE.lastIndex = 0;
    for (let m = CLAUSE.exec(text); m; m = CLAUSE.exec(text)) {
      dividers.push({ start: sentence.start + m.index, end: sentence.start + m.index + m[0].length });
    }
    bySentence.set(key, dividers);
  }
  return dividers;
}

/** Whether a phrase is only a place ("in Beijing"): it says where, not which occasion. */
function placeOnly(bf: BlockFacts, phrase: Span): boolean {
  const tokens = itemsIn(bf.tokens, phrase);
  const places = bf.index.places.find(bf.text, tokens);
  return tokens.every((t) => LINKING.has(t.lower) || places.some((p) => p.start <= t.start && t.end <= p.end));
}

/** Whether a span has a word for an occasion. */
function occasionIn(bf: BlockFacts, span: Span): boolean {
  return OCCASION_WORD.test(bf.text.slice(span.start, span.end));
}

/** Whether a clause names one of the event's own places as the place of an occasion ("the summit in Tallinn"). */
function placed(bf: BlockFacts, event: Event, clause: Span): boolean {
  const own = bf.index.ownPlaces.get(event.id)!;
  if (!occasionIn(bf, clause)) return false;
  return bf.index.places.find(bf.text, itemsIn(bf.tokens, clause)).some((m) => m.values.some((p) => own.has(p.name.toLowerCase())));
}

/** A dateline of the block far from an event: the block reports something else, later or earlier. */
function datelineAway(bf: BlockFacts, event: Event): DateMention | undefined {
  const dateline = datelineOf(bf);
  return dateline && !withinReach(dateline, event, 'context') ? dateline : undefined;
}

/**
 * Whether a sentence names the event by the people who establish it (for a visit, its visitor), leaving out the person
 * being judged, and nothing else in it points elsewhere: what a rule needs before it says someone was not there. A
 * sentence that dates itself in the event (`dated`) is about its time, whatever the block's dateline.
 */
export function namedByItsPeople(bf: BlockFacts, sentence: Span, event: Event, judged: Span, dated = false): boolean {
  if (!bf.inTimeframe(event)) return false;
  const key = keyPeople(bf, event);
  const named = itemsIn(bf.names, sentence).filter((n) => n.form.kind === 'person' && (n.end <= judged.start || n.start >= judged.end));
  const clause = clauseOf(bf, sentence, judged);
  return (
    named.some((n) => key.has(n.form.entity.id)) &&
    (dated || !datelineAway(bf, event)) &&
    counterEvidence(bf, event, clause, [judged]).length === 0
  );
}

/**
 * Whether a sentence that is known to speak of an event (a rule found the phrase) is about it: its people in their
 * role or the topic of the text, and nothing in the clause of what is judged points elsewhere.
 */
export function aboutEvent(bf: BlockFacts, sentence: Span, event: Event, judged: Span): boolean {
  if (!bf.inTimeframe(event)) return false;
  const key = keyPeople(bf, event);
  const named = itemsIn(bf.names, sentence).some((n) => n.form.kind === 'person' && key.has(n.form.entity.id));
  const topics = topicsAt(bf, sentence);
  const root = bf.index.roots.get(event.id)!;
  const clause = clauseOf(bf, sentence, judged);
  return (
    (named || topics.has(root)) &&
    !datelineAway(bf, event) &&
    counterEvidence(bf, event, clause, [judged], topics.size === 0 || topics.has(root)).length === 0
  );
}

/**
 * How a sentence establishes an event, leaving out the span being judged; undefined when it does not, or when the
 * draft does not place itself at the event's time (match/timeframe.ts).
 */
export function establishes(
  bf: BlockFacts,
  sentence: Span,
  event: Event,
  topics: ReadonlySet<string>,
  judged?: Span,
): Strength | undefined {
  return bf.inTimeframe(event) ? evidenceFor(bf, sentence, event, topics, judged) : undefined;
}

/**
 * How a sentence establishes an event, whatever the draft's timeframe. With `strongOnly` (what a sentence's topics
 * need), evidence weaker than "strong" or "placed" is returned without looking for what points elsewhere.
 */
function evidenceFor(
  bf: BlockFacts,
  sentence: Span,
  event: Event,
  topics: ReadonlySet<string>,
  judged?: Span,
  strongOnly = false,
): Strength | undefined {
  if (datelineAway(bf, event)) return undefined;
  const root = bf.index.roots.get(event.id)!;
  // A phrase that is only the thing judged (a label "state visit") is no evidence.
  const all: PhraseMatch<Event>[] = [];
  for (const m of itemsIn(bf.eventPhrases, sentence)) {
    if (m.values.includes(event) && (!judged || m.start < judged.start || m.end > judged.end)) all.push(m);
  }
  // The phrases in the clause of what is judged, if any there name the event; else the sentence's.
  const own = judged ? clauseOf(bf, sentence, judged) : undefined;
  const near = own ? all.filter((m) => m.start >= own.start && m.end <= own.end) : undefined;
  const phrases = near && near.length > 0 ? near : all;
  // The clause of what is judged (else the whole sentence), and each phrase's: each clause once (phrases in one
  // clause, or a sentence of one clause, would repeat it).
  const clauses = [own ?? sentence];
  for (const m of phrases) {
    const clause = clauseOf(bf, sentence, m);
    if (!clauses.some((c) => c.start === clause.start && c.end === clause.end)) clauses.push(clause);
  }
  // Nor is a place alone ("in Beijing": capitals host many events), unless its clause speaks of an occasion.
  if (phrases.length > 0 && phrases.every((m) => placeOnly(bf, m)) && !clauses.some((c) => occasionIn(bf, c))) phrases.length = 0;
  const strength = phrases.length === 0 ? byPeople(bf, sentence, event, judged) : byPhrase(bf, sentence, event, topics, clauses, judged);
  if (strength === undefined || (strongOnly && strength !== 'strong' && strength !== 'placed')) return strength;
  // What is judged is not evidence either way; nor, for what a sentence is about, are any of its dates. Words that
  // look back ("previous") point away from the event the text is about, not from the earlier one they name.
  const except = judged ? [judged] : itemsIn(bf.dates, sentence);
  const previous = topics.size === 0 || topics.has(root);
  return clauses.some((c) => counterEvidence(bf, event, c, except, previous).length > 0) ? undefined : strength;
}

/** Whether a person named in a sentence (not in what is judged) is the one a pronoun or a key role may stand for. */
function personOutside(n: NameMention, judged: Span | undefined): boolean {
  return n.form.kind === 'person' && (!judged || n.end <= judged.start || n.start >= judged.end);
}

/** How a sentence with no phrase of the event establishes it: by who took part, in the clause of what is judged. */
function byPeople(bf: BlockFacts, sentence: Span, event: Event, judged: Span | undefined): Strength | undefined {
  // By who took part, in the clause of what is judged ("Lukashenka met Xi on 1 March; CITIC signed a deal on 5 March").
  // A date that opens its sentence ("2 March: Lukashenka meets …", a timeline's entry) is about all of it.
  const opening = judged && bf.text.slice(sentence.start, judged.start).trim() === '';
  const span = judged && !opening ? clauseOf(bf, sentence, judged) : sentence;
  // All its people meeting at its own place ("Xi and Lukashenka meet in Samarkand") place it as its phrase would.
  const others = itemsIn(bf.names, span).filter((n) => !judged || n.end <= judged.start || n.start >= judged.end);
  if (!meetingsNamedBy(bf.index, bf.text, others, () => itemsIn(bf.tokens, span)).includes(event)) return undefined;
  return placed(bf, event, span) ? 'placed' : 'people';
}

/** How a sentence that names the event by a phrase establishes it: by its people, its place, or the topic. */
function byPhrase(
  bf: BlockFacts,
  sentence: Span,
  event: Event,
  topics: ReadonlySet<string>,
  clauses: readonly Span[],
  judged: Span | undefined,
): Strength | undefined {
  const { index } = bf;
  const key = keyPeople(bf, event);
  let named = false;
  for (const n of itemsIn(bf.names, sentence)) {
    if (!personOutside(n, judged)) continue;
    if (key.has(n.form.entity.id)) return 'strong';
    named = true;
  }
  // "He" is the last person the block named (someone the event did not involve: another occasion), else one of the
  // topic's people.
  const pronoun = !named && clauses.some((c) => SUBJECT.test(bf.text.slice(c.start, c.end)));
  const i = sentenceIndex(bf, sentence);
  const last = pronoun && clauses.some((c) => SINGULAR.test(bf.text.slice(c.start, c.end))) ? previousSubjects(bf)[i] : undefined;
  if (last === null || (last !== undefined && !index.eventPeople.get(event.id)?.has(last))) return undefined;
  if (clauses.some((c) => placed(bf, event, c))) return 'placed';
  if (pronoun) {
    const topical = [...topics].flatMap((id) => [...keyPeople(bf, index.facts.events.get(id)!)]);
    if (last !== undefined ? key.has(last) : topical.some((id) => key.has(id))) return 'context';
  }
  return topics.has(bf.index.roots.get(event.id)!) ? 'context' : undefined;
}

/** Days between a written interval (day numbers) and an event (0 when they meet). */
function apart([start, end]: [number, number], event: Pick<Event, 'start' | 'end'>): number {
  return Math.max(0, start - dayNumber(event.end), dayNumber(event.start) - end);
}

/**
 * Whether a date is the event's own days written with another year, a year or two off ("1 March 2022", "March 2022"
 * for 1 March 2023): a slip of the year, judged where the sentence names the event itself, but never fixed for certain.
 */
export function yearSlip(mention: DateMention, event: Pick<Event, 'start' | 'end'>): boolean {
  const year = Number(event.start.slice(0, 4));
  if (mention.from?.year === undefined || mention.from.year === year || Math.abs(mention.from.year - year) > 2) return false;
  const shifted = dayIntervalOf(
    { ...mention, from: { ...mention.from, year }, ...(mention.to ? { to: { ...mention.to, year } } : {}) },
    year,
  );
  return shifted !== undefined && apart(shifted, event) === 0;
}

/** Whether a written date lies near enough to an event to be judged against it (see REACH), or is a slip of its year. */
export function withinReach(mention: DateMention, event: Event, strength: Strength): boolean {
  const written = dayIntervalOf(mention, mention.from?.year ?? Number(event.start.slice(0, 4)));
  if (!written) return false;
  const reach = event.kind === 'talks' || event.kind === 'meeting' ? Math.min(MEETING_REACH, REACH[strength]) : REACH[strength];
  if (apart(written, event) <= reach) return true;
  return (strength === 'strong' || strength === 'placed') && yearSlip(mention, event);
}

/**
 * The topics (root event ids) of a text after a sentence, given those before it: a heading that establishes events
 * makes them the topics; a sentence adds the events it establishes; a heading, or a sentence that speaks of an
 * occasion, that points away from every topic and establishes none leaves none.
 */
export function topicsAfter(bf: BlockFacts, sentence: Span, topics: ReadonlySet<string>): ReadonlySet<string> {
  const { index } = bf;
  const candidates = bf.eventsIn(sentence, true);
  let strong: Set<string> | undefined;
  let untimed = false;
  let dates: DateMention[] | undefined;
  for (const e of candidates) {
    // An event of a root already established adds nothing; nor does another event outside the timeframe.
    if (bf.inTimeframe(e) ? strong?.has(index.roots.get(e.id)!) : untimed) continue;
    // Strong and placed evidence does not rest on the topics (they only decide what "previous" looks back from).
    const strength = evidenceFor(bf, sentence, e, topics, undefined, true);
    if (strength !== 'strong' && strength !== 'placed') continue;
    // A sentence dated far from the event is about another occasion, however it names it.
    dates ??= itemsIn(bf.dates, sentence);
    if (dates.some((d) => d.from && !withinReach(d, e, strength))) continue;
    if (bf.inTimeframe(e)) (strong ??= new Set()).add(index.roots.get(e.id)!);
    else untimed = true;
  }
  const heading = bf.block.kind === 'heading';
  if (strong) return heading ? strong : joined(topics, strong);
  // An event the draft does not place in time is not judged, nor a topic; a sentence about it (an aside on another
  // occasion) leaves the topics as they were, a heading about it starts a section about something else.
  if (untimed) return heading ? NONE : topics;
  if (topics.size === 0) return topics;
  // A heading that points away from every topic starts a section about something else; a sentence does when it
  // also speaks of an occasion. An official the event did not involve is part of its story (participant-absent
  // judges that), not a sign of another occasion.
  const occasion =
    heading ||
    candidates.length > 0 ||
    itemsIn(bf.eventKinds, sentence).length > 0 ||
    occasionIn(bf, sentence) ||
    DOING.test(bf.text.slice(sentence.start, sentence.end));
  // A sentence in the past perfect tells of an earlier occasion in passing ("Sepp had joined them in Riga in March"):
  // an aside, after which the text goes on about what it was about.
  if (!occasion || pastPerfect(bf.text.slice(sentence.start, sentence.end))) return topics;
  const except = itemsIn(bf.dates, sentence);
  for (const id of topics) {
    const root = index.facts.events.get(id);
    if (root && !counterEvidence(bf, root, sentence, except).some((c) => c.kind !== 'person')) return topics;
  }
  return NONE;
}

/** The topics with the events a sentence establishes added at the end; the same set when it holds them all already. */
function joined(topics: ReadonlySet<string>, strong: ReadonlySet<string>): ReadonlySet<string> {
  for (const id of strong) if (!topics.has(id)) return new Set([...topics, ...strong]);
  return topics;
}

/** The topics before each sentence of a block, and after its last, worked out once per block. */
export function topicFlow(bf: BlockFacts): readonly ReadonlySet<string>[] {
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

/**
 * The topics of the text before a sentence of a block. Before its first sentence they are those the block was read
 * after: a table row read with its date cell is one sentence, and its flow (the costly part) is then never needed.
 */
export function topicsAt(bf: BlockFacts, sentence: Span): ReadonlySet<string> {
  const i = sentenceIndex(bf, sentence);
  return i < 0 ? NONE : i === 0 ? bf.topicsIn : topicFlow(bf)[i]!;
}

/** The topics of the text after a block, for the next one. */
export function topicsOut(bf: BlockFacts): ReadonlySet<string> {
  const topics = topicFlow(bf);
  return topics[topics.length - 1]!;
}

/** The topics a draft starts with: none (no event is assumed). */
export const NO_TOPICS = NONE;

/**
 * A draft's blocks analysed in order, each read in the draft's timeframe (match/timeframe.ts) after the text before it
 * (its topics carried in).
 */
export function readInOrder(blocks: readonly Block[], index: FactIndex, frontmatter?: string): BlockFacts[] {
  const plain = blocks.map((b) => new BlockFacts(b, index));
  let carried = draftStart(frontmatter);
  const timeframe = new Set([...draftTimeframe(plain), ...timeframeOfDate(index, carried.draftDate)]);
  let topics = NO_TOPICS;
  return plain.map((b) => {
    const bf = b.after(topics, timeframe, carried);
    topics = topicsOut(bf);
    carried = carriedOut(bf);
    return bf;
  });
}
