import type { Precision } from './dates.js';

/** A fact-base file as read from disk or from an editor buffer. */
export interface FactFile {
  path: string;
  text: string;
}

/** A calendar date as `YYYY-MM-DD`. */
export type IsoDate = string;

/** Where a fact was declared: the fact-base file and the UTF-16 range of its YAML node. */
export interface Origin {
  file: string;
  start: number;
  end: number;
}

/** A publication a fact relies on; shown on hover cards. */
export interface Source {
  id: string;
  title: string;
  publisher: string;
  /** As written: a day, month or year. */
  date?: string;
  /** A web address; a source without one names a saved copy in `file`. */
  url?: string;
  file?: string;
  origin: Origin;
}

/** A fact marked `review: candidate` (written by `factlint facts extract`, not yet reviewed), located at the mark. */
export interface Candidate {
  file: string;
  start: number;
  end: number;
  /** The fact in words ("person xi-jinping"). */
  what: string;
  /** The exact words of sources it was taken from. */
  quotes: { source: string; text: string }[];
}

/** Fields every sourced fact has. */
export interface Sourced {
  id: string;
  sources: string[];
  note?: string;
  origin: Origin;
}

/** Spellings of a named thing: house forms, other accepted forms and known wrong forms. */
export interface Named extends Sourced {
  name: string;
  /** House spellings; the first full-length one is what fixes suggest. */
  preferred: string[];
  /** Spellings that are correct but not the house's. */
  spellings: string[];
  /** Known wrong spellings (e.g. from a mistranslation), flagged with a fix. */
  misspellings: string[];
}

export interface Person extends Named {
  country?: string;
  offices: Tenure[];
  /** Whether `offices` lists every office the person held, so that any other title is known to be wrong. */
  officesComplete: boolean;
}

export type Organisation = Named;

/**
 * A person's hold on an office: from and (unless still held) to, both inclusive, widened to the earliest and latest day
 * the written dates allow (a term from `2013-03` may have begun on 1 March 2013; one from `unknown` at any time before).
 */
export interface Tenure {
  office: string;
  from: IsoDate;
  to?: IsoDate;
  /**
   * The dates as written (`2013-03`, `unknown`); `to` is absent while the office is still held; `on`, the days the
   * sources show it held (when given).
   */
  written: { from: string; to?: string; on?: string[] };
  sources: string[];
  note?: string;
  origin: Origin;
}

/** An office, with the words drafts use for it. */
export interface Office extends Sourced {
  title: string;
  country?: string;
  /** Phrases that name this office in prose ("Premier", "Chinese Premier", "top legislator"). */
  wordings: string[];
  /**
   * Whether several people hold it at once (a deputy post, a spokesperson); unset, the title decides ("Deputy …"),
   * and `false` says that an office whose title reads like a deputy's ("Vice-President") has one holder at a time.
   */
  shared?: boolean;
}

export type EventKind =
  | 'state visit'
  | 'official visit'
  | 'working visit'
  | 'summit'
  | 'talks'
  | 'meeting'
  | 'ceremony'
  | 'signing'
  | 'arrival'
  | 'departure'
  | 'announcement'
  | 'publication'
  | 'vote'
  | 'appointment'
  | 'forum'
  | 'banquet'
  | 'press conference'
  | 'signing ceremony'
  | 'phone call'
  | 'election'
  | 'court decision';

/** The part a participant played in an event. */
export type Role = 'host' | 'visitor' | 'delegation' | 'attended';

/** A label some sources give an event that differs from its kind. */
export interface ReportedKind {
  kind: EventKind;
  note?: string;
  sources: string[];
}

export interface Event extends Sourced {
  name: string;
  kind: EventKind;
  reportedKinds: ReportedKind[];
  /** The first and last day it may have taken place on: a month's first and last day for an event dated `2013-03`. */
  start: IsoDate;
  end: IsoDate;
  /** `day` when its dates are exact days; `month` or `year` when either is known only to the month or year. */
  precision: Precision;
  /** The dates as written (`2013-03`); `end` as `start` when not given. */
  written: { start: string; end: string };
  place?: string;
  parent?: string;
  /** Everyone who took part, whatever their role (hosts, visitors, delegation members and others present included). */
  participants: string[];
  /** The role of each participant whose role the fact base gives. */
  roles: Map<string, Role>;
  /** Phrases that refer to this event in prose ("visit to China", "talks with Xi"). */
  phrases: string[];
}

export type DocumentKind =
  | 'joint statement'
  | 'declaration'
  | 'memorandum of understanding'
  | 'agreement'
  | 'contract'
  | 'programme'
  | 'plan'
  | 'strategy'
  | 'position paper'
  | 'treaty';

export interface Document extends Sourced {
  title: string;
  kind: DocumentKind;
  /** Whether it creates legal obligations; `unknown` where the sources do not say. */
  binding: boolean | 'unknown';
  /** For a batch of documents recorded as one entry: how many. */
  count?: number;
  parties: string[];
  /** The day it was signed or published, when the fact base gives the day. */
  date?: IsoDate;
  /** The date as written, of any precision (`2023-03`). */
  dateWritten?: string;
  event?: string;
  phrases: string[];
}

/** One sourced count of a group of documents. */
export interface Count {
  min: number;
  max: number;
  said: string;
  /** announced, forecast or reported; unset in v1 files. */
  kind?: 'announced' | 'forecast' | 'reported';
  by?: string;
  /** As written: a day, month or year. */
  date?: string;
  /** The nouns this count is about; defaults to the group's nouns. */
  of: string[];
  sources: string[];
  note?: string;
  origin: Origin;
}

/** Counts of documents signed at an event, possibly disagreeing. */
export interface DocumentCount extends Sourced {
  event: string;
  nouns: string[];
  counts: Count[];
}

export type ClaimStatus = 'confirmed' | 'claimed' | 'assessed' | 'disputed';

export interface Attribution {
  by: string;
  /** As written: a day, month or year. */
  date?: string;
  sources: string[];
}

/** A figure or assessment someone put forward, with the attribution a draft must give it. */
export interface Claim extends Sourced {
  statement: string;
  status: ClaimStatus;
  claimedBy: Attribution[];
  /** What it measures; `money` when a v1 file gives a currency unit, `quantity` for another unit. */
  kind: 'money' | 'quantity' | 'percentage' | 'statement';
  /** The period the figure covers ("2023", "by 2030"). */
  period?: string;
  /** The amount, for figures. */
  value?: number;
  unit?: string;
  qualifier?: string;
  measure?: string;
  event?: string;
  /** Words that attribute the claim ("according to", "said", "official media"). */
  attribution: string[];
  /** Words that misdescribe what the figure measures ("investment", "pledge"). */
  reframings: string[];
  /** For assessments: phrases that identify the topic ("evade sanctions"). */
  topics: string[];
  /** For assessments: the certainty the sources give ("may"). */
  certainty?: string;
}

/** A house-style preferred term. */
export interface Term extends Sourced {
  prefer: string;
  instead: string[];
}

/** A problem in a fact-base file, located in that file. */
export interface FactProblem {
  rule: 'factbase-syntax' | 'factbase-schema' | 'factbase-reference' | 'factbase-review' | 'factbase-outdated' | 'config-invalid';
  message: string;
  file: string;
  start: number;
  end: number;
}

/** A loaded fact base: every fact, by kind, merged from one or more files. */
export interface FactBase {
  title: string;
  defaultEvent?: string;
  files: { path: string; text: string }[];
  sources: Map<string, Source>;
  people: Map<string, Person>;
  organisations: Map<string, Organisation>;
  offices: Map<string, Office>;
  events: Map<string, Event>;
  documents: Map<string, Document>;
  documentCounts: DocumentCount[];
  claims: Map<string, Claim>;
  terms: Term[];
  /** Facts not yet reviewed, in file order. */
  candidates: Candidate[];
}
