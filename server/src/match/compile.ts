import { sureTerm } from '../facts/dates.js';
import type { Claim, Document, DocumentCount, Event, FactBase, Office, Organisation, Person, Term } from '../facts/types.js';
import { PhraseMatcher } from './phrases.js';
import { COUNTRIES } from './places.data.js';
import { tokenize } from './tokens.js';
import { verbForms } from './inflect.js';
import { kindPhrases } from './kind-phrases.js';

/** One spelling of a person or organisation and how the house regards it. */
export interface NameForm {
  entity: Person | Organisation;
  kind: 'person' | 'organisation';
  form: string;
  status: 'preferred' | 'accepted' | 'misspelt';
  words: number;
}

/** A person's term in an office, as the office's holders list it. */
export interface Holder {
  person: Person;
  from: string;
  to?: string;
}

/** The fact base compiled for matching: built once per fact base, shared by every check. */
export interface FactIndex {
  facts: FactBase;
  names: PhraseMatcher<NameForm>;
  /** Correct spellings by first letter and word count, for fuzzy matching. */
  fuzzy: Map<string, NameForm[]>;
  fuzzyCache: Map<string, NameForm | null>;
  offices: PhraseMatcher<Office>;
  holders: Map<string, Holder[]>;
  events: PhraseMatcher<Event>;
  eventKinds: PhraseMatcher<Event['kind']>;
  documents: PhraseMatcher<Document>;
  countNouns: PhraseMatcher<DocumentCount>;
  attribution: PhraseMatcher<Claim>;
  reframings: PhraseMatcher<Claim>;
  topics: PhraseMatcher<Claim>;
  terms: PhraseMatcher<Term>;
  /** Events whose participants, named together in a sentence, refer to them (meetings and talks). */
  meetings: Event[];
  /** For each event, the people who took part in it, in an event it is part of, or in one of its parts. */
  eventPeople: Map<string, Set<string>>;
  /** Countries, their demonyms and capitals, and the places of the fact base's events (case-sensitive). */
  places: PhraseMatcher<Place>;
  /** For each event: itself, the events it is part of and its parts (ids). */
  family: Map<string, Set<string>>;
  /** For each event: the outermost event it is part of (its own id when it is part of none). */
  roots: Map<string, string>;
  /** For each event: the countries it involves (its family's places, its people's countries), lowercased. */
  countries: Map<string, Set<string>>;
  /** For each event: the place names (lowercased, whole) of its family's places, for telling its own places from others. */
  ownPlaces: Map<string, Set<string>>;
  /** The events that are visits, or the arrival or departure of one. */
  visitLike: Set<string>;
  /** For each event: the words (lowercased) of its family's phrases, some of them names the fact base keeps no entry for ("met raisi"). */
  phraseWords: Map<string, Set<string>>;
  /**
   * For each event, the people who, named, establish it: for a visit and its arrival and departure, the visitors
   * (its people from a country other than its place's, when the fact base says); for other events, their own people.
   */
  keyPeople: Map<string, Set<string>>;
  /** The data declared with {@link perIndex}, by the function that derives each. */
  derived: Map<(index: FactIndex) => unknown, unknown>;
}

/**
 * Declares data derived from the fact base alone: worked out on first use and kept with the index (one per fact
 * base), so no module keeps a cache. Returns the function that gives it.
 */
export function perIndex<T>(derive: (index: FactIndex) => T): (index: FactIndex) => T {
  return (index) => {
    const found = index.derived.get(derive);
    if (found !== undefined || index.derived.has(derive)) return found as T;
    const value = derive(index);
    index.derived.set(derive, value);
    return value;
  };
}

/** A place name: a country, a demonym, a capital or an event's place; with the country it is of, when known. */
export interface Place {
  kind: 'country' | 'demonym' | 'city';
  country?: string;
  name: string;
}

const EVENT_KINDS: Event['kind'][] = ['state visit', 'official visit', 'working visit', 'summit'];

/** Compiles a fact base's phrases, spellings and office holders into lookup structures. */
export function compile(facts: FactBase): FactIndex {
  const index: FactIndex = {
    facts,
    names: new PhraseMatcher(),
    fuzzy: new Map(),
    fuzzyCache: new Map(),
    offices: new PhraseMatcher(),
    holders: new Map(),
    events: new PhraseMatcher(),
    eventKinds: new PhraseMatcher(),
    documents: new PhraseMatcher(),
    countNouns: new PhraseMatcher(),
    attribution: new PhraseMatcher(),
    reframings: new PhraseMatcher(),
    topics: new PhraseMatcher(),
    terms: new PhraseMatcher(),
    meetings: [],
    eventPeople: new Map(),
    places: new PhraseMatcher(),
    family: new Map(),
    roots: new Map(),
    countries: new Map(),
    ownPlaces: new Map(),
    visitLike: new Set(),
    keyPeople: new Map(),
    phraseWords: new Map(),
    derived: new Map(),
  };
  const addNamed = (entity: Person | Organisation, kind: NameForm['kind']) => {
    const add = (form: string, status: NameForm['status']) => {
      const words = tokenize(form).length;
      const nameForm: NameForm = { entity, kind, form, status, words };
      index.names.add(form, nameForm, true);
      if (status === 'misspelt') return;
      const key = `${form[0]}:${words}`;
      const list = index.fuzzy.get(key) ?? [];
      list.push(nameForm);
      index.fuzzy.set(key, list);
    };
    for (const form of entity.preferred) add(form, 'preferred');
    if (!entity.preferred.includes(entity.name) && !entity.spellings.includes(entity.name)) add(entity.name, 'accepted');
    for (const form of entity.spellings) add(form, 'accepted');
    for (const form of entity.misspellings) add(form, 'misspelt');
  };
  for (const person of facts.people.values()) {
    addNamed(person, 'person');
    for (const tenure of person.offices) {
      // Who held an office is told from the days each holder held it for certain (not from a month's first day).
      const sure = sureTerm(tenure.written);
      if (!sure) continue;
      const list = index.holders.get(tenure.office) ?? [];
      list.push({ person, from: sure.from, to: sure.to });
      index.holders.set(tenure.office, list);
    }
  }
  for (const org of facts.organisations.values()) addNamed(org, 'organisation');
  for (const office of facts.offices.values()) for (const w of office.wordings) index.offices.add(w, office);
  for (const { phrase, event } of kindPhrases(facts).values()) index.events.add(phrase, event);
  for (const event of facts.events.values()) {
    for (const phrase of event.phrases) index.events.add(phrase, event);
    const people = event.participants.filter((id) => facts.people.has(id));
    if ((event.kind === 'talks' || event.kind === 'meeting') && people.length >= 2) index.meetings.push(event);
  }
  for (const event of facts.events.values()) {
    const people = new Set(event.participants.filter((id) => facts.people.has(id)));
    for (let parent = event.parent, depth = 0; parent && depth < 50; parent = facts.events.get(parent)?.parent, depth++) {
      for (const id of facts.events.get(parent)?.participants ?? []) if (facts.people.has(id)) people.add(id);
    }
    for (let e: Event | undefined = event, depth = 0; e?.parent && depth < 50; e = facts.events.get(e.parent), depth++) {
      const set = index.eventPeople.get(e.parent) ?? new Set<string>();
      for (const id of event.participants) if (facts.people.has(id)) set.add(id);
      index.eventPeople.set(e.parent, set);
    }
    const own = index.eventPeople.get(event.id);
    index.eventPeople.set(event.id, own ? new Set([...own, ...people]) : people);
  }
  addPlaces(index);
  for (const kind of EVENT_KINDS) index.eventKinds.add(kind, kind);
  for (const doc of facts.documents.values()) for (const phrase of doc.phrases) index.documents.add(phrase, doc);
  for (const group of facts.documentCounts) for (const noun of group.nouns) index.countNouns.add(noun, group);
  for (const claim of facts.claims.values()) {
    for (const phrase of claim.attribution) index.attribution.add(phrase, claim);
    for (const phrase of claim.reframings) index.reframings.add(phrase, claim);
    for (const phrase of withModifiers(claim.topics)) for (const form of verbForms(phrase)) index.topics.add(form, claim);
  }
  for (const term of facts.terms) for (const phrase of term.instead) index.terms.add(phrase, term);
  return index;
}

/** Who held an office on a date (inclusive terms). */
export function holdersOn(index: FactIndex, officeId: string, date: string): Holder[] {
  return (index.holders.get(officeId) ?? []).filter((h) => h.from <= date && (h.to === undefined || date <= h.to));
}

/** The gazetteer and, per event, its family, root, countries and places (see match/evidence.ts). */
function addPlaces(index: FactIndex): void {
  const { facts } = index;
  const countryOf = new Map<string, string>();
  for (const c of COUNTRIES) {
    for (const name of c.names) index.places.add(name, { kind: 'country', country: c.country, name }, true);
    for (const name of c.demonyms) index.places.add(name, { kind: 'demonym', country: c.country, name }, true);
    for (const name of c.capitals) index.places.add(name, { kind: 'city', country: c.country, name }, true);
    for (const name of [...c.names, ...c.demonyms]) countryOf.set(name.toLowerCase(), c.country);
  }
  // An event's place is "City, Country" or "Venue, City": each part that starts with a capital is a place name.
  for (const event of facts.events.values()) {
    for (const part of (event.place ?? '').split(/,|\band\b/)) {
      const name = part.trim().replace(/^(?:\p{Ll}+\s+)+/u, '');
      if (/^\p{Lu}/u.test(name) && !countryOf.has(name.toLowerCase())) index.places.add(name, { kind: 'city', name }, true);
    }
  }
  const parentOf = (e: Event) => (e.parent ? facts.events.get(e.parent) : undefined);
  for (const event of facts.events.values()) {
    const family = new Set([event.id]);
    let root = event;
    for (let p = parentOf(event), depth = 0; p && depth < 50; p = parentOf(p), depth++) {
      family.add(p.id);
      root = p;
    }
    index.roots.set(event.id, root.id);
    const known = index.family.get(event.id);
    index.family.set(event.id, known ? new Set([...known, ...family]) : family);
    for (const id of family)
      if (id !== event.id) {
        const up = index.family.get(id) ?? new Set([id]);
        up.add(event.id);
        index.family.set(id, up);
      }
  }
  for (const event of facts.events.values()) {
    // Whole place names, found by the gazetteer in the family's places ("Bucharest, Romania" is not Oman).
    const own = new Set<string>();
    const countries = new Set<string>();
    for (const id of index.family.get(event.id)!) {
      const place = facts.events.get(id)?.place ?? '';
      for (const m of index.places.find(place, tokenize(place))) {
        for (const p of m.values) {
          own.add(p.name.toLowerCase());
          if (p.country) countries.add(p.country.toLowerCase());
        }
      }
    }
    for (const id of index.eventPeople.get(event.id) ?? []) {
      const country = facts.people.get(id)?.country;
      if (country) countries.add((countryOf.get(country.toLowerCase()) ?? country).toLowerCase());
    }
    index.countries.set(event.id, countries);
    index.ownPlaces.set(event.id, own);
    const words = new Set<string>();
    for (const id of index.family.get(event.id)!)
      for (const phrase of facts.events.get(id)?.phrases ?? []) for (const t of tokenize(phrase)) words.add(t.lower);
    index.phraseWords.set(event.id, words);
  }
  for (const event of facts.events.values()) {
    const root = facts.events.get(index.roots.get(event.id)!)!;
    const visit = /visit/.test(event.kind) || (/visit/.test(root.kind) && /arrival|departure/.test(event.kind));
    if (!visit) {
      index.keyPeople.set(event.id, new Set(event.participants.filter((id) => facts.people.has(id))));
      continue;
    }
    index.visitLike.add(event.id);
    const people = [...(index.eventPeople.get(event.id) ?? [])];
    const placeCountries = new Set<string>();
    for (const m of index.places.find(root.place ?? '', tokenize(root.place ?? ''))) {
      for (const p of m.values) if (p.country) placeCountries.add(p.country.toLowerCase());
    }
    const visitors = people.filter((id) => {
      const country = facts.people.get(id)?.country?.toLowerCase();
      return country !== undefined && placeCountries.size > 0 && !placeCountries.has(country);
    });
    index.keyPeople.set(event.id, new Set(visitors.length > 0 ? visitors : people));
  }
}

/** Words that join a phrase's words rather than modify its last ("evasion of sanctions"). */
const FUNCTION_WORD = new Set([
  'of',
  'the',
  'a',
  'an',
  'to',
  'for',
  'in',
  'on',
  'at',
  'by',
  'through',
  'with',
  'and',
  'or',
  'from',
  'into',
]);

/**
 * A claim's topics, lower-cased, and each with the modifier another of its topics gives their last word ("push up
 * prices" with "raise electricity prices" gives "push up electricity prices"): the fact base's own words for what the
 * topic is about, written in any of its phrasings.
 */
export function withModifiers(topics: readonly string[]): string[] {
  const phrases = topics.map((t) => t.toLowerCase().trim().split(/\s+/));
  const out = new Set(phrases.map((w) => w.join(' ')));
  for (const a of phrases) {
    for (const b of phrases) {
      if (a.length < 2 || b.length < 3 || a.at(-1) !== b.at(-1)) continue;
      const modifier = b.at(-2)!;
      if (!a.includes(modifier) && !FUNCTION_WORD.has(modifier)) out.add([...a.slice(0, -1), modifier, a.at(-1)!].join(' '));
    }
  }
  return [...out];
}
