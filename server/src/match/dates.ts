/** A date as written: any part may be missing ("1 March" has no year; "March 2023" has no day). */
export interface PartialDate {
  year?: number;
  month: number;
  day?: number;
}

/** How a date expression was written, so a fix can answer in the same form. */
export type DateStyle = 'dmy' | 'mdy' | 'iso' | 'month' | 'part' | 'weekday';

/** A date or date range found in prose, in offsets into the block text. */
export interface DateMention {
  start: number;
  end: number;
  text: string;
  style: DateStyle;
  from?: PartialDate;
  to?: PartialDate;
  /** For "early/mid/late March": which third of the month. */
  part?: 'early' | 'mid' | 'late';
  /** For weekday names, alone ("on Wednesday") or before a date ("Wednesday, 1 March"): 0 = Sunday. */
  weekday?: number;
  /** For ranges: what joins the two ends as written ("–", " – ", " to ", " and "). */
  joiner?: string;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
export const MONTH_NAMES = MONTHS.map((m) => m[0]!.toUpperCase() + m.slice(1));
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** Weekdays as briefing notes and timelines shorten them ("Wed", "Thu.", "Tues"). */
const SHORT_WEEKDAY = 'Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun';

// Pattern pieces. Month and weekday names are capitalised, as English writes them, so "march" (the verb) and
// "may" (the modal) are never dates; numbered groups are named so that one builder reads every pattern.
/** Whitespace inside a date: prose collapses line breaks, so a few characters at most (a bound keeps the scan linear). */
const S = '\\s{1,3}';
const S0 = '\\s{0,3}';
const MONTH =
  'January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?';
const m = (n: number) => `(?<m${n}>${MONTH})`;
const d = (n: number) => `(?:the${S})?(?<d${n}>\\d{1,2})(?:st|nd|rd|th)?(?!\\d)`;
const y = (n: number) => `(?<y${n}>[12]\\d{3})(?!\\d)`;
const yearTail = (n: number) => `(?:,?${S}${y(n)})?`;
const of = `${S}(?:of${S})?`;
/** A range joiner; "and" only counts where the builder allows it (same month, or after "between"). */
const JOIN = `(?<j>${S0}[-\\u2010-\\u2015]${S0}|${S}(?:to|until|till|through|and)${S})`;
const WEEKDAY = `(?<w>${WEEKDAYS.join('|')}|(?:${SHORT_WEEKDAY})\\.?),?${S}`;
/** Not followed by more of a word or number ("1 March 2023-24" does not end at the year). */
const E = '(?![\\p{L}\\p{N}]|[.,/_\\-\\u2010-\\u2015]\\p{N})';

// What may stand just before a match is checked on the preceding text rather than by a lookbehind at the start of
// the pattern: that keeps each pattern anchored on its first character, which the regex engine scans for quickly.
/** Not inside a word or number ("v1.2 March", "3,5 May" are not dates). */
const INSIDE = /(?:[\p{L}\p{N}]|[\p{L}\p{N}][.,/_\-\u2010-\u2015])$/u;
/** A month just after a day number: in "31 February 2023" (no such day) "February 2023" is not a date either. */
const AFTER_DAY = /\d(?:st|nd|rd|th)?\s{1,3}(?:of\s{1,3})?$/;
/** Words that name a month alone as a time ("in September", "the September meeting"). */
const MONTH_CUE =
  /\b(?:[Ii]n|[Dd]uring|[Ss]ince|[Uu]ntil|[Tt]hrough|[Tt]hroughout|[Ee]arly|[Ll]ate|[Mm]id|[Bb]y|[Bb]efore|[Aa]fter|[Ll]ast|[Nn]ext|[Tt]his|[Ff]rom|[Oo]f|[Tt]he|and|or|to|[Bb]etween)[\s-]{1,3}$/;
/** May is a modal and a surname too, so alone it needs a stronger cue ("in May", not "of May" or "the May government"). */
const MAY_CUE =
  /\b(?:[Ii]n|[Dd]uring|[Ss]ince|[Uu]ntil|[Tt]hrough|[Tt]hroughout|[Ee]arly|[Ll]ate|[Mm]id|[Bb]y|[Bb]efore|[Aa]fter|[Ll]ast|[Nn]ext|[Tt]his|[Ff]rom)\s{1,3}$/;
/** A shortened weekday alone is read only in brackets just after a date ("2023-03-02 (Wed)", "1 March (Thu.)"). */
const AFTER_DATE = new RegExp(`(?:\\d|\\b(?:${MONTH}))${S0},?${S0}\\(${S0}$`);
/** Weekdays inside the names of days that are not dates of the week ("Good Friday", "Black Friday"). */
const NAMED_DAY = /\b(?:Ash|Good|Black|Holy|Maundy|Easter|Super|Cyber|Palm|Shrove|Bloody|Spy|Giving)\s$/;

type Groups = Record<string, string | undefined>;
/**
 * Where a pattern can start, so that it is tried there only, not at every place of the text: at any place of the
 * text ('anywhere', a digit or "the" leads it), where a month's name starts, where a weekday's or a month's name
 * starts, or where a weekday's name starts.
 */
type Lead = 'anywhere' | 'month' | 'named' | 'weekday' | 'part';
type Pattern = {
  style: DateStyle;
  source: string;
  lead: Lead;
  range?: 'same' | 'cross';
  before?: (preceding: string) => boolean;
};

/** A weekday before a date ("Wednesday, 1 March"): what a pattern that may open with one puts first. */
const withWeekday = (source: string) => `(?:${WEEKDAY})?${source}`;
const DMY = `${d(1)}${of}${m(1)}${yearTail(1)}`;
/** What a part of a month opens with ("early", "the end of"), and what parts it from the month. */
const PART = `(?<p>[Ee]arly|[Mm]id|[Ll]ate|[Tt]he${S}(?:end|beginning|start|middle)${S}of)(?:${S}|${S0}[-\\u2010\\u2011]${S0})`;

const PATTERNS: Pattern[] = [
  { style: 'dmy', lead: 'anywhere', range: 'cross', source: `${d(1)}${of}${m(1)}${yearTail(1)}${JOIN}${d(2)}${of}${m(2)}${yearTail(2)}` },
  { style: 'dmy', lead: 'anywhere', range: 'same', source: `${d(1)}${JOIN}${d(2)}${of}${m(2)}${yearTail(2)}` },
  { style: 'dmy', lead: 'anywhere', source: withWeekday(DMY) },
  { style: 'mdy', lead: 'month', range: 'cross', source: `${m(1)}${S}${d(1)}${yearTail(1)}${JOIN}${m(2)}${S}${d(2)}${yearTail(2)}` },
  { style: 'mdy', lead: 'month', range: 'same', source: `${m(1)}${S}${d(1)}${JOIN}${d(2)}${yearTail(2)}` },
  { style: 'mdy', lead: 'named', source: withWeekday(`${m(1)}${S}${d(1)}${yearTail(1)}`) },
  {
    style: 'iso',
    lead: 'anywhere',
    range: 'cross',
    source: `${y(1)}-(?<m1>\\d{2})-(?<d1>\\d{2})${JOIN}${y(2)}-(?<m2>\\d{2})-(?<d2>\\d{2})`,
  },
  { style: 'iso', lead: 'anywhere', source: `${y(1)}-(?<m1>\\d{2})-(?<d1>\\d{2})` },
  { style: 'part', lead: 'part', source: `${PART}${m(1)}${yearTail(1)}` },
  { style: 'month', lead: 'month', source: `${m(1)}(?:${S}of)?,?${S}${y(1)}`, before: (t) => !AFTER_DAY.test(t) },
  {
    style: 'month',
    lead: 'month',
    source: '(?<m1>January|February|March|April|June|July|August|September|October|November|December)',
    before: (t) => MONTH_CUE.test(t) && !AFTER_DAY.test(t),
  },
  { style: 'month', lead: 'month', source: '(?<m1>May)', before: (t) => MAY_CUE.test(t) },
  { style: 'weekday', lead: 'weekday', source: `(?<w>${WEEKDAYS.join('|')})`, before: (t) => !NAMED_DAY.test(t) },
  { style: 'weekday', lead: 'weekday', source: `(?<w>${SHORT_WEEKDAY})(?=\\.?\\s{0,2}\\))`, before: (t) => AFTER_DATE.test(t) },
];
/**
 * Each pattern scanned over the text ('g') and tried at one place ('y'); a pattern that may open with a weekday also
 * without it (`body`): that is scanned over the text, and the weekdays before its next match tried first.
 */
const COMPILED = PATTERNS.map((p) => {
  const weekday = p.source.startsWith(`(?:${WEEKDAY})?`);
  return {
    ...p,
    re: new RegExp(`${p.source}${E}`, 'gu'),
    at: new RegExp(`${p.source}${E}`, 'yu'),
    body: weekday ? new RegExp(`${p.source.slice(`(?:${WEEKDAY})?`.length)}${E}`, 'gu') : undefined,
  };
});
type Compiled = (typeof COMPILED)[number];
/** Where a month's or a weekday's name may start: every name, whole or shortened, opens with one of these. */
const NAME_START = /Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Sun|Mon|Tue|Wed|Thu|Fri|Sat/g;
/** What a part of a month opens with, ending where the month starts (at most 27 characters before it). */
const PART_BEFORE = new RegExp(`${PART}$`);
const WEEKDAY_START = new Set(['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']);

/** The weekday (0 = Sunday) of a weekday's name, whole or shortened (three letters tell them apart). */
function weekdayNumber(text: string): number {
  const key = text.slice(0, 3).toLowerCase();
  return WEEKDAYS.findIndex((name) => name.toLowerCase().startsWith(key));
}

function monthNumber(text: string | undefined): number | undefined {
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  const key = text.toLowerCase().replace(/\.$/, '').slice(0, 3);
  const index = MONTHS.findIndex((name) => name.startsWith(key));
  return index < 0 ? undefined : index + 1;
}

/** A partial date, or undefined if there is no such day (month 13, 30 February, 29 February 2023). */
function pd(year: string | undefined, month: string | undefined, day?: string): PartialDate | undefined {
  const mo = monthNumber(month);
  if (!mo || mo < 1 || mo > 12) return undefined;
  const yr = year === undefined ? undefined : Number(year);
  const dy = day === undefined ? undefined : Number(day);
  if (dy !== undefined && (dy < 1 || dy > daysInMonth(yr ?? 2024, mo))) return undefined;
  return { year: yr, month: mo, day: dy };
}

function partOf(text: string): DateMention['part'] {
  if (/early|beginning|start/i.test(text)) return 'early';
  if (/mid/i.test(text)) return 'mid';
  return 'late';
}

/** Builds a mention from a match, or rejects it (no such day, a reversed range, "and" that lists rather than spans). */
function build(p: Pattern, g: Groups, text: string, index: number): Omit<DateMention, 'start' | 'end' | 'text'> | undefined {
  const weekday = g.w === undefined ? undefined : weekdayNumber(g.w);
  if (p.style === 'weekday') return { style: 'weekday', weekday };
  if (p.style === 'part') {
    const from = pd(g.y1, g.m1);
    return from && { style: 'part', from, part: partOf(g.p!) };
  }
  if (p.style === 'month') {
    const from = pd(g.y1, g.m1);
    return from && { style: 'month', from };
  }
  if (!p.range) {
    // "In March 20 documents were signed": a bare number after "in <Month>" is a count, not a day.
    if (
      p.style === 'mdy' &&
      g.y1 === undefined &&
      /\b[Ii]n\s+$/.test(text.slice(Math.max(0, index - 4), index)) &&
      /^\S+\s+\d{1,2}\s+\p{Ll}/u.test(text.slice(index, index + 20))
    )
      return undefined;
    const from = pd(g.y1, g.m1, g.d1);
    return from && { style: p.style, from, ...(weekday === undefined ? {} : { weekday }) };
  }
  const joiner = g.j!;
  if (/^\s+and\s+$/.test(joiner) && p.range === 'cross' && !/\b[Bb]etween\s+$/.test(text.slice(Math.max(0, index - 12), index))) {
    return undefined;
  }
  const same = p.range === 'same';
  const from = pd(g.y1 ?? (same ? g.y2 : undefined), g.m1 ?? g.m2, g.d1);
  const to = pd(g.y2, g.m2 ?? g.m1, g.d2);
  if (!from || !to) return undefined;
  if (same && from.day! >= to.day!) return undefined;
  if (from.year !== undefined && to.year !== undefined && iso(from.year, from.month, from.day ?? 1) >= iso(to.year, to.month, to.day ?? 1))
    return undefined;
  return { style: p.style, from, to, joiner };
}

/** Adds what a pattern matched, unless what stands before it or the builder rejects it; whether it was added. */
function add(p: Compiled, match: RegExpExecArray, text: string, all: DateMention[]): boolean {
  const preceding = text.slice(Math.max(0, match.index - 16), match.index);
  const built = INSIDE.test(preceding) || (p.before && !p.before(preceding)) ? undefined : build(p, match.groups ?? {}, text, match.index);
  if (built) all.push({ start: match.index, end: match.index + match[0].length, text: match[0], ...built });
  return built !== undefined;
}

/** Where a scan goes on after a match: from its end if it was added, else just after its start. */
function next(added: boolean, match: RegExpExecArray): number {
  return added ? match.index + match[0].length : match.index + 1;
}

/** A pattern scanned over the whole text. */
function scanAll(p: Compiled, text: string, all: DateMention[]): void {
  p.re.lastIndex = 0;
  for (let match = p.re.exec(text); match; match = p.re.exec(text)) p.re.lastIndex = next(add(p, match, text, all), match);
}

/** A pattern tried at each of the places it can start (in order), as a scan of the whole text would find its matches. */
function scanAt(p: Compiled, text: string, starts: readonly number[], all: DateMention[]): void {
  let from = 0;
  for (const start of starts) {
    if (start < from) continue;
    p.at.lastIndex = start;
    const match = p.at.exec(text);
    if (match) from = next(add(p, match, text, all), match);
  }
}

/**
 * A pattern that may open with a weekday: its body (without the weekday) scanned over the text, and the pattern tried
 * first at each weekday before the body's next match. A match that opens with no weekday is one of the body's.
 */
function scanWithWeekday(p: Compiled, text: string, weekdays: readonly number[], all: DateMention[]): void {
  const body = p.body!;
  body.lastIndex = 0;
  let found = body.exec(text);
  let from = 0;
  let k = 0;
  for (;;) {
    if (found && found.index < from) {
      body.lastIndex = from;
      found = body.exec(text);
    }
    while (k < weekdays.length && weekdays[k]! < from) k++;
    let match: RegExpExecArray | null;
    if (k < weekdays.length && (!found || weekdays[k]! < found.index)) {
      p.at.lastIndex = weekdays[k++]!;
      match = p.at.exec(text);
      if (!match) continue;
    } else if (found) match = found;
    else return;
    from = next(add(p, match, text, all), match);
  }
}

/** Where a part of a month may start: where one's opening word ends just before a month's name ("early March"). */
function partStarts(text: string, months: readonly number[]): number[] {
  const starts: number[] = [];
  for (const month of months) {
    const before = PART_BEFORE.exec(text.slice(Math.max(0, month - 32), month));
    if (before) starts.push(month - before[0].length);
  }
  return starts;
}

/**
 * Finds date expressions in prose: days, ranges (within a month, across months, ISO), months, parts of months
 * and weekdays, alone or before a date. Where two overlap, the one that starts first wins, then the longer.
 * Every pattern is anchored on a digit or a capitalised name and has no nested repetition, so the scan is linear.
 * A pattern led by a name is tried only where one starts (one scan finds them all), not at every place of the text;
 * each pattern finds what a scan of the whole text would: its first match, and the next from the end of one kept or
 * just after one rejected.
 */
export function findDates(text: string): DateMention[] {
  const digit = /\d/.test(text);
  const months: number[] = [];
  const weekdays: number[] = [];
  const named: number[] = [];
  NAME_START.lastIndex = 0;
  for (let match = NAME_START.exec(text); match; match = NAME_START.exec(text)) {
    (WEEKDAY_START.has(match[0]) ? weekdays : months).push(match.index);
    named.push(match.index);
  }
  if (!digit && named.length === 0) return [];
  const all: DateMention[] = [];
  for (const p of COMPILED) {
    if (p.lead === 'anywhere') {
      // A day before a month ("1 March") needs the month's name, an ISO date none.
      if (!digit || (p.style === 'dmy' && months.length === 0)) continue;
      if (p.body) scanWithWeekday(p, text, weekdays, all);
      else scanAll(p, text, all);
    } else {
      const starts = p.lead === 'month' ? months : p.lead === 'weekday' ? weekdays : p.lead === 'named' ? named : partStarts(text, months);
      scanAt(p, text, starts, all);
    }
  }
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: DateMention[] = [];
  for (const mention of all) if (!kept.length || mention.start >= kept.at(-1)!.end) kept.push(mention);
  return kept;
}

/** `YYYY-MM-DD` for a full date. */
export function iso(year: number, month: number, day: number): string {
  if (year >= 1000 && year <= 9999) return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The weekday (0 = Sunday) of an ISO date. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function weekdayName(day: number): string {
  return WEEKDAYS[day]!;
}

/** A weekday written the way another was: whole ("Thursday") or shortened to three letters ("Thu"). */
export function weekdayLike(written: string, day: number): string {
  return WEEKDAYS.includes(written) ? WEEKDAYS[day]! : WEEKDAYS[day]!.slice(0, 3);
}

/** The letters of the weekday a mention starts with, as written ("Thu" in "Thu., March 2"). */
export function writtenWeekday(mention: DateMention): string {
  return /^\p{L}+/u.exec(mention.text)?.[0] ?? '';
}

/** Days since 1970 of an ISO date (yyyy-mm-dd), without parsing a date string. */
export function dayNumber(iso: string): number {
  const year = digits(iso, 0, 4);
  const month = digits(iso, 5, 7);
  const day = digits(iso, 8, 10);
  // A month out of range, and anything but digits, take Date.UTC's way (it carries months over). Years 0–99 are
  // counted as written (Date.UTC would read them as 1900–1999), so that days order as their ISO strings do.
  if (year < 0 || month < 1 || month > 12 || day < 0) {
    return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
  }
  return civilDay(year, month, day);
}

/** Days since 1970 of a day given by its year, month and day: {@link dayNumber} of its ISO form, without writing it. */
export function dayOf(year: number, month: number, day: number): number {
  return fourDigits(year) && month >= 1 && month <= 12 && day >= 0 && day <= 99
    ? civilDay(year, month, day)
    : dayNumber(iso(year, month, day));
}

/** Days since 1970 from the civil date (a year counted from March, so that the leap day comes last; eras of 400 years). */
function civilDay(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/** The year, month and day of a day number (see {@link dayNumber}): the civil date, {@link civilDay} undone. */
export function dateOfDay(n: number): [number, number, number] {
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, doy - Math.floor((153 * mp + 2) / 5) + 1];
}

/** The number written in decimal digits at [from, to) of a string; -1 if any is not a digit (or the string is shorter). */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Each ISO day of an inclusive interval, in order (at most `limit` of them). */
export function daysOf(start: string, end: string, limit = 366): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${start}T00:00:00Z`); days.length < limit; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (day > end) break;
    days.push(day);
  }
  return days;
}

/** The first and last days a mention covers, as written: the first may come after the last ("5 to 3 March"). */
interface Ends {
  fromYear: number;
  fromMonth: number;
  firstDay: number;
  toYear: number;
  toMonth: number;
  lastDay: number;
}

/** The days a mention covers, taking a missing year from `year`; undefined for weekdays alone. */
function endsOf(mention: DateMention, year: number): Ends | undefined {
  const from = mention.from;
  if (!from) return undefined;
  const to = mention.to ?? from;
  let fromYear: number;
  let toYear: number;
  if (from.year === undefined && to.year === undefined) {
    fromYear = year;
    toYear = from.month > to.month ? year + 1 : year;
  } else {
    toYear = to.year ?? from.year!;
    fromYear = from.year ?? (from.month > to.month ? toYear - 1 : toYear);
  }
  let firstDay = from.day ?? 1;
  let lastDay = to.day ?? daysInMonth(toYear, to.month);
  if (mention.part === 'early') lastDay = Math.min(10, lastDay);
  else if (mention.part === 'mid') [firstDay, lastDay] = [11, 20];
  else if (mention.part === 'late') firstDay = 21;
  return {
    fromYear,
    fromMonth: from.month,
    firstDay: Math.min(firstDay, daysInMonth(fromYear, from.month)),
    toYear,
    toMonth: to.month,
    lastDay: Math.min(lastDay, daysInMonth(toYear, to.month)),
  };
}

/**
 * The inclusive ISO interval a mention covers, taking a missing year from `year`;
 * undefined for weekdays alone (they need an event to be judged against).
 */
export function intervalOf(mention: DateMention, year: number): [string, string] | undefined {
  const ends = endsOf(mention, year);
  if (!ends) return undefined;
  const start = iso(ends.fromYear, ends.fromMonth, ends.firstDay);
  const end = iso(ends.toYear, ends.toMonth, ends.lastDay);
  return start <= end ? [start, end] : [end, start];
}

/**
 * The interval of {@link intervalOf} as day numbers (see {@link dayNumber}): what the date rules compare, without
 * writing and reading back ISO strings.
 */
export function dayIntervalOf(mention: DateMention, year: number): [number, number] | undefined {
  const ends = endsOf(mention, year);
  if (!ends) return undefined;
  // Days order as their ISO strings do for years of four digits; other years take the ISO way.
  if (!fourDigits(ends.fromYear) || !fourDigits(ends.toYear)) {
    const [start, end] = intervalOf(mention, year)!;
    return [dayNumber(start), dayNumber(end)];
  }
  const start = dayOf(ends.fromYear, ends.fromMonth, ends.firstDay);
  const end = dayOf(ends.toYear, ends.toMonth, ends.lastDay);
  return start <= end ? [start, end] : [end, start];
}

function fourDigits(year: number): boolean {
  return year >= 1000 && year <= 9999;
}

/** Whether the mention names a year anywhere. */
export function hasYear(mention: DateMention): boolean {
  return mention.from?.year !== undefined || mention.to?.year !== undefined;
}

/** Whether the mention names a day (or days), not a month, part of a month or weekday alone. */
export function isDayPrecise(mention: DateMention): boolean {
  return mention.from?.day !== undefined && mention.part === undefined;
}

/**
 * Formats an ISO interval the way a mention was written: day-month or month-day or ISO, with a year only if
 * it had one, abbreviated months if it used them, its own range joiner, and its weekday (corrected) if it had one.
 */
export function formatLike(mention: DateMention, start: string, end: string): string {
  const [y1, m1, d1] = start.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = end.split('-').map(Number) as [number, number, number];
  const sameMonth = y1 === y2 && m1 === m2;
  // A dash between days of one month ("1–3 March") is spaced once it joins two months ("28 February – 2 March").
  const bareDash = mention.joiner !== undefined && /^[-\u2010-\u2015]$/.test(mention.joiner) && mention.from?.month === mention.to?.month;
  const joiner =
    mention.joiner === undefined || (bareDash && !sameMonth)
      ? mention.style === 'iso' || !sameMonth
        ? ` ${mention.joiner ?? '\u2013'} `
        : '\u2013'
      : mention.joiner;
  if (mention.style === 'iso') return start === end ? start : `${start}${joiner}${end}`;
  const abbreviated = !/January|February|March|April|May|June|July|August|September|October|November|December/.test(mention.text);
  const dot = /[A-Z][a-z]{2,3}\./.test(mention.text) ? '.' : '';
  const name = (mo: number) =>
    abbreviated && mo !== 5 ? `${MONTH_NAMES[mo - 1]!.slice(0, mo === 9 ? 4 : 3)}${dot}` : MONTH_NAMES[mo - 1]!;
  const withYear = hasYear(mention);
  const written = mention.weekday !== undefined && start === end ? /^(\p{L}+)(\.?,?\s+)/u.exec(mention.text) : null;
  const weekday = written ? `${weekdayLike(written[1]!, weekdayOf(start))}${written[2]}` : '';
  let body: string;
  if (mention.style === 'mdy') {
    const year = (yr: number) => (withYear ? `, ${yr}` : '');
    if (start === end) body = `${name(m1)} ${d1}${year(y2)}`;
    else if (sameMonth) body = `${name(m1)} ${d1}${joiner}${d2}${year(y2)}`;
    else body = `${name(m1)} ${d1}${y1 !== y2 ? year(y1) : ''}${joiner}${name(m2)} ${d2}${year(y2)}`;
  } else {
    const year = (yr: number) => (withYear ? ` ${yr}` : '');
    if (start === end) body = `${d1} ${name(m1)}${year(y2)}`;
    else if (sameMonth) body = `${d1}${joiner}${d2} ${name(m1)}${year(y2)}`;
    else body = `${d1} ${name(m1)}${y1 !== y2 ? year(y1) : ''}${joiner}${d2} ${name(m2)}${year(y2)}`;
  }
  return weekday + body;
}

/** "1 to 2 March 2023", "28 February to 2 March 2023": an interval as the object of "from", for messages. */
export function formatFromTo(start: string, end: string): string {
  const [y1, m1, d1] = start.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = end.split('-').map(Number) as [number, number, number];
  const last = `${d2} ${MONTH_NAMES[m2 - 1]} ${y2}`;
  if (y1 === y2 && m1 === m2) return `${d1} to ${last}`;
  if (y1 === y2) return `${d1} ${MONTH_NAMES[m1 - 1]} to ${last}`;
  return `${d1} ${MONTH_NAMES[m1 - 1]} ${y1} to ${last}`;
}
