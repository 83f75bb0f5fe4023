import { distance } from 'fastest-levenshtein';
import { isMap, isScalar, isSeq, type Document, type Node, YAMLMap, YAMLSeq } from 'yaml';
import { readFactDate } from '../facts/dates.js';
import { NOUNS } from '../facts/messages.js';
import type { Found } from './found.js';

/** A value a source gives that differs from the one already in the fact base: listed, never written over it. */
export interface Conflict {
  /** The fact and field in words: "event visit-china-2023 › start". */
  what: string;
  has: string;
  says: string;
  source: string;
  quote: string;
}

/** Lists whose items are added to, never replaced: a second source's spellings, participants, sources. */
const UNION = new Set([
  'sources',
  'preferred',
  'spellings',
  'misspellings',
  'wordings',
  'participants',
  'hosts',
  'visitors',
  'delegation',
  'attended',
  'phrases',
  'parties',
  'nouns',
  'attribution',
]);
/** Fields a second source may word differently without contradicting the first (a name, a title, a note). */
const WORDING = new Set(['name', 'title', 'statement', 'note', 'said', 'place', 'measure', 'country']);

/** A YAML node for a value, with no anchors: facts read together share lists that each fact writes out in full. */
export const nodeOf = (doc: Document, value: unknown): Node => doc.createNode(value, { aliasDuplicateObjects: false }) as Node;

const plain = (node: unknown): unknown =>
  isScalar(node) ? node.value : node instanceof YAMLMap || node instanceof YAMLSeq ? node.toJSON() : node;

/**
 * Merges facts read from one source into a fact-base document: a fact not there is added, marked for review, with its
 * quote; a fact already there (by id, or a person by a near spelling of the name) gains the source, the quote and any
 * new spelling, participant or count; a value that differs from the one there is a conflict, listed and written as a
 * comment above the fact, and the value there is kept. Comments already in the document are kept.
 */
export function mergeFacts(doc: Document, found: Found[], source: string): Conflict[] {
  const conflicts: Conflict[] = [];
  // A person already there under another spelling keeps its id: the source's other facts are made to refer to it.
  const renamed = new Map<string, string>();
  for (const read of found) {
    const fact = renamed.size > 0 ? { ...read, data: rename(read.data, renamed) as Found['data'] } : read;
    const seq = sectionOf(doc, fact.section);
    const existing = findItem(seq, fact);
    if (existing && (fact.section === 'people' || fact.section === 'events') && existing.get('id') !== fact.data.id)
      renamed.set(fact.data.id, String(existing.get('id')));
    const quote = { source, text: fact.quote };
    if (!existing) {
      seq.add(nodeOf(doc, { ...fact.data, review: 'candidate', quotes: [quote] }));
      continue;
    }
    const candidate = existing.get('review') === 'candidate';
    const what = `${NOUNS[fact.section] ?? fact.section} ${String(existing.get('id'))}`;
    const before = conflicts.length;
    mergeMap(doc, existing, fact.data, { what, candidate, source, quote: fact.quote, conflicts, person: fact.section === 'people' });
    addQuote(doc, existing, quote);
    for (const c of conflicts.slice(before)) {
      existing.commentBefore = `${existing.commentBefore ? `${existing.commentBefore}\n` : ''} conflict: ${c.what.slice(what.length).replace(/^ › /, '')}: ${c.source} says ${c.says} (here: ${c.has})`;
    }
  }
  return conflicts;
}

/** A fact with ids replaced: every value that is a renamed id, and the renamed ids within its own id ("talks-a-b"). */
function rename(value: unknown, ids: ReadonlyMap<string, string>, key?: string): unknown {
  if (typeof value === 'string') {
    if (ids.has(value)) return ids.get(value);
    // Whole hyphen-separated parts only: "xi" in "talks-lukashenko-xi", not in "xinhua".
    return key === 'id' ? [...ids].reduce((id, [from, to]) => id.replace(new RegExp(`(^|-)${from}(?=-|$)`), `$1${to}`), value) : value;
  }
  if (Array.isArray(value)) return value.map((v) => rename(v, ids));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rename(v, ids, k)]));
  return value;
}

interface Context {
  what: string;
  candidate: boolean;
  source: string;
  quote: string;
  conflicts: Conflict[];
  person: boolean;
  /** Merging into a term of office. */
  term?: boolean;
}

function sectionOf(doc: Document, section: string): YAMLSeq {
  const seq = doc.get(section, true);
  if (isSeq(seq)) return seq;
  const created = nodeOf(doc, []) as YAMLSeq;
  doc.set(section, created);
  return created;
}

/**
 * The item of a section a fact is: by id, or for a person, by a name spelt within two letters: a full form of the
 * fact's name near a full form of the item's ("Alexander Lukashenka", "Aleksandr Lukashenko"); or, when one of the
 * two is known by a surname only, that surname near one of the other's ("Lukashenko" alone, "Lukashenka"). Two
 * people both named in full are not merged by a shared surname (Sergei and Igor of one family); a form of one word
 * counts from five letters ("Li" may be Li Qiang or Li Keqiang).
 */
function findItem(seq: YAMLSeq, fact: Found): YAMLMap | undefined {
  const maps = seq.items.filter((i): i is YAMLMap => isMap(i));
  const byId = maps.find((m) => m.get('id') === fact.data.id);
  if (byId) return byId;
  if (fact.section === 'events') return maps.find((m) => sameVisit(m, fact.data));
  if (fact.section !== 'people') return undefined;
  const mine = [fact.data.name, ...((fact.data.preferred as unknown[] | undefined) ?? [])].map(String);
  return maps.find((m) => samePerson(mine, [m.get('name'), ...listOf(m, 'preferred'), ...listOf(m, 'spellings')].map(String)));
}

function samePerson(a: string[], b: string[]): boolean {
  const full = (forms: string[]) => forms.filter((f) => /\s/.test(f));
  if (full(a).length > 0 && full(b).length > 0) return full(a).some((x) => full(b).some((y) => sameName(x, y)));
  const surnames = (forms: string[]) => forms.map((f) => f.split(/\s+/).at(-1)!).filter((w) => w.length >= 5);
  return surnames(a).some((x) => surnames(b).some((y) => sameName(x, y)));
}

const VISITS = new Set(['state visit', 'official visit', 'working visit']);

/**
 * Whether an event read is a visit already there under another id ("visit-viet-nam-2023" beside "visit-vietnam-2023"):
 * both visits, by the same visitors, on days that meet. A visitor makes one visit at a time.
 */
function sameVisit(m: YAMLMap, data: Record<string, unknown>): boolean {
  if (!VISITS.has(String(m.get('kind'))) || !VISITS.has(String(data.kind))) return false;
  const theirs = listOf(m, 'visitors').map(String);
  const mine = ((data.visitors as unknown[] | undefined) ?? []).map(String);
  if (mine.length === 0 || mine.length !== theirs.length || !mine.every((v) => theirs.includes(v))) return false;
  const days = (start: unknown, end: unknown) => {
    const a = readFactDate(String(start));
    const b = readFactDate(String(end ?? start));
    return 'problem' in a || 'problem' in b ? undefined : [a.first, b.last];
  };
  const x = days(m.get('start'), m.get('end'));
  const y = days(data.start, data.end);
  return x !== undefined && y !== undefined && x[0]! <= y[1]! && y[0]! <= x[1]!;
}

const listOf = (m: YAMLMap, key: string): unknown[] => {
  const v = m.get(key);
  return isSeq(v) ? v.items.map(plain) : [];
};

/** A word without its accents, in lower case: "Trọng" and "Trong", "Việt" and "Viet" are one spelling. */
const folded = (w: string) => w.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

/**
 * Two spellings of one word of a name: the same but for accents, or from five letters within two edits and with the
 * same first letter.
 */
const near = (w: string, v: string) => {
  const [a, b] = [folded(w), folded(v)];
  return a === b || (a.length >= 5 && b.length >= 5 && a[0] === b[0] && distance(a, b) <= 2);
};

/**
 * Two spellings of one name: as many words, the last near and each other near or sharing its first three letters
 * ("Aleksandr Lukashenko", "Alexander Lukashenka"); a name of one word ("Lukashenko") is near a one-word form.
 */
export function sameName(a: string, b: string): boolean {
  const x = a.split(/\s+/);
  const y = b.split(/\s+/);
  if (x.length !== y.length) return false;
  if (x.length === 1) return near(x[0]!, y[0]!);
  return (
    near(x.at(-1)!, y.at(-1)!) && x.slice(0, -1).every((w, i) => near(w, y[i]!) || (w.length >= 4 && w.slice(0, 3) === y[i]!.slice(0, 3)))
  );
}

function mergeMap(doc: Document, map: YAMLMap, data: Record<string, unknown>, ctx: Context): void {
  for (const [key, value] of Object.entries(data)) {
    if (key === 'id' || key === 'quotes' || value === undefined) continue;
    if (key === 'on' && Array.isArray(value)) {
      mergeDays(doc, map, value.map(String), ctx);
      continue;
    }
    const here = map.get(key, true) as Node | undefined;
    // A term written without `to` is still held: a source that does not say whether it has ended changes nothing.
    if (here === undefined && key === 'to' && ctx.term) continue;
    if (here === undefined && keepsOrder(map, key, value)) {
      map.set(key, nodeOf(doc, value));
      continue;
    }
    if (here === undefined) {
      // Another occasion's end, read into this one ("ended on 16 September 2022" for talks that began on 1 March 2023).
      ctx.conflicts.push({ what: `${ctx.what} › ${key}`, has: 'none', says: String(value), source: ctx.source, quote: ctx.quote });
      continue;
    }
    if (key === 'preferred' && ctx.person) {
      // Forms of the name another source writes differently are spellings, not house forms.
      const known = new Set([...listOf(map, 'preferred'), ...listOf(map, 'spellings'), ...listOf(map, 'misspellings')].map(String));
      const others = (value as string[]).filter((f) => !known.has(f));
      if (others.length > 0) mergeMap(doc, map, { spellings: others }, ctx);
      continue;
    }
    if (UNION.has(key) && isSeq(here) && Array.isArray(value)) {
      for (const item of value) if (!here.items.some((i) => plain(i) === item)) here.add(nodeOf(doc, item));
      continue;
    }
    if ((key === 'offices' || key === 'counts' || key === 'claimedBy') && isSeq(here) && Array.isArray(value)) {
      for (const item of value as Record<string, unknown>[]) mergeItem(doc, here, key, item, ctx);
      continue;
    }
    const has = plain(here);
    if (has === value || WORDING.has(key) || typeof value === 'object') continue;
    const refined = refines(key, has, value);
    if (refined && ctx.candidate && keepsOrder(map, key, value)) map.set(key, value);
    else if (refined === undefined || (refined && ctx.candidate)) {
      ctx.conflicts.push({ what: `${ctx.what} › ${key}`, has: String(has), says: String(value), source: ctx.source, quote: ctx.quote });
    }
  }
}

/**
 * Days a source shows an office held (`on`), added to a term: only those within its `from` and `to` as written (the
 * loader refuses others); a day outside is a conflict, listed, and the term is kept as it is.
 */
function mergeDays(doc: Document, term: YAMLMap, days: string[], ctx: Context): void {
  const bound = (key: string) => {
    const v = plain(term.get(key, true));
    return v === undefined || v === 'unknown' ? undefined : String(v);
  };
  const [from, to] = [bound('from'), bound('to')];
  const inside = (day: string) => (!from || day.slice(0, from.length) >= from) && (!to || day.slice(0, to.length) <= to);
  for (const day of days.filter((d) => !inside(d))) {
    ctx.conflicts.push({
      what: `${ctx.what} › on`,
      has: `${from ?? 'unknown'} – ${to ?? 'still held'}`,
      says: `held on ${day}`,
      source: ctx.source,
      quote: ctx.quote,
    });
  }
  const within = days.filter(inside);
  if (within.length === 0) return;
  const here = term.get('on', true);
  if (!isSeq(here)) {
    term.set('on', nodeOf(doc, within));
    return;
  }
  for (const day of within) if (!here.items.some((i) => String(plain(i)) === day)) here.add(nodeOf(doc, day));
}

/** Whether a more precise start or end keeps the other on its side: an event does not end before it starts. */
function keepsOrder(map: YAMLMap, key: string, value: unknown): boolean {
  const other = key === 'start' ? 'end' : key === 'end' ? 'start' : undefined;
  const there = other === undefined ? undefined : plain(map.get(other, true));
  if (there === undefined || there === 'unknown') return true;
  const a = readFactDate(String(key === 'start' ? value : there));
  const b = readFactDate(String(key === 'start' ? there : value));
  return 'problem' in a || 'problem' in b || a.first <= b.last;
}

/**
 * Whether a new value only makes the one there more precise (a day within the month there, a binding status where it
 * was unknown): true; whether it is less precise but agrees: false; undefined when the two disagree.
 */
function refines(key: string, has: unknown, says: unknown): boolean | undefined {
  if (has === 'unknown') return true;
  if (says === 'unknown') return false;
  if (['start', 'end', 'date', 'from', 'to'].includes(key)) {
    const a = readFactDate(String(has));
    const b = readFactDate(String(says));
    if ('problem' in a || 'problem' in b) return undefined;
    if (b.first >= a.first && b.last <= a.last) return true;
    if (a.first >= b.first && a.last <= b.last) return false;
  }
  return undefined;
}

/** A term of office, a count or an attribution: merged into the one it matches, else added (a count that differs is also a conflict). */
function mergeItem(doc: Document, seq: YAMLSeq, key: string, item: Record<string, unknown>, ctx: Context): void {
  const maps = seq.items.filter((i): i is YAMLMap => isMap(i));
  const match =
    key === 'offices'
      ? maps.find((m) => m.get('office') === item.office)
      : key === 'claimedBy'
        ? maps.find((m) => m.get('by') === item.by)
        : maps.find((m) => m.get('min') === item.min && m.get('max') === item.max);
  const { quotes, ...rest } = item;
  if (match) {
    mergeMap(doc, match, rest, {
      ...ctx,
      what: `${ctx.what} › ${key === 'offices' ? `office ${String(item.office)}` : key}`,
      term: key === 'offices',
    });
    for (const q of (quotes as { source: string; text: string }[] | undefined) ?? []) addQuote(doc, match, q);
    return;
  }
  // Counts of other nouns ("27 agreements" beside "eight contracts") do not contradict each other.
  const same = maps.filter((m) => {
    const of = listOf(m, 'of');
    return of.length === 0 || of.some((n) => (item.of as string[] | undefined)?.includes(String(n)));
  });
  if (key === 'counts' && same.length > 0) {
    const there = same
      .map((m) => (m.get('min') === m.get('max') ? String(m.get('min')) : `${String(m.get('min'))}–${String(m.get('max'))}`))
      .join(', ');
    ctx.conflicts.push({ what: `${ctx.what} › counts`, has: there, says: `"${String(item.said)}"`, source: ctx.source, quote: ctx.quote });
  }
  seq.add(nodeOf(doc, key === 'claimedBy' ? rest : { ...rest, review: 'candidate', ...(quotes ? { quotes } : {}) }));
}

function addQuote(doc: Document, map: YAMLMap, quote: { source: string; text: string }): void {
  const quotes = map.get('quotes', true);
  if (!isSeq(quotes)) {
    map.set('quotes', nodeOf(doc, [quote]));
    return;
  }
  if (!quotes.items.some((q) => isMap(q) && q.get('source') === quote.source && q.get('text') === quote.text))
    quotes.add(nodeOf(doc, quote));
}
