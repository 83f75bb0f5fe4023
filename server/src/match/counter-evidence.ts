import type { Event } from '../facts/types.js';
import type { Span } from '../markdown/prose.js';
import { itemsIn, perBlock, spanId, type BlockFacts } from './analyse.js';
import { yearInTitle } from './counts.js';
import type { Place } from './compile.js';
import type { NameMention } from './names.js';
import type { PhraseMatch } from './phrases.js';
import { tokenAt } from './tokens.js';

// What in a clause points away from an event (see match/evidence.ts): a known person the event did not involve, a
// person the fact base does not know (nor names in the event's phrases), a country or city the event does not involve, another occasion, another year,
// or words of another occurrence ("again", "previous"). Kinds of sentence, in generic English: nothing here names a
// person, place or event of any fact base.

/** Something in a clause that points away from an event, for the "not checked" messages. */
export interface Counter {
  start: number;
  end: number;
  text: string;
  /** A known person the event did not involve; someone unknown; a place; another occasion or occurrence; a year. */
  kind: 'person' | 'unknown' | 'place' | 'occasion' | 'year';
}

/** Not inside a word: JavaScript's \b knows ASCII letters only ("Özdemir", "Šefčovič"). */
const W = '(?<![\\p{L}\\p{N}-])';
/** Occasions the fact base may not hold (a phrase of a known event is a rival for the date instead). */
const OCCASION = new RegExp(
  `${W}(?:[Ss]ummit|[Ff]orum|(?<!People's |People\\u2019s )[Cc]ongress|[Cc]onference|Olympics|Olympic Games|Expo|` +
    '[Ee]xhibition|[Pp]arade|[Pp]lenum|G\\d{1,2}|COP\\d{0,2}|[Ee]lections?)(?![\\p{L}\\p{N}])',
  'gu',
);
/** What every match of OCCASION holds: a text without it has none (a cheaper scan than OCCASION's lookbehinds). */
const OCCASION_HINT = /ummit|orum|ongress|onference|Olympic|Expo|xhibition|arade|lenum|G\d|COP|lection/;
/** Words of another occurrence of the same kind of event, or of a call rather than a meeting. */
const AGAIN =
  /\b(?:again|another|upcoming|resumed|(?:next|following) (?:year|month|week|time)|(?:a|one|two|three|four|several|some|\d+) (?:weeks?|months?|years?) later|(?:tele)?phone|video ?(?:call|link|conference)|videoconference)\b/gi;
/** Words that look back to an earlier occasion: against the event the text is about (or with no topic yet) only. */
const PREVIOUS = /\b(?:previous|previously|(?:last|previous) (?:year|month|week|time))\b/gi;
/** Titles before a person's name: a titled name the fact base does not know is someone else. */
const TITLED =
  /\b(?:President|Premier|Prime Minister|Chancellor|King|Queen|Emir|Crown Prince|Sultan|Minister|Secretary(?:-General)?|Chairman|Chairwoman|Vice[- ]President|Ambassador|Senator|Governor|Mayor|Pope|Sheikh|General)\s+(?=\p{Lu}\p{Ll})/gu;
/** A word that goes on a title rather than starting the name after it. */
const TITLE_WORD =
  /^(?:President|Premier|Prime|Chancellor|King|Queen|Emir|Crown|Sultan|Minister|Secretary|Chairman|Chairwoman|Vice|Ambassador|Senator|Governor|Mayor|Pope|Sheikh|General|Deputy|State|Party)\b/u;
/** A capitalised word that is someone's ("Orbán's") or the subject of a verb of visiting or meeting ("Modi arrived"). */
const UNKNOWN = new RegExp(
  `${W}(\\p{Lu}[\\p{L}]+(?:-\\p{L}+)?)(?:['\\u2019]s(?![\\p{L}])|\\s+(?=(?:visited|arrived|met|paid|held|hosted|travelled|traveled|flew|received|welcomed)\\b))`,
  'gu',
);
/** What every match of UNKNOWN holds: a possessive or one of its verbs. */
const UNKNOWN_HINT = /['\u2019]s|visited|arrived|met|paid|held|hosted|travelled|traveled|flew|received|welcomed/;
/** Capitalised words that are not names. */
const COMMON =
  /^(?:The|This|That|These|Those|It|He|She|They|We|Both|Each|Neither|Either|His|Her|Their|Its|Our|Who|Which|When|Then|There|Here|Later|Earlier|Also|And|But|Officials|Leaders|Delegations|President|Premier|Minister|Chairman|People|State|Party|Government|Republic)$/;
/** Someone by role and nationality ("the Turkish minister", "Hungary's prime minister"). */
const SOMEONE = new RegExp(
  `${W}\\p{Lu}\\p{L}+(?:['\\u2019]s)?\\s+(?:president|premier|prime minister|minister|leader|king|chancellor|delegation|envoy|counterpart)\\b`,
  'gu',
);
/** Words before a place name that make it where something happens. */
const LOCATIVE = /\b(?:in|to|at|from|near|into|visit(?:ed|ing|s)?|tour(?:ed|ing)?|of)\s+(?:the\s+)?$/i;
/** A role after a country or demonym: someone of that country ("Hungary's prime minister", "Turkish minister"). */
const ROLE_AFTER =
  /^(?:['\u2019]s)?\s+(?:\p{Lu}\p{L}+\s+|\p{Ll}+\s+)?(?:president|premier|prime minister|minister|leader|king|queen|chancellor|delegation|counterpart|host|guest|envoy|ambassador|officials?|head of state|foreign minister|emir|sultan|monarch)\b/iu;
/** A country that acts ("Russia and Belarus signed"): the occasion is that country's. */
const ACTOR_AFTER = /^(?:\s+and\s+\p{Lu}\p{L}+)?\s+(?:then\s+|also\s+)?(?:signed|agreed|held|hosted|met|concluded|adopted)\b/u;
const YEAR = /\b(?:19|20)\d\d\b/g;
/** An occasion named after its place ("the Minsk talks", "the Riga meeting", "Moscow's summit"). */
const OCCASION_AFTER = /^(?:['\u2019]s)?\s+(?:talks|summit|meeting|negotiations|visit|conference|forum|ceremony|format|process|round)\b/iu;
/** A place in the possessive ("Moscow's satellite"): its government or people, not where something happens. */
const POSSESSIVE = /^['\u2019]s(?![\p{L}])/u;

/** Whether an event is a visit, or the arrival or departure of a visit. */
export function visitLike(bf: BlockFacts, event: Event): boolean {
  return bf.index.visitLike.has(event.id);
}

/** The people of an event who, named, establish it (worked out once per fact base: FactIndex.keyPeople). */
export function keyPeople(bf: BlockFacts, event: Event): ReadonlySet<string> {
  return bf.index.keyPeople.get(event.id) ?? new Set();
}

/** Whether a span lies inside a phrase of a known event (of the given event's family, when one is given). */
function inPhrase(bf: BlockFacts, span: Span, of?: Event): boolean {
  const family = of && bf.index.family.get(of.id);
  return itemsIn(bf.eventPhrases, { start: Math.max(0, span.start - 64), end: span.end + 64 }).some(
    (m) => m.start <= span.start && span.end <= m.end && (!of || m.values.some((e) => family?.has(e.id))),
  );
}

/** Whether a token starting at an offset begins a place name. */
function placeAt(bf: BlockFacts, offset: number): boolean {
  const i = tokenAt(bf.tokens, offset);
  return bf.tokens[i]?.start === offset && bf.index.places.matchAt(bf.text, bf.tokens, i) !== undefined;
}

/**
 * What in a span points away from an event (the spans in `except`, such as the date being judged, aside); words that
 * look back to an earlier occasion ("previous") only when `previous`.
 */
export function counterEvidence(bf: BlockFacts, event: Event, span: Span, except: readonly Span[] = [], previous = true): Counter[] {
  // By span, then by event: a number and an id, cheaper to look up than one key built of them all.
  const bySpan = countersFound(bf);
  const key = spanId(span);
  let byEvent = bySpan.get(key);
  if (!byEvent) bySpan.set(key, (byEvent = new Map()));
  let asked = byEvent.get(event.id);
  if (!asked) byEvent.set(event.id, (asked = []));
  for (const a of asked) if (a.previous === previous && sameSpans(a.except, except)) return a.counters;
  const counters = findCounters(bf, event, span, except, previous);
  asked.push({ except: except.map(({ start, end }) => ({ start, end })), previous, counters });
  return counters;
}

/** Whether two lists of spans hold the same spans in the same order. */
function sameSpans(a: readonly Span[], b: readonly Span[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.start !== b[i]!.start || a[i]!.end !== b[i]!.end) return false;
  return true;
}

/** What `counterEvidence` found in a block: by span (see spanId), then by event id, for each exceptions and `previous`. */
const countersFound = perBlock(() => new Map<number, Map<string, { except: Span[]; previous: boolean; counters: Counter[] }[]>>());

/** What a span holds that may point away from an event, whatever the event: found once per block and span. */
interface Scan {
  names: NameMention[];
  /** The place names, with what the words around each say (see `findCounters`). */
  places: {
    match: PhraseMatch<Place>;
    inName: boolean;
    locative: boolean;
    roleAfter: boolean;
    actorAfter: boolean;
    occasionAfter: boolean;
    possessive: boolean;
  }[];
  /** Occasions the fact base may not hold, outside the phrases of known events. */
  occasions: { start: number; end: number; word: string }[];
  again: Span[];
  previous: Span[];
  unknown: Span[];
  /** Years, but those in a title ("a plan until 2030"). */
  years: { start: number; year: number }[];
}

/** The scan of each span of a block, by its start and end. */
const scans = perBlock(() => new Map<number, Scan>());

function scanOf(bf: BlockFacts, span: Span): Scan {
  const bySpan = scans(bf);
  const key = spanId(span);
  let scan = bySpan.get(key);
  if (!scan) bySpan.set(key, (scan = scanSpan(bf, span)));
  return scan;
}

function scanSpan(bf: BlockFacts, span: Span): Scan {
  const { index, text } = bf;
  const names = itemsIn(bf.names, span);
  const places = index.places.find(text, itemsIn(bf.tokens, span)).map((match) => {
    const before = text.slice(Math.max(0, match.start - 24), match.start);
    const after = text.slice(match.end, match.end + 40);
    return {
      match,
      inName: names.some((n) => n.start <= match.start && match.end <= n.end),
      locative: LOCATIVE.test(before),
      roleAfter: ROLE_AFTER.test(after),
      actorAfter: ACTOR_AFTER.test(after),
      occasionAfter: OCCASION_AFTER.test(after),
      possessive: POSSESSIVE.test(after),
    };
  });
  const slice = text.slice(span.start, span.end);
  const matches = (pattern: RegExp): { start: number; end: number; word: string }[] => {
    const found = [];
    pattern.lastIndex = 0;
    for (let m = pattern.exec(slice); m; m = pattern.exec(slice)) {
      found.push({ start: span.start + m.index, end: span.start + m.index + m[0].length, word: m[0] });
    }
    return found;
  };
  // An occasion the fact base knows (a phrase of any event) is a rival for the date, weighed where dates are
  // fitted (event-dates.ts), not a sign of another occasion.
  const occasions = OCCASION_HINT.test(slice) ? matches(OCCASION).filter((at) => !inPhrase(bf, at)) : [];
  const years = matches(YEAR)
    .filter((m) => !yearInTitle(text, bf.tokens, tokenAt(bf.tokens, m.start)))
    .map((m) => ({ start: m.start, year: Number(m.word) }));
  return { names, places, occasions, again: matches(AGAIN), previous: matches(PREVIOUS), unknown: unknownPeople(bf, span), years };
}

function findCounters(bf: BlockFacts, event: Event, span: Span, except: readonly Span[], previous: boolean): Counter[] {
  const { index, text } = bf;
  const scan = scanOf(bf, span);
  const found: Counter[] = [];
  const add = (start: number, end: number, kind: Counter['kind']) => {
    if (except.every((e) => end <= e.start || start >= e.end)) found.push({ start, end, text: text.slice(start, end), kind });
  };
  const people = index.eventPeople.get(event.id) ?? new Set<string>();
  const { names } = scan;
  // Someone the event did not involve is its counterpart (another meeting), except on a visit whose visitor is named:
  // whom a visitor met is what participant-absent judges.
  const key = visitLike(bf, event) ? keyPeople(bf, event) : undefined;
  const visitor = key !== undefined && names.some((n) => key.has(n.form.entity.id));
  if (!visitor) for (const n of names) if (n.form.kind === 'person' && !people.has(n.form.entity.id)) add(n.start, n.end, 'person');
  const countries = index.countries.get(event.id)!;
  const own = index.ownPlaces.get(event.id)!;
  for (const { match: m, inName, locative, roleAfter, actorAfter, occasionAfter, possessive } of scan.places) {
    const place = m.values[0]!;
    // Where the fact base records no place (or no country) for the event, no place can point away from it.
    const ourCountry = countries.size === 0 || m.values.some((p) => p.country !== undefined && countries.has(p.country.toLowerCase()));
    const ours = place.kind === 'city' ? own.size === 0 || own.has(place.name.toLowerCase()) : ourCountry;
    if (ours || inPhrase(bf, m, event) || inName) continue;
    // A country is a place where it is one ("in Serbia", "to Kazakhstan"), or someone's ("Hungary's prime minister"),
    // not a subject of talks ("on Ukraine"); a demonym is someone's nationality ("the Turkish minister"). So is another
    // city of a country the event involves: the occasion's place in it ("met in Minsk"), not where a visitor heads
    // home ("departure for Minsk") or where a thing stands ("the industrial park outside Minsk").
    // A city in the possessive stands for its government ("Moscow's satellite", "Washington's sanctions") as a country
    // does, unless an occasion follows ("Moscow's summit").
    const countryLike =
      place.kind === 'country' || (place.kind === 'city' && ((ourCountry && countries.size > 0) || possessive) && !occasionAfter);
    if (countryLike && !locative && !roleAfter && !actorAfter) continue;
    if (place.kind === 'demonym' && !roleAfter) continue;
    add(m.start, m.end, 'place');
  }
  for (const at of scan.occasions) if (!event.kind.includes(at.word.toLowerCase())) add(at.start, at.end, 'occasion');
  for (const at of scan.again) add(at.start, at.end, 'occasion');
  if (previous) for (const at of scan.previous) add(at.start, at.end, 'occasion');
  // Someone the fact base names only in the event's own phrases ("met Raisi") is its counterpart, not someone else.
  const words = index.phraseWords.get(event.id);
  for (const at of scan.unknown) if (!words?.has(text.slice(at.start, at.end).toLowerCase())) add(at.start, at.end, 'unknown');
  const years = new Set([Number(event.start.slice(0, 4)), Number(event.end.slice(0, 4))]);
  // A year in a title ("a plan until 2030") dates the plan, not the occasion.
  for (const { start, year } of scan.years) if (!years.has(year)) add(start, start + 4, 'year');
  return found;
}

/** People a span names whom the fact base does not know: a titled name, a possessive, the subject of a visit. */
function unknownPeople(bf: BlockFacts, span: Span): Span[] {
  const { text } = bf;
  const slice = text.slice(span.start, span.end);
  const names = itemsIn(bf.names, span);
  const found: Span[] = [];
  TITLED.lastIndex = 0;
  for (let m = TITLED.exec(slice); m; m = TITLED.exec(slice)) {
    const at = span.start + m.index + m[0].length;
    // A title of several words ("General Secretary", "Secretary General"): the name, if any, follows its last word.
    if (TITLE_WORD.test(text.slice(at, at + 24))) continue;
    if (names.some((n) => n.start === at) || placeAt(bf, at)) continue;
    found.push({ start: at, end: at + /^[\p{L}'-]+/u.exec(text.slice(at))![0].length });
  }
  UNKNOWN.lastIndex = 0;
  for (let m = UNKNOWN_HINT.test(slice) ? UNKNOWN.exec(slice) : null; m; m = UNKNOWN.exec(slice)) {
    const at = span.start + m.index;
    if (COMMON.test(m[1]!) || names.some((n) => n.start <= at && at < n.end) || placeAt(bf, at)) continue;
    found.push({ start: at, end: at + m[1]!.length });
  }
  return found;
}

/**
 * For each sentence of a block, who its "he" or "she" is: the first person named in the nearest sentence before it
 * that names someone — a known person's id, or null for someone the fact base does not know (a titled or possessive
 * name, "the Turkish minister"); undefined when the block names no one before it. One pass per block.
 */
export const previousSubjects = perBlock((bf): (string | null | undefined)[] => {
  const subjects: (string | null | undefined)[] = [];
  let last: string | null | undefined;
  for (const span of bf.block.sentences) {
    subjects.push(last);
    const known = itemsIn(bf.names, span).find((n) => n.form.kind === 'person');
    const others = unknownPeople(bf, span).filter((u) => !known || u.end <= known.start || u.start >= known.end);
    SOMEONE.lastIndex = 0;
    const someone = SOMEONE.exec(bf.text.slice(span.start, span.end));
    const unknown = Math.min(others[0]?.start ?? Infinity, someone ? span.start + someone.index : Infinity);
    if (known && known.start <= unknown) last = known.form.entity.id;
    else if (unknown !== Infinity) last = null;
  }
  return subjects;
});
