import { itemsIn, type BlockFacts } from '../match/analyse.js';
import { bindingWords, negated, wished } from '../match/binding.js';
import { clauseStart } from '../match/clauses.js';
import { recordedFor, recordedWords, rootsAbout, subjectWords } from '../match/documents.js';
import { documentsRoot, pointsAway, resumedRoot } from '../match/last-topic.js';
import type { Event } from '../facts/types.js';
import type { PhraseMatch } from '../match/phrases.js';
import type { Span } from '../markdown/prose.js';
import { eventLabel } from '../match/wording.js';
import type { Rule } from './rule.js';

/** Verbs that say an instrument was signed. */
const SIGNED = new Set(['signed', 'concluded', 'inked', 'sealed', 'struck', 'agreed']);
/** Words before such a verb that make it a plan, wish or hypothesis ("to sign", "will have signed", "would"). */
const NOT_DONE = new Set(['to', 'will', 'would', 'could', 'should', 'may', 'might', 'shall', 'can', 'must', 'if', 'unless']);
/** Words that make an instrument another besides those spoken of ("also signed a treaty", "a second treaty"). */
const ANOTHER = new Set(['also', 'another', 'second', 'third', 'further', 'additional', 'separate', 'too']);
/** The same said at the end of the clause ("… was signed as well", "… was signed too"). */
const TRAILING = /^[^,;:]*,?\s*\b(?:as well|too)\s*[.!]?\s*$/i;
/** "… was also signed". */
const ALSO_AFTER = /^\s+(?:was|were|had been|has been|have been)\s+(?:\p{Ll}+\s+)?also\b/iu;
/** Adverbs that may stand between "was" and "signed". */
const ADVERBS = new Set(['also', 'then', 'later', 'too', 'even', 'already', 'soon', 'since', 'once', 'duly']);
/** Words that open what an instrument is about ("a treaty on …"). */
const OPENERS = new Set(['on', 'for', 'about', 'concerning', 'covering', 'regarding', 'of', 'establishing', 'setting']);
/** Words that end it ("… was signed", "… in the capital", "… that …"). */
const CLOSERS = new Set([
  'was',
  'were',
  'is',
  'are',
  'has',
  'have',
  'had',
  'that',
  'which',
  'in',
  'at',
  'during',
  'when',
  'while',
  'by',
  'after',
  'before',
  'with',
  'between',
  'last',
  'this',
  'signed',
  'concluded',
  'inked',
  'sealed',
  'as',
  'but',
  'to',
]);

/** The end of what a binding noun says it is about: "treaty on the joint production of drones" ends after "drones". */
function subjectEnd(bf: BlockFacts, w: PhraseMatch<unknown>, sentence: Span): number {
  const t = bf.tokens;
  if (!OPENERS.has(t[w.last + 1]?.lower ?? '') || t[w.last + 1]!.end > sentence.end) return w.end;
  let end = w.end;
  for (let k = w.last + 2; k < t.length && t[k]!.end <= sentence.end && k <= w.last + 12; k++) {
    // "to" ends it ("… to be signed"), unless a name follows ("a pipeline to Finland").
    const to = t[k]!.lower === 'to' && /^\p{Lu}/u.test(t[k + 1]?.text ?? '');
    if ((CLOSERS.has(t[k]!.lower) && !to) || /[,;:.()!?\u2014]/.test(bf.text.slice(t[k - 1]!.end, t[k]!.start))) break;
    end = t[k]!.end;
  }
  return end;
}

/** Whether the clause says the instrument was signed: "signed a treaty …" or "a treaty … was signed". */
function signed(bf: BlockFacts, w: PhraseMatch<unknown>, end: number, sentence: Span): boolean {
  const from = clauseStart(bf.text, w.start, sentence);
  const t = bf.tokens;
  for (let k = w.first - 1; k >= 0 && t[k]!.start >= from; k--) {
    if (SIGNED.has(t[k]!.lower)) return !NOT_DONE.has(t[k - 1]?.lower ?? '') && !NOT_DONE.has(t[k - 2]?.lower ?? '');
  }
  const after = t
    .filter((x) => x.start >= end && x.end <= sentence.end)
    .slice(0, 6)
    .map((x) => x.lower);
  const verb = after.findIndex((x) => SIGNED.has(x));
  // Adverbs may stand between ("was also signed", "were later formally concluded").
  let aux = verb - 1;
  while (aux > 0 && (ADVERBS.has(after[aux]!) || after[aux]!.endsWith('ly'))) aux--;
  return verb > 0 && ['was', 'were', 'been'].includes(after[aux]!);
}

/** The sentence before, in the block, if any. */
function before(bf: BlockFacts, sentence: Span): Span | undefined {
  const i = bf.block.sentences.findIndex((x) => x.start === sentence.start);
  return i > 0 ? bf.block.sentences[i - 1] : undefined;
}

/** Whether the sentence before, in the block, names documents of some event. */
function listed(bf: BlockFacts, sentence: Span): boolean {
  const prior = before(bf, sentence);
  return prior !== undefined && itemsIn(bf.documents, prior).length > 0;
}

/**
 * The event whose documents the sentence before lists, for an instrument added to them in a sentence that names no
 * event and in which nothing points away from it ("The memorandum … is not binding. The three states also signed a
 * treaty on …"): the list, not every topic of the text (a programme table's other occasions), is what it continues.
 */
function continued(bf: BlockFacts, sentence: Span, judged: Span): Event | undefined {
  const prior = before(bf, sentence);
  const id = prior && bf.eventsIn(sentence).length === 0 ? documentsRoot(bf, prior) : undefined;
  const root = id === undefined ? undefined : bf.index.facts.events.get(id);
  return root && !pointsAway(bf, root, sentence, [judged]) ? root : undefined;
}

/**
 * A binding instrument said to have been signed at an event ("a treaty on drone production was signed") that the fact base
 * does not record among the event's documents: none of them is binding, and none speaks of what the instrument is
 * about (or, when the sentence does not say, none is of unknown effect either).
 */
const rule: Rule = {
  id: 'document-unrecorded',
  description: 'A treaty or binding agreement said to have been signed at an event is not among the documents recorded for it.',
  severity: 'warning',
  category: 'claim',
  fixable: false,
  // What a sentence is about may rest on the event the draft was last about, before this block.
  blockLocal: false,
  *check({ blocks, index }) {
    if (index.facts.documents.size === 0) return;
    for (const bf of blocks) {
      const words = bindingWords(bf).filter((w) => w.values[0]!.noun);
      for (const w of words) {
        // A singular binding noun brought in with "a"/"an" and at most two words between ("a new defence treaty").
        const a = [1, 2, 3].map((d) => w.first - d).find((k) => ['a', 'an'].includes(bf.tokens[k]?.lower ?? ''));
        if (a === undefined || bf.tokens.slice(a + 1, w.first).some((t) => !/^\p{Ll}/u.test(t.text))) continue;
        const sentence = bf.sentenceAt(w.start);
        if (bf.text.slice(sentence.start, sentence.end).trimEnd().endsWith('?')) continue;
        const end = subjectEnd(bf, w, sentence);
        // A wish or plan in the instrument's clause, not in a remark after it (", which should worry …").
        const comma = bf.text.slice(end, sentence.end).search(/[,;]/);
        const upTo = { start: sentence.start, end: comma < 0 ? sentence.end : end + comma };
        if (
          negated(bf, w.first, w.last, sentence) ||
          wished(bf, clauseStart(bf.text, w.start, sentence), upTo) ||
          !signed(bf, w, end, sentence)
        )
          continue;
        const judged = { start: bf.tokens[a]!.start, end };
        const another =
          bf.tokens.slice(Math.max(0, a - 4), w.first).some((t) => t.start >= sentence.start && ANOTHER.has(t.lower)) ||
          TRAILING.test(bf.text.slice(end, sentence.end)) ||
          ALSO_AFTER.test(bf.text.slice(end, sentence.end));
        const list = another || listed(bf, sentence) ? continued(bf, sentence, judged) : undefined;
        const roots = list ? [list] : rootsAbout(bf, sentence, judged, blocks);
        // After a digression, an instrument added to the documents the text has been listing ("The memoranda …; the
        // joint statement …. They also signed a treaty on …") is the event's the draft was last about.
        if (roots.length === 0 && (another || listed(bf, sentence))) {
          const root = resumedRoot(blocks, bf, sentence, [judged]);
          if (root) roots.push(root);
        }
        const docs = roots.flatMap((r) => recordedFor(index, r));
        if (roots.length === 0 || roots.some((r) => recordedFor(index, r).length === 0)) continue;
        // An event with a recorded binding instrument may be paraphrased ("a treaty on the power link"): silence, unless
        // the sentence says this one is another ("also signed a treaty on …"). So is a sentence that names a document,
        // unless only by the binding noun itself ("treaty"): another event's, or this event's when this is another.
        if (docs.some((d) => d.binding === true) && !another) continue;
        const named = itemsIn(bf.documents, sentence);
        if (named.some((m) => !(w.start <= m.start && m.end <= w.end) || (!another && m.values.some((d) => docs.includes(d))))) continue;
        const about = subjectWords(bf.text.slice(bf.tokens[a + 1]!.start, w.start) + bf.text.slice(w.end, end));
        // What it is about is recorded when most of its words are ("a treaty on tourism and sports exchanges"), not one
        // word of two ("military-technical cooperation" beside a programme of scientific and technical cooperation).
        const recorded = (r: (typeof roots)[number]) => about.filter((x) => recordedWords(index, r).has(x)).length * 2 > about.length;
        if (about.length === 0 ? docs.some((d) => d.binding !== false) : roots.some(recorded)) continue;
        const written = bf.text.slice(
          bf.tokens.slice(a + 1, w.first).find((t) => !ANOTHER.has(t.lower) && t.lower !== 'new')?.start ?? w.start,
          end,
        );
        const what = written[0]!.toLowerCase() + written.slice(1);
        yield {
          block: bf,
          start: w.start,
          end,
          facts: docs.map((d) => ({ kind: 'document', id: d.id })),
          message:
            `No ${what} is recorded among the documents signed during ${roots.map(eventLabel).join(' or ')}` +
            `${about.length === 0 ? '; every document recorded is non-binding' : ''}.`,
        };
      }
    }
  },
};
export default rule;
