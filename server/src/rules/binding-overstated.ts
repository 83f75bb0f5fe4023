import { itemsIn, perBlock } from '../match/analyse.js';
import type { Document } from '../facts/types.js';
import type { Span } from '../markdown/prose.js';
import type { BlockFacts } from '../match/analyse.js';
import { reportsSpeech } from '../match/attribution.js';
import { bindingWords, negated, particular, saidOf, wished } from '../match/binding.js';
import { clauseStart } from '../match/clauses.js';
import { covers, GENERIC_DOCUMENTS, recordedFor, rootsAbout, subjectWords, summary } from '../match/documents.js';
import type { PhraseMatch } from '../match/phrases.js';
import { anyRowOf, inCell } from '../match/table-rows.js';
import { eventLabel, formatDate } from '../match/wording.js';
import type { Rule, RuleFinding } from './rule.js';
import { ontoCell } from './support.js';

const DETERMINERS = new Set(['the', 'this', 'that', 'its']);
/** An opening phrase that sets a document against the one the clause is about ("Unlike the joint statement, …"). */
const CONTRAST = /^\s*(?:unlike|besides|apart from|in contrast to|compared with|compared to|as opposed to|except for)\b[^,]*,/i;

const label = (doc: Document) => (doc.date ? `The ${doc.kind} of ${formatDate(doc.date)}` : `"${doc.title}"`);
const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');

/**
 * The document the binding words are said of: the last one before them in their clause (its subject: "The memorandums
 * legally oblige …", "The declaration, a legally binding agreement, …"), unless an opening contrast sets it apart
 * ("Unlike the joint statement, the treaty …"); else one they modify ("a legally binding joint statement").
 */
function subjectOf(
  bf: BlockFacts,
  docs: PhraseMatch<Document>[],
  w: PhraseMatch<unknown>,
  sentence: Span,
): PhraseMatch<Document> | undefined {
  const before = docs.filter((m) => m.end <= w.start).at(-1);
  if (before && clauseStart(bf.text, w.start, sentence) <= before.start) {
    const contrast = CONTRAST.exec(bf.text.slice(sentence.start, w.start));
    if (!contrast || sentence.start + contrast[0].length <= before.start) return before;
  }
  const after = docs.find((m) => m.start >= w.end);
  if (after && after.first - w.last <= 3 && /^[\s\p{L}\-\u2010\u2011]*$/u.test(bf.text.slice(w.end, after.start))) return after;
  return undefined;
}

/** A sentence that calls a non-binding document a treaty, binding, or a source of obligations, guarantees or commitments. */
const rule: Rule = {
  id: 'binding-overstated',
  description: 'A non-binding document (joint statement, memorandum, declaration) is described in binding terms.',
  severity: 'error',
  category: 'claim',
  fixable: true,
  // What a sentence on the documents in general is about may rest on the event the draft was last about, before this block.
  blockLocal: false,
  *check({ blocks }) {
    for (const cell of blocks) {
      const words = bindingWords(cell);
      if (words.length === 0) continue;
      // A table row is a record: a cell of binding words ("| legally binding agreement |") that names no document (but
      // by a binding noun, "treaty") speaks of the document its row names in another cell; the row is read as one
      // sentence and the findings moved back onto the cell.
      const own = cell.documents.some((m) => !words.some((w) => w.start <= m.start && m.end <= w.end));
      const row = own ? undefined : anyRowOf(cell);
      if (!row) {
        yield* inBlock(blocks, cell);
        continue;
      }
      const span = { start: row.offset, end: row.offset + cell.text.length };
      for (const found of inBlock(blocks, row.facts, span)) if (inCell(cell, row.offset, found)) yield ontoCell(found, cell, row.offset);
    }
  },
};

/** The generic references to documents of a block ("the agreements signed"), found once per block text. */
const genericDocuments = perBlock((bf) => GENERIC_DOCUMENTS.find(bf.text, bf.tokens));

/** The findings in a block, or in a table row read as one, where the binding words of one cell describe its document. */
function* inBlock(blocks: readonly BlockFacts[], bf: BlockFacts, cell?: Span): Generator<RuleFinding> {
  const words = bindingWords(bf);
  const generics = genericDocuments(bf);
  if (bf.documents.length === 0 && generics.length === 0) return;
  const sentences = bf.block.sentences;
  for (let s = 0; s < sentences.length; s++) {
    const sentence = sentences[s]!;
    const found = itemsIn(words, sentence);
    if (found.length === 0 || bf.text.slice(sentence.start, sentence.end).trimEnd().endsWith('?')) continue;
    // "…is a treaty": a binding noun after "a"/"an" describes; it does not refer to a treaty the fact base knows.
    const describing = found.filter(
      (w) =>
        w.values[0]!.noun &&
        (['a', 'an'].includes(bf.tokens[w.first - 1]?.lower ?? '') || (cell !== undefined && cell.start <= w.start && w.end <= cell.end)),
    );
    let d = 0;
    const docs = itemsIn(bf.documents, sentence).filter((m) => {
      while (d < describing.length && describing[d]!.end < m.end) d++;
      return !(d < describing.length && describing[d]!.start <= m.start && m.end <= describing[d]!.end);
    });
    if (docs.some((m) => m.values.some((d) => d.binding === true))) continue;
    const unnamed: PhraseMatch<{ noun: boolean }>[] = [];
    for (const w of found) {
      if (docs.some((m) => m.start < w.end && w.start < m.end) || negated(bf, w.first, w.last, sentence)) continue;
      const noun = w.values[0]!.noun;
      const lower = bf.text.slice(w.start, w.end).toLowerCase();
      if (!committing(bf, w, sentence)) continue;
      const subject = subjectOf(bf, docs, w, sentence);
      let refs = subject?.values.every((d) => d.binding === false) ? subject.values : undefined;
      if (docs.length === 0 && noun && s > 0) refs = anaphora(bf, w, sentence, sentences[s - 1]!);
      if (refs) yield finding(bf, w, refs[0]!, refs, noun, lower);
      else if (docs.length === 0) unnamed.push(w);
    }
    if (unnamed.length > 0) yield* generic(blocks, bf, sentence, unnamed, itemsIn(generics, sentence));
  }
}

/** "commit(s)" binds only as "commits X to …". */
function committing(bf: BlockFacts, w: PhraseMatch<unknown>, sentence: Span): boolean {
  const lower = bf.text.slice(w.start, w.end).toLowerCase();
  return (
    (lower !== 'commit' && lower !== 'commits') ||
    bf.tokens.slice(w.last + 1, w.last + 9).some((t) => t.lower === 'to' && t.end <= sentence.end)
  );
}

/** Words before a plural document noun that make them other documents than the event's ("earlier agreements"). */
const OTHER = new Set(['earlier', 'previous', 'prior', 'past', 'existing', 'older', 'future', 'other', 'later', 'subsequent', 'former']);
/** Words that speak of all the documents at once ("all of the documents", "the agreements are all binding"). */
const EVERY = new Set(['all', 'every', 'each']);
const TOGETHER = /\b(?:taken together|collectively|as a whole|in their entirety|without exception)\b/i;

/**
 * Binding words said of the event's documents together ("the binding agreements signed at the summit", "the
 * agreements oblige …") in a sentence about the event that names none of them, when the fact base records none of the
 * documents the noun can cover as binding and some as non-binding:
 *  - every one of them non-binding: an error;
 *  - some of unknown effect, said of all of them ("all of the documents …", "taken together, the documents …"): an error,
 *    since those recorded as non-binding are among them;
 *  - some of unknown effect, said of the documents in general: a warning, unless what they are said to bind the parties
 *    to is what one of unknown effect is about ("the agreements oblige the sides to cooperate on tourism", with an
 *    agreement on tourism recorded): that one may be meant.
 */
function* generic(
  blocks: readonly BlockFacts[],
  bf: BlockFacts,
  sentence: Span,
  found: PhraseMatch<{ noun: boolean }>[],
  generics: PhraseMatch<string[]>[],
): Generator<RuleFinding> {
  const seen = new Set<PhraseMatch<string[]>>();
  for (const w of found) {
    if (negated(bf, w.first, w.last, sentence) || !committing(bf, w, sentence)) continue;
    const from = clauseStart(bf.text, w.start, sentence);
    const g = generics.filter((m) => m.start >= from && m.start < w.end + 40 && saidOf(bf, w, m)).at(-1);
    if (!g || seen.has(g) || OTHER.has(bf.tokens[g.first - 1]?.lower ?? '') || negated(bf, g.first, g.last, sentence)) continue;
    if (wished(bf, from, sentence) || !particular(bf, g)) continue;
    const roots = rootsAbout(bf, sentence, g, blocks);
    const kinds = g.values[0]!;
    const docs = roots.flatMap((r) => recordedFor(bf.index, r)).filter((d) => covers(kinds, d));
    const loose = docs.filter((d) => d.binding === false);
    const every =
      bf.tokens.some((t) => t.start >= from && t.end <= w.end && EVERY.has(t.lower)) || TOGETHER.test(bf.text.slice(from, sentence.end));
    // A binding one recorded may be the one meant, unless they are said to bind all together.
    if (loose.length === 0 || (docs.some((d) => d.binding === true) && !every)) continue;
    const unknown = docs.filter((d) => d.binding !== false);
    // Of some documents of unknown effect, someone's words reported ("the president said the agreements guarantee …") are theirs.
    if (unknown.length > 0 && !every && (aboutOneOf(bf, g, w, sentence, unknown) || reportsSpeech(bf, sentence))) continue;
    seen.add(g);
    const noun = kinds.length === 0 ? 'documents' : bf.text.slice(g.start, g.end).toLowerCase();
    const events = roots.map(eventLabel).join(' and ');
    const start = Math.min(g.start, w.start);
    const end = Math.max(g.end, w.end);
    const facts = docs.map((d) => ({ kind: 'document' as const, id: d.id }));
    if (unknown.length === 0) {
      yield {
        block: bf,
        start,
        end,
        facts,
        message:
          docs.length === 1
            ? `The one ${kinds.length === 0 ? 'document' : docs[0]!.kind} recorded for ${events} is a non-binding ${docs[0]!.kind}; ` +
              'it creates no legal obligations.'
            : `The ${noun} recorded for ${events} are all non-binding (${summary(docs)}); none creates legal obligations.`,
      };
      continue;
    }
    const are = loose.length === 1 ? 'is' : 'are';
    const bound = docs.filter((d) => d.binding === true);
    if (bound.length > 0) {
      const only = bound.length === unknown.length ? ` (only ${summary(bound)} ${bound.length === 1 ? 'is' : 'are'})` : '';
      yield {
        block: bf,
        start,
        end,
        facts,
        message: `Not all the ${noun} recorded for ${events} bind${only}: ${summary(loose)} ${are} non-binding.`,
      };
      continue;
    }
    const others = unknown.length === 1 ? 'the other one binds' : `the other ${unknown.length} bind`;
    yield every
      ? {
          block: bf,
          start,
          end,
          facts,
          message:
            `Not all the ${noun} recorded for ${events} bind: ${summary(loose)} ${are} non-binding, ` + 'and none is recorded as binding.',
        }
      : {
          block: bf,
          start,
          end,
          facts,
          severity: 'warning',
          message:
            `None of the ${noun} recorded for ${events} is recorded as binding: ` +
            `${summary(loose)} ${are} non-binding; the sources do not say whether ${others}.`,
        };
  }
}

/** Words of a sentence that say nothing of what documents are about: how they bind, and when and where they were signed. */
const SAID_OF_ANY = new Set([
  'legally',
  'binding',
  'bind',
  'binds',
  'oblige',
  'obliges',
  'obligate',
  'obligates',
  'commit',
  'commits',
  'guarantee',
  'guarantees',
  'signed',
  'concluded',
  'reached',
  'agreed',
  'adopted',
  'during',
  'visit',
  'trip',
  'summit',
  'taken',
  'together',
  'governments',
  'government',
  'states',
  'state',
  'parties',
  'signatories',
  'leaders',
  'presidents',
  'ceremony',
]);

/**
 * Whether what the documents are said to bind the parties to (the words of the clause after the noun, places and names
 * aside) shares a word with the title or phrases of one of the documents of unknown effect: that one may be meant.
 */
function aboutOneOf(bf: BlockFacts, g: PhraseMatch<unknown>, w: PhraseMatch<unknown>, sentence: Span, unknown: Document[]): boolean {
  const end = Math.max(g.end, w.end);
  let stop = sentence.end;
  const tail = bf.text.slice(end, sentence.end);
  const cut = /[;:(\u2014]|\s[-\u2013]\s/.exec(tail);
  if (cut) stop = end + cut.index;
  const span = { start: g.end, end: stop };
  const skip = [...bf.index.places.find(bf.text, itemsIn(bf.tokens, span)), ...itemsIn(bf.names, span)];
  const text = itemsIn(bf.tokens, span)
    .filter((t) => !SAID_OF_ANY.has(t.lower) && !skip.some((m) => m.start <= t.start && t.end <= m.end))
    .map((t) => t.text)
    .join(' ');
  const said = subjectWords(text);
  const theirs = new Set(unknown.flatMap((d) => subjectWords([d.title, d.kind, ...d.phrases].join(' '))));
  return said.some((x) => theirs.has(x));
}

/**
 * "…signed a joint statement. The X–Y treaty…": a binding noun after a definite determiner (and at most a few capitalised
 * words) in a sentence that names no document, right after a sentence whose last reference is to a non-binding document.
 */
function anaphora(bf: BlockFacts, w: PhraseMatch<{ noun: boolean }>, sentence: Span, previous: Span): Document[] | undefined {
  const last = itemsIn(bf.documents, previous).at(-1);
  if (!last?.values.every((d) => d.binding === false)) return undefined;
  let k = w.first - 1;
  const ok = (i: number) => i >= 0 && i >= w.first - 5 && bf.tokens[i]!.start >= sentence.start;
  while (ok(k) && /^\p{Lu}/u.test(bf.tokens[k]!.text) && !DETERMINERS.has(bf.tokens[k]!.lower)) k--;
  return ok(k) && DETERMINERS.has(bf.tokens[k]!.lower) ? last.values : undefined;
}

/** The finding, with a fix that names a singular binding noun by the document's kind ("a treaty" → "a joint statement"). */
function finding(
  bf: BlockFacts,
  w: PhraseMatch<{ noun: boolean }>,
  doc: Document,
  refs: Document[],
  noun: boolean,
  lower: string,
): RuleFinding {
  const result: RuleFinding = {
    block: bf,
    start: w.start,
    end: w.end,
    facts: refs.map((d) => ({ kind: 'document', id: d.id })),
    message: noun
      ? `${label(doc)} is a non-binding ${doc.kind}, not ${article(lower)} ${lower}.`
      : `${label(doc)} is a non-binding ${doc.kind}; it creates no legal obligations.`,
  };
  if (noun) {
    const prev = bf.tokens[w.first - 1];
    const hasArticle = prev && (prev.lower === 'a' || prev.lower === 'an') && /^\s+$/.test(bf.text.slice(prev.end, w.start));
    const cased = (text: string, like: string) => (/^\p{Lu}/u.test(like) ? text[0]!.toUpperCase() + text.slice(1) : text);
    const edit = hasArticle
      ? { start: prev.start, end: w.end, newText: `${cased(article(doc.kind), prev.text)} ${doc.kind}` }
      : { start: w.start, end: w.end, newText: cased(doc.kind, bf.text.slice(w.start, w.end)) };
    result.fixes = [{ title: `Call it ${article(doc.kind)} ${doc.kind}`, edits: [edit] }];
  }
  return result;
}
export default rule;
