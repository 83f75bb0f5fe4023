import { toProse } from './markdown/parse.js';
import { toSource, type Block, type Span } from './markdown/prose.js';
import type { BlockFacts } from './match/analyse.js';
import { readInOrder } from './match/evidence.js';
import { perIndex, type FactIndex } from './match/compile.js';
import { countsOf, nounAfter } from './match/counts.js';
import type { DateMention } from './match/dates.js';
import { claimsStated, figuresOf } from './match/figures.js';
import type { FactLink } from './rules/rule.js';
import { defaultEvent } from './match/days-in-question.js';

/** What a mention in a draft is: a name, an office title, an event phrase, a date, a document, a figure or a count. */
export type MentionKind = 'person' | 'organisation' | 'office' | 'event' | 'date' | 'document' | 'claim' | 'count';

/** The mention under an offset of a draft, in source offsets, with the facts it refers to (most relevant first). */
export interface Mention {
  kind: MentionKind;
  start: number;
  end: number;
  text: string;
  facts: FactLink[];
  /** The analysed block and the sentence the mention is in. */
  block: BlockFacts;
  sentence: Span;
  /** For a name written in a spelling that is not a listed correct one. */
  misspelt?: boolean;
  date?: DateMention;
}

/** The last draft read against a fact index without a caller's analysis (hovers over one draft ask again and again). */
const lastRead = perIndex((): { source?: string; blocks: BlockFacts[] } => ({ blocks: [] }));

/**
 * The draft's analysed blocks: those the caller has for this text (the language server's checker keeps them), else
 * the last draft's while neither its text nor the fact base changed, else parsed and analysed afresh.
 */
function analysed(source: string, index: FactIndex, given?: BlockFacts[]): BlockFacts[] {
  if (given) return given;
  const last = lastRead(index);
  if (last.source !== source) {
    const prose = toProse(source);
    last.source = source;
    last.blocks = readInOrder(prose.blocks, index, prose.frontmatter);
  }
  return last.blocks;
}

/** The prose offset of a source offset inside a block, if the block's prose covers it. */
export function proseOffset(block: Block, offset: number): number | undefined {
  const first = block.segments[0];
  const final = block.segments.at(-1);
  if (!first || !final || offset < first.source || offset >= final.source + final.sourceLength) return undefined;
  for (const seg of block.segments) {
    if (offset >= seg.source && offset < seg.source + seg.sourceLength) {
      return seg.proseLength === seg.sourceLength ? seg.prose + offset - seg.source : seg.prose;
    }
  }
  return undefined;
}

/** Counts of documents: a number before one of a count group's nouns ("27 intergovernmental … agreements"). */
function counts(bf: BlockFacts): { start: number; end: number; ids: string[] }[] {
  if (bf.countNouns.length === 0) return [];
  const nouns = new Map(bf.countNouns.map((m) => [m.first, m]));
  return countsOf(bf).flatMap((count) => {
    const noun = nounAfter(bf.text, bf.tokens, count, nouns);
    return noun ? [{ start: count.start, end: noun.end, ids: noun.values.map((g) => g.id) }] : [];
  });
}

/**
 * The mention at a source offset of a draft, if any; names win over offices, documents, figures, events and dates.
 * `blocks`, if given, are the draft's blocks analysed against `index` for exactly this `source`.
 */
export function mentionAt(source: string, index: FactIndex, offset: number, blocks?: BlockFacts[]): Mention | undefined {
  for (const bf of analysed(source, index, blocks)) {
    const p = proseOffset(bf.block, offset);
    if (p === undefined) continue;
    const sentence = bf.sentenceAt(p);
    const at = <T extends Span>(list: T[]) => list.find((m) => m.start <= p && p < m.end);
    const make = (kind: MentionKind, span: Span, facts: FactLink[], extra: Partial<Mention> = {}): Mention => ({
      kind,
      start: toSource(bf.block, span.start),
      end: toSource(bf.block, span.end, 'end'),
      text: bf.text.slice(span.start, span.end),
      facts,
      block: bf,
      sentence,
      ...extra,
    });
    const name = at(bf.names);
    if (name) {
      return make(name.form.kind, name, [{ kind: name.form.kind, id: name.form.entity.id }], {
        misspelt: name.fuzzy || name.form.status === 'misspelt',
      });
    }
    const office = at(bf.offices);
    if (office)
      return make(
        'office',
        office,
        office.values.map((o) => ({ kind: 'office', id: o.id })),
      );
    const document = at(bf.documents);
    if (document)
      return make(
        'document',
        document,
        document.values.map((d) => ({ kind: 'document', id: d.id })),
      );
    const figure = at(figuresOf(bf));
    const claims = figure ? claimsStated(index.facts, bf.eventsIn(sentence, true), figure) : [];
    if (figure && claims.length > 0)
      return make(
        'claim',
        figure,
        claims.map((c) => ({ kind: 'claim', id: c.id })),
      );
    const topic = at(bf.topics);
    if (topic)
      return make(
        'claim',
        topic,
        topic.values.map((c) => ({ kind: 'claim', id: c.id })),
      );
    const count = at(counts(bf));
    if (count)
      return make(
        'count',
        count,
        count.ids.map((id) => ({ kind: 'count', id })),
      );
    const event = at(bf.eventPhrases);
    if (event)
      return make(
        'event',
        event,
        event.values.map((e) => ({ kind: 'event', id: e.id })),
      );
    const date = at(bf.dates);
    if (date) {
      const events = bf.eventsIn(sentence);
      const fallback = defaultEvent(bf);
      const about = events.length > 0 ? events : fallback ? [fallback] : [];
      return make(
        'date',
        date,
        about.map((e) => ({ kind: 'event', id: e.id })),
        { date },
      );
    }
    return undefined;
  }
  return undefined;
}
