import { itemsIn } from '../match/analyse.js';
import type { Document } from '../facts/types.js';
import type { Span } from '../markdown/prose.js';
import type { BlockFacts } from '../match/analyse.js';
import { clauseStart } from '../match/clauses.js';
import { PhraseMatcher, type PhraseMatch } from '../match/phrases.js';
import type { Rule, RuleFinding } from './rule.js';
import { formatDate } from './support.js';

/** Binding language (generic English); `noun` marks a singular name for a binding instrument, which a fix can replace. */
const BINDING = new PhraseMatcher<{ noun: boolean }>();
for (const p of ['treaty', 'binding treaty', 'legally binding treaty', 'binding agreement', 'legally binding agreement',
  'binding accord', 'binding pact', 'binding document', 'legally binding document', 'binding instrument', 'legally binding instrument']) {
  BINDING.add(p, { noun: true });
}
for (const p of ['treaties', 'binding agreements', 'binding', 'legally binding', 'legally oblige', 'legally obliges', 'legally obligate',
  'legally obligates', 'oblige', 'obliges', 'obligate', 'obligates', 'obligation', 'obligations', 'legal obligation', 'legal obligations',
  'guarantee', 'guarantees', 'guaranteed', 'commit', 'commits', 'bind', 'binds', 'legally bind', 'legally binds']) {
  BINDING.add(p, { noun: false });
}
/** Words that, up to four words before, deny the binding language ("rather than a treaty", "unlike a treaty"). */
const NEAR_NEGATORS = new Set(['rather', 'instead', 'unlike', 'short']);
/** Words that anywhere earlier in its clause deny or suspend it ("none of the documents binds", "if it were a treaty"). */
const NEGATORS = new Set(['not', 'no', 'non', 'never', 'neither', 'nor', 'none', 'nobody', 'without', 'nothing', 't', 'cannot',
  'lacks', 'lack', 'whether', 'if', 'deny', 'denies', 'denied', 'hardly']);
const DETERMINERS = new Set(['the', 'this', 'that', 'its']);
/** Words right after that deny it ("binds no one", "guarantees nothing"). */
const DENIED_AFTER = new Set(['no', 'nobody', 'nothing', 'neither', 'none']);
/** An opening phrase that sets a document against the one the clause is about ("Unlike the joint statement, …"). */
const CONTRAST = /^\s*(?:unlike|besides|apart from|in contrast to|compared with|compared to|as opposed to|except for)\b[^,]*,/i;

const label = (doc: Document) => (doc.date ? `The ${doc.kind} of ${formatDate(doc.date)}` : `"${doc.title}"`);
const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');

/** Whether the binding words at tokens first..last are denied ("not legally binding", "none … binds", "binds no one"). */
function negated(bf: BlockFacts, first: number, last: number, sentence: Span): boolean {
  const next = bf.tokens[last + 1];
  if (next && next.end <= sentence.end && DENIED_AFTER.has(next.lower)) return true;
  const from = clauseStart(bf.text, bf.tokens[first]!.start, sentence);
  for (let k = first - 1; k >= 0 && bf.tokens[k]!.start >= from; k--) {
    const word = bf.tokens[k]!.lower;
    if (NEGATORS.has(word) || (k >= first - 4 && NEAR_NEGATORS.has(word))) return true;
  }
  return false;
}

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
      if (bf.documents.length === 0) continue;
      const words = BINDING.find(bf.text, bf.tokens);
      if (words.length === 0) continue;
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
        for (const w of found) {
          if (docs.some((m) => m.start < w.end && w.start < m.end) || negated(bf, w.first, w.last, sentence)) continue;
          const noun = w.values[0]!.noun;
          const lower = bf.text.slice(w.start, w.end).toLowerCase();
          // "commit(s)" binds only as "commits X to …".
          const to = bf.tokens.slice(w.last + 1, w.last + 9).some((t) => t.lower === 'to' && t.end <= sentence.end);
          if ((lower === 'commit' || lower === 'commits') && !to) continue;
          const subject = subjectOf(bf, docs, w, sentence);
          let refs = subject && subject.values.every((d) => d.binding === false) ? subject.values : undefined;
          if (docs.length === 0 && noun && s > 0) refs = anaphora(bf, w, sentence, sentences[s - 1]!);
          if (refs) yield finding(bf, w, refs[0]!, refs, noun, lower);
        }
      }
    }
  },
};

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
