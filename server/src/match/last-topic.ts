import type { Event } from '../facts/types.js';
import type { Span } from '../markdown/prose.js';
import { itemsIn, type BlockFacts } from './analyse.js';
import { counterEvidence } from './counter-evidence.js';
import { datelineOf } from './dateline.js';
import { topicsAt, withinReach } from './evidence.js';

// The topics of a text (match/evidence.ts) end where a sentence speaks of another occasion ("…, back from meeting Putin
// in Moscow, …"); the text often comes back to its event without naming it again ("In all, 12 documents were signed").
// What was signed, and how much, is the draft's event's unless a sentence says otherwise: for those sentences the
// event the draft was last about stands in for the topics.

const cache = new WeakMap<readonly BlockFacts[], Map<BlockFacts, (string | undefined)[]>>();

/**
 * For each sentence of each block, the root event the text was last about before it: the most recent topic of any
 * sentence before it in the draft (match/evidence.ts), or undefined before the first.
 */
function lastTopics(blocks: readonly BlockFacts[]): Map<BlockFacts, (string | undefined)[]> {
  let found = cache.get(blocks);
  if (!found) {
    found = new Map();
    let last: string | undefined;
    for (const bf of blocks) {
      const each: (string | undefined)[] = [];
      for (const sentence of bf.block.sentences) {
        const topics = topicsAt(bf, sentence);
        // Topics grow at the end (evidence.ts topicsAfter): the last one is the event most recently established.
        if (topics.size > 0 && (last === undefined || !topics.has(last))) last = [...topics].at(-1);
        each.push(last);
      }
      found.set(bf, each);
    }
    cache.set(blocks, found);
  }
  return found;
}

/**
 * The events a sentence names by a phrase (the signing, "the agreements were signed") that belong to the event the
 * draft was last about, when the sentence has no topic of its own and nothing in it points away from that event (a
 * person, place, occasion or year of another, or a dateline far from it): the text has come back to it.
 */
export function resumedEvents(blocks: readonly BlockFacts[], bf: BlockFacts, sentence: Span, except: readonly Span[] = []): Event[] {
  if (topicsAt(bf, sentence).size > 0) return [];
  const i = bf.block.sentences.findIndex((s) => s.start === sentence.start);
  const last = i < 0 ? undefined : lastTopics(blocks).get(bf)?.[i];
  const root = last === undefined ? undefined : bf.index.facts.events.get(last);
  if (!root) return [];
  const dateline = datelineOf(bf);
  if (dateline && !withinReach(dateline, root, 'context')) return [];
  const named = bf.eventsIn(sentence).filter((e) => bf.index.roots.get(e.id) === root.id);
  if (named.length === 0) return [];
  const dates = itemsIn(bf.dates, sentence).filter((d) => d.from && !withinReach(d, root, 'context'));
  return dates.length === 0 && counterEvidence(bf, root, sentence, except).length === 0 ? named : [];
}
