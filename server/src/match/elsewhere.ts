import type { Event, FactBase } from '../facts/types.js';
import type { Span } from '../markdown/prose.js';
import { itemsIn, perBlock, type BlockFacts } from './analyse.js';
import { perIndex, type FactIndex } from './compile.js';
import { intervalOf } from './dates.js';
import { isCapitalized, tokenAt, tokenize, type Token } from './tokens.js';

// Whether a sentence shows that it is NOT about an event: a local helper for the office and participant rules
// (the fuller event resolution of the date rules is match/evidence.ts; the two should become one).

/** A year written alone ("in 2016", "the 2019 visit"), outside any full date. */
export interface YearMention extends Span {
  year: number;
}

/** A plausible year, not part of a bigger number, an amount or a percentage. */
const YEAR = /(?<![\p{L}\p{N}$€£¥]|[\p{N}][.,]|[$€£¥]\s?)(19[5-9]\d|20[0-4]\d)(?![\p{L}\p{N}%]|[.,]\p{N}|\s?(?:per|percent)\b)/gu;
/** What every match of YEAR holds: a text without it names no year (a cheaper scan than YEAR's lookbehind). */
const YEAR_HINT = /19[5-9]\d|20[0-4]\d/;

/** The years a block names alone, outside the dates the block's date finder read. */
export const yearsOf = perBlock((bf): readonly YearMention[] => {
  const { text } = bf;
  if (!YEAR_HINT.test(text)) return [];
  const dates = bf.dates;
  const found: YearMention[] = [];
  YEAR.lastIndex = 0;
  for (let m = YEAR.exec(text); m; m = YEAR.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!dates.some((d) => d.start < end && start < d.end)) found.push({ start, end, year: Number(m[0]) });
  }
  return found;
});

/** The years a span names alone, outside the dates the block's date finder read. */
export function yearsIn(bf: BlockFacts, span: Span): YearMention[] {
  return itemsIn(yearsOf(bf), span);
}

/**
 * Words that move a sentence away from the time of the event it may seem to be about: "later", "again", "now",
 * "years ago", "the following year", "long before", "ten days after". Before/after an event ("before the talks") is not among them: it stays near it.
 */
const SHIFT = new Set([
  'later',
  'formerly',
  'previously',
  'ago',
  'future',
  'subsequently',
  'afterwards',
  'afterward',
  'eventually',
  'again',
  'since',
  'now',
  'currently',
  'today',
  'nowadays',
  'recently',
  'still',
  'once',
  'then',
  'until',
  'former',
  'ex',
  'years',
  'decades',
]);
const PERIOD_BEFORE = new Set(['last', 'next', 'following', 'previous', 'preceding', 'coming', 'earlier']);
const PERIOD = new Set(['year', 'month', 'week', 'decade', 'time', 'visit', 'trip', 'summit', 'meeting']);
/** A stretch of time before "before", "after" or "earlier" ("long before", "weeks after"): looked up per word, so a set. */
const SPAN = new Set(['long', 'days', 'weeks', 'months']);
const SPAN_EDGE = new Set(['before', 'after', 'earlier']);

/**
 * A word of the span that puts it at another time than the event it names, if any. A word that qualifies an office
 * title ("the future energy minister", "then premier") speaks of the title, not of the sentence's time.
 */
export function timeShift(bf: BlockFacts, span: Span): string | undefined {
  const tokens = bf.tokens;
  const titles = new Set(itemsIn(bf.offices, span).map((o) => o.first));
  for (let i = tokenAt(tokens, span.start); i < tokens.length && tokens[i]!.end <= span.end; i++) {
    const word = tokens[i]!.lower;
    if (SHIFT.has(word) && !qualifiesTitle(bf.text, tokens, i, titles)) return tokens[i]!.text;
    if (PERIOD_BEFORE.has(word) && PERIOD.has(tokens[i + 1]?.lower ?? '')) return `${tokens[i]!.text} ${tokens[i + 1]!.text}`;
    if (SPAN.has(word) && SPAN_EDGE.has(tokens[i + 1]?.lower ?? '')) return `${tokens[i]!.text} ${tokens[i + 1]!.text}`;
  }
  return undefined;
}

/** Whether token i stands right before an office title, or one word before it, with only spaces or hyphens between. */
function qualifiesTitle(text: string, tokens: Token[], i: number, titles: Set<number>): boolean {
  const joined = (k: number) =>
    k + 1 < tokens.length && /^[ \u00a0\-\u2010\u2011]+$/.test(text.slice(tokens[k]!.end, tokens[k + 1]!.start));
  return (titles.has(i + 1) && joined(i)) || (titles.has(i + 2) && joined(i) && joined(i + 1));
}

/** Prepositions before a place ("in Minsk", "at the Great Hall", "to Moscow", "near Sochi"). */
const PLACE_BEFORE = new Set(['in', 'at', 'to', 'near']);
/** Capitalised words that are not places: adjectives of nationality and language ("Chinese", "Belarusian", "English"). */
const ADJECTIVE = /(?:ese|ian|ish|ean|ic)$/;

/**
 * The places a span names that are not where an event (or one of its parts, or what it is part of) took place:
 * capitalised words after "in", "at", "to" or "near" (skipping "the") that are not a name, an office, a date or
 * a month, and that neither the places of the event's family nor the event's own phrases use.
 */
export function otherPlaces(bf: BlockFacts, span: Span, event: Event): string[] {
  const tokens = bf.tokens;
  const own = placeWords(bf.index, event);
  const taken = [...itemsIn(bf.names, span), ...itemsIn(bf.offices, span), ...itemsIn(bf.dates, span)];
  const found: string[] = [];
  for (let i = tokenAt(tokens, span.start); i < tokens.length && tokens[i]!.end <= span.end; i++) {
    if (!PLACE_BEFORE.has(tokens[i]!.text)) continue;
    let k = i + 1;
    if (tokens[k]?.lower === 'the' && spaced(bf.text, tokens, k)) k++;
    const words: Token[] = [];
    for (; k < tokens.length && tokens[k]!.end <= span.end && isCapitalized(tokens[k]!) && spaced(bf.text, tokens, k); k++) {
      words.push(tokens[k]!);
    }
    if (words.length === 0) continue;
    if (words.some((w) => taken.some((t) => t.start < w.end && w.start < t.end) || ADJECTIVE.test(w.lower))) continue;
    if (words.some((w) => own.has(w.lower))) continue;
    found.push(words.map((w) => w.text).join(' '));
  }
  return found;
}

/** Whether token k follows token k-1 after only spaces. */
function spaced(text: string, tokens: Token[], k: number): boolean {
  return k > 0 && /^[ \u00a0]+$/.test(text.slice(tokens[k - 1]!.end, tokens[k]!.start));
}

/** What `placeWords` found, by event id. */
const placeWordsFound = perIndex(() => new Map<string, Set<string>>());

/** The lowercased words of the places of an event, its parts and what it is part of, and of its own phrases; per fact index. */
function placeWords(index: FactIndex, event: Event): Set<string> {
  const byEvent = placeWordsFound(index);
  let words = byEvent.get(event.id);
  if (!words) {
    words = new Set();
    for (const text of [...family(index, event).map((e) => e.place ?? ''), ...event.phrases]) {
      for (const t of tokenize(text)) words.add(t.lower);
    }
    byEvent.set(event.id, words);
  }
  return words;
}

/** What `family` found, by event id. */
const families = perIndex(() => new Map<string, Event[]>());

/** An event, the events it is part of, and all its parts; worked out once per fact base and event. */
export function family(index: FactIndex, event: Event): Event[] {
  const byEvent = families(index);
  let found = byEvent.get(event.id);
  if (!found) byEvent.set(event.id, (found = findFamily(index.facts, event)));
  return found;
}

function findFamily(facts: FactBase, event: Event): Event[] {
  const found = new Set<Event>();
  for (let e: Event | undefined = event; e && !found.has(e); e = e.parent ? facts.events.get(e.parent) : undefined) found.add(e);
  const queue = [event];
  while (queue.length > 0) {
    const parent = queue.pop()!;
    for (const e of facts.events.values()) {
      if (e.parent === parent.id && !found.has(e)) {
        found.add(e);
        queue.push(e);
      }
    }
  }
  return [...found];
}

/**
 * Why a sentence is not about an event, if it shows that it is not: it speaks of another time ("later", "again",
 * "the following year"), names a year outside the event's, names a place that is not the event's, or (unless a date
 * it gives falls in the event) names two known people who took part in neither the event nor its parts.
 * Undefined when nothing speaks against it.
 */
export function pointsElsewhere(bf: BlockFacts, sentence: Span, event: Event): string | undefined {
  const shift = timeShift(bf, sentence);
  if (shift) return `the sentence says "${shift}"`;
  const [from, to] = [Number(event.start.slice(0, 4)), Number(event.end.slice(0, 4))];
  const year =
    yearsIn(bf, sentence).find((y) => y.year < from || y.year > to) ??
    itemsIn(bf.dates, sentence).find((d) => d.from?.year !== undefined && (d.from.year < from || (d.to?.year ?? d.from.year) > to));
  if (year) return `the sentence names ${bf.text.slice(year.start, year.end)}, not the year of ${event.name}`;
  const [place] = otherPlaces(bf, sentence, event);
  if (place) return `the sentence names ${place}, not where ${event.name} took place`;
  if (
    itemsIn(bf.dates, sentence).some((d) => {
      const interval = intervalOf(d, from);
      return interval !== undefined && interval[0] <= event.end && event.start <= interval[1];
    })
  )
    return undefined;
  const present = bf.index.eventPeople.get(event.id);
  const absent = new Set(
    itemsIn(bf.names, sentence)
      .filter((n) => n.form.kind === 'person' && !present?.has(n.form.entity.id))
      .map((n) => n.form.entity.name),
  );
  if (absent.size >= 2) return `the sentence names ${[...absent].join(' and ')}, who took no part in ${event.name}`;
  return undefined;
}
