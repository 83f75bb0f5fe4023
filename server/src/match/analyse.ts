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
import { startsOf, type PhraseMatch } from './phrases.js';
import { tokenize, type Token } from './tokens.js';

/** What has been worked out about a block's text so far; it depends on the text and the fact index only. */
export interface BlockAnalysis {
  tokens?: Token[];
  /** The tokens any phrase (other than a name) may start at. */
  phraseStarts?: number[];
  /** For each of those tokens, the kinds of phrase that may start there (one bit each, in PHRASE_KINDS order). */
  phraseKinds?: number[];
  names?: NameMention[];
  dates?: DateMention[];
  /** The events each span refers to (see eventsIn), whatever the timeframe: by span, "" for the whole block. */
  spanEvents?: Map<number, Event[]>;
  readonly phrases: Map<string, PhraseMatch<unknown>[]>;
  /** The analyses declared with {@link perBlock}, by the function that computes each. */
  kept?: Map<Analyser<unknown>, unknown>;
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
 * Declares an analysis of a block that depends on its text and the fact index only: computed on first use and kept
 * with the block's analysis, which every reading of the same text shares (after other text, moved by an edit).
 * Returns the function that gives it; modules declare their analyses this way, and no module keeps a cache.
 */
export function perBlock<T>(compute: Analyser<T>): Analyser<T> {
  return (bf) => bf.kept(compute, true);
}

/**
 * Declares an analysis of a block that also depends on how the block was read (the topics before it, the draft's
 * timeframe, the dateline it carries): computed on first use and kept with this reading of the block only.
 */
export function perReading<T>(compute: Analyser<T>): Analyser<T> {
  return (bf) => bf.kept(compute, false);
}

/**
 * What one prose block mentions, computed on first use and shared by every rule:
 * each list is in prose order, in offsets into the block text.
 */
export class BlockFacts {
  readonly #a: BlockAnalysis;
  /** The analyses declared with {@link perReading}, for this reading of the block. */
  #read?: Map<Analyser<unknown>, unknown>;
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
    this.#a = analysis ?? { phrases: new Map() };
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
    return this.#find('offices');
  }
  get eventPhrases(): PhraseMatch<Event>[] {
    return this.#find('events');
  }
  get eventKinds(): PhraseMatch<Event['kind']>[] {
    return this.#find('eventKinds');
  }
  get documents(): PhraseMatch<Document>[] {
    return this.#find('documents');
  }
  get countNouns(): PhraseMatch<DocumentCount>[] {
    return this.#find('countNouns');
  }
  get attribution(): PhraseMatch<Claim>[] {
    return this.#find('attribution');
  }
  get reframings(): PhraseMatch<Claim>[] {
    return this.#find('reframings');
  }
  get topics(): PhraseMatch<Claim>[] {
    return this.#find('topics');
  }
  get terms(): PhraseMatch<Term>[] {
    return this.#find('terms');
  }

  #find<K extends PhraseKind>(key: K): ReturnType<FactIndex[K]['find']> {
    let found = this.#a.phrases.get(key);
    if (!found) {
      // The tokens any phrase may start at, found once per block with the kinds of phrase that may start there: each
      // matcher then looks only where one of its own phrases may start.
      if (!this.#a.phraseStarts) {
        const kinds = firstWordKinds(this.index);
        this.#a.phraseStarts = startsOf(this.tokens, this.index.phraseStarts);
        this.#a.phraseKinds = this.#a.phraseStarts.map((i) => kinds.get(this.tokens[i]!.lower) ?? 0);
      }
      const bit = 1 << PHRASE_KINDS.indexOf(key);
      const kinds = this.#a.phraseKinds!;
      const starts = this.#a.phraseStarts.filter((_, k) => (kinds[k]! & bit) !== 0);
      found = starts.length === 0 ? [] : (this.index[key].find(this.block.text, this.tokens, starts) as PhraseMatch<unknown>[]);
      this.#a.phrases.set(key, found);
    }
    return found as ReturnType<FactIndex[K]['find']>;
  }

  /** An analysis declared with {@link perBlock} (`ofText`) or {@link perReading}: computed on first use, then kept. */
  kept<T>(compute: Analyser<T>, ofText: boolean): T {
    const kept = ofText ? (this.#a.kept ??= new Map()) : (this.#read ??= new Map());
    const found = kept.get(compute);
    if (found !== undefined || kept.has(compute)) return found as T;
    const value = compute(this);
    kept.set(compute, value);
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
    if (this.timeframe === undefined || anyTime) return events;
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
