import { findDates, intervalOf, isDayPrecise, type DateMention } from '../match/dates.js';
import { sentencesOf } from '../markdown/sentences.js';
import { tokenize, type Token } from '../match/tokens.js';
import { actorsIn, titledIn, type Unnamed } from './people.js';
import { readClaims, readCounts, readDocuments, readEvents, visitedIn } from './sentences.js';
import type { SourceText } from './source.js';
import { slug, type Found, type PersonSeen, type Reading, type Sentence } from './found.js';

/**
 * Reads candidate facts from a source's paragraphs: people and their titles first (so that a later short name,
 * "Lukashenka", is known), then, sentence by sentence, events, documents, counts of documents and figures.
 */
export function readFacts(text: SourceText, source: { id: string; publisher?: string; date?: string }): Found[] {
  const date = source.date;
  const sentences = text.paragraphs.flatMap((p) => sentencesOf(p).map((s) => p.slice(s.start, s.end).trim())).filter((s) => s.length > 0);
  const reading: Reading = {
    source: source.id,
    publisher: source.publisher,
    date,
    year: date ? Number(date.slice(0, 4)) : (text.year ?? commonYear(text.paragraphs)),
    people: new Map(),
    found: [],
  };
  // Without the source's day, the first date with a year and month in it places the others (unless a date line gave the year).
  const first =
    date || text.year ? undefined : text.paragraphs.flatMap((p) => findDates(p)).find((m) => m.from?.year !== undefined && m.from.month);
  if (first) [reading.year, reading.month] = [first.from!.year, first.from!.month];
  if (date) reading.month = Number(date.slice(5, 7));
  const unnamed: { u: Unnamed; quote: string; titled: string[] }[] = [];
  const tokenized = sentences.map((s) => ({ text: s, tokens: tokenize(s) }));
  for (const { text: s, tokens } of tokenized) {
    const { titled, unnamed: u } = titledIn(s, tokens);
    for (const t of titled) addPerson(reading, t.name, s).titles.push({ titled: t, quote: s });
    for (const a of actorsIn(s, tokens)) addPerson(reading, a.name, s);
    unnamed.push(...u.map((x) => ({ u: x, quote: s, titled: titled.map((t) => t.name) })));
  }
  // Ids from the fullest form of each name, now that every form is known.
  reading.people = new Map([...reading.people.values()].map((p) => [(p.id = slug(p.name)), p]));
  const read: Sentence[] = tokenized.map(({ text: s, tokens }) => ({
    text: s,
    tokens,
    dates: datesIn(reading, s),
    people: mentionsIn(reading, s, tokens),
  }));
  for (const s of read) for (const p of s.people) reading.people.get(p.id)!.mentions++;
  attachUnnamed(reading, unnamed, read);
  readEvents(reading, read);
  readDocuments(reading, read);
  readCounts(reading, read);
  readClaims(reading, read);
  return [...peopleFacts(reading), ...reading.found];
}

/** The year most often written in the text: the year a date without one is in, when the source's date is not given. */
function commonYear(paragraphs: string[]): number | undefined {
  const counts = new Map<number, number>();
  for (const p of paragraphs)
    for (const m of p.matchAll(/\b(19[5-9]\d|20\d\d)\b/g)) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function addPerson(reading: Reading, name: string, quote: string): PersonSeen {
  const same = [...reading.people.values()].find(
    (p) =>
      p.forms.has(name) ||
      p.name.endsWith(` ${name}`) ||
      name.endsWith(` ${p.name}`) ||
      p.name.startsWith(`${name} `) ||
      name.startsWith(`${p.name} `) ||
      sameEnds(p.name, name),
  );
  if (same) {
    same.forms.add(name);
    if (name.length > same.name.length) same.name = name;
    return same;
  }
  const person: PersonSeen = { id: slug(name), name, forms: new Set([name]), titles: [], quote, mentions: 0 };
  reading.people.set(person.id, person);
  return person;
}

/** Two full names with the same first and last words, one with a middle name ("Joseph Robinette Biden", "Joseph Biden"). */
function sameEnds(a: string, b: string): boolean {
  const [x, y] = [a.split(/\s+/), b.split(/\s+/)];
  return x.length >= 2 && y.length >= 2 && x.length !== y.length && x[0] === y[0] && x.at(-1) === y.at(-1);
}

/**
 * Where a sentence names a known person: a full form, or one word of the name that no other person shares
 * ("Lukashenka", "Xi"; not "Li" when Li Qiang and Li Keqiang are both named).
 */
function mentionsIn(reading: Reading, text: string, tokens: Token[]): Sentence['people'] {
  const byWord = new Map<string, Set<string>>();
  for (const p of reading.people.values()) {
    for (const form of p.forms)
      for (const w of form.split(/[ \u00a0-]+/)) if (w.length >= 2) byWord.set(w, (byWord.get(w) ?? new Set()).add(p.id));
  }
  const found: Sentence['people'] = [];
  for (let i = 0; i < tokens.length; i++) {
    const ids = byWord.get(tokens[i]!.text);
    if (ids?.size !== 1) continue;
    const id = [...ids][0]!;
    // A word the person shares with another ("Li" of Li Qiang and Li Keqiang) still belongs to the name it starts.
    const own = (w: string | undefined) => w !== undefined && byWord.get(w)?.has(id) === true;
    const gapBefore = i > 0 ? text.slice(tokens[i - 1]!.end, tokens[i]!.start) : '';
    const first =
      i > 0 && own(tokens[i - 1]!.text) && /^[ \u00a0-]$/.test(gapBefore) && found.at(-1)?.end !== tokens[i - 1]!.end ? i - 1 : i;
    let last = i;
    while (byWord.get(tokens[last + 1]?.text ?? '')?.has(id) && /^[ \u00a0-]$/.test(text.slice(tokens[last]!.end, tokens[last + 1]!.start)))
      last++;
    // Not ending inside a hyphenated word ("… Al-Jaber Al" of "Al-Sabah"): back to the end of the last whole word.
    while (last > i && text.slice(tokens[last]!.end, tokens[last + 1]?.start ?? tokens[last]!.end) === '-') last--;
    found.push({ id, start: tokens[first]!.start, end: tokens[last]!.end });
    reading.people.get(id)!.forms.add(text.slice(tokens[first]!.start, tokens[last]!.end));
    i = last;
  }
  return found;
}

/** The dates of a sentence, each as written in a fact base (a day, or a month when no day is given). */
function datesIn(reading: Reading, text: string): Sentence['dates'] {
  const out: Sentence['dates'] = [];
  const mentions = findDates(text);
  for (const mention of mentions) {
    // "on Monday" alone: the day of that name in the week of the source's date (the next one in a clause about what
    // is to come), when the sentence gives no other date.
    if (!mention.from && mention.weekday !== undefined && reading.date && mentions.every((m) => !m.from)) {
      const day = weekdayNear(reading.date, mention.weekday, FUTURE.test(text));
      out.push({ mention, written: [day, day] });
      continue;
    }
    if (!mention.from) continue;
    const year = yearFor(reading, mention);
    if (year === undefined) continue;
    const interval = intervalOf(mention, year);
    if (!interval) continue;
    out.push({ mention, written: isDayPrecise(mention) ? interval : [interval[0].slice(0, 7), interval[1].slice(0, 7)] });
  }
  return out;
}

/** Words of a clause about what is to come. */
const FUTURE = /\b(?:will|shall|is\s+to|are\s+to|scheduled|expected|due\s+to|plans?\s+to|next)\b/i;

/** The day with a weekday (0 = Sunday) nearest a source's date: on or before it, or after it for what is to come. */
function weekdayNear(date: string, weekday: number, future: boolean): string {
  const d = new Date(`${date}T00:00:00Z`);
  const shift = future ? (weekday - d.getUTCDay() + 7) % 7 : -((d.getUTCDay() - weekday + 7) % 7);
  d.setUTCDate(d.getUTCDate() + shift);
  return d.toISOString().slice(0, 10);
}

/** The year of a date without one: the source's year, or the year before for a month later than the source's. */
function yearFor(reading: Reading, m: DateMention): number | undefined {
  const written = m.from?.year ?? m.to?.year;
  if (written !== undefined) return written;
  if (reading.year === undefined) return undefined;
  const month = reading.month;
  return month !== undefined && m.from!.month > month + 1 ? reading.year - 1 : reading.year;
}

/**
 * A title written without a name ("the Belarusian leader") belongs to the person the source is most about, when that
 * person has no title of their own and is named at least three times: a report's protagonist is called so. Not a
 * title of a country that person visits (the host is "the Chinese leader" in a report on a visit to China), nor one
 * followed closely by another person named without a title ("the president of Belarus himself, Aleksander
 * Lukashenko": that person's).
 */
function attachUnnamed(reading: Reading, unnamed: { u: Unnamed; quote: string; titled: string[] }[], read: Sentence[]): void {
  const main = [...reading.people.values()].sort((a, b) => b.mentions - a.mentions)[0];
  if (!main || main.mentions < 3 || main.titles.length > 0) return;
  const taken = new Set([...reading.people.values()].flatMap((p) => p.titles.map((t) => t.titled.country)));
  const visited = new Set(read.flatMap((s) => visitedIn(s, main.id)));
  const first = unnamed.find(({ u, quote, titled }) => {
    if (taken.has(u.country) || visited.has(u.country)) return false;
    const sentence = read.find((s) => s.text === quote);
    const next = sentence?.people.find((p) => p.start > u.start && p.start < u.start + u.wording.length + 40);
    // "the president of Belarus himself, Aleksander Lukashenko,": a name in apposition, known or not.
    if (APPOSED.test(quote.slice(u.start + u.wording.length, u.start + u.wording.length + 60))) return false;
    return !next || next.id === main.id || titled.some((name) => reading.people.get(next.id)?.forms.has(name));
  });
  if (first) main.titles.push({ titled: first.u, quote: first.quote });
}

/** A name of two or three capitalised words set off by a comma right after a title: the title's holder. */
const APPOSED = /^(?:\s+[\p{L}'’-]+){0,3}?,\s+\p{Lu}[\p{Ll}'’-]+(?:\s+\p{Lu}[\p{Ll}'’-]+){1,2}\s*(?:[,.;)]|$)/u;

/** Words that describe a person's standing rather than name an office. */
const DESCRIPTORS = /^(?:leader|head|chief)$/i;

/** People, their offices and terms, from what was read. */
function peopleFacts(reading: Reading): Found[] {
  const out: Found[] = [];
  const sources = [reading.source];
  for (const p of reading.people.values()) {
    if (p.mentions === 0 && p.titles.length === 0) continue;
    const country = p.titles.find((t) => t.titled.country)?.titled.country;
    const offices = new Map<string, Record<string, unknown>>();
    // "Leader" describes; it is no office beside a title of office the source gives the same person ("Chinese leader
    // Xi Jinping" where he is also "President"). Alone, it stays: a candidate whose office the reviewer names.
    const described = (t: { titled: { title: string } }) => DESCRIPTORS.test(t.titled.title);
    const offered = p.titles.some((t) => !described(t)) ? p.titles.filter((t) => !described(t)) : p.titles;
    // A title without a country is the same title the source gives the person with one ("Dear President Lukashenko"
    // beside "Belarus President Lukashenko"): one office, not a second.
    const titles = offered.filter(
      (t) => t.titled.country || !offered.some((o) => o.titled.country && o.titled.title.toLowerCase() === t.titled.title.toLowerCase()),
    );
    for (const { titled, quote } of titles) {
      const id = slug(`${titled.title.split(/\s+/).slice(0, 5).join(' ')}${titled.country ? ` ${titled.country}` : ''}`);
      const wording = titled.wording.replace(/^(?:the|a|an)\s+/i, '');
      out.push({
        section: 'offices',
        quote,
        data: {
          id,
          title: titled.title,
          ...(titled.country ? { country: titled.country } : {}),
          wordings: [...new Map([wording, ...(/\s/.test(titled.title) ? [titled.title] : [])].map((w) => [w.toLowerCase(), w])).values()],
          sources,
          ...(DESCRIPTORS.test(titled.title)
            ? {
                note: `The source gives no office, only "${wording}", which describes a standing; write the office held (President, Prime Minister …) as the title and keep "${wording}" as a wording of it.`,
              }
            : {}),
        },
      });
      if (!offices.has(id)) {
        offices.set(id, {
          office: id,
          from: 'unknown',
          // Held on the day of a source that gives the title (the format's `on`); when it began, and whether it has
          // ended, the source does not say (`to: unknown`: without it the term would be held for certain ever since).
          to: 'unknown',
          ...(reading.date && /^\d{4}-\d{2}-\d{2}$/.test(reading.date) ? { on: [reading.date] } : {}),
          sources,
          note: `Titled so ${reading.date ? `on ${reading.date} ` : ''}by the source; check when the term began and whether it has ended.`,
          quotes: [{ source: reading.source, text: quote }],
        });
      }
    }
    const short = [...p.forms].filter((f) => f !== p.name);
    // The sentence that gives the title says most about the person; else the first that names them.
    out.push({
      section: 'people',
      quote: p.titles[0]?.quote ?? p.quote,
      data: {
        id: p.id,
        name: p.name,
        preferred: [p.name, ...short],
        ...(country ? { country } : {}),
        ...(offices.size > 0 ? { offices: [...offices.values()] } : {}),
        sources,
      },
    });
  }
  return out;
}
