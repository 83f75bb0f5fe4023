import { itemsIn, perBlock } from '../match/analyse.js';
import { perIndex, type FactIndex } from '../match/compile.js';
import type { Count, DocumentCount, Event, FactBase } from '../facts/types.js';
import type { BlockFacts } from '../match/analyse.js';
import { reportsSpeech } from '../match/attribution.js';
import { countsOf, nounAfter, yearInTitle, type CountMention } from '../match/counts.js';
import { clauseStart } from '../match/clauses.js';
import { counterEvidence } from '../match/counter-evidence.js';
import { establishes, topicsAt } from '../match/evidence.js';
import { resumedEvents } from '../match/last-topic.js';
import { intervalOf } from '../match/dates.js';
import type { Span } from '../markdown/prose.js';
import { isQuoted } from '../match/quoted.js';
import type { PhraseMatch } from '../match/phrases.js';
import { tokenAt, tokenize } from '../match/tokens.js';
import { yearFor } from '../match/days-in-question.js';
import { formatDate, nameOf } from '../match/wording.js';
import type { Rule } from './rule.js';

/** Words before a count that make it a subset of the documents ("including two memoranda", "of which 12 agreements"). */
const SUBSET = /\b(including|includes|included|among them|among which|among these|of which|of them|of these|of those|such as)\b/i;

const normal = (phrase: string) =>
  tokenize(phrase)
    .map((t) => t.lower)
    .join(' ');
/** The fact base's counts' nouns, normalised once. */
const normalOf = perIndex(() => new Map<Count, string[]>());
/** A count's nouns, normalised. */
function nounsOf(index: FactIndex, count: Count): string[] {
  const byCount = normalOf(index);
  let nouns = byCount.get(count);
  if (!nouns) byCount.set(count, (nouns = count.of.map(normal)));
  return nouns;
}

/**
 * The events a sentence is about with everything they are part of: those it establishes; else the topics of the text
 * that nothing in it points away from; else those of the event the draft was last about that it names (match/last-topic.ts).
 * Only those whose counts are given (`wanted`, by id) are asked for: when neither the events the sentence names nor
 * the text's topics are or are part of one of them, none of the three can give one, and none is looked for.
 */
function eventsFor(blocks: readonly BlockFacts[], bf: BlockFacts, sentence: Span, wanted: ReadonlySet<string>): Set<Event> {
  const { events } = bf.index.facts;
  const wants = (e: Event | undefined) => {
    for (let depth = 0; e && depth < 50; depth++, e = e.parent ? events.get(e.parent) : undefined) if (wanted.has(e.id)) return true;
    return false;
  };
  // The events the sentence establishes (match/evidence.ts), else those the text so far is about; else none.
  const topics = topicsAt(bf, sentence);
  const inSentence = bf.eventsIn(sentence);
  if (!inSentence.some(wants) && ![...topics].some((id) => wants(events.get(id)))) return new Set();
  let named = inSentence.filter((e) => establishes(bf, sentence, e, topics) !== undefined);
  if (named.length === 0) {
    // The text's topic, unless the sentence points away from it ("a month later, in Moscow, … signed 28 agreements").
    named = [...topics]
      .map((id) => bf.index.facts.events.get(id))
      .filter((e): e is Event => e !== undefined && counterEvidence(bf, e, sentence, itemsIn(bf.dates, sentence)).length === 0);
  }
  // Those are events the sentence names: only worth looking for when one of those is wanted.
  if (named.length === 0 && inSentence.some(wants)) named = resumedEvents(blocks, bf, sentence, itemsIn(bf.dates, sentence));
  const all = new Set<Event>();
  for (const e of named) {
    let event: Event | undefined = e;
    for (let depth = 0; event && depth < 50; depth++) {
      all.add(event);
      event = event.parent ? bf.index.facts.events.get(event.parent) : undefined;
    }
  }
  return all;
}

const lower = (text: string) => text[0]!.toLowerCase() + text.slice(1);

/**
 * The days a sentence's written dates and bare years ("in 2022") cover, as ISO intervals; a year in a title ("a plan
 * until 2030", "the programme for 2023–2025") dates the plan, not what the sentence reports.
 */
function writtenDates(bf: BlockFacts, sentence: Span): [string, string][] {
  const year = yearFor(bf, sentence);
  const dates = itemsIn(bf.dates, sentence);
  const found = dates.map((d) => intervalOf(d, year)).filter((i) => i !== undefined);
  let d = 0;
  for (let k = tokenAt(bf.tokens, sentence.start); k < bf.tokens.length && bf.tokens[k]!.end <= sentence.end; k++) {
    const t = bf.tokens[k]!;
    while (d < dates.length && dates[d]!.end <= t.start) d++;
    if (!/^(19|20)\d\d$/.test(t.text) || (d < dates.length && dates[d]!.start <= t.start)) continue;
    if (yearInTitle(bf.text, bf.tokens, k)) continue;
    found.push([`${t.text}-01-01`, `${t.text}-12-31`]);
  }
  return found;
}

/** "27 agreements" from a count's `said`, without a trailing participle clause (", signed in …") or a gloss after ";". */
function said(count: Count): string {
  return count.said
    .split(';')[0]!
    .replace(/,\s+\p{L}+ed\b.*$/u, '')
    .replace(/^['"]|['"]$/g, '')
    .trim();
}

const numbers = (text: string) => text.match(/\d+/g) ?? [];

/**
 * Every sourced count given (of a group, in the tense of the sentence) with who said it, those by the same speaker on
 * the same day joined; a count whose numbers all repeat counts already listed for that day (a total of them) is left out.
 */
function sourced(facts: FactBase, counts: Count[]): string {
  const parts: { who: string; verb: string; date?: string; said: string[] }[] = [];
  const listed = new Map<string, Set<string>>();
  for (const count of counts) {
    const day = listed.get(count.date ?? '') ?? new Set<string>();
    listed.set(count.date ?? '', day);
    const digits = numbers(said(count));
    if (digits.length > 0 && digits.every((n) => day.has(n))) continue;
    for (const n of digits) day.add(n);
    const first = facts.sources.get(count.sources[0] ?? '');
    const who = count.by ? nameOf(facts, count.by) : first ? first.publisher.replace(/\s*\([^)]*\)/g, '') : 'a source';
    const verb = count.kind === 'forecast' ? 'expected' : 'said';
    const last = parts.at(-1);
    if (last && last.who === who && last.date === count.date && last.verb === verb) last.said.push(said(count));
    else parts.push({ who, verb, date: count.date, said: [said(count)] });
  }
  return parts.map((p) => `${p.who} ${p.verb} ${p.said.join(' plus ')}${p.date ? ` (${formatDate(p.date)})` : ''}`).join('; ');
}

/**
 * Words that put what a clause reports in the future or in someone's plans ("will sign", "are expected to sign", "plan
 * to", "to be signed"): its count is a forecast, judged against forecast counts only; a count in any other clause is of
 * documents signed, judged against the others (announced, reported). Counts of no kind (v1) are judged in either.
 */
const FUTURE =
  /\b(?:will|shall|going to|expected to|set to|due to be|scheduled to|plan(?:s|ned)? to|intend(?:s|ed)? to|(?:are|is) to be|to be signed|upcoming|forthcoming)\b|\w'll\b/i;

/** Whether the clause of a count (from its last clause break before the count to the next after it) reports something to come. */
function forecast(bf: BlockFacts, sentence: Span, count: CountMention): boolean {
  const rest = bf.text.slice(count.end, sentence.end);
  const next = /[;:(\u2014]|\s[-\u2013]\s|,\s+(?:and|or|but)\b|\b(?:but|while|whereas|although|though|however|because)\b/i.exec(rest);
  return FUTURE.test(bf.text.slice(clauseStart(bf.text, count.start, sentence), count.end + (next ? next.index : rest.length)));
}

/** A count of documents ("more than 20 agreements"), with the phrase of the documents it counts. */
interface Counted extends CountMention {
  noun: PhraseMatch<DocumentCount>;
}

/** The counts of a block that count documents, in prose order: once per block text (most blocks have none). */
const countedOf = perBlock((bf): Counted[] => {
  if (bf.countNouns.length === 0) return [];
  const all = countsOf(bf);
  if (all.length === 0) return [];
  const nouns = new Map(bf.countNouns.map((m) => [m.first, m]));
  const counted: Counted[] = [];
  for (const count of all) {
    const noun = nounAfter(bf.text, bf.tokens, count, nouns);
    if (noun) counted.push({ ...count, noun });
  }
  return counted;
});

/** A count of documents for an event that overlaps none of the sourced counts of that kind of document. */
const rule: Rule = {
  id: 'count-out-of-range',
  description: 'A number of documents signed at an event falls outside every sourced count.',
  severity: 'warning',
  category: 'claim',
  fixable: false,
  // What a sentence is about may rest on the event the draft was last about, before this block.
  blockLocal: false,
  *check({ blocks, facts }) {
    if (facts.documentCounts.length === 0) return;
    const messages = new Map<string, string>();
    for (const bf of blocks) {
      if (bf.countNouns.length === 0) continue;
      const counted = countedOf(bf);
      if (counted.length === 0) continue;
      // Whether a sentence before, in the paragraph, reports speech without giving a count of documents itself.
      let speech = false;
      for (const sentence of bf.block.sentences) {
        const counts = itemsIn(counted, sentence);
        const reported = reportsSpeech(bf, sentence);
        const before = speech;
        if (reported) speech = counts.length === 0;
        else if (counts.length > 0) speech = false;
        // A count someone is reported to have given is their account: in the sentence, or after a sentence reporting
        // their words that gave no count of its own ("The minister added that … In addition, more than ten contracts
        // …"). Once the speaker's count is given, a further count stated plainly is the writer's ("The minister said 12
        // documents were signed. Over 20 agreements were signed."). So are counts in quotation marks: someone's words.
        if (counts.length === 0 || reported || before) continue;
        const subset = SUBSET.exec(bf.text.slice(sentence.start, sentence.end));
        const subsetFrom = subset ? sentence.start + subset.index : Number.POSITIVE_INFINITY;
        let events: Set<Event> | undefined;
        let written: [string, string][] | undefined;
        for (const count of counts) {
          const { noun } = count;
          if (subsetFrom < count.start || isQuoted(bf, count.start)) continue;
          events ??= eventsFor(blocks, bf, sentence, new Set(counts.flatMap((c) => c.noun.values.map((group) => group.event))));
          written ??= writtenDates(bf, sentence);
          const word = normal(bf.text.slice(noun.start, noun.end));
          for (const group of noun.values) {
            const event = [...events].find((e) => e.id === group.event);
            // A count dated outside the event (a written date or a bare year) is about something else.
            if (!event || (written.length > 0 && !written.some(([a, b]) => a <= event.end && event.start <= b))) continue;
            const future = forecast(bf, sentence, count);
            const relevant = group.counts.filter(
              (c) => nounsOf(bf.index, c).includes(word) && (c.kind === undefined || (c.kind === 'forecast') === future),
            );
            if (relevant.length === 0 || relevant.some((c) => count.min <= c.max && c.min <= count.max)) continue;
            const key = `${group.id} ${future}`;
            const who =
              messages.get(key) ??
              sourced(
                facts,
                group.counts.filter((c) => c.kind === undefined || (c.kind === 'forecast') === future),
              );
            messages.set(key, who);
            yield {
              block: bf,
              start: count.start,
              end: noun.end,
              facts: [{ kind: 'count', id: group.id }],
              message: `No source ${future ? 'expects' : 'gives'} ${lower(bf.text.slice(count.start, noun.end))}: ${who}.`,
            };
          }
        }
      }
    }
  },
};
export default rule;
