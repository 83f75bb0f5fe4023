import { BINDING } from '../match/binding.js';
import { findCounts, nounAfter } from '../match/counts.js';
import { GENERIC_DOCUMENTS } from '../match/documents.js';
import { findFigures, formatAmount } from '../match/figures.js';
import { isMeetingVerb, MEET_WITH } from '../match/meetings.js';
import type { PhraseMatch } from '../match/phrases.js';
import { COUNTRIES as GAZETTEER } from '../match/places.data.js';
import { slug, type Found, type Reading, type Sentence } from './found.js';
import { titledIn } from './people.js';

// Events, documents, counts of documents and figures, read sentence by sentence with the engine's readers.

const VISIT =
  /\b(?:(state|official|working)\s+)?visit\s+(?:of\s+[^,.;]{1,40}?\s+)?(?:to|in)\s+(?:the\s+)?(\p{Lu}[\p{L}-]*(?:['’]s)?(?:\s+(?:of\s+)?\p{Lu}[\p{L}-]*)*)|\barrived\s+in\s+(?:the\s+)?(\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*)*)\s+(?:on|for)\s+an?\s+(state|official|working)\s+visit/u;
/** Words that date a visit's last day ("will conclude on 2 March"). */
const ENDS = /\b(?:conclude[sd]?|end(?:s|ed)?|wrap(?:s|ped)?\s+up|leaves|left|departed|departs)\b/i;
const VISIT_KIND = /\b(state|official|working)\s+visit\b/i;
const TALKS = /\b(?:talks|negotiations|conversation|conferred)\b/i;
const CALL = /\b(?:phone|telephone)\s+(?:call|conversation|talks)\b/i;
const PLACE = /\bin\s+(?:the\s+)?((?:\p{Lu}[\p{L}'’-]*)(?:\s+(?:of\s+the\s+|of\s+)?\p{Lu}[\p{L}'’-]*)*)/u;
const SIGNED = /\b(?:signed|sign|signing|inked|concluded|adopted|adopt|adopting|passed|passing|issued|approved|exchanged)\b/i;

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** A sentence about the visit the source is about ("The visit, at the invitation of …, is scheduled for …"). */
const THE_VISIT = /\b(?:the|this|his|her|its)\s+(?:(?:state|official|working|two-day|three-day)\s+)?visit\b(?!\s+(?:of|by)\b)/i;
/** A sentence whose subject is a pronoun, then a verb of meeting: "He met with …", "She also held talks with …". */
const PRONOUN_SUBJECT = /^(?:He|She)\s+(?:also\s+|then\s+|later\s+)?(?:met|held|had|received|talked|spoke)\b/;
/**
 * The meetings a sentence reports: one of all the people it names, or, when one person "met with" two or more others
 * each given a title of their own in it ("met with Prime Minister A and the chairman of …, B"), one with each.
 */
function separateMeetings(s: Sentence, people: string[]): string[][] {
  const verb = /\bmet\s+(?:with\s+)?|\bheld\s+(?:separate\s+)?(?:talks|meetings)\s+with\s+/.exec(s.text);
  if (people.length < 3 || !verb) return [people];
  const subject = s.people.find((p) => p.start < verb.index);
  const others = [...new Set(s.people.filter((p) => p.start > verb.index).map((p) => p.id))];
  const titled = new Set(titledIn(s.text, s.tokens).titled.map((t) => t.end));
  const own = (id: string) => s.people.some((p) => p.id === id && titled.has(p.end));
  if (!subject || others.length < 2 || others.length !== people.length - 1 || !others.every(own)) return [people];
  return others.map((o) => [subject.id, o]);
}

/** A visit whose first day the sentence's date is. */
const START_OF = /\bat\s+the\s+(?:start|beginning|outset)\s+of\s+(?:a|an|his|her|the|their)\b/i;
/** The two people the sentence before named, spoken of together: "the two heads of state met in Samarkand". */
const THE_TWO = /\b[Tt]he\s+two\s+(?:heads\s+of\s+state|heads\s+of\s+government|leaders|presidents|prime\s+ministers|ministers)\b/;
/** A visit paid to a person, not a place ("paid a visit on Tuesday to Prime Minister X"), or what two people did "during the meeting". */
const CALLED_ON = /\b(?:paid|pays|paying)\s+(?:a\s+)?(?:courtesy\s+)?(?:visit|call)\b|^During\s+the\s+meeting\b/;
/** Who invited the visitor: the host. */
const INVITED = /\bat\s+the\s+invitation\s+of\s+/i;
const NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

/** How many days a visit lasts when the source says ("a three-day visit", "his 2-day State visit"). */
function daysOf(text: string): number | undefined {
  const m = /\b(one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})-day\s+(?:(?:state|official|working)\s+)?visit\b/i.exec(text);
  if (!m) return undefined;
  const n = NUMBERS[m[1]!.toLowerCase()] ?? Number(m[1]);
  return n >= 1 && n <= 14 ? n : undefined;
}

/** A day (YYYY-MM-DD) moved by a number of days; a month or year is returned as it is. */
function addDays(day: string, n: number): string {
  if (day.length !== 10) return day;
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The first date of a sentence, as a fact base writes it. */
function dateOf(s: Sentence): { start: string; end?: string } | undefined {
  const d = s.dates[0];
  if (!d) return undefined;
  return d.written[0] === d.written[1] ? { start: d.written[0] } : { start: d.written[0], end: d.written[1] };
}

/** A country's short name for a formal one ("the People's Republic of China" → "China"). */
function countryIn(place: string): string {
  const of = /\bof\s+(?:the\s+)?(\p{Lu}[\p{L}-]+)$/u.exec(place);
  return of && /\b(?:Republic|Kingdom|Federation|Emirates|States)\b/.test(place) ? of[1]! : place;
}

/**
 * A place named by a nationality word is the country's capital when "capital" follows ("the Chinese capital" →
 * Beijing, when the gazetteer knows one), else the country itself; a place name is kept as written.
 */
function placeOf(place: string, after: string): string {
  const country = GAZETTEER.find((c) => c.demonyms.some((d) => d.toLowerCase() === place.toLowerCase()));
  if (!country) return place;
  return /^\s+capital\b/i.test(after) && country.capitals.length === 1 ? country.capitals[0]! : country.country;
}

/** Whether a date written as a fact base writes it falls within an event's start and end. */
function within(date: string, event: Record<string, unknown>): boolean {
  const start = String(event.start);
  const end = String(event.end ?? event.start);
  return date.slice(0, start.length) >= start.slice(0, date.length) && date.slice(0, end.length) <= end.slice(0, date.length);
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * A time given relative to the source's date: "last September" (the latest September before the source's month),
 * "last year". Undefined when the sentence gives none, or the source's date is not known.
 */
function lastTime(reading: Reading, text: string): { start: string; end?: string } | undefined {
  const m = /\blast\s+(year|january|february|march|april|may|june|july|august|september|october|november|december)\b/i.exec(text);
  if (!m || reading.year === undefined) return undefined;
  const word = m[1]!.toLowerCase();
  if (word === 'year') return { start: String(reading.year - 1) };
  const month = MONTHS.indexOf(word) + 1;
  if (reading.month === undefined) return undefined;
  const year = month >= reading.month ? reading.year - 1 : reading.year;
  return { start: `${year}-${String(month).padStart(2, '0')}` };
}

/** Where a sentence says someone goes: "on a visit to China", "arrived in Beijing", "trip to Minsk". */
const GOES =
  /\b(?:visit(?:ing|s|ed)?\s+(?:to\s+)?|arrived\s+in\s+|arrives\s+in\s+|trip\s+to\s+|travel(?:l?ed|s)?\s+to\s+)(?:the\s+)?(\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*)*)/u;

/** The countries a person goes to in a sentence (named after them): a country, or the country of a capital. */
export function visitedIn(s: Sentence, person: string): string[] {
  const goes = GOES.exec(s.text);
  if (!goes || !s.people.some((p) => p.id === person && p.start < goes.index)) return [];
  const place = countryIn(goes[1]!);
  const country = GAZETTEER.find((c) => c.names.includes(place) || c.capitals.includes(place));
  return [country?.country ?? place];
}

/** The source's visit: the first visit read, which other events are part of. */
export function mainVisit(reading: Reading): Found | undefined {
  return reading.found.find((f) => f.section === 'events' && /visit$/.test(String(f.data.kind)));
}

/**
 * Who pays the visit a sentence names: the person after "by" ("the visit to … by X"); else the one a relative clause
 * before the visit follows ("talks with Y, who is on a state visit"); the one welcomed or received ("X welcomed Y …
 * at the start of a visit"); else the first person named before the visit who is not its host ("At the invitation of
 * P, X paid a state visit"; "X met Y at the start of a visit").
 */
function visitorIn(s: Sentence): Sentence['people'][number] | undefined {
  const visit = VISIT.exec(s.text);
  if (!visit) return undefined;
  const by = /^[^.;]{0,40}?\bby\s+/.exec(s.text.slice(visit.index + visit[0].length));
  if (by) {
    const after = visit.index + visit[0].length + by[0].length;
    return s.people.find((p) => p.start >= after && p.start < after + 60);
  }
  const before = s.people.filter((p) => p.start < visit.index);
  const last = before.at(-1);
  if (last && /^[^.;]{0,20}?\bwho\b/.test(s.text.slice(last.end, visit.index))) return last;
  // "X welcomed Y … at the start of a visit": the guest is the one welcomed.
  const welcomed = HOSTED.exec(s.text.slice(0, visit.index));
  if (welcomed) return before.find((p) => p.start >= welcomed.index + welcomed[0].length);
  const invited = INVITED.exec(s.text);
  const host = invited ? s.people.find((p) => p.start >= invited.index + invited[0].length) : undefined;
  return before.find((p) => p.id !== host?.id);
}

/** Verbs whose object is the guest: "welcomed", "received", "hosted", "greeted". */
const HOSTED = /\b(?:welcome[sd]?|receive[sd]?|host(?:s|ed)?|greet(?:s|ed)?)\s+/i;

/** Visits ("was on an official visit to China"), talks and meetings between people it names, with dates and places. */
export function readEvents(reading: Reading, sentences: Sentence[]): void {
  const sources = [reading.source];
  const kindGiven = sentences.map((s) => VISIT_KIND.exec(s.text)?.[1]?.toLowerCase()).find((k) => k !== undefined);
  // The visit is read from the first sentence that names it with a date, else the first that names it; a sentence
  // that also reports a meeting dates the meeting, not the visit.
  const visits = sentences.filter((s) => VISIT.test(s.text));
  const meeting = (s: Sentence) => new Set(s.people.map((p) => p.id)).size >= 2 && s.tokens.some((_, i) => isMeetingVerb(s.tokens, i));
  const dated = visits.filter((s) => s.dates.length > 0 && !meeting(s) && !ENDS.test(s.text));
  // "The visit … is scheduled for March 20 to 22": a later sentence about the visit may be the one that dates it.
  const about = sentences.filter((s) => THE_VISIT.test(s.text) && s.dates.length > 0 && !meeting(s) && !ENDS.test(s.text));
  for (const s of [dated[0] ?? visits[0]].filter((v) => v !== undefined)) {
    const visit = VISIT.exec(s.text)!;
    if (visit) {
      const place = placeOf(countryIn(visit[2] ?? visit[3]!), s.text.slice(visit.index + visit[0].length));
      visit[1] ??= visit[4];
      // A day (the day of arrival) within the span a sentence about the visit gives is its first day: the span dates it.
      const span = about.map(dateOf).find((d) => d?.end !== undefined);
      // "X met Y on Tuesday at the start of a three-day visit": that day is the visit's first.
      const opening = visits.find((v) => START_OF.test(v.text) && v.dates.length > 0);
      const own = dated.length > 0 ? dateOf(s) : opening ? { start: dateOf(opening)!.start } : undefined;
      const start =
        own?.end === undefined && span && (!own || within(own.start, span)) ? span : (own ?? (about[0] ? dateOf(about[0]) : undefined));
      const last = visits.find((v) => (v !== s || !start) && ENDS.test(v.text) && v.dates.length > 0);
      const ended = last?.dates.at(-1)?.written[1];
      const days = daysOf(visits.map((v) => v.text).join(' '));
      const date = start
        ? { start: start.start, end: start.end ?? ended ?? (days ? addDays(start.start, days - 1) : undefined) }
        : ended && days
          ? { start: addDays(ended, 1 - days), end: ended }
          : undefined;
      if (date && (date.end === undefined || date.end === date.start || date.end.length !== date.start.length)) delete date.end;
      // "the visit to … by X" names the visitor after the place; else the visitor is named before the visit.
      const visitor = visitorIn(s) ?? visits.map(visitorIn).find((v) => v !== undefined);
      const kind = visit[1]?.toLowerCase() ?? kindGiven;
      // "at the invitation of Russian President Vladimir Putin": the host, in a sentence about the visit.
      const hosts = [
        ...new Set(
          sentences.flatMap((v) => {
            const invited = INVITED.exec(v.text);
            if (!invited || !(v === s || THE_VISIT.test(v.text) || VISIT.test(v.text))) return [];
            const at = invited.index + invited[0].length;
            return v.people
              .filter((p) => p.start >= at && p.start < at + 60 && p.id !== visitor?.id)
              .map((p) => p.id)
              .slice(0, 1);
          }),
        ),
      ];
      const year = date?.start.slice(0, 4) ?? (reading.year === undefined ? undefined : String(reading.year));
      if (!year) continue;
      reading.found.push({
        section: 'events',
        quote: s.text,
        data: {
          id: slug(`visit ${place} ${year}`),
          name: `${visitor ? `${reading.people.get(visitor.id)!.name}'s visit` : 'Visit'} to ${place}`,
          kind: `${kind ?? 'official'} visit`,
          start: date?.start ?? year,
          ...(date?.end ? { end: date.end } : {}),
          place,
          ...(hosts.length > 0 ? { hosts } : {}),
          ...(visitor ? { visitors: [visitor.id] } : {}),
          phrases: [`visit to ${place}`],
          sources,
          ...(kind ? {} : { note: 'The source does not say what kind of visit it was.' }),
          ...(date ? {} : { note: 'The source gives no day for it.' }),
        },
      });
    }
  }
  // Who "He" or "She" at the start of a sentence is: the first person the sentence before named.
  let subject: string | undefined;
  let pair: string[] | undefined;
  for (const s of sentences) {
    const pronoun = PRONOUN_SUBJECT.test(s.text) && subject !== undefined && !s.people.some((p) => p.id === subject);
    const named = [...new Set(s.people.map((p) => p.id))];
    const both = THE_TWO.test(s.text) && named.length < 2 && pair ? pair : [];
    const people = [...new Set([...(pronoun ? [subject!] : []), ...named, ...both])];
    if (!PRONOUN_SUBJECT.test(s.text)) subject = s.people[0]?.id ?? subject;
    if (named.length === 2) pair = named;
    if (VISIT.test(s.text) && people.length < 2) continue;
    const meets =
      s.tokens.some((_, i) => isMeetingVerb(s.tokens, i)) ||
      s.tokens.some((t) => MEET_WITH.has(t.lower)) ||
      TALKS.test(s.text) ||
      (CALLED_ON.test(s.text) && !VISIT.test(s.text));
    if (people.length < 2 || !meets) continue;
    // "X met with Prime Minister A and the chairman of …, B": each titled in turn is a meeting of its own with X.
    const groups = separateMeetings(s, people);
    for (const people of groups) {
      const kind = CALL.test(s.text) ? 'phone call' : TALKS.test(s.text) ? 'talks' : 'meeting';
      const date = dateOf(s) ?? lastTime(reading, s.text);
      const visit = mainVisit(reading);
      // Part of the visit when undated or dated within it; a meeting on another day is another occasion.
      const parent = visit && (!date || within(date.start, visit.data)) ? visit : undefined;
      const names = people.map((id) => reading.people.get(id)!.name);
      const place = PLACE.exec(s.text)?.[1];
      const start =
        date?.start ?? (parent?.data.start as string | undefined)?.slice(0, 4) ?? (reading.year ? String(reading.year) : undefined);
      if (!start) continue;
      // Another sentence on the same meeting ("at a meeting with Y …", "their talks in …"): one event, read once.
      const same = reading.found.find(
        (f) =>
          f.section === 'events' &&
          (String(f.data.start).startsWith(start) || start.startsWith(String(f.data.start))) &&
          f.data.parent === parent?.data.id &&
          /^(?:talks|meeting)$/.test(String(f.data.kind)) &&
          kind !== 'phone call' &&
          String([...((f.data.participants as string[]) ?? [])].sort()) === String([...people].sort()),
      );
      if (same) {
        // The later sentence may date or place it more precisely ("Xi held talks with …" in a headline, then "On March 1, …").
        if (start.length > String(same.data.start).length) {
          Object.assign(same.data, { start, ...(date?.end ? { end: date.end } : {}) });
          delete same.data.note;
          same.quote = s.text;
        }
        if (place && !/^\d/.test(place) && same.data.place === undefined) same.data.place = place;
        continue;
      }
      reading.found.push({
        section: 'events',
        quote: s.text,
        data: {
          // A meeting outside the source's visit is another occasion: its date tells it from one during the visit.
          id: slug(`${kind} ${[...people].sort().join(' ')}${visit && !parent ? ` ${start}` : ''}`),
          name: `${cap(kind)} between ${names.join(' and ')}`,
          kind,
          start,
          ...(date?.end ? { end: date.end } : {}),
          ...(place && !/^\d/.test(place) ? { place } : {}),
          ...(parent ? { parent: parent.data.id } : {}),
          participants: people,
          sources,
          ...(date ? {} : { note: 'The source gives no day for it.' }),
        },
      });
    }
  }
}

/** Singular names of documents and the kind each is. */
const KINDS: [RegExp, string][] = [
  [/joint\s+statement/i, 'joint statement'],
  [/declaration/i, 'declaration'],
  [/memorand(?:um|a)\s+of\s+understanding|memorandum/i, 'memorandum of understanding'],
  [/agreement/i, 'agreement'],
  [/contract/i, 'contract'],
  [/programme|program/i, 'programme'],
  [/\bplan\b/i, 'plan'],
  [/strategy/i, 'strategy'],
  [/position\s+paper/i, 'position paper'],
  [/treaty/i, 'treaty'],
];
/** The kind nouns of documents, as written. */
const KIND_NOUN =
  'joint\\s+statement|declaration|memorandum(?:\\s+of\\s+understanding)?|agreement|contract|programme|program|plan|strategy|position\\s+paper|treaty';
/** Up to three words before a kind noun ("cooperation agreement"), none an article or a joining word. */
const LEAD = '(?:(?!(?:a|an|the|and|or|as|well)\\s)[\\p{L}-]+\\s+){0,3}?';
/** "an agreement and " right before another document that has the subject: the first shares it. */
const AND_BEFORE = new RegExp(`\\b(?:a|an|the)\\s+(${LEAD}(?:${KIND_NOUN}))\\s+(?:and|as\\s+well\\s+as)\\s+$`, 'iu');
/** A capitalised name of a party: "Belarus", "the Ministry of Trade of China", "China's Sinomach". */
const PARTY = "\\p{Lu}[\\p{L}'’.-]*(?:\\s+(?:of\\s+(?:the\\s+)?)?\\p{Lu}[\\p{L}'’.-]*)*";
/** "between A and B" after a document: its parties as the sentence names them. */
const BETWEEN = new RegExp(`\\bbetween\\s+(?:the\\s+)?(${PARTY})\\s+and\\s+(?:the\\s+)?(${PARTY})`, 'u');
/** "between the Ministry of Construction and Architecture and B": of three names joined by "and", the first two are one. */
const BETWEEN_JOINED = new RegExp(`\\bbetween\\s+(?:the\\s+)?(${PARTY}\\s+and\\s+${PARTY})\\s+and\\s+(?:the\\s+)?(${PARTY})`, 'u');
/**
 * "between the Ministry of Construction and Architecture of A and the Ministry of Housing and Urban-Rural Development of
 * B": "and the" starts the second party, and an "and" without an article joins words of one.
 */
const BETWEEN_THE = new RegExp(
  `\\bbetween\\s+(?:the\\s+)?(${PARTY}(?:\\s+and\\s+${PARTY})?)\\s+and\\s+the\\s+(${PARTY}(?:\\s+and\\s+(?!the\\b)${PARTY})?)`,
  'u',
);
/** The two sides spoken of together as who signed: "the two leaders", "the heads of government". */
const SIGNERS = /\bthe\s+(?:two\s+)?(?:leaders|heads\s+of\s+(?:state|government)|presidents|prime\s+ministers)\s+(?:\S+\s+){0,2}$/i;
/** Verbs of signing: only they make the people named with them a document's parties ("endorsed" does not). */
const SIGNING = /\b(?:signed|signs|sign|signing|inked|concluded|exchanged)\b/i;
const DOCUMENT =
  /\b(?:a|an|the)\s+((?:(?!(?:a|an|the|and|or)\s)[\p{L}-]+\s+){0,3}?(?:joint\s+statement|declaration|memorandum(?:\s+of\s+understanding)?|agreement|contract|programme|program|plan|strategy|position\s+paper|treaty)\s+(?:on|of|about|between|for|to)\s+[^,.;:()]+)/giu;
/** Where a document's title ends: a verb or relative word after it. */
const TITLE_END =
  /\s+(?:that|which|who|was|were|is|are|will|would|shows|show|showed|had|has|have|signed|adopted|as|during|at|in\s+(?:the\s+)?presence|aims?|aimed|seeks?|outlines?|provides?|covers?|envisages?|sets?\s+out|calls?\s+for|and\s+(?:implement|promote|strengthen|develop|expand|deepen|build|establish|advance|enhance|boost|create|ensure|support|make|take|bring))\b.*$/i;

/** Documents named in the singular with what they are about ("a joint statement on …"), signed or adopted. */
export function readDocuments(reading: Reading, sentences: Sentence[]): void {
  // The last two people named together: who "the two leaders" or "the heads of government" are.
  let pair: string[] | undefined;
  for (const s of sentences) {
    const named = [...new Set(s.people.map((p) => p.id))];
    if (named.length === 2) pair = named;
    for (const m of s.text.matchAll(DOCUMENT)) {
      const signed = SIGNED.test(s.text);
      const definite = /^the\b/i.test(m[0]);
      if (!signed && !definite) continue;
      const title = cap(m[1]!.replace(TITLE_END, '').trim());
      // "The memorandum of understanding aims to …", with no signing: the document named before, not another.
      if (!signed && definite && /^memorandum\s+of\s+understanding$/i.test(title)) continue;
      addDocument(reading, s, title, m.index!, signed, pair);
      // "an agreement and a memorandum on X": the agreement on X is another document.
      const and = AND_BEFORE.exec(s.text.slice(0, m.index!));
      const subject = /\s+(?:on|of|about|between|for|to)\s+.*$/.exec(title.replace(/^memorandum\s+of\s+understanding/i, 'Memorandum'))?.[0];
      if (and && subject) addDocument(reading, s, cap(and[1]! + subject), and.index, signed);
    }
  }
}

function addDocument(reading: Reading, s: Sentence, title: string, at: number, signed: boolean, pair?: string[]): void {
  const sources = [reading.source];
  const lead = title.split(/\s+(?:on|of|about|between|for|to)\s+/)[0]!;
  const kind = KINDS.find(([re]) => re.test(lead))?.[1];
  if (!kind || title.split(/\s+/).length < 3) return;
  const parties = partiesOf(reading, s, at);
  // "After the talks, the heads of government signed a memorandum on …": the two named together before.
  const verb = SIGNING.exec(s.text);
  if (parties.length === 0 && pair && verb && verb.index < at && SIGNERS.test(s.text.slice(0, verb.index)) && s.people.length === 0)
    parties.push(...pair.map((id) => reading.people.get(id)!.name));
  // A title that is only its kind ("Memorandum of understanding") is told from another of its kind by its parties.
  const bare = /^(?:\S+\s+){0,3}\S+$/.test(title.replace(/\s+of\s+understanding$/i, ''));
  const date = dateOf(s);
  const visit = mainVisit(reading);
  reading.found.push({
    section: 'documents',
    quote: s.text,
    data: {
      id: slug(`${title.split(/\s+/).slice(0, 8).join(' ')}${bare && parties.length > 0 ? ` ${parties.join(' ')}` : ''}`),
      title,
      kind,
      binding: bindingSaid(s),
      ...(parties.length > 0 ? { parties } : {}),
      ...(date && date.end === undefined ? { date: date.start } : {}),
      ...(visit && signed ? { event: visit.data.id } : {}),
      phrases: [lead.toLowerCase()],
      sources,
    },
  });
}

/**
 * A document's parties: "between A and B" after it, else the people named before a verb of signing that comes before
 * it ("X and Y signed …"), or after "signed by" ("… was signed by X").
 */
function partiesOf(reading: Reading, s: Sentence, at: number): string[] {
  const between = BETWEEN_THE.exec(s.text.slice(at)) ?? BETWEEN_JOINED.exec(s.text.slice(at)) ?? BETWEEN.exec(s.text.slice(at));
  if (between) return [between[1]!, between[2]!].map((p) => p.replace(/\.$/, ''));
  const verb = SIGNING.exec(s.text);
  if (!verb) return [];
  const name = (id: string) => reading.people.get(id)!.name;
  if (verb.index < at) return [...new Set(s.people.filter((p) => p.start < verb.index).map((p) => name(p.id)))];
  const by = /^\s+by\b/.exec(s.text.slice(verb.index + verb[0].length));
  return by ? [...new Set(s.people.filter((p) => p.start > verb.index).map((p) => name(p.id)))] : [];
}

/** Whether the sentence calls a document binding (true), not binding (false), or says neither. */
function bindingSaid(s: Sentence): boolean | 'unknown' {
  if (/\b(?:non-binding|not\s+(?:legally\s+)?binding|no\s+legal\s+(?:force|obligations?))\b/i.test(s.text)) return false;
  return BINDING.find(s.text, s.tokens).some((w) => w.values.some((v) => !v.noun)) ? true : 'unknown';
}

/** Counts of documents signed ("about 20 documents were signed"), for the source's visit. */
export function readCounts(reading: Reading, sentences: Sentence[]): void {
  // The documents were signed during the source's visit, or else at the first occasion it reports (talks, a meeting).
  const visit = mainVisit(reading) ?? reading.found.find((f) => f.section === 'events');
  if (!visit) return;
  const sources = [reading.source];
  for (const s of sentences) {
    if (!SIGNED.test(s.text)) continue;
    const nouns = new Map<number, PhraseMatch<string[]>>(GENERIC_DOCUMENTS.find(s.text, s.tokens).map((m) => [m.first, m]));
    for (const count of findCounts(s.text, s.tokens)) {
      const noun = nounAfter(s.text, s.tokens, count, nouns);
      if (!noun || count.max < 2) continue;
      const said = s.text.slice(count.start, noun.end);
      const by = s.people.find((p) => /\b(?:said|says|told|announced|stated)\b/.test(s.text.slice(p.end, p.end + 40)));
      const max = Number.isFinite(count.max) ? Math.floor(count.max) : Math.ceil(count.min) * 2;
      reading.found.push({
        section: 'documentCounts',
        quote: s.text,
        data: {
          id: slug(`${String(visit.data.id)} documents`),
          event: visit.data.id,
          nouns: [s.text.slice(noun.start, noun.end).toLowerCase()],
          counts: [
            {
              min: Math.ceil(count.min),
              max,
              said,
              of: [s.text.slice(noun.start, noun.end).toLowerCase()],
              ...(by ? { by: by.id } : {}),
              ...(reading.date ? { date: reading.date } : {}),
              sources,
              ...(Number.isFinite(count.max) ? {} : { note: 'The source gives no upper bound; max is a placeholder to correct.' }),
              quotes: [{ source: reading.source, text: s.text }],
            },
          ],
          sources,
        },
      });
    }
  }
}

/** Words of saying: who states a figure is named before them ("X said") or after ("according to X"). */
const SAID =
  /\b(?:said|says|stated|told|announced|noted|emphasi[sz]ed|stressed|estimated|pointed\s+out|pointing\s+out|claimed|reported)\b/i;
/** Words that end the noun phrase after "according to": a verb, a joining word, another clause. */
const PHRASE_END =
  '(?:that|the|a|an|and|or|but|in|on|at|by|for|to|with|from|which|who|was|were|is|are|will|would|has|have|had|said|says|this|it)';
/** "according to Belarusian authorities", "according to the head of the central bank": the whole noun phrase. */
const ACCORDING = new RegExp(
  `\\baccording\\s+to\\s+(?:the\\s+)?((?!${PHRASE_END}\\b)[\\p{L}'’-]+(?:\\s+(?:of\\s+(?:the\\s+)?)?(?!${PHRASE_END}\\b)[\\p{L}'’-]+){0,5})`,
  'iu',
);
/** What a figure measures: "the cumulative economic effect" before "of", "will", "is", "amounts" … */
const MEASURE =
  /\b[Tt]he\s+((?:[\p{Ll}-]+\s+){0,3}[\p{Ll}-]+?)\s+(?:of|will|would|could|is|was|are|were|amounts?|amounted|reached|reaches|totals?|totalled|stood|exceeded|came|has|have)\b/u;

/** Figures of money ("$3.5 billion"), with what they measure and who stated them. */
export function readClaims(reading: Reading, sentences: Sentence[]): void {
  const sources = [reading.source];
  for (const s of sentences) {
    for (const figure of findFigures(s.text)) {
      if (!figure.currency) continue;
      const before = s.text.slice(0, figure.start);
      // What it measures is named in its own clause: after the last comma or "that" before it.
      const clause = before.slice(Math.max(0, before.lastIndexOf(' that '), before.lastIndexOf(',')));
      const measure = MEASURE.exec(clause)?.[1];
      const by = stater(reading, s, before, figure.end);
      // No one is said to state it and the source's publisher is not known: a claim needs a claimant, and a made-up
      // one would gather every such figure of every unknown source.
      if (!by) continue;
      const visit = mainVisit(reading);
      const id = slug(`${measure ?? 'figure'} ${formatAmount(figure.value, figure.currency).replace(/[$€£¥]/g, '')}`);
      if (by.organisation) {
        reading.found.push({ section: 'organisations', quote: s.text, data: { id: by.id, name: by.organisation, sources } });
      }
      reading.found.push({
        section: 'claims',
        quote: s.text,
        data: {
          id,
          statement: s.text.length <= 2000 ? s.text : `${s.text.slice(0, 1997)}…`,
          status: 'claimed',
          kind: 'money',
          value: figure.value,
          unit: figure.currency,
          ...(measure ? { measure } : {}),
          ...(visit ? { event: visit.data.id } : {}),
          claimedBy: [{ by: by.id, ...(reading.date ? { date: reading.date } : {}), sources }],
          // No `attribution`: in format v2 the words that report the figure attribute it through its claimant.
          sources,
        },
      });
    }
  }
}

/** Who states a figure: a person named before a word of saying, "according to X", or the words before the verb. */
function stater(reading: Reading, s: Sentence, before: string, end: number): { id: string; organisation?: string } | undefined {
  const after = SAID.exec(s.text.slice(end));
  const saidAfter = after ? { index: end + after.index, 0: after[0] } : undefined;
  const said = SAID.exec(before) ?? saidAfter;
  const according = ACCORDING.exec(s.text);
  // The speaker is named before the verb: before the figure ("X said that …"), or after it ("…, X told reporters").
  const person =
    said === saidAfter && said
      ? s.people.filter((p) => p.start >= end && p.start < said.index).at(-1)
      : s.people.find((p) => (said ? p.start < said.index : according ? p.start >= according.index : false));
  if (person) return { id: person.id };
  const phrase =
    according?.[1]?.trim() ??
    (said && said !== saidAfter ? /^(?:the\s+)?((?:[\p{L}-]+\s+){0,3}[\p{L}-]+)\s*$/iu.exec(before.slice(0, said.index))?.[1] : undefined);
  if (phrase) return { id: slug(phrase), organisation: cap(phrase) };
  return reading.publisher === undefined ? undefined : { id: slug(reading.publisher), organisation: reading.publisher };
}
