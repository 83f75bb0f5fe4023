import type { Claim, Document, DocumentCount, Event, Office, Term } from '../facts/types.js';
import type { Block, Span } from '../markdown/prose.js';
import type { FactIndex } from './compile.js';
import { findDates, type DateMention } from './dates.js';
import { findNames, type NameMention } from './names.js';
import type { PhraseMatch } from './phrases.js';
import { tokenize, type Token } from './tokens.js';

/**
 * What one prose block mentions, computed on first use and shared by every rule:
 * each list is in prose order, in offsets into the block text.
 */
export class BlockFacts {
  #tokens?: Token[];
  #names?: NameMention[];
  #dates?: DateMention[];
  readonly #phrases = new Map<string, PhraseMatch<unknown>[]>();

  constructor(readonly block: Block, readonly index: FactIndex) {}

  get text(): string {
    return this.block.text;
  }

  get tokens(): Token[] {
    return (this.#tokens ??= tokenize(this.block.text));
  }

  get names(): NameMention[] {
    return (this.#names ??= findNames(this.block.text, this.tokens, this.index));
  }

  get dates(): DateMention[] {
    return (this.#dates ??= findDates(this.block.text));
  }

  get offices(): PhraseMatch<Office>[] { return this.#find('offices'); }
  get eventPhrases(): PhraseMatch<Event>[] { return this.#find('events'); }
  get eventKinds(): PhraseMatch<Event['kind']>[] { return this.#find('eventKinds'); }
  get documents(): PhraseMatch<Document>[] { return this.#find('documents'); }
  get countNouns(): PhraseMatch<DocumentCount>[] { return this.#find('countNouns'); }
  get attribution(): PhraseMatch<Claim>[] { return this.#find('attribution'); }
  get reframings(): PhraseMatch<Claim>[] { return this.#find('reframings'); }
  get topics(): PhraseMatch<Claim>[] { return this.#find('topics'); }
  get terms(): PhraseMatch<Term>[] { return this.#find('terms'); }

  #find<K extends 'offices' | 'events' | 'eventKinds' | 'documents' | 'countNouns' | 'attribution' | 'reframings' | 'topics' | 'terms'>(
    key: K): ReturnType<FactIndex[K]['find']> {
    let found = this.#phrases.get(key);
    if (!found) {
      found = this.index[key].find(this.block.text, this.tokens) as PhraseMatch<unknown>[];
      this.#phrases.set(key, found);
    }
    return found as ReturnType<FactIndex[K]['find']>;
  }

  /** The sentence that contains a prose offset. */
  sentenceAt(offset: number): Span {
    return this.block.sentences.find((s) => s.start <= offset && offset < s.end) ?? { start: 0, end: this.block.text.length };
  }

  /**
   * Events a span refers to: by phrase, or (for meetings and talks) by naming all their participants;
   * most specific first (an event before the event it is part of).
   */
  eventsIn(span: Span): Event[] {
    const found = new Set<Event>();
    for (const m of this.eventPhrases) if (inside(m, span)) for (const e of m.values) found.add(e);
    const people = new Set(this.names.filter((n) => inside(n, span) && n.form.kind === 'person').map((n) => n.form.entity.id));
    if (people.size >= 2) {
      for (const event of this.index.meetings) {
        if (event.participants.every((id) => people.has(id) || !this.index.facts.people.has(id))) found.add(event);
      }
    }
    const depth = (e: Event) => {
      let d = 0;
      for (let p = e.parent; p && d < 50; p = this.index.facts.events.get(p)?.parent) d++;
      return d;
    };
    return [...found].sort((a, b) => depth(b) - depth(a));
  }
}

/** Whether a found item lies inside a span. */
export function inside(item: { start: number; end: number }, span: Span): boolean {
  return item.start >= span.start && item.end <= span.end;
}
