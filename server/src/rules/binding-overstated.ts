import { itemsIn } from '../match/analyse.js';
import type { Document } from '../facts/types.js';
import type { Span } from '../markdown/prose.js';
import type { BlockFacts } from '../match/analyse.js';
import { BINDING, negated, saidOf, wished } from '../match/binding.js';
import { clauseStart } from '../match/clauses.js';
import { covers, GENERIC_DOCUMENTS, recordedFor, rootsAbout, summary } from '../match/documents.js';
import type { PhraseMatch } from '../match/phrases.js';
import { eventLabel, formatDate } from '../match/wording.js';
import type { Rule, RuleFinding } from './rule.js';

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
function subjectOf(bf: BlockFacts, docs: PhraseMatch<Document>[], w: PhraseMatch<unknown>, sentence: Span):
  PhraseMatch<Document> | undefined {
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
  blockLocal: true,
  *check({ blocks }) {
    for (const bf of blocks) {
      const words = BINDING.find(bf.text, bf.tokens);
      if (words.length === 0) continue;
      const generics = GENERIC_DOCUMENTS.find(bf.text, bf.tokens);
      if (bf.documents.length === 0 && generics.length === 0) continue;
      const sentences = bf.block.sentences;
      for (let s = 0; s < sentences.length; s++) {
        const sentence = sentences[s]!;
        const found = itemsIn(words, sentence);
        if (found.length === 0 || bf.text.slice(sentence.start, sentence.end).trimEnd().endsWith('?')) continue;
        // "…is a treaty": a binding noun after "a"/"an" describes; it does not refer to a treaty the fact base knows.
        const describing = found.filter((w) => w.values[0]!.noun && ['a', 'an'].includes(bf.tokens[w.first - 1]?.lower ?? ''));
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
          let refs = subject && subject.values.every((d) => d.binding === false) ? subject.values : undefined;
          if (docs.length === 0 && noun && s > 0) refs = anaphora(bf, w, sentence, sentences[s - 1]!);
          if (refs) yield finding(bf, w, refs[0]!, refs, noun, lower);
          else if (docs.length === 0) unnamed.push(w);
        }
        if (unnamed.length > 0) yield* generic(bf, sentence, unnamed, itemsIn(generics, sentence));
      }
    }
  },
};

/** "commit(s)" binds only as "commits X to …". */
function committing(bf: BlockFacts, w: PhraseMatch<unknown>, sentence: Span): boolean {
  const lower = bf.text.slice(w.start, w.end).toLowerCase();
  return (lower !== 'commit' && lower !== 'commits') ||
    bf.tokens.slice(w.last + 1, w.last + 9).some((t) => t.lower === 'to' && t.end <= sentence.end);
}

/** Words before a plural document noun that make them other documents than the event's ("earlier agreements"). */
const OTHER = new Set(['earlier', 'previous', 'prior', 'past', 'existing', 'older', 'future', 'other', 'later', 'subsequent', 'former']);

/**
 * Binding words said of the event's documents together ("the binding agreements signed at the summit", "the
 * agreements oblige …") in a sentence about the event that names none of them: an error when every document the fact base records
 * for the event that the noun can cover is non-binding.
 */
function* generic(bf: BlockFacts, sentence: Span, found: PhraseMatch<{ noun: boolean }>[], generics: PhraseMatch<string[]>[]):
  Generator<RuleFinding> {
  const seen = new Set<PhraseMatch<string[]>>();
  for (const w of found) {
    if (negated(bf, w.first, w.last, sentence) || !committing(bf, w, sentence)) continue;
    const from = clauseStart(bf.text, w.start, sentence);
    const g = generics.filter((m) => m.start >= from && m.start < w.end + 40 && saidOf(bf, w, m)).at(-1);
    if (!g || seen.has(g) || OTHER.has(bf.tokens[g.first - 1]?.lower ?? '') || negated(bf, g.first, g.last, sentence)) continue;
    if (wished(bf, from, sentence)) continue;
    const roots = rootsAbout(bf, sentence, g);
    const kinds = g.values[0]!;
    const docs = roots.flatMap((r) => recordedFor(bf.index, r)).filter((d) => covers(kinds, d));
    if (docs.length === 0 || docs.some((d) => d.binding !== false)) continue;
    seen.add(g);
    const noun = kinds.length === 0 ? 'documents' : bf.text.slice(g.start, g.end).toLowerCase();
    const events = roots.map(eventLabel).join(' and ');
    yield {
      block: bf, start: Math.min(g.start, w.start), end: Math.max(g.end, w.end), facts: docs.map((d) => ({ kind: 'document', id: d.id })),
      message: docs.length === 1
        ? `The one ${kinds.length === 0 ? 'document' : docs[0]!.kind} recorded for ${events} is a non-binding ${docs[0]!.kind}; `
          + 'it creates no legal obligations.'
        : `The ${noun} recorded for ${events} are all non-binding (${summary(docs)}); none creates legal obligations.`,
    };
  }
}

/**
 * "…signed a joint statement. The X–Y treaty…": a binding noun after a definite determiner (and at most a few capitalised
 * words) in a sentence that names no document, right after a sentence whose last reference is to a non-binding document.
 */
function anaphora(bf: BlockFacts, w: PhraseMatch<{ noun: boolean }>, sentence: Span, previous: Span): Document[] | undefined {
  const last = itemsIn(bf.documents, previous).at(-1);
  if (!last || !last.values.every((d) => d.binding === false)) return undefined;
  let k = w.first - 1;
  const ok = (i: number) => i >= 0 && i >= w.first - 5 && bf.tokens[i]!.start >= sentence.start;
  while (ok(k) && /^\p{Lu}/u.test(bf.tokens[k]!.text) && !DETERMINERS.has(bf.tokens[k]!.lower)) k--;
  return ok(k) && DETERMINERS.has(bf.tokens[k]!.lower) ? last.values : undefined;
}

/** The finding, with a fix that names a singular binding noun by the document's kind ("a treaty" → "a joint statement"). */
function finding(bf: BlockFacts, w: PhraseMatch<{ noun: boolean }>, doc: Document, refs: Document[], noun: boolean, lower: string):
  RuleFinding {
  const result: RuleFinding = {
    block: bf, start: w.start, end: w.end, facts: refs.map((d) => ({ kind: 'document', id: d.id })),
    message: noun ? `${label(doc)} is a non-binding ${doc.kind}, not ${article(lower)} ${lower}.`
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
