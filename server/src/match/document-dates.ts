import type { Document, Event } from '../facts/types.js';
import type { Span } from '../markdown/prose.js';
import { itemsIn, type BlockFacts } from './analyse.js';
import { counterEvidence, keyPeople } from './counter-evidence.js';
import { dayNumber, intervalOf, isDayPrecise, type DateMention } from './dates.js';
import { clauseOf, topicsAt, yearSlip } from './evidence.js';
import { perIndex, type FactIndex } from './compile.js';
import type { PhraseMatch } from './phrases.js';
import { tokenize } from './tokens.js';

// The date a document was made: "the interconnector treaty was signed in Tallinn on 15 May", "Beijing's position
// paper, released on 24 February", "signed the joint statement on 1 March", or a table row whose date column is headed
// "Signed". Publishing dates only a document with one party: a signed one may be published days later. Such a date is
// judged against the document's own date in the fact base when the text shows the document is that one: the text is
// about the occasion it was made at (its topic), one of its parties is named as a party ("Beijing's", "Estonia and
// Sweden signed"), or one of the people of that occasion; and nothing in the clause points elsewhere (another party,
// place, occasion or year). A date far from the document's (beyond a month, unless the same day with the year
// slipped) is about another document.

/** Verbs of making a document: signing it, or publishing it (only the making of a document with one party). */
const MADE = '(?:signed|released|published|issued|adopted|unveiled|concluded)';
const PUBLISHED = /\b(?:released|published|issued|unveiled)\b/;
/** A verb of making anywhere (a quick test before the patterns that place it). */
const MAKING = new RegExp(MADE);
/** A word of a document's title or a place after its phrase ("position paper on Ukraine", "signed in Tallinn"). */
const WORD = "[\\p{L}\\d'\\u2019\\u2013-]+";
/** Between a document's phrase and its date: a few words of its title, the verb, where, then "on" or "in". */
const AFTER_DOC = new RegExp(
  `^(?:\\s+${WORD}){0,4}?,?\\s+(?:(?:was|were|had been|has been)\\s+)?(?:first\\s+)?${MADE}` +
    `(?:\\s+(?:in|at)(?:\\s+${WORD}){1,4}?)?,?\\s+(?:on|in)\\s+$`,
  'u',
);
/** Before a document's phrase: the verb and its article ("signed the", "adopted a new"). */
const BEFORE_DOC = new RegExp(`\\b${MADE}\\s+(?:(?:the|a|an|its|their|his|her)\\s+)?(?:${WORD}\\s+){0,2}$`, 'u');
/** Between a document's phrase made by the verb before it and its date: a few words of its title, where, "on" or "in". */
const AFTER_OBJECT = new RegExp(`^(?:\\s+${WORD}){0,5}?(?:\\s+(?:in|at)(?:\\s+${WORD}){1,4}?)?,?\\s+(?:on|in)\\s+$`, 'u');
/** Words that put a date in relation to the making rather than on it ("signed before 1 March"). */
const RELATION = /\b(?:before|after|by|since|until|prior to|ahead of|following)\s+$/i;
/** Words before a country that make it the subject of a document, not a party to it ("a position paper on Ukraine"). */
const SUBJECT = /\b(?:on|about|over|regarding|concerning|for|against|toward|towards)\s+(?:the\s+)?$/i;
/** How far (days) a written date may lie from a document's own date and still be about it. */
const REACH = 31;

/** A document whose date a written date contradicts, with the event it was made at. */
export interface WrongDocumentDate {
  document: Document;
  event: Event;
}

/** What `partyCountries` found, by document id. */
const partiesByIndex = perIndex(() => new Map<string, Set<string>>());

/** The countries (lowercased) a document's parties name, worked out once per fact base. */
function partyCountries(index: FactIndex, doc: Document): Set<string> {
  const byDoc = partiesByIndex(index);
  let countries = byDoc.get(doc.id);
  if (!countries) {
    countries = new Set();
    for (const party of doc.parties) {
      for (const m of index.places.find(party, tokenize(party)))
        for (const p of m.values) if (p.country) countries.add(p.country.toLowerCase());
    }
    byDoc.set(doc.id, countries);
  }
  return countries;
}

/** Words that may open a document's name before its phrase: an owner, an article, a number ("Beijing's 12-point"). */
const OPENER = /^(?:\p{Lu}[\p{L}-]*(?:['\u2019]s)?|the|a|an|its|their|his|her|[\p{L}\d]*\d[\p{L}\d-]*|\p{L}+-\p{L}+)$/u;

/** Where the name a phrase stands in begins: back over the words that may open it. */
function nameStart(bf: BlockFacts, clause: Span, phrase: PhraseMatch<Document>): number {
  let start = phrase.start;
  for (let words = 0; words < 4; words++) {
    const word = wordBefore(bf.text, clause.start, start);
    if (!word || !OPENER.test(bf.text.slice(word.start, word.end))) break;
    start = word.start;
  }
  return start;
}

const SPACE = /\s/;

/**
 * The word that ends a stretch of text with one or two spaces after it: what /(\S+)\s{1,2}$/ finds in the stretch,
 * looked for back from its end rather than by a pattern tried at every place of it.
 */
function wordBefore(text: string, from: number, to: number): Span | undefined {
  let end = to;
  while (end > from && to - end < 3 && SPACE.test(text[end - 1]!)) end--;
  if (end === to || to - end > 2 || end === from) return undefined;
  let start = end - 1;
  while (start > from && !SPACE.test(text[start - 1]!)) start--;
  return { start, end };
}

/**
 * The document phrases of a clause a date is attached to by a verb of making, each with the span that speaks of the
 * making: from the document's name to the date ("Beijing's position paper, released on"), or from the clause's start
 * when the verb and who made it come first ("Estonia and Sweden signed the treaty on").
 */
function attached(bf: BlockFacts, clause: Span, mention: DateMention): { phrase: PhraseMatch<Document>; span: Span }[] {
  const { text } = bf;
  // Either way the verb stands in the clause before the date: most clauses have none.
  const verb = text.slice(clause.start, mention.start);
  if (!MAKING.test(verb)) return [];
  // A signed document may be published days later ("the joint statement was published in full on 2 March").
  const published = PUBLISHED.test(verb) && !/\b(?:signed|adopted|concluded)\b/.test(verb);
  return itemsIn(bf.documents, clause).flatMap((phrase) => {
    if (phrase.end > mention.start) return [];
    const between = text.slice(phrase.end, mention.start);
    if (published && phrase.values.some((d) => d.parties.length > 1)) return [];
    if (AFTER_DOC.test(between)) return [{ phrase, span: { start: nameStart(bf, clause, phrase), end: mention.end } }];
    if (BEFORE_DOC.test(text.slice(clause.start, phrase.start)) && AFTER_OBJECT.test(between))
      return [{ phrase, span: { start: clause.start, end: mention.end } }];
    return [];
  });
}

/** After a date that opens a timeline entry: a signing of documents ("15 May 2031 (Thu): signing of the treaty"). */
const ENTRY = /^\s*(?:\([^)]*\)\s*)?[:\u2013\u2014-]\s+(?:the\s+)?(?:signing|adoption|conclusion)\s+of\s+(?:the\s+)?$/iu;
/** Before a date that opens a sentence whose documents are made after it ("On 15 May, the treaty … was signed"). */
const ON = /^\s*[Oo]n\s+$/;
/** Between the date and the first document of such a sentence. */
const ON_GAP = /^,?\s+(?:the\s+)?$/;
/** Between documents listed together ("the treaty, the declaration and the memorandum"). */
const LIST_GAP = /^(?:,\s+|\s+and\s+|,\s+and\s+)(?:the\s+)?$/;
/** After the last of them: the verb of making ("were signed", "was formally adopted"). */
const MADE_AFTER = new RegExp(`^\\s+(?:was|were|had been|has been|have been)\\s+(?:\\p{Ll}+ly\\s+|also\\s+)?${MADE}\\b`, 'u');

/**
 * The documents made on a date written before them: a timeline entry ("15 May 2031: signing of the treaty, the
 * declaration and the memorandum") or a sentence that opens with the date ("On 15 May the treaty and the memorandum
 * were signed"), each with the sentence as the span that speaks of the making.
 */
function leading(bf: BlockFacts, sentence: Span, mention: DateMention): { phrase: PhraseMatch<Document>; span: Span }[] {
  const { text } = bf;
  const phrases = itemsIn(bf.documents, sentence).filter((m) => m.start >= mention.end);
  if (phrases.length === 0) return [];
  const opening = text.slice(sentence.start, mention.start);
  const gap = text.slice(mention.end, phrases[0]!.start);
  const entry = opening.trim() === '' && ENTRY.test(gap);
  if (!entry && !(ON.test(opening) && ON_GAP.test(gap))) return [];
  const run = [phrases[0]!];
  for (const next of phrases.slice(1)) {
    if (!LIST_GAP.test(text.slice(run.at(-1)!.end, next.start))) break;
    run.push(next);
  }
  const verb = entry ? undefined : MADE_AFTER.exec(text.slice(run.at(-1)!.end, sentence.end));
  if (!entry && !verb) return [];
  // A signed document may be published days later ("On 2 March the joint statement was published").
  const published = verb !== undefined && verb !== null && PUBLISHED.test(verb[0]);
  return run.filter((m) => !published || m.values.every((d) => d.parties.length <= 1)).map((phrase) => ({ phrase, span: sentence }));
}

/** Whether the places of a span name a party of the document, or one that is not a party, as a party. */
function parties(bf: BlockFacts, doc: Document, event: Event, span: Span): { ours: boolean; other: boolean } {
  const own = partyCountries(bf.index, doc);
  const involved = bf.index.countries.get(event.id) ?? new Set<string>();
  let ours = false;
  let other = false;
  for (const m of bf.index.places.find(bf.text, itemsIn(bf.tokens, span))) {
    if (SUBJECT.test(bf.text.slice(Math.max(0, m.start - 16), m.start))) continue;
    const countries = m.values.flatMap((p) => (p.country ? [p.country.toLowerCase()] : []));
    if (countries.some((c) => own.has(c))) ours = true;
    else if (countries.length > 0 && !countries.some((c) => involved.has(c))) other = true;
  }
  return { ours, other };
}

/**
 * Whether the words that open a document's name make it another document: an indefinite article ("a declaration
 * adopted on …" is some declaration), or a name before the phrase other than a party's country or people ("the
 * Chinese position paper") or the place it was made at ("the Beijing statement"): "the UN declaration", "the Minsk
 * declaration" for a document made in Beijing.
 */
function another(bf: BlockFacts, clause: Span, phrase: PhraseMatch<Document>, doc: Document, event: Event): boolean {
  const words = bf.text
    .slice(nameStart(bf, clause, phrase), phrase.start)
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  if (/^an?$/i.test(words[0] ?? '')) return true;
  const own = partyCountries(bf.index, doc);
  const places = bf.index.ownPlaces.get(event.id) ?? new Set<string>();
  const party = (w: string) =>
    bf.index.places
      .find(w, tokenize(w))
      .some((m) =>
        m.values.some((p) =>
          p.kind === 'city' ? places.has(p.name.toLowerCase()) : p.country !== undefined && own.has(p.country.toLowerCase()),
        ),
      );
  return words.some((w) => /^\p{Lu}/u.test(w) && !/['\u2019]s$/.test(w) && !/^(?:The|Its|Their|His|Her)$/.test(w) && !party(w));
}

/** Whether the text shows the document named is the fact base's, and nothing in what speaks of its making points elsewhere. */
function established(bf: BlockFacts, sentence: Span, span: Span, doc: Document, event: Event, mention: DateMention): boolean {
  const { ours, other } = parties(bf, doc, event, span);
  if (other || counterEvidence(bf, event, span, [mention]).length > 0) return false;
  const key = keyPeople(bf, event);
  const people = itemsIn(bf.names, span).some((n) => n.form.kind === 'person' && key.has(n.form.entity.id));
  return ours || people || topicsAt(bf, sentence).has(bf.index.roots.get(event.id)!);
}

/** Whether a written date covers a day (falls on it, or is the month it is in). */
export function onDate(mention: DateMention, date: string): boolean {
  const interval = intervalOf(mention, mention.from?.year ?? Number(date.slice(0, 4)));
  return interval !== undefined && interval[0] <= date && date <= interval[1];
}

/** Whether a written date lies within `reach` days of a day, or is that day with the year slipped. */
export function nearDate(mention: DateMention, date: string, reach: number): boolean {
  const interval = intervalOf(mention, mention.from?.year ?? Number(date.slice(0, 4)));
  if (!interval) return false;
  const apart = Math.max(0, dayNumber(interval[0]) - dayNumber(date), dayNumber(date) - dayNumber(interval[1]));
  return apart <= reach || yearSlip(mention, { start: date, end: date });
}

/**
 * The document a date contradicts: the date is attached to the document's phrase by a verb of making it (or, with
 * `row`, stands in a table row's column of such dates beside it), the text shows the document is the fact base's,
 * and the date fits no document so named. Of several, the nearest in time.
 */
export function documentContradicted(bf: BlockFacts, sentence: Span, mention: DateMention, row = false): WrongDocumentDate | undefined {
  if (!mention.from || RELATION.test(bf.text.slice(Math.max(0, mention.start - 16), mention.start))) return undefined;
  // Most sentences name no document: nothing to attach the date to.
  if (itemsIn(bf.documents, sentence).length === 0) return undefined;
  let named = row
    ? itemsIn(bf.documents, sentence)
        .filter((m) => m.end <= mention.start || m.start >= mention.end)
        .map((phrase) => ({ phrase, span: sentence }))
    : attached(bf, clauseOf(bf, sentence, mention), mention);
  const before = !row && named.length === 0;
  if (before) named = leading(bf, sentence, mention);
  const docs = named.flatMap(({ phrase, span }) => phrase.values.map((document) => ({ document, phrase, span })));
  if (docs.length === 0 || docs.some(({ document }) => !document.date || onDate(mention, document.date))) return undefined;
  // Where a document's name may begin: after the date when the date comes first.
  const clause = row ? sentence : before ? { start: mention.end, end: sentence.end } : clauseOf(bf, sentence, mention);
  const candidates = docs.flatMap(({ document, phrase, span }) => {
    const event = document.event ? bf.index.facts.events.get(document.event) : undefined;
    return event &&
      nearDate(mention, document.date!, REACH) &&
      !another(bf, clause, phrase, document, event) &&
      established(bf, sentence, span, document, event, mention)
      ? [{ document, event }]
      : [];
  });
  if (candidates.length !== docs.length) return undefined;
  const written = (d: Document) => Math.abs(dayNumber(intervalOf(mention, Number(d.date!.slice(0, 4)))![0]) - dayNumber(d.date!));
  return candidates.reduce((best, c) => (written(c.document) < written(best.document) ? c : best));
}

/** Whether a mention names a single day, so that a document's date can replace it. */
export function replaceable(mention: DateMention): boolean {
  return isDayPrecise(mention) && !mention.to;
}
