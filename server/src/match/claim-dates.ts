import type { Attribution, Claim } from '../facts/types.js';
import type { Span } from '../markdown/prose.js';
import { itemsIn, type BlockFacts } from './analyse.js';
import type { DateMention } from './dates.js';
import { nearDate, onDate } from './document-dates.js';
import { clauseOf } from './evidence.js';
import { claimsStated, figuresOf } from './figures.js';
import { quoted } from './relative-days.js';

// The date a claim was first made: "Snopkov first announced the $3.5 billion figure on 27 February", "the savings
// estimate was first put at €4 billion on 15 May". The fact base records who put a claim forward and when (claimedBy).
// A date in the clause of a claim's figure, a verb of putting it forward and "first" is judged against the date of the
// claimant the clause names, or, when it names none, the earliest. Without "first" nothing is judged: anyone may
// repeat a figure on another day.

/** Verbs of putting a figure forward. */
const PUT =
  /\b(?:announced|announces|said|says|claimed|claims|put|puts|cited|cites|gave|gives|named|names|estimated|estimates|unveiled|unveils|floated|floats|made public|put forward|mentioned|stated|reported)\b/i;
const FIRST = /\bfirst\b/i;
/** Words that put a date in relation to the claim rather than on it ("before 1 March"). */
const RELATION = /\b(?:before|after|by|since|until|prior to|ahead of|following)\s+$/i;
/** How far (days) a written date may lie from a claimant's date and still be about it. */
const REACH = 31;

/** A claim whose date of being first put forward a written date contradicts, and by whom and when it was. */
export interface WrongClaimDate {
  claim: Claim;
  attribution: Attribution;
}

/** The attribution a clause dates: the claimant it names, or with no claimant named, the earliest. */
function dated(bf: BlockFacts, clause: Span, claim: Claim): Attribution | undefined {
  const ids = new Set(itemsIn(bf.names, clause).map((n) => n.form.entity.id));
  const withDates = claim.claimedBy.filter((a) => a.date);
  if (ids.size > 0) {
    const named = withDates.filter((a) => ids.has(a.by));
    // Someone else named beside the claimant: whose date it is, is unclear.
    return named.length === 1 && ids.size === 1 ? named[0] : undefined;
  }
  if (withDates.length === 0) return undefined;
  return withDates.reduce((a, b) => (b.date! < a.date! ? b : a));
}

/** The claim a date of first putting it forward contradicts, if any (see above). */
export function claimContradicted(bf: BlockFacts, sentence: Span, mention: DateMention): WrongClaimDate | undefined {
  if (
    !mention.from ||
    // Most sentences have no "first" anywhere: none of their clauses is a claim's first.
    !/first/i.test(bf.text.slice(sentence.start, sentence.end)) ||
    quoted(bf, mention.start) ||
    RELATION.test(bf.text.slice(Math.max(0, mention.start - 16), mention.start))
  )
    return undefined;
  const clause = clauseOf(bf, sentence, mention);
  const text = bf.text.slice(clause.start, clause.end);
  if (!FIRST.test(text) || !PUT.test(text) || itemsIn(bf.dates, clause).filter((d) => d.from).length !== 1) return undefined;
  const figures = itemsIn(figuresOf(bf), clause);
  if (figures.length !== 1) return undefined;
  const claims = claimsStated(bf.index.facts, bf.eventsIn(sentence), figures[0]!);
  if (claims.length !== 1) return undefined;
  const claim = claims[0]!;
  const attribution = dated(bf, clause, claim);
  if (!attribution || onDate(mention, attribution.date!) || !nearDate(mention, attribution.date!, REACH)) return undefined;
  return { claim, attribution };
}
