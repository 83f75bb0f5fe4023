/** How much of a fact-base date is known: the day, the month only, or the year only. */
export type Precision = 'day' | 'month' | 'year';

/** A fact-base date as written (`2023-03-01`, `2013-03`, `2013`), with the first and last day it may stand for. */
export interface FactDate {
  written: string;
  precision: Precision;
  first: string;
  last: string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The number of days in a month (1–12) of a year, leap years included. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Reads a date the schema let through (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), checked against the calendar: the reason it is
 * not a day when it is not (`2023-02-30`), else its precision and the first and last day it may stand for.
 */
export function readFactDate(written: string): FactDate | { problem: string } {
  const [y, m, d] = written.split('-').map(Number) as [number, number | undefined, number | undefined];
  if (m === undefined) return { written, precision: 'year', first: `${pad(y, 4)}-01-01`, last: `${pad(y, 4)}-12-31` };
  const days = daysInMonth(y, m);
  if (d === undefined) return { written, precision: 'month', first: `${written}-01`, last: `${written}-${pad(days)}` };
  if (d > days) return { problem: `${written} is not a day of the calendar: ${MONTHS[m - 1]} ${y} has ${days} days` };
  return { written, precision: 'day', first: written, last: written };
}

/** "1 March 2023", "March 2013" or "2013" for a fact-base date of any precision. */
export function formatFactDate(written: string): string {
  const [y, m, d] = written.split('-').map(Number) as [number, number | undefined, number | undefined];
  if (m === undefined) return String(y);
  return d === undefined ? `${MONTHS[m - 1]} ${y}` : `${d} ${MONTHS[m - 1]} ${y}`;
}

/** "on 1 March 2023", "in March 2013" or "in 2013". */
export function onFactDate(written: string): string {
  return `${written.length === 10 ? 'on' : 'in'} ${formatFactDate(written)}`;
}

const MONTH = `(${MONTHS.map((name) => `${name.slice(0, 3)}(?:${name.slice(3)})?`).join('|')})\\.?`;
const FORMS: [RegExp, (m: RegExpExecArray) => [number, number | undefined, number | undefined]][] = [
  [new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)? ${MONTH},? (\\d{4})$`, 'i'), (m) => [Number(m[3]), month(m[2]!), Number(m[1])]],
  [new RegExp(`^${MONTH} (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})$`, 'i'), (m) => [Number(m[3]), month(m[1]!), Number(m[2])]],
  [new RegExp(`^${MONTH},? (\\d{4})$`, 'i'), (m) => [Number(m[2]), month(m[1]!), undefined]],
  [/^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$/, (m) => [Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3])]],
];

function month(name: string): number {
  return MONTHS.findIndex((full) => full.toLowerCase().startsWith(name.toLowerCase().slice(0, 3))) + 1;
}

/** The fact-base form of a date written some other common way ("1 March 2023" → 2023-03-01), when it is a real date. */
export function suggestDate(text: string): string | undefined {
  for (const [pattern, parts] of FORMS) {
    const m = pattern.exec(text.trim());
    if (!m) continue;
    const [y, mo, d] = parts(m);
    if (mo === undefined || mo < 1 || mo > 12) return undefined;
    if (d === undefined) return `${pad(y, 4)}-${pad(mo)}`;
    return d >= 1 && d <= daysInMonth(y, mo) ? `${pad(y, 4)}-${pad(mo)}-${pad(d)}` : undefined;
  }
  return undefined;
}

/**
 * A term of office as written: `from` and `to` as dates of any precision or `unknown`; `to` absent while still held;
 * `on`, days the sources show it held.
 */
export interface WrittenTerm {
  from: string;
  to?: string;
  on?: string[];
}

/**
 * The days a term was held for certain, from the latest day its start may be to the earliest day its end may be
 * (`to` absent while it is still held); undefined when no day is certain. A term from `2013-03` is certain only from
 * 31 March 2013; one from `unknown` to 4 May 2020, on 4 May 2020 only.
 */
export function sureTerm(written: WrittenTerm): { from: string; to?: string } | undefined {
  const dates = datesOf(written);
  if (!dates) return undefined;
  const { from, to } = dates;
  // The days the sources show it held are certain, and so is every day between them and a known start or end.
  const days = (written.on ?? []).filter((d) => /^\d{4}-\d\d-\d\d$/.test(d)).sort();
  const earliest = (...ds: (string | undefined)[]) => ds.filter((d) => d !== undefined).sort()[0];
  if (to === null) {
    const start = earliest(from?.last, days[0]);
    return start === undefined ? undefined : { from: start };
  }
  const start = from?.last ?? to?.last;
  const end = to?.first ?? from?.first;
  const known = start !== undefined && end !== undefined && start <= end ? { from: start, to: end } : undefined;
  if (days.length === 0) return known;
  return {
    from: earliest(known?.from, days[0])!,
    to: [known?.to, days.at(-1)]
      .filter((d) => d !== undefined)
      .sort()
      .at(-1)!,
  };
}

/** A term's start and end read as dates (undefined when unknown; `to` null while still held), or undefined if one is not a date. */
function datesOf(written: WrittenTerm): { from?: FactDate; to?: FactDate | null } | undefined {
  const read = (d: string) => (d === 'unknown' ? undefined : readFactDate(d));
  const from = read(written.from);
  const to = written.to === undefined ? null : read(written.to);
  if ((from && 'problem' in from) || (to && 'problem' in to)) return undefined;
  return { from, to };
}

/**
 * "1 March 2023 – May 2024", "since March 2013", "until 4 May 2020" or "from 2013, end not known", for a term as
 * written; with the days the sources show it held, "in office on 12 December 2023" (after the dates when any is known).
 */
export function formatTerm(written: WrittenTerm): string {
  const on = written.on?.length ? `in office on ${written.on.map(formatFactDate).join(', ')}` : undefined;
  const dates = datesWritten(written);
  return on === undefined ? dates : dates === 'dates not known' ? on : `${dates}; ${on}`;
}

function datesWritten(written: WrittenTerm): string {
  const from = written.from === 'unknown' ? undefined : formatFactDate(written.from);
  if (written.to === undefined) return from ? `since ${from}` : 'start not known, still held';
  const to = written.to === 'unknown' ? undefined : formatFactDate(written.to);
  if (from && to) return `${from} \u2013 ${to}`;
  return from ? `from ${from}, end not known` : to ? `until ${to}` : 'dates not known';
}
