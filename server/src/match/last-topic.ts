import type { Event } from '../facts/types.js';
import type { Span } from '../markdown/prose.js';
import { itemsIn, perReading, type BlockFacts } from './analyse.js';
import { counterEvidence } from './counter-evidence.js';
import { datelineOf } from './dateline.js';
import { sentenceIndex, topicFlow, topicsAt, withinReach } from './evidence.js';

// The topics of a text (match/evidence.ts) end where a sentence speaks of another occasion ("…, back from meeting another
// president in his capital, …"); the text often comes back to its event without naming it again ("In all, 12 documents were signed").
// What was signed, and how much, is the draft's event's unless a sentence says otherwise: for those sentences the
// event the draft was last about stands in for the topics.

/** Words of another journey or a later time. */
const ELSEWHERE =
  /\b(?:visit(?:ed|ing|s)?|trip|travel(?:l?ed|s)?|flew|went|heads? (?:to|for)|tour(?:ed)?|later|afterwards|next|(?:was|were) (?:in|at))\b/i;

/** For a block read in a draft (the list of the draft's blocks), what `lastTopics` found for its sentences. */
const lastFound = perReading((): { draft?: readonly BlockFacts[]; each?: (string | undefined)[] } => ({}));

/** What `lastTopics` finds for a block of a draft; undefined for a block that is not one of the draft's. */
function lastTopicsOf(blocks: readonly BlockFacts[], bf: BlockFacts): (string | undefined)[] | undefined {
  // The draft's first block says whether the draft has been read through already.
  if (blocks.length > 0 && lastFound(blocks[0]!).draft !== blocks) lastTopics(blocks);
  const found = lastFound(bf);
  return found.draft === blocks ? found.each : undefined;
}

/**
 * For each sentence of each block, the root event the text was last about before it: the most recent topic of any
 * sentence before it in the draft (match/evidence.ts), or, where the text has no topic, the event whose documents a
 * sentence before it named; undefined before either. Kept with each block's reading, with the draft it was found in.
 */
function lastTopics(blocks: readonly BlockFacts[]): void {
  let last: string | undefined;
  for (const bf of blocks) {
    const sentences = bf.block.sentences;
    const each = new Array<string | undefined>(sentences.length);
    // The topics before each sentence, and after the last.
    const flow = topicFlow(bf);
    for (let i = 0; i < sentences.length; i++) {
      const sentence = sentences[i]!;
      const topics = flow[i]!;
      // Topics grow at the end (evidence.ts topicsAfter): the last one is the event most recently established.
      if (topics.size > 0 && (last === undefined || !topics.has(last))) for (const id of topics) last = id;
      each[i] = last;
      // A text with no topic that names documents of one event ("The memorandums …", "the joint statement") is about them.
      if (topics.size === 0) last = documentsRoot(bf, sentence) ?? last;
      // A heading that leaves the topics starts a section about something else; so does a sentence that leaves them
      // for another journey or a later time ("He then flew home", "A month later …"), not a remark in passing
      // ("The foreign minister, back from talks in another capital, sat in").
      // Without topics, such a sentence (or heading) leaves the last event when something in it points away from it.
      const after = flow[i + 1]!;
      if (topics.size > 0) {
        if (after.size === 0 && leavesFor(bf, sentence)) last = undefined;
        continue;
      }
      const root = last === undefined ? undefined : bf.index.facts.events.get(last);
      if (root === undefined || after.has(root.id) || !leavesFor(bf, sentence)) continue;
      if (counterEvidence(bf, root, sentence).some((c) => c.kind !== 'person')) last = undefined;
    }
    const found = lastFound(bf);
    found.draft = blocks;
    found.each = each;
  }
}

/** Whether a heading, or a sentence with words of another journey or a later time, may leave what the text is about. */
function leavesFor(bf: BlockFacts, sentence: Span): boolean {
  return bf.block.kind === 'heading' || ELSEWHERE.test(bf.text.slice(sentence.start, sentence.end));
}

/** The one root event of the documents a sentence names, if they all belong to one. */
export function documentsRoot(bf: BlockFacts, sentence: Span): string | undefined {
  const named = itemsIn(bf.documents, sentence);
  if (named.length === 0) return undefined;
  const roots = new Set<string | undefined>();
  for (const m of named) for (const d of m.values) roots.add(d.event && bf.index.roots.get(d.event));
  const [root] = roots;
  const event = roots.size === 1 && root !== undefined ? bf.index.facts.events.get(root) : undefined;
  // Only an event the draft places itself at the time of (match/timeframe.ts).
  return event && bf.inTimeframe(event) ? root : undefined;
}

/**
 * The event the draft was last about, for a sentence with no topic of its own in which nothing points away from it (a
 * person, place, occasion or year of another, a date or dateline far from it): the text has come back to it.
 */
export function resumedRoot(
  blocks: readonly BlockFacts[],
  bf: BlockFacts,
  sentence: Span,
  except: readonly Span[] = [],
): Event | undefined {
  if (topicsAt(bf, sentence).size > 0) return undefined;
  const i = sentenceIndex(bf, sentence);
  const last = i < 0 ? undefined : lastTopicsOf(blocks, bf)?.[i];
  const root = last === undefined ? undefined : bf.index.facts.events.get(last);
  return root && !pointsAway(bf, root, sentence, except) ? root : undefined;
}

/**
 * Whether something in a sentence that names no event points away from one the text may have come back to: a person,
 * place, occasion or year of another, a date or dateline far from it.
 */
export function pointsAway(bf: BlockFacts, root: Event, sentence: Span, except: readonly Span[] = []): boolean {
  const dateline = datelineOf(bf);
  if (dateline && !withinReach(dateline, root, 'context')) return true;
  if (itemsIn(bf.dates, sentence).some((d) => d.from && !withinReach(d, root, 'context'))) return true;
  return counterEvidence(bf, root, sentence, except).length > 0;
}

/** The events of the event the draft was last about (see resumedRoot) that a sentence names by a phrase ("the signing"). */
export function resumedEvents(blocks: readonly BlockFacts[], bf: BlockFacts, sentence: Span, except: readonly Span[] = []): Event[] {
  const root = resumedRoot(blocks, bf, sentence, except);
  return root ? bf.eventsIn(sentence).filter((e) => bf.index.roots.get(e.id) === root.id) : [];
}
