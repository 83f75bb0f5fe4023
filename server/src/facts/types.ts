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
  date?: IsoDate;
  url: string;
  origin: Origin;
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

/** A person's hold on an office: from and (unless still held) to, both inclusive. */
export interface Tenure {
  office: string;
  from: IsoDate;
  to?: IsoDate;
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
  | 'appointment';

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
  start: IsoDate;
  end: IsoDate;
  place?: string;
  parent?: string;
  participants: string[];
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
  parties: string[];
  date?: IsoDate;
  event?: string;
  phrases: string[];
}

/** One sourced count of a group of documents. */
export interface Count {
  min: number;
  max: number;
  said: string;
  by?: string;
  date?: IsoDate;
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
  date?: IsoDate;
  sources: string[];
}

/** A figure or assessment someone put forward, with the attribution a draft must give it. */
export interface Claim extends Sourced {
  statement: string;
  status: ClaimStatus;
  claimedBy: Attribution[];
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
  rule: 'factbase-syntax' | 'factbase-schema' | 'factbase-reference' | 'config-invalid';
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
}
