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
  /** For weekday names: 0 = Sunday. */
  weekday?: number;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
export const MONTH_NAMES = MONTHS.map((m) => m[0]!.toUpperCase() + m.slice(1));
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const M = '(January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?)';
const D = '(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)';
const Y = '(\\d{4})(?!\\d)';
const TO = '\\s*(?:[-\\u2010-\\u2014]|to|until|till|through|and)\\s*';
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';

type Build = (g: string[]) => Omit<DateMention, 'start' | 'end' | 'text'> | undefined;
const PATTERNS: [RegExp, Build][] = ([
  [`${D}\\s+${M}(?:,?\\s+${Y})?${TO}${D}\\s+${M}(?:,?\\s+${Y})?`,
    (g) => ({ style: 'dmy', from: pd(g[3], g[2], g[1]), to: pd(g[6], g[5], g[4]) })],
  [`${D}${TO}${D}\\s+${M}(?:,?\\s+${Y})?`, (g) => ({ style: 'dmy', from: pd(g[4], g[3], g[1]), to: pd(g[4], g[3], g[2]) })],
  [`(?:the\\s+)?${D}\\s+(?:of\\s+)?${M}(?:,?\\s+${Y})?`, (g) => ({ style: 'dmy', from: pd(g[3], g[2], g[1]) })],
  [`${M}\\s+${D}(?:,?\\s+${Y})?${TO}${M}\\s+${D}(?:,?\\s+${Y})?`,
    (g) => ({ style: 'mdy', from: pd(g[3], g[1], g[2]), to: pd(g[6], g[4], g[5]) })],
  [`${M}\\s+${D}${TO}${D}(?:,?\\s+${Y})?`, (g) => ({ style: 'mdy', from: pd(g[4], g[1], g[2]), to: pd(g[4], g[1], g[3]) })],
  [`${M}\\s+${D}(?:,?\\s+${Y})?`, (g) => ({ style: 'mdy', from: pd(g[3], g[1], g[2]) })],
  [`${Y}-(\\d{2})-(\\d{2})(?!\\d)`, (g) => ({ style: 'iso', from: pd(g[1], g[2], g[3]) })],
  [`(early|mid|late|the\\s+end\\s+of|the\\s+beginning\\s+of|the\\s+start\\s+of|the\\s+middle\\s+of)[\\s-]+${M}(?:,?\\s+${Y})?`,
    (g) => ({ style: 'part', from: pd(g[3], g[2]), part: partOf(g[1]!) })],
  [`${M}(?:\\s+of)?,?\\s+${Y}`, (g) => ({ style: 'month', from: pd(g[2], g[1]) })],
  ['(?<=(?:in|during|since|until|of|the|early|late|mid)[\\s-]+)(January|February|March|April|June|July|August|September|October|November|December)',
    (g) => ({ style: 'month', from: pd(undefined, g[1]) })],
  [`(${WEEKDAYS.join('|')})`, (g) => ({ style: 'weekday', weekday: WEEKDAYS.indexOf(g[1]!) })],
] as [string, Build][]).map(([source, build]) => [new RegExp(`${B}${source}${E}`, 'gu'), build]);

function partOf(text: string): DateMention['part'] {
  if (/early|beginning|start/.test(text)) return 'early';
  if (/mid|middle/.test(text)) return 'mid';
  return 'late';
}

function monthNumber(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const key = text.toLowerCase().replace(/\.$/, '').slice(0, 3);
  const index = MONTHS.findIndex((m) => m.startsWith(key));
  return index < 0 ? undefined : index + 1;
}

function pd(year: string | undefined, month: string | undefined, day?: string): PartialDate | undefined {
  const m = /^\d+$/.test(month ?? '') ? Number(month) : monthNumber(month);
  if (!m || m > 12) return undefined;
  const d = day === undefined ? undefined : Number(day);
  if (d !== undefined && (d < 1 || d > 31)) return undefined;
  return { year: year === undefined ? undefined : Number(year), month: m, day: d };
}

/** Finds date expressions in prose; where two overlap, the longer wins. Linear in the text. */
export function findDates(text: string): DateMention[] {
  if (!/\d|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec|day/.test(text)) {
    return [];
  }
  const all: DateMention[] = [];
  for (const [re, build] of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const built = build([...m] as string[]);
      if (built && (built.from || built.weekday !== undefined) && (!('to' in built) || built.to)) {
        all.push({ start: m.index, end: m.index + m[0].length, text: m[0], ...built });
      }
    }
  }
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: DateMention[] = [];
  for (const mention of all) if (!kept.length || mention.start >= kept.at(-1)!.end) kept.push(mention);
  return kept;
}

/** `YYYY-MM-DD` for a full date. */
export function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The weekday (0 = Sunday) of an ISO date. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function weekdayName(day: number): string {
  return WEEKDAYS[day]!;
}

/**
 * The inclusive ISO interval a mention covers, taking a missing year from `year`;
 * undefined for weekdays (they need an event to be judged against).
 */
export function intervalOf(mention: DateMention, year: number): [string, string] | undefined {
  const from = mention.from;
  if (!from) return undefined;
  const to = mention.to ?? from;
  const toYear = to.year ?? from.year ?? year;
  let fromYear = from.year ?? (to.year !== undefined && from.month > to.month ? to.year - 1 : toYear);
  if (from.year === undefined && to.year === undefined) fromYear = year;
  let firstDay = from.day ?? 1;
  let lastDay = to.day ?? daysInMonth(toYear, to.month);
  if (mention.part === 'early') lastDay = Math.min(10, lastDay);
  else if (mention.part === 'mid') [firstDay, lastDay] = [11, 20];
  else if (mention.part === 'late') firstDay = 21;
  const start = iso(fromYear, from.month, Math.min(firstDay, daysInMonth(fromYear, from.month)));
  const end = iso(toYear, to.month, Math.min(lastDay, daysInMonth(toYear, to.month)));
  return start <= end ? [start, end] : [end, start];
}

/** Whether the mention names a year anywhere. */
export function hasYear(mention: DateMention): boolean {
  return mention.from?.year !== undefined || mention.to?.year !== undefined;
}

/** Formats an ISO interval the way a mention was written (with a year only if it had one). */
export function formatLike(mention: DateMention, start: string, end: string): string {
  const [y1, m1, d1] = start.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = end.split('-').map(Number) as [number, number, number];
  const withYear = hasYear(mention);
  const dash = /\u2013/.test(mention.text) ? '\u2013' : '-';
  if (mention.style === 'iso') return start === end ? start : `${start} ${dash} ${end}`;
  const name = (m: number) => MONTH_NAMES[m - 1]!;
  if (mention.style === 'mdy') {
    const tail = withYear ? `, ${y2}` : '';
    if (start === end) return `${name(m1)} ${d1}${tail}`;
    if (m1 === m2 && y1 === y2) return `${name(m1)} ${d1}${dash}${d2}${tail}`;
    return `${name(m1)} ${d1} ${dash} ${name(m2)} ${d2}${tail}`;
  }
  const tail = withYear ? ` ${y2}` : '';
  if (start === end) return `${d1} ${name(m1)}${tail}`;
  if (m1 === m2 && y1 === y2) return `${d1}${dash}${d2} ${name(m1)}${tail}`;
  return `${d1} ${name(m1)} ${dash} ${d2} ${name(m2)}${tail}`;
}
