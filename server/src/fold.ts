import type { FactRef, Finding, Severity } from './finding.js';

/**
 * Rule ids from the most specific to the least. Of two findings on one span about the same fact, the more
 * specific one is kept: "Wang Yi was foreign minister until December 2022; Qin Gang held the office" says more
 * than "Wang Yi is not recorded among the participants", and "the $3.5 billion is an economic effect, not
 * investment" more than "attribute the figure". Rules not listed come last, in id order.
 */
export const SPECIFICITY: readonly string[] = [
  'date-mismatch',
  'weekday-mismatch',
  'office-wrong-person',
  'office-not-held',
  'name-misspelt',
  'binding-overstated',
  'document-unrecorded',
  'count-out-of-range',
  'claim-reframed',
  'assessment-overstated',
  'event-kind',
  'claim-unattributed',
  'participant-absent',
  'not-checked',
  'house-spelling',
  'preferred-term',
];

const RANK = new Map(SPECIFICITY.map((id, i) => [id, i]));
const rank = (rule: string) => RANK.get(rule) ?? SPECIFICITY.length;
const SEVERITY: readonly Severity[] = ['error', 'warning', 'information', 'hint'];
const factKey = (f: FactRef) => `${f.kind}\u0000${f.id}`;

/** Whether one finding's span lies within the other's (or both are the same span). */
function nested(a: Finding, b: Finding): boolean {
  return (a.start >= b.start && a.end <= b.end) || (b.start >= a.start && b.end <= a.end);
}

/**
 * Whether `loser` can be folded into `winner`: another rule, nested spans, a fact in common (so both speak of the
 * same thing), and no fix of its own (a message cannot carry one; such a finding stays, with its fix).
 */
function foldable(winner: Finding, loser: Finding): boolean {
  if (winner.rule === loser.rule || loser.fixes.length > 0 || !nested(winner, loser)) return false;
  const keys = new Set(winner.facts.map(factKey));
  return loser.facts.some((f) => keys.has(factKey(f)));
}

/** The winner with the loser's message after its own, the wider span, the graver severity and both findings' facts. */
function merge(winner: Finding, loser: Finding): Finding {
  const keys = new Set(winner.facts.map(factKey));
  return {
    ...winner,
    start: Math.min(winner.start, loser.start),
    end: Math.max(winner.end, loser.end),
    severity: SEVERITY[Math.min(SEVERITY.indexOf(winner.severity), SEVERITY.indexOf(loser.severity))]!,
    message: `${winner.message} Also (${loser.rule}): ${loser.message}`,
    facts: [...winner.facts, ...loser.facts.filter((f) => !keys.has(factKey(f)))],
  };
}

/**
 * One finding per span: where two rules flag the same span (or one inside the other) about the same fact, the more
 * specific rule's finding is kept and the other's message is folded into it. `findings` are sorted by start; so is
 * the result.
 */
export function onePerSpan(findings: Finding[]): Finding[] {
  const out = findings.slice();
  const gone = new Set<number>();
  let changed = false;
  for (let i = 0; i < out.length; i++) {
    if (gone.has(i)) continue;
    for (let j = i + 1; j < out.length && out[j]!.start < out[i]!.end; j++) {
      if (gone.has(j)) continue;
      const [a, b] = [out[i]!, out[j]!];
      const aWins = rank(a.rule) < rank(b.rule) || (rank(a.rule) === rank(b.rule) && a.rule < b.rule);
      const [winner, loser] = aWins ? [a, b] : [b, a];
      if (!foldable(winner, loser)) continue;
      out[i] = merge(winner, loser);
      gone.add(j);
      changed = true;
    }
  }
  if (!changed) return findings;
  const kept = out.filter((_, i) => !gone.has(i));
  return kept.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule));
}
