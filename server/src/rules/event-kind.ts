import { itemsIn, perBlock } from '../match/analyse.js';
import { perIndex } from '../match/compile.js';
import type { Event, FactBase } from '../facts/types.js';
import type { Span } from '../markdown/prose.js';
import type { BlockFacts } from '../match/analyse.js';
import { aboutEvent } from '../match/evidence.js';
import type { PhraseMatch } from '../match/phrases.js';
import { tokenize } from '../match/tokens.js';
import { listing } from '../match/wording.js';
import { partitionPoint } from '../search.js';
import type { Rule, RuleFinding } from './rule.js';

/** Words that, up to three words before a label, deny it ("not an official visit", "rather than a summit"). */
const NEGATORS = new Set(['not', 'no', 'never', 'neither', 'nor', 'rather', 'instead', 'unlike', 't']);

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');

/** The event a label can describe: the event itself if it is of a labelled kind, else the nearest such event it is part of. */
function labelled(facts: FactBase, event: Event, kinds: Set<string>): Event | undefined {
  let e: Event | undefined = event;
  for (let depth = 0; e && depth < 50; depth++, e = e.parent ? facts.events.get(e.parent) : undefined) if (kinds.has(e.kind)) return e;
  return undefined;
}

/** How many phrases on each side of a label are looked at for the event it describes. */
const REACH = 20;

/**
 * The event a kind label is about: by a phrase overlapping it ("official visit to X"), else (when the label is itself a
 * phrase of an event of that kind) none, else by the nearest phrase in the sentence that names a visit or summit.
 * `phrases` are the sentence's event phrases in prose order, not overlapping.
 */
function eventFor(bf: BlockFacts, label: PhraseMatch<Event['kind']>, phrases: PhraseMatch<Event>[], kinds: Set<string>): Event | undefined {
  const { index, text, tokens } = bf;
  const kind = label.values[0]!;
  const events = (m: PhraseMatch<Event>) => m.values.map((e) => labelled(index.facts, e, kinds)).filter((e) => e !== undefined);
  const pick = (found: Event[]) => found.find((e) => e.kind === kind) ?? found[0];
  const exact = (m: PhraseMatch<Event>) => m.first === label.first && m.last === label.last;
  const lo = partitionPoint(phrases.length, (i) => phrases[i]!.end <= label.start);
  // lo: the first phrase ending after the label starts. Phrases overlapping the label, and phrases starting inside it.
  const overlapping: PhraseMatch<Event>[] = [];
  let right = lo;
  for (; right < phrases.length && phrases[right]!.start < label.end; right++) overlapping.push(phrases[right]!);
  for (let k = label.first + 1; k <= label.last; k++) {
    const m = index.events.matchAt(text, tokens, k);
    if (m && m.last > label.last) overlapping.push(m);
  }
  const containing = overlapping.filter((m) => !exact(m));
  const around = containing.flatMap(events);
  if (around.length > 0) return pick(around);
  // The label is a word of a phrase naming something that is not a visit or summit: it labels nothing.
  if (containing.length > 0) return undefined;
  const self = overlapping.filter(exact).flatMap(events);
  if (self.some((e) => e.kind === kind)) return undefined;
  // Outward from the label, nearest first.
  let left = lo - 1;
  for (let step = 0; step < 2 * REACH && (left >= 0 || right < phrases.length); step++) {
    const l = phrases[left];
    const r = phrases[right];
    const takeLeft = l !== undefined && (r === undefined || label.start - l.end <= r.start - label.end);
    const m = takeLeft ? l : r!;
    if (takeLeft) left--;
    else right++;
    const found = events(m);
    if (found.length > 0) return pick(found);
  }
  return self[0];
}

/** "A and B say" / "A says": publishers of a list of sources, parentheticals dropped, at most three named. */
function say(facts: FactBase, ids: string[]): string {
  const names = [
    ...new Set(
      ids.map((id) =>
        facts.sources
          .get(id)
          ?.publisher.replace(/\s*\([^)]*\)/g, '')
          .trim(),
      ),
    ),
  ].filter((p) => p !== undefined && p !== '') as string[];
  if (names.length === 0) return 'some sources say';
  if (names.length > 3) return `${names.slice(0, 3).join(', ')} and ${names.length - 3} more say`;
  return `${listing(names)} ${names.length > 1 ? 'say' : 'says'}`;
}

/** A visit or summit labelled with a kind it was not (a working visit called a state visit). */
const rule: Rule = {
  id: 'event-kind',
  description: 'An event is labelled with the wrong kind (state, official or working visit, summit).',
  severity: 'warning',
  category: 'claim',
  fixable: true,
  blockLocal: true,
  *check({ blocks }) {
    for (const bf of blocks) {
      if (bf.eventKinds.length === 0) continue;
      for (const { sentence, label, event, found } of mislabelled(bf)) {
        // Whether the sentence is about the event depends on how the block is read (its topics, its timeframe).
        if (aboutEvent(bf, sentence, event, label)) yield { ...found, block: bf };
      }
    }
  },
};

/** The kinds a label can name, as the index knows them (visits and summits, not talks or ceremonies); per fact index. */
const labelKinds = perIndex((index): Set<string> => {
  const kinds = new Set<string>();
  for (const e of index.facts.events.values()) {
    for (const m of index.eventKinds.find(e.kind, tokenize(e.kind))) kinds.add(m.values[0]!);
  }
  return kinds;
});

/** A label that names a kind its event does not have, with its sentence and the finding on it. */
interface Mislabelled {
  sentence: Span;
  label: PhraseMatch<Event['kind']>;
  event: Event;
  found: RuleFinding;
}

/**
 * The labels of a block that name a kind their event does not have, each with its sentence, event and finding, not
 * denied ("not a state visit"): the block's text and the fact base tell, so they are found once per block text.
 */
const mislabelled = perBlock((bf): Mislabelled[] => {
  if (bf.eventKinds.length === 0) return [];
  const kinds = labelKinds(bf.index);
  const found: Mislabelled[] = [];
  for (const sentence of bf.block.sentences) {
    const labels = itemsIn(bf.eventKinds, sentence);
    if (labels.length === 0) continue;
    const phrases = itemsIn(bf.eventPhrases, sentence);
    for (const label of labels) {
      const before = bf.tokens.slice(Math.max(0, label.first - 3), label.first);
      if (before.some((t) => t.start >= sentence.start && NEGATORS.has(t.lower))) continue;
      const event = eventFor(bf, label, phrases, kinds);
      if (event && event.kind !== label.values[0]!)
        found.push({ sentence, label, event, found: finding(bf, label, event, bf.index.facts) });
    }
  }
  return found;
});

/** The finding on a label that names a kind its event does not have; where sources disagree, information without a fix. */
function finding(bf: BlockFacts, label: PhraseMatch<Event['kind']>, event: Event, facts: FactBase): RuleFinding {
  const kind = label.values[0]!;
  const reported = event.reportedKinds.find((r) => r.kind === kind);
  const written = bf.text.slice(label.start, label.end);
  const finding: RuleFinding = {
    block: bf,
    start: label.start,
    end: label.end,
    facts: [{ kind: 'event', id: event.id }],
    message: reported
      ? `Sources disagree on the label for ${event.name}: ${say(facts, event.sources)} ${article(event.kind)} ${event.kind}; ` +
        `${say(facts, reported.sources)} ${article(kind)} ${kind}.`
      : `${event.name} was ${article(event.kind)} ${event.kind}, not ${article(kind)} ${kind}.`,
    // Where sources disagree, neither label is certain: no fix.
    fixes: reported ? [] : [{ title: `Call it ${article(event.kind)} ${event.kind}`, edits: [edit(bf, label, event.kind, written)] }],
  };
  if (reported) finding.severity = 'information';
  return finding;
}

/** Replaces the label, and the article before it when the new kind needs the other one ("an official visit" → "a state visit"). */
function edit(bf: BlockFacts, label: PhraseMatch<Event['kind']>, kind: string, written: string) {
  const newLabel = /^\p{Lu}/u.test(written) ? kind[0]!.toUpperCase() + kind.slice(1) : kind;
  const prev = bf.tokens[label.first - 1];
  const needsArticle = prev && (prev.lower === 'a' || prev.lower === 'an') && prev.lower !== article(kind);
  if (prev && needsArticle && /^\s+$/.test(bf.text.slice(prev.end, label.start))) {
    const art = /^A/.test(prev.text) ? article(kind)[0]!.toUpperCase() + article(kind).slice(1) : article(kind);
    return { start: prev.start, end: label.end, newText: `${art}${bf.text.slice(prev.end, label.start)}${newLabel}` };
  }
  return { start: label.start, end: label.end, newText: newLabel };
}
export default rule;
