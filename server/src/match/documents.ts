import type { Document, Event } from '../facts/types.js';
import type { Span } from '../markdown/prose.js';
import type { BlockFacts } from './analyse.js';
import { perIndex, type FactIndex } from './compile.js';
import { aboutEvent, establishes, topicsAt } from './evidence.js';
import { resumedEvents, resumedRoot } from './last-topic.js';
import { PhraseMatcher } from './phrases.js';
import { tokenAt, tokenize } from './tokens.js';

// What the fact base records as signed at an event, for sentences that speak of the event's documents without naming
// one ("the agreements signed at the summit", "a treaty on X was signed").

/**
 * Plural nouns by which a draft speaks of an event's documents together, with the kinds of document each can cover:
 * none listed means any kind ("the agreements", "the deals"); "memoranda" covers only memoranda.
 */
export const GENERIC_DOCUMENTS = new PhraseMatcher<string[]>();
for (const p of ['documents', 'agreements', 'deals', 'accords', 'pacts', 'instruments', 'arrangements', 'texts']) {
  GENERIC_DOCUMENTS.add(p, []);
}
for (const [p, kind] of [
  ['memoranda', 'memorandum'],
  ['memorandums', 'memorandum'],
  ['mous', 'memorandum'],
  ['declarations', 'declaration'],
  ['statements', 'statement'],
  ['joint statements', 'statement'],
  ['contracts', 'contract'],
  ['protocols', 'protocol'],
  ['programmes', 'programme'],
  ['programs', 'program'],
  ['plans', 'plan'],
] as const) {
  GENERIC_DOCUMENTS.add(p, [kind]);
}

/** Whether a generic noun's kinds (none: any) cover a document. */
export function covers(kinds: readonly string[], doc: Document): boolean {
  return kinds.length === 0 || kinds.some((k) => doc.kind.toLowerCase().includes(k));
}

/**
 * The outermost events (root ids) a sentence is about, leaving out what is judged: those it names and establishes or is
 * shown to be about (match/evidence.ts); when it names none, the topics of the text that nothing in it points away from;
 * given the draft's blocks, failing both, the event the draft was last about (match/last-topic.ts).
 */
export function rootsAbout(bf: BlockFacts, sentence: Span, judged: Span, blocks?: readonly BlockFacts[]): Event[] {
  const { index } = bf;
  const topics = topicsAt(bf, sentence);
  const named = bf.eventsIn(sentence);
  const roots = new Set<string>();
  for (const e of named) {
    if (establishes(bf, sentence, e, topics, judged) !== undefined || aboutEvent(bf, sentence, e, judged))
      roots.add(index.roots.get(e.id)!);
  }
  if (named.length === 0) {
    for (const id of topics) {
      const root = index.facts.events.get(id);
      if (root && aboutEvent(bf, sentence, root, judged)) roots.add(id);
    }
  }
  // Failing both, the event the draft was last about, when nothing points away and the sentence names a part of it or
  // speaks of documents already introduced ("the agreements", "these deals").
  if (roots.size === 0 && blocks) {
    for (const e of resumedEvents(blocks, bf, sentence, [judged])) roots.add(index.roots.get(e.id)!);
    const at = tokenAt(bf.tokens, judged.start);
    // A determiner before the noun, over up to two lower-case modifiers ("these binding agreements").
    const definite = [1, 2, 3].some(
      (d) =>
        DEFINITE.has(bf.tokens[at - d]?.lower ?? '') &&
        bf.tokens.slice(at - d + 1, at).every((t) => /^\p{Ll}/u.test(t.text)) &&
        bf.tokens[at - d]!.start >= sentence.start,
    );
    const root = roots.size === 0 && definite ? resumedRoot(blocks, bf, sentence, [judged]) : undefined;
    if (root) roots.add(root.id);
  }
  return [...roots].map((id) => index.facts.events.get(id)!);
}

/** Words before a document noun that refer to documents the text has already introduced. */
const DEFINITE = new Set(['the', 'these', 'those', 'such']);

/** What `recordedFor` found, by root event id. */
const recorded = perIndex(() => new Map<string, Document[]>());

/**
 * The documents the fact base records for an event and its parts, with any document tied to no event whose date (if
 * it has one) falls within it: it may have been signed there.
 */
export function recordedFor(index: FactIndex, root: Event): Document[] {
  const byRoot = recorded(index);
  let docs = byRoot.get(root.id);
  if (!docs) {
    const family = index.family.get(root.id) ?? new Set([root.id]);
    docs = [...index.facts.documents.values()].filter((d) =>
      d.event !== undefined ? family.has(d.event) : d.date === undefined || (root.start <= d.date && d.date <= root.end),
    );
    byRoot.set(root.id, docs);
  }
  return docs;
}

/** "memorandum of understanding" → "memoranda of understanding", "joint statement" → "joint statements". */
function plural(kind: string): string {
  const [head = kind, ...rest] = kind.split(' of ');
  const words = head.split(' ');
  const last = words.pop()!;
  const many =
    last === 'memorandum'
      ? 'memoranda'
      : /[^aeiou]y$/.test(last)
        ? `${last.slice(0, -1)}ies`
        : /(?:s|x|ch|sh)$/.test(last)
          ? `${last}es`
          : `${last}s`;
  return [[...words, many].join(' '), ...rest].join(' of ');
}

const NUMBERS = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** "a joint statement and five memoranda of understanding" for a list of documents. */
export function summary(docs: readonly Document[]): string {
  const byKind = new Map<string, number>();
  for (const d of docs) byKind.set(d.kind, (byKind.get(d.kind) ?? 0) + 1);
  const parts = [...byKind].map(([kind, n]) =>
    n === 1 ? `${/^[aeiou]/i.test(kind) ? 'an' : 'a'} ${kind}` : `${NUMBERS[n] ?? n} ${plural(kind)}`,
  );
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** Words that say nothing of what a document is about. */
const EMPTY = new Set([
  'the',
  'and',
  'with',
  'between',
  'joint',
  'mutual',
  'bilateral',
  'new',
  'cooperation',
  'development',
  'agreement',
  'treaty',
  'relations',
  'countries',
  'sides',
  'both',
  'two',
  'their',
  'legally',
  'binding',
  'from',
  'into',
  'that',
  'this',
  'other',
  'further',
  'areas',
  'field',
  'fields',
  'sphere',
  'spheres',
  'issues',
  'matters',
  // and words of the fact base's notes on its sources, not of what was signed
  'research',
  'sources',
  'source',
  'record',
  'records',
  'recorded',
  'title',
  'titles',
  'english',
  'named',
  'list',
  'lists',
  'listed',
  'says',
  'said',
  'report',
  'reports',
  'placeholder',
  'actual',
  'exact',
  'found',
  'original',
  'text',
  'full',
  'reproduction',
  'reprint',
  'reprinting',
  'relay',
  'citing',
  'note',
  'notes',
  'rendering',
  'calls',
  'called',
  'document',
  'documents',
]);

/** The words of a text that may say what a document is about (four letters or more, not EMPTY), by their first five. */
export function subjectWords(text: string): string[] {
  return tokenize(text)
    .map((t) => t.lower)
    .filter((w) => w.length >= 4 && !/\d/.test(w) && !EMPTY.has(w))
    .map((w) => w.slice(0, 5));
}

/** What `recordedWords` found, by root event id. */
const described = perIndex(() => new Map<string, Set<string>>());

/**
 * Everything the fact base says about what was signed at an event, as subject words: its documents' titles, kinds,
 * phrases, notes and their sources' titles, and its document counts' wording and notes (documents counted, not listed).
 */
export function recordedWords(index: FactIndex, root: Event): Set<string> {
  const byRoot = described(index);
  let words = byRoot.get(root.id);
  if (!words) {
    const { facts } = index;
    const texts: string[] = [];
    for (const d of recordedFor(index, root)) {
      texts.push(d.title, d.kind, d.note ?? '', ...d.phrases, ...d.sources.map((s) => facts.sources.get(s)?.title ?? ''));
    }
    const family = index.family.get(root.id) ?? new Set([root.id]);
    for (const group of facts.documentCounts) {
      if (!family.has(group.event)) continue;
      texts.push(group.note ?? '', ...group.counts.flatMap((c) => [c.said, c.note ?? '', ...c.of]));
    }
    words = new Set(texts.flatMap(subjectWords));
    byRoot.set(root.id, words);
  }
  return words;
}
