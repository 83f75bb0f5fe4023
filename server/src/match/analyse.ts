import type { Claim, Document, DocumentCount, Event, Office, Term } from '../facts/types.js';
import type { Block, Span } from '../markdown/prose.js';
import { partitionPoint } from '../search.js';
import { perIndex, type FactIndex } from './compile.js';
import { findDates, type DateMention } from './dates.js';

/**
 * What a block carries from the text before it for dating: the dateline of the report it continues (a section that
 * opens with a dateline), and whether it is the first block of its section (see match/dateline.ts).
 */
export interface Carried {
  dateline?: DateMention;
  first: boolean;
  /** The draft's own date (`date:` in its front matter): the day its report words count from where no dateline does. */
  draftDate?: DateMention;
}

/** What a draft's first block carries: no dateline, and it opens the draft. */
export const START: Carried = { first: true };
import { meetingsNamedBy } from './meetings.js';
import { findNames, type NameMention } from './names.js';
import type { PhraseMatch } from './phrases.js';
import { tokenize, type Token } from './tokens.js';

/**
 * What has been worked out about a block's text so far; it depends on the text and the fact index only. A class
 * with every field set from the start, so that all analyses have one shape whatever was worked out first (reading a
 * field of objects of many shapes is a slow lookup).
 */
export class BlockAnalysis {
  tokens: Token[] | undefined = undefined;
  /** The tokens any phrase (other than a name) may start at. */
  phraseStarts: number[] | undefined = undefined;
  /** For each of those tokens, the kinds of phrase that may start there (one bit each, in PHRASE_KINDS order). */
  phraseKinds: number[] | undefined = undefined;
  /** The kinds of phrase that may start anywhere in the block (one bit each); -1 until the tokens are scanned. */
  anyKinds = -1;
  names: NameMention[] | undefined = undefined;
  dates: DateMention[] | undefined = undefined;
  /** The events each span refers to (see eventsIn), whatever the timeframe: by span, -1 for the whole block. */
  spanEvents: Map<number, Event[]> | undefined = undefined;
  /** The phrases found of each kind, by its place in PHRASE_KINDS. */
  phrases: PhraseMatch<unknown>[][] | undefined = undefined;
  /** The analyses declared with {@link perBlock}, by their place in {@link OF_TEXT} ({@link NOTHING} for undefined). */
  kept: unknown[] | undefined = undefined;
  /** For a table cell, what it shares with the other cells of its row, if it was given that ({@link BlockFacts.shareRow}). */
  row: RowShare | undefined = undefined;
}

/**
 * What the cells of one table row share: the analysis of the row's text (match/table-rows.ts), made for the first
 * cell that asks for it, and used by the others, whose own analyses would be of the same text.
 */
export interface RowShare {
  facts?: BlockFacts;
}

/** The kinds of phrase a block is searched for, each with its matcher in the fact index. */
const PHRASE_KINDS = [
  'offices',
  'events',
  'eventKinds',
  'documents',
  'countNouns',
  'attribution',
  'reframings',
  'topics',
  'terms',
] as const;
type PhraseKind = (typeof PHRASE_KINDS)[number];
/** The phrases of a kind in a block where none may start (shared by every block: frozen, so never added to). */
const NO_MATCHES = Object.freeze([]) as unknown as PhraseMatch<unknown>[];
/** A kind of phrase's place in PHRASE_KINDS: its bit in the kinds a token may start, and its list in the analysis. */
const KIND = Object.fromEntries(PHRASE_KINDS.map((kind, i) => [kind, i])) as Record<PhraseKind, number>;

/** For each first word of a phrase, the kinds of phrase that start with it (one bit each); per fact index. */
const firstWordKinds = perIndex((index): Map<string, number> => {
  const kinds = new Map<string, number>();
  PHRASE_KINDS.forEach((kind, bit) => {
    for (const word of index[kind].firstWords()) kinds.set(word, (kinds.get(word) ?? 0) | (1 << bit));
  });
  return kinds;
});

/** What works out one analysis of a block (see {@link perBlock} and {@link perReading}). */
type Analyser<T> = (bf: BlockFacts) => T;

/**
 * The analyses declared with {@link perBlock} and with {@link perReading}, in the order modules declared them (as they
 * load; they hold no results): an analysis's place here is its place in the list of analyses a block's text, or one
 * reading of it, keeps. A list indexed by place, rather than a map by function, is one small array per analysis.
 */
const OF_TEXT: Analyser<unknown>[] = [];
const OF_READING: Analyser<unknown>[] = [];

/** What a list of kept analyses holds for an analysis that gave undefined (an empty place is one not yet computed). */
const NOTHING = Symbol('nothing');

/**
 * Declares an analysis of a block that depends on its text and the fact index only: computed on first use and kept
 * with the block's analysis, which every reading of the same text shares (after other text, moved by an edit).
 * Returns the function that gives it; modules declare their analyses this way, and no module keeps a cache.
 */
export function perBlock<T>(compute: Analyser<T>): Analyser<T> {
  const place = OF_TEXT.push(compute) - 1;
  return (bf) => bf.kept(place, compute, true);
}

/**
 * Declares an analysis of a block that also depends on how the block was read (the topics before it, the draft's
 * timeframe, the dateline it carries): computed on first use and kept with this reading of the block only.
 */
export function perReading<T>(compute: Analyser<T>): Analyser<T> {
  const place = OF_READING.push(compute) - 1;
  return (bf) => bf.kept(place, compute, false);
}

/**
 * What one prose block mentions, computed on first use and shared by every rule:
 * each list is in prose order, in offsets into the block text.
 */
export class BlockFacts {
  readonly #a: BlockAnalysis;
  /** The analyses declared with {@link perReading}, for this reading of the block, by place in {@link OF_READING}. */
  #read?: unknown[];
  /** The events each span refers to in this reading's timeframe (see eventsIn), by span. */
  #timed?: Map<number, Event[]>;

  /** The events (root ids) the text before this block is about (see match/evidence.ts); they depend on that text. */
  readonly topicsIn: ReadonlySet<string>;
  /** The topics before each sentence and after the last, once worked out (match/evidence.ts). */
  topicFlow?: ReadonlySet<string>[];
  /**
   * The events (root ids) the draft places in time (match/timeframe.ts): only they are judged. Undefined where the
   * whole draft was not read (every event is then in it).
   */
  readonly timeframe: ReadonlySet<string> | undefined;

  /** The dateline of the report this block continues, and whether it opens its section (match/dateline.ts). */
  readonly carried: Carried;

  constructor(
    readonly block: Block,
    readonly index: FactIndex,
    analysis?: BlockAnalysis,
    topicsIn: ReadonlySet<string> = new Set(),
    timeframe?: ReadonlySet<string>,
    carried: Carried = START,
  ) {
    this.#a = analysis ?? new BlockAnalysis();
    this.topicsIn = topicsIn;
    this.timeframe = timeframe;
    this.carried = carried;
  }

  /**
   * The same block's analysis read after other text (topics, the dateline of its report) in a draft of a timeframe,
   * sharing what depends on its text alone.
   */
  after(topicsIn: ReadonlySet<string>, timeframe = this.timeframe, carried: Carried = START): BlockFacts {
    return new BlockFacts(this.block, this.index, this.#a, topicsIn, timeframe, carried);
  }

  /** Whether the draft places itself at an event's time, so that what it says may be judged against the event. */
  inTimeframe(event: Event): boolean {
    return this.timeframe === undefined || this.timeframe.has(this.index.roots.get(event.id) ?? event.id);
  }

  /**
   * The same analysis for a block with the same text elsewhere in the draft (e.g. moved by an edit before it):
   * everything is in offsets into the block text, so it carries over, and what either computes later is shared.
   */
  moved(block: Block): BlockFacts {
    const moved = new BlockFacts(block, this.index, this.#a, this.topicsIn, this.timeframe, this.carried);
    moved.topicFlow = this.topicFlow;
    return moved;
  }

  /**
   * What this table cell shares with the other cells of its row: what it was given before, else `share` (or a fresh
   * one), kept with its analysis from now on. Whoever makes the analyses of a row's cells gives them one share (the
   * checker does, incremental.ts); a cell given none has its row analysed for itself.
   */
  shareRow(share: RowShare | undefined): RowShare {
    return (this.#a.row ??= share ?? {});
  }

  /** What this table cell shares with the other cells of its row, if it was given that ({@link shareRow}). */
  get rowShare(): RowShare | undefined {
    return this.#a.row;
  }

  /** The event a draft is about when a sentence names none, if the draft places itself at its time. */
  get defaultEvent(): Event | undefined {
    const id = this.index.facts.defaultEvent;
    const event = id === undefined ? undefined : this.index.facts.events.get(id);
    return event && this.inTimeframe(event) ? event : undefined;
  }

  get text(): string {
    return this.block.text;
  }

  get tokens(): Token[] {
    return (this.#a.tokens ??= tokenize(this.block.text));
  }

  get names(): NameMention[] {
    return (this.#a.names ??= findNames(this.block.text, this.tokens, this.index));
  }

  get dates(): DateMention[] {
    return (this.#a.dates ??= findDates(this.block.text));
  }

  get offices(): PhraseMatch<Office>[] {
    return this.#find('offices', KIND.offices);
  }
  get eventPhrases(): PhraseMatch<Event>[] {
    return this.#find('events', KIND.events);
  }
  get eventKinds(): PhraseMatch<Event['kind']>[] {
    return this.#find('eventKinds', KIND.eventKinds);
  }
  get documents(): PhraseMatch<Document>[] {
    return this.#find('documents', KIND.documents);
  }
  get countNouns(): PhraseMatch<DocumentCount>[] {
    return this.#find('countNouns', KIND.countNouns);
  }
  get attribution(): PhraseMatch<Claim>[] {
    return this.#find('attribution', KIND.attribution);
  }
  get reframings(): PhraseMatch<Claim>[] {
    return this.#find('reframings', KIND.reframings);
  }
  get topics(): PhraseMatch<Claim>[] {
    return this.#find('topics', KIND.topics);
  }
  get terms(): PhraseMatch<Term>[] {
    return this.#find('terms', KIND.terms);
  }

  /** The phrases of a kind, at its place in PHRASE_KINDS (`KIND[key]`, given by the caller). */
  #find<K extends PhraseKind>(key: K, place: number): ReturnType<FactIndex[K]['find']> {
    const a = this.#a;
    // The tokens any phrase may start at, found once per block with the kinds of phrase that may start there: each
    // matcher then looks only where one of its own phrases may start, and a kind that starts nowhere is not looked for.
    if (a.anyKinds < 0) this.#phraseStarts();
    const bit = 1 << place;
    if ((a.anyKinds & bit) === 0) return NO_MATCHES as ReturnType<FactIndex[K]['find']>;
    const phrases = (a.phrases ??= new Array<PhraseMatch<unknown>[]>(PHRASE_KINDS.length));
    let found = phrases[place];
    if (!found) {
      const kinds = a.phraseKinds!;
      const starts: number[] = [];
      for (let k = 0; k < kinds.length; k++) if ((kinds[k]! & bit) !== 0) starts.push(a.phraseStarts![k]!);
      found = this.index[key].find(this.block.text, this.tokens, starts) as PhraseMatch<unknown>[];
      phrases[place] = found;
    }
    return found as ReturnType<FactIndex[K]['find']>;
  }

  /** The tokens some phrase may start at, and the kinds of phrase that may start at each (one scan of the tokens). */
  #phraseStarts(): void {
    const byWord = firstWordKinds(this.index);
    const starts: number[] = [];
    const kinds: number[] = [];
    let any = 0;
    const tokens = this.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const word = byWord.get(tokens[i]!.lower);
      if (word === undefined) continue;
      starts.push(i);
      kinds.push(word);
      any |= word;
    }
    this.#a.phraseStarts = starts;
    this.#a.phraseKinds = kinds;
    this.#a.anyKinds = any;
  }

  /**
   * An analysis declared with {@link perBlock} (`ofText`) or {@link perReading}, at its place in their list: computed
   * on first use, then kept.
   */
  kept<T>(place: number, compute: Analyser<T>, ofText: boolean): T {
    const kept = ofText ? (this.#a.kept ??= new Array(OF_TEXT.length)) : (this.#read ??= new Array(OF_READING.length));
    const found = kept[place];
    if (found !== undefined) return (found === NOTHING ? undefined : found) as T;
    const value = compute(this);
    kept[place] = value === undefined ? NOTHING : value;
    return value;
  }

  /** The sentence that contains a prose offset (binary search). */
  sentenceAt(offset: number): Span {
    const spans = this.block.sentences;
    return (
      spans[Math.max(0, partitionPoint(spans.length, (i) => spans[i]!.start <= offset) - 1)] ?? { start: 0, end: this.block.text.length }
    );
  }

  /**
   * Events a span refers to: by phrase, or (for meetings and talks) by naming who took part (match/meetings.ts);
   * most specific first (an event before the event it is part of). Only events in the draft's timeframe, unless
   * `anyTime` (a claimed figure names its occasion by itself).
   */
  eventsIn(span: Span, anyTime = false): Event[] {
    const key = spanKey(span, this.block.text.length);
    const bySpan = (this.#a.spanEvents ??= new Map<number, Event[]>());
    let events = bySpan.get(key);
    if (!events) bySpan.set(key, (events = this.#eventsFound(span)));
    // Most lists are empty or wholly in the timeframe: they are given as they are, and only a list cut by the
    // timeframe is kept with the reading.
    if (this.timeframe === undefined || anyTime || events.every((e) => this.inTimeframe(e))) return events;
    const byTimed = (this.#timed ??= new Map<number, Event[]>());
    let timed = byTimed.get(key);
    if (!timed) byTimed.set(key, (timed = events.filter((e) => this.inTimeframe(e))));
    return timed;
  }

  /** The events a span refers to, whatever the timeframe (see {@link eventsIn}). */
  #eventsFound(span: Span): Event[] {
    const found = new Set<Event>();
    const names = itemsIn(this.names, span);
    const named = names.filter((n) => n.form.kind === 'person');
    for (const m of itemsIn(this.eventPhrases, span)) {
      // A phrase names an event unless the span names people and none of them took part ("Xi met Putin" is not
      // Lukashenka's meeting with Putin).
      const others = named.length === 0 ? named : named.filter((n) => n.end <= m.start || n.start >= m.end);
      for (const e of m.values) {
        const took = this.index.eventPeople.get(e.id);
        if (!took || took.size === 0 || others.length === 0 || others.some((n) => took.has(n.form.entity.id))) found.add(e);
      }
    }
    if (names.length > 0) {
      for (const event of meetingsNamedBy(this.index, this.text, names, () => itemsIn(this.tokens, span))) found.add(event);
    }
    if (found.size < 2) return [...found];
    const depth = (e: Event) => {
      let d = 0;
      for (let p = e.parent; p && d < 50; p = this.index.facts.events.get(p)?.parent) d++;
      return d;
    };
    return [...found].sort((a, b) => depth(b) - depth(a));
  }
}

/** A span of a block as one number, for maps of what spans hold: offsets are under 2^24 (see MAX_DRAFT). */
export function spanId(span: Span): number {
  return span.start * 0x1000000 + span.end;
}

/** A span's key in the events found by span: any span that covers the whole block is the block (-1). */
function spanKey(span: Span, length: number): number {
  return span.start <= 0 && span.end >= length ? -1 : spanId(span);
}

/** Whether a found item lies inside a span. */
export function inside(item: { start: number; end: number }, span: Span): boolean {
  return item.start >= span.start && item.end <= span.end;
}

/** The items of a list sorted by start that lie inside a span, by binary search: rules call this once per sentence. */
export function itemsIn<T extends Span>(sorted: readonly T[], span: Span): T[] {
  const lo = partitionPoint(sorted.length, (i) => sorted[i]!.start < span.start);
  let hi = lo;
  let all = true; // whether every item starting inside the span also ends inside it (then one slice is exact)
  for (; hi < sorted.length && sorted[hi]!.start < span.end; hi++) if (sorted[hi]!.end > span.end) all = false;
  if (all) return sorted.slice(lo, hi);
  const found: T[] = [];
  for (let i = lo; i < hi; i++) if (sorted[i]!.end <= span.end) found.push(sorted[i]!);
  return found;
}
