import type { Event, FactBase } from '../facts/types.js';
import { itemsIn, perBlock, type BlockFacts } from '../match/analyse.js';
import { perIndex } from '../match/compile.js';
import type { Span } from '../markdown/prose.js';
import { intervalOf, type DateMention } from '../match/dates.js';
import { allNamed, isMeetingVerb, MEET, MEET_WITH } from '../match/meetings.js';
import { pointsElsewhere } from '../match/elsewhere.js';
import { mayPlaceInDelegation, placedInDelegation } from '../match/delegation.js';
import { attendedIn, type Attended } from '../match/attendance.js';
import { aboutEvent, namedByItsPeople } from '../match/evidence.js';
import { fullName, type NameMention } from '../match/names.js';
import { isCapitalized, tokenAt, type Token } from '../match/tokens.js';
import { eventLabel, formatEventDates } from '../match/wording.js';
import type { Rule } from './rule.js';

// Generic English (meeting verbs are in match/meetings.ts): clause openers, words that move a
// verb out of the event's time or deny it, and prepositions that put an event before or after the meeting.
const OPENERS = new Set([
  'who',
  'whom',
  'whose',
  'which',
  'that',
  'while',
  'whereas',
  'but',
  'although',
  'though',
  'because',
  'since',
  'when',
  'where',
  'after',
  'before',
  'until',
  'unlike',
  'said',
  'says',
  'told',
  'according',
  'recalled',
  'added',
  'noted',
]);
const NOT_THEN = new Set([
  'not',
  'never',
  't',
  'no',
  'had',
  'has',
  'have',
  'will',
  'would',
  'could',
  'can',
  'may',
  'might',
  'should',
  'shall',
  'to',
  'cannot',
]);
/** Forms of "join" ("joined Laaneots and Lindqvist at …"): a verb of meeting when a person follows it. */
const JOIN = new Set(['join', 'joins', 'joined']);
/** Every word that may be a verb of meeting here (one look-up per word of a block). */
const VERBS: ReadonlySet<string> = new Set([...MEET, ...MEET_WITH, ...JOIN]);
const TEMPORAL = new Set(['before', 'after', 'ahead', 'prior', 'following', 'since', 'until', 'preceding']);
const FILLER = new Set(['the', 'his', 'her', 'their', 'its', 'this', 'that', 'a', 'an', 'of', 'to', 's']);

/**
 * A person said to meet someone in a sentence about a known event, or placed in the visitor's delegation
 * (match/delegation.ts), who is recorded in none of its parts.
 */
const rule: Rule = {
  id: 'participant-absent',
  description: 'A person said to meet someone at a known event is not among the participants of that event or its parts.',
  severity: 'warning',
  category: 'official',
  fixable: false,
  blockLocal: true,
  *check({ blocks }) {
    for (const bf of blocks) {
      const said = new Set<number>();
      for (const { sentence, delegation, attended } of presenceOf(bf)) {
        const delegated = delegation ? placedInDelegation(bf, sentence) : [];
        // Whether the sentence is about the event is a matter of this reading (its topics, its timeframe).
        const at = attended
          .filter(({ name, event, dated }) => namedByItsPeople(bf, sentence, event, name, dated) || aboutEvent(bf, sentence, event, name))
          .map(({ name, event }) => ({ name, event }));
        for (const { name, event } of delegated.length === 0 ? at : at.length === 0 ? delegated : [...delegated, ...at]) {
          if (said.has(name.start)) continue;
          said.add(name.start);
          yield {
            block: bf,
            start: name.start,
            end: name.end,
            facts: [
              { kind: 'person', id: name.form.entity.id },
              { kind: 'event', id: event.id },
            ],
            message: absent(name.form.entity, event),
          };
        }
      }
      if (bf.eventPhrases.length === 0) continue;
      for (const { sentence, event, dated, people } of meetingsOf(bf)) {
        const present = new Set<string>();
        for (const n of people) {
          const id = n.form.entity.id;
          if (present.has(id) || said.has(n.start)) continue;
          // Only where the sentence names the event by its own people (the visitor met X during the visit), not by
          // its host and a place alone (the host received X for talks in the capital: another visit).
          if (!namedByItsPeople(bf, sentence, event, n, dated)) continue;
          present.add(id);
          yield {
            block: bf,
            start: n.start,
            end: n.end,
            facts: [
              { kind: 'person', id },
              { kind: 'event', id: event.id },
            ],
            message: absent(n.form.entity, event),
          };
        }
      }
    }
  },
};
export default rule;

/** A person a sentence places at an event by a verb of attending, and whether the sentence dates it. */
interface AttendedAt extends Attended {
  dated: boolean;
}

/**
 * What a sentence may say of who was at an event, as far as its text and the fact base tell (whether it is about the
 * event depends on how the block is read): whether it may place people in a delegation, and the people it places at
 * an event by a verb of attending who are not recorded there. Only sentences that may say either; once per block text.
 */
const presenceOf = perBlock((bf): { sentence: Span; delegation: boolean; attended: AttendedAt[] }[] => {
  const { children, cache } = familiesOf(bf.index);
  // Attending is judged only at an event whose participants are all recorded: a fact base may list none.
  const complete = anyComplete(bf.index);
  const found: { sentence: Span; delegation: boolean; attended: AttendedAt[] }[] = [];
  for (const sentence of bf.block.sentences) {
    const delegation = mayPlaceInDelegation(bf.text.slice(sentence.start, sentence.end));
    const attended = complete ? attendedAbsent(bf, sentence, bf.index.facts, children, cache) : [];
    if (delegation || attended.length > 0) found.push({ sentence, delegation, attended });
  }
  return found;
});

/** People a sentence says met someone at a named event, who are not recorded there (see meetingsOf). */
interface MetAt {
  sentence: Span;
  /** The event the sentence names first. */
  event: Event;
  /** Whether a date the sentence writes falls in a named event. */
  dated: boolean;
  /** In the order named; each in a clause with a verb of meeting and with someone recorded at the event. */
  people: NameMention[];
}

/**
 * The people each sentence says met someone at an event it names (by a phrase after no "before"/"after", and by all
 * its people for a meeting), in a clause with someone who was there, who are recorded at none of the named events,
 * their parts and parents, nor at a meeting the sentence names by its people. Whether the sentence names the event by
 * its own people depends on how the block is read: the rule asks that. Once per block text.
 */
const meetingsOf = perBlock((bf): MetAt[] => {
  if (bf.eventPhrases.length === 0) return [];
  const { tokens, index } = bf;
  const { sentences } = bf.block;
  const { facts } = index;
  const { children, cache } = familiesOf(index);
  const found: MetAt[] = [];
  // Only a sentence with an event's phrase, two people (one recorded there to meet one who is not) and a word that
  // may be a verb of meeting.
  if (!twoPeople(bf.names)) return [];
  const phrases = bySentence(bf.eventPhrases, sentences);
  const names = bySentence(bf.names, sentences);
  let dates: DateMention[][] | undefined;
  for (let s = 0; s < sentences.length; s++) {
    const sentence = sentences[s]!;
    if (phrases[s]!.length === 0 || !twoPeople(names[s]!) || !hasVerb(tokens, sentence)) continue;
    dates ??= bySentence(bf.dates, sentences);
    const inSentence = new Set(names[s]!.map((n) => n.form.entity.id));
    // A meeting is named only with all its people; a summit's list of participants is complete only for the event the fact base is about.
    const named = phrases[s]!.filter((m) => !afterTemporal(tokens, m.first))
      .flatMap((m) => m.values)
      .filter(
        (e) =>
          (e.kind !== 'summit' || e.id === facts.defaultEvent) && (!/^(?:talks|meeting)$/.test(e.kind) || allNamed(e, inSentence, index)),
      );
    if (named.length === 0) continue;
    const year = Number(named[0]!.start.slice(0, 4));
    const written = dates[s]!.map((d) => intervalOf(d, year)).filter((i) => i !== undefined);
    const dated = written.some(([a, b]) => named.some((e) => e.start <= b && a <= e.end));
    if (written.length > 0 && !dated) continue;
    if (pointsElsewhere(bf, sentence, named[0]!)) continue;
    const i0 = tokenAt(tokens, sentence.start);
    const clauseOf: number[] = [];
    const meets = new Set<number>();
    for (let i = i0, clause = 0; i < tokens.length && tokens[i]!.end <= sentence.end; i++) {
      const word = tokens[i]!.lower;
      const single = i === i0 || (tokens[i]!.start - tokens[i - 1]!.end === 1 && bf.text.charCodeAt(tokens[i]!.start - 1) === 32);
      const gap = single ? ' ' : bf.text.slice(tokens[i - 1]!.end, tokens[i]!.start);
      if (
        (gap !== ' ' && /[;:()\u2014"\u201c\u201d]|\s[\u2013-]\s/.test(gap)) ||
        OPENERS.has(word) ||
        (gap.includes(',') && /^(?:and|or)$/.test(word))
      )
        clause++;
      clauseOf.push(clause);
      // Joining someone is meeting them ("Sepp joined Laaneots at the meeting").
      const verb =
        isMeetingVerb(tokens, i) || (JOIN.has(word) && names[s]!.some((n) => n.form.kind === 'person' && n.start === tokens[i + 1]?.start));
      // The past perfect ("had met") is a time before the one in question, unless the sentence dates it in the named event.
      const shifts = (k: number) => k >= i0 && NOT_THEN.has(tokens[k]!.lower) && !(dated && tokens[k]!.lower === 'had');
      if (verb && !shifts(i - 1) && !(i > i0 + 1 && shifts(i - 2))) meets.add(clause);
    }
    if (meets.size === 0) continue;
    // Present: everyone at the named events, their parts and parents, and at any meeting the sentence names by all its people.
    const present = new Set(named.flatMap((e) => family(e, facts, children, cache)));
    // (Not one the sentence places elsewhere: the people of the summit's talks meeting at another place or time.)
    for (const e of index.meetings) {
      if (allNamed(e, inSentence, index) && !pointsElsewhere(bf, sentence, e)) for (const id of e.participants) present.add(id);
    }
    const people = names[s]!.filter((n) => n.form.kind === 'person')
      .map((n) => ({ n, clause: clauseOf[tokenAt(tokens, n.start) - i0]! }))
      .filter((p) => meets.has(p.clause));
    const anchored = new Set(people.filter((p) => present.has(p.n.form.entity.id)).map((p) => p.clause));
    const absentees = people.filter((p) => !present.has(p.n.form.entity.id) && anchored.has(p.clause)).map((p) => p.n);
    if (absentees.length > 0) found.push({ sentence, event: named[0]!, dated, people: absentees });
  }
  return found;
});

/** The message for someone not recorded at an event, saying so when the fact base lists everyone who took part. */
function absent(person: Parameters<typeof fullName>[0], event: Event): string {
  const all = event.participantsComplete ? '; the sources name everyone who took part' : '';
  return `${fullName(person)} is not recorded among the participants of ${eventLabel(event)} (${formatEventDates(event)})${all}.`;
}

/** Whether a list of names names people at least twice. */
function twoPeople(names: NameMention[]): boolean {
  let people = 0;
  for (const n of names) if (n.form.kind === 'person' && ++people === 2) return true;
  return false;
}

/** Whether a sentence has a word that may be a verb of meeting (see VERBS). */
function hasVerb(tokens: Token[], sentence: Span): boolean {
  for (let i = tokenAt(tokens, sentence.start); i < tokens.length && tokens[i]!.end <= sentence.end; i++) {
    if (VERBS.has(tokens[i]!.lower)) return true;
  }
  return false;
}

/** Items in prose order, grouped by the sentence that wholly contains them, in one pass. */
function bySentence<T extends Span>(items: T[], spans: Span[]): T[][] {
  const out = spans.map((): T[] => []);
  let s = 0;
  for (const item of items) {
    while (s < spans.length && spans[s]!.end < item.end) s++;
    if (s < spans.length && spans[s]!.start <= item.start) out[s]!.push(item);
  }
  return out;
}

/** Whether the fact base records everyone who took part in some event (`participantsComplete`); per fact index. */
const anyComplete = perIndex((index): boolean => [...index.facts.events.values()].some((e) => e.participantsComplete));

/** Each event's parts, and who took part in an event or its family as `family` finds it: per fact index. */
const familiesOf = perIndex((index): { children: Map<string, Event[]>; cache: Map<Event, string[]> } => {
  const children = new Map<string, Event[]>();
  for (const e of index.facts.events.values()) {
    if (!e.parent) continue;
    const list = children.get(e.parent);
    if (list) list.push(e);
    else children.set(e.parent, [e]);
  }
  return { children, cache: new Map() };
});

/**
 * People a sentence places at an event by a verb of attending (match/attendance.ts) who are not at it or its parts,
 * when the fact base lists everyone who took part (`participantsComplete`): even someone at the event it is part of.
 * Without a complete list, silence: aides and ministers sit in on talks that the sources record by their principals.
 * Only where the sentence's dates, if any, fall in the event and nothing in it points elsewhere; whether the sentence
 * is about the event (by its people or the text's topic) is left to the reading.
 */
function attendedAbsent(
  bf: BlockFacts,
  sentence: Span,
  facts: FactBase,
  children: Map<string, Event[]>,
  cache: Map<Event, string[]>,
): AttendedAt[] {
  const found: AttendedAt[] = [];
  for (const { name, event } of attendedIn(bf, sentence)) {
    if (!event.participantsComplete || family(event, facts, children, cache).includes(name.form.entity.id)) continue;
    const year = Number(event.start.slice(0, 4));
    const written = itemsIn(bf.dates, sentence)
      .map((d) => intervalOf(d, year))
      .filter((i) => i !== undefined);
    if (written.some(([a, b]) => b < event.start || event.end < a) || pointsElsewhere(bf, sentence, event)) continue;
    found.push({ name, event, dated: written.length > 0 });
  }
  return found;
}

/**
 * The people at an event, its ancestors and all its descendants; an event whose participants are all recorded
 * (`participantsComplete`) leaves out those of its ancestors, who were not all at it.
 */
function family(event: Event, facts: FactBase, children: Map<string, Event[]>, cache: Map<Event, string[]>): string[] {
  let people = cache.get(event);
  if (people) return people;
  const seen = new Set<Event>([event]);
  for (let p = event.parent && !event.participantsComplete ? facts.events.get(event.parent) : undefined; p && !seen.has(p); ) {
    seen.add(p);
    p = p.parent ? facts.events.get(p.parent) : undefined;
  }
  const queue = [...(children.get(event.id) ?? [])];
  while (queue.length > 0) {
    const e = queue.pop()!;
    if (seen.has(e)) continue;
    seen.add(e);
    queue.push(...(children.get(e.id) ?? []));
  }
  people = [...seen].flatMap((e) => e.participants);
  cache.set(event, people);
  return people;
}

/** Whether an event phrase follows "before", "after", "ahead of"… (with only "the", "his", "of", a name… between). */
function afterTemporal(tokens: Token[], first: number): boolean {
  for (let k = first - 1; k >= 0 && k >= first - 4; k--) {
    if (TEMPORAL.has(tokens[k]!.lower)) return true;
    if (!FILLER.has(tokens[k]!.lower) && !isCapitalized(tokens[k]!)) return false;
  }
  return false;
}
