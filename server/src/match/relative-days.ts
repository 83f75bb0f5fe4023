import type { Event } from '../facts/types.js';
import type { Span } from '../markdown/prose.js';
import { partitionPoint } from '../search.js';
import { itemsIn, perBlock, type BlockFacts } from './analyse.js';
import { dayNumber, intervalOf, isDayPrecise, type DateMention } from './dates.js';
import { isDraftDate, reportDateline } from './dateline.js';

// Days written relative to another ("yesterday", "on Monday", "the day before") in wire copy and timelines. A dateline
// ("BEIJING, 2 March (Agency) –") dates the report, so it is the reference for "yesterday", "today" and a weekday in
// its paragraph and the paragraphs of the report that follow it (match/dateline.ts); "the day before" and "the next day" count from the date written just before them. Without a
// reference nothing is resolved.

/** A day written relative to a reference, resolved in a given year. */
export interface RelativeDay {
  start: number;
  end: number;
  text: string;
  /** Days from the reference: -1 for "yesterday", 0 for "today", 2 for "two days later"; for a weekday, its direction. */
  shift: number;
  /** "The following Tuesday", "the previous Monday": the weekday (0 = Sunday), counted from the reference in `shift`'s direction. */
  weekday?: number;
  /** The date it counts from: the block's dateline or the date just before it. */
  reference: DateMention;
  dateline: boolean;
}

/** Words for a day counted from the dateline. */
const FROM_DATELINE = /\b(?:(?<yesterday>[Yy]esterday)|(?<today>[Tt]oday)(?!['\u2019]s))\b/g;
/** Words for a day counted from the date just before ("the day before," but not "the day before the talks"). */
const FROM_DATE =
  /\b(?:(?<before>[Tt]he\s+day\s+before(?=\s*[,.;:)]|\s*$)|[Tt]he\s+previous\s+day|[Aa]\s+day\s+earlier)|(?<after>[Tt]he\s+(?:next|following)\s+day|[Aa]\s+day\s+later|[Tt]he\s+day\s+after(?=\s*[,.;:)]|\s*$)))\b/g;
/** A number of days or weeks ("two days later", "3 days earlier", "a week later"), or a weekday ("the following Tuesday"). */
const COUNTED =
  /\b(?:(?<n>[2-9]|1[0-4]|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en)\s+days|(?<w>[Aa]|[Oo]ne|[Tt]wo)\s+weeks?)\s+(?:(?<later>later|afterwards)|(?<earlier>earlier|before(?=\s*[,.;:)]|\s*$)))\b|\b[Tt]he\s+(?:(?<next>following|next)|(?<last>previous|preceding))\s+(?<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/g;
const NUMBERS: Record<string, number> = { a: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
/** A sentence that may date a report rather than the event ("On Monday, the agency reported that…"). */
export const REPORTING = /\b(?:said|says|announced|reported|told|stated|wrote|added|confirmed|declared)\b/i;
/** Quotation marks (as UTF-16 code units) that open and close others' words, in which "yesterday" counts from when they spoke. */
const opens = (c: number) => c === 0x22 || c === 0x201c || c === 0xab; // " \u201c \u00ab
const closes = (c: number) => c === 0x22 || c === 0x201d || c === 0xbb; // " \u201d \u00bb

/** The stretches of a block inside quotation marks, found in one pass. */
function quotations(text: string): Span[] {
  const spans: Span[] = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (open < 0 && opens(c)) open = i;
    else if (open >= 0 && closes(c)) {
      spans.push({ start: open, end: i + 1 });
      open = -1;
    }
  }
  if (open >= 0) spans.push({ start: open, end: text.length });
  return spans;
}

/** The spans inside quotation marks of a block. */
const quotationsOf = perBlock((bf) => quotations(bf.text));

/** Whether an offset lies inside quotation marks in its block (binary search over the block's quotations). */
export function quoted(bf: BlockFacts, offset: number): boolean {
  const spans = quotationsOf(bf);
  // The quotations do not overlap: the first to end after the offset is the only one that may hold it.
  const i = partitionPoint(spans.length, (k) => spans[k]!.end <= offset);
  return i < spans.length && spans[i]!.start <= offset;
}

/** Whether a text has "day" or "week" anywhere, as every word of a relative day does. */
export function mayCountDays(text: string): boolean {
  return text.includes('day') || text.includes('week');
}

/** The days a sentence writes relative to the dateline of its block or to the date just before them. */
export function relativeDays(bf: BlockFacts, sentence: Span): RelativeDay[] {
  if (bf.block.container === 'quote') return [];
  const slice = bf.text.slice(sentence.start, sentence.end);
  // Every word of a relative day holds "day" or "week": a sentence with neither (most) needs no pattern run.
  if (!mayCountDays(slice)) return [];
  if (!/[Yy]esterday|[Tt]oday|\bdays?\b|\bweeks?\b|[a-z]day\b/.test(slice) || REPORTING.test(slice)) return [];
  const found: RelativeDay[] = [];
  const dateline = reportDateline(bf);
  if (dateline && isDayPrecise(dateline) && !dateline.to) {
    FROM_DATELINE.lastIndex = 0;
    for (let m = FROM_DATELINE.exec(slice); m; m = FROM_DATELINE.exec(slice)) {
      const start = sentence.start + m.index;
      found.push({ start, end: start + m[0].length, text: m[0], shift: m.groups!.yesterday ? -1 : 0, reference: dateline, dateline: true });
    }
  }
  FROM_DATE.lastIndex = 0;
  for (let m = FROM_DATE.exec(slice); m; m = FROM_DATE.exec(slice)) {
    const start = sentence.start + m.index;
    const reference = dateBefore(bf, sentence, start);
    if (reference)
      found.push({
        start,
        end: start + m[0].length,
        text: m[0],
        shift: m.groups!.before ? -1 : 1,
        reference,
        dateline: reference === dateline,
      });
  }
  COUNTED.lastIndex = 0;
  for (let m = COUNTED.exec(slice); m; m = COUNTED.exec(slice)) {
    const start = sentence.start + m.index;
    const reference = dateBefore(bf, sentence, start);
    if (!reference) continue;
    const g = m.groups!;
    const sign = g.earlier || g.last ? -1 : 1;
    const days = g.n ? (NUMBERS[g.n.toLowerCase()] ?? Number(g.n)) : g.w ? 7 * NUMBERS[g.w.toLowerCase()]! : 1;
    const weekday = g.wd ? WEEKDAYS.indexOf(g.wd.toLowerCase()) : undefined;
    found.push({
      start,
      end: start + m[0].length,
      text: m[0],
      shift: sign * days,
      reference,
      dateline: false,
      ...(weekday === undefined ? {} : { weekday }),
    });
  }
  return found.filter((r) => !quoted(bf, r.start)).sort((a, b) => a.start - b.start);
}

/**
 * Whether a weekday alone is counted from a date before it ("the following Tuesday", "the previous Friday"): a relative
 * day, judged as one (see `relativeDays`), never as a weekday of the event itself.
 */
export function countedWeekday(bf: BlockFacts, mention: DateMention): boolean {
  return (
    mention.style === 'weekday' &&
    /\b[Tt]he\s+(?:following|next|previous|preceding)\s+$/.test(bf.text.slice(Math.max(0, mention.start - 20), mention.start))
  );
}

/** How a relative day counts from its reference, for messages: "the day before", "two days after", "the Tuesday after". */
export function countedFrom(day: RelativeDay): string {
  const way = day.shift < 0 ? 'before' : 'after';
  if (day.weekday !== undefined) return `the ${WEEKDAYS[day.weekday]![0]!.toUpperCase()}${WEEKDAYS[day.weekday]!.slice(1)} ${way}`;
  const n = Math.abs(day.shift);
  const words = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
  if (n === 1) return `the day ${way}`;
  if (n % 7 === 0) return `${n === 7 ? 'a week' : `${words[n / 7]} weeks`} ${way}`;
  return `${words[n] ?? n} days ${way}`;
}

/**
 * The single day written just before an offset: in its own sentence, else the one before it holds exactly one date
 * (else which it counts from is unclear); undefined when that is a range, a month or a weekday alone.
 */
function dateBefore(bf: BlockFacts, sentence: Span, offset: number): DateMention | undefined {
  const own = itemsIn(bf.dates, { start: sentence.start, end: offset });
  let date = own.at(-1);
  if (!date) {
    const previous = bf.block.sentences.length > 1 && sentence.start > 0 ? bf.sentenceAt(sentence.start - 1) : undefined;
    const dates = previous ? itemsIn(bf.dates, previous) : [];
    date = dates.length === 1 ? dates[0] : undefined;
  }
  return date && isDayPrecise(date) && !date.to ? date : undefined;
}

/** The day a relative day falls on, the reference taking the year that puts it nearest the event when it has none. */
export function resolveFor(day: RelativeDay, event: Event): string | undefined {
  const start = Date.parse(`${event.start}T00:00:00Z`);
  const year = Number(event.start.slice(0, 4));
  const years = day.reference.from?.year !== undefined ? [day.reference.from.year] : [year - 1, year, year + 1];
  let best: string | undefined;
  for (const y of years) {
    const interval = intervalOf(day.reference, y);
    if (!interval) continue;
    const from = Date.parse(`${interval[0]}T00:00:00Z`);
    // A weekday counts to its next (or last) occurrence strictly after (or before) the reference.
    const to = day.weekday === undefined ? day.shift : weekdayShift(new Date(from).getUTCDay(), day.weekday, day.shift);
    const at = new Date(from + to * 86_400_000).toISOString().slice(0, 10);
    if (!best || Math.abs(Date.parse(`${at}T00:00:00Z`) - start) < Math.abs(Date.parse(`${best}T00:00:00Z`) - start)) best = at;
  }
  return best;
}

/** Days from a weekday to the next occurrence of another (1 to 7), or back to its last (-1 to -7) when `direction` < 0. */
export function weekdayShift(from: number, to: number, direction: number): number {
  return direction < 0 ? -(((from - to + 6) % 7) + 1) : ((to - from + 6) % 7) + 1;
}

/** A relative day as a written date on the day it resolves to, for the date rules to judge. */
export function asMention(day: RelativeDay, date: string): DateMention {
  const [year, month, d] = date.split('-').map(Number) as [number, number, number];
  return { start: day.start, end: day.end, text: day.text, style: 'dmy', from: { year, month, day: d } };
}

/** The dateline's day in the year nearest an event, as ISO. */
export function datelineDay(dateline: DateMention, event: Event): string | undefined {
  return resolveFor({ start: 0, end: 0, text: '', shift: 0, reference: dateline, dateline: true }, event);
}

/**
 * Whether a report dated on a day is filed near an event: from the day before it to a week after it. Only then do its
 * "yesterday", "today" and weekdays speak of the event's days; a report filed weeks later that names the event
 * ("Today the visit looks like a turning point") looks back on it.
 */
export function reportsNear(day: string, event: Event): boolean {
  const d = dayNumber(day);
  return d >= dayNumber(event.start) - 1 && d <= dayNumber(event.end) + 7;
}

const DAY = 86_400_000;
const isoOf = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);

/**
 * A weekday alone ("on Monday") counted from its block's dateline, when the dateline lies within a week of an event:
 * the last such weekday on or before the dateline, and the next after it (a report may be filed the day before by the
 * clock of the place it is filed in, or speak of what is planned). Undefined without such a dateline, or in quotation marks.
 */
export function weekdayFromDateline(
  bf: BlockFacts,
  mention: DateMention,
  event: Event,
): { dateline: string; back: string; ahead: string; draft: boolean } | undefined {
  const dateline = reportDateline(bf);
  if (!dateline || !isDayPrecise(dateline) || dateline.to || mention.weekday === undefined || quoted(bf, mention.start)) return undefined;
  const day = datelineDay(dateline, event);
  if (!day || !reportsNear(day, event)) return undefined;
  const d = dayNumber(day);
  const weekday = new Date(d * DAY).getUTCDay();
  const back = d - ((weekday - mention.weekday + 7) % 7);
  return { dateline: day, back: isoOf(back), ahead: isoOf(back + 7), draft: isDraftDate(bf, dateline) };
}
