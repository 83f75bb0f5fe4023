import type { DateMention } from '../match/dates.js';
import type { Token } from '../match/tokens.js';
import type { Titled, Unnamed } from './people.js';

// What the readers of facts extract share: a fact read, a sentence read, a person seen, and the reading of a source.

/** A fact read from a source, in the fact-base format, with the sentence it came from. */
export interface Found {
  section: 'people' | 'organisations' | 'offices' | 'events' | 'documents' | 'documentCounts' | 'claims';
  data: Record<string, unknown> & { id: string };
  quote: string;
}

/** One sentence of the source, with its words, its dates and the people it names. */
export interface Sentence {
  text: string;
  tokens: Token[];
  dates: { mention: DateMention; written: [string, string] }[];
  /** People it names, by id, in order. */
  people: { id: string; start: number; end: number }[];
}

/** A person read from the source: every form of the name seen, and the titles given. */
export interface PersonSeen {
  id: string;
  name: string;
  forms: Set<string>;
  titles: { titled: Titled | Unnamed; quote: string }[];
  quote: string;
  mentions: number;
}

/** What the reading of a source knows about it while reading. */
export interface Reading {
  source: string;
  /** Who published it, when known: the one who states a figure no one in the text is said to state. */
  publisher?: string;
  /** The source's own date (YYYY-MM-DD), when known. */
  date?: string;
  year?: number;
  /** The month of the source's date, or of the first date with a year in it: a later month without a year is the year before. */
  month?: number;
  people: Map<string, PersonSeen>;
  found: Found[];
}

/**
 * An id from words: lowercase, accents dropped, at most 60 characters, cut between words (within one only when a word
 * is that long) and not after a joining word.
 */
export function slug(s: string): string {
  const full = s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    // Letters that do not decompose into a letter and its accents: "Đức" is "duc", "Łódź" "lodz", "Øresund" "oresund".
    .replace(/đ/g, 'd')
    .replace(/ł/g, 'l')
    .replace(/ø/g, 'o')
    .replace(/['\u2019]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (full.length <= 60) return full;
  const cut = full.lastIndexOf('-', 60);
  // Not ending on a joining word ("…-between-the").
  return (cut >= 20 ? full.slice(0, cut) : full.slice(0, 60)).replace(/(?:-(?:the|a|an|of|and|or|on|in|for|to|with|between|by))+$/, '');
}
