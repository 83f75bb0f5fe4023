import type { BlockFacts } from '../match/analyse.js';
import type { RuleFinding } from './rule.js';

// Helpers for rules only (features use match/): the one module in rules/ besides rule.ts that a rule may import.

/** A finding on a row's text moved onto its cell. */
export function ontoCell(finding: RuleFinding, cell: BlockFacts, offset: number): RuleFinding {
  if (offset === 0 && finding.block === cell) return finding;
  return {
    ...finding, block: cell, start: finding.start - offset, end: finding.end - offset,
    ...(finding.fixes ? { fixes: finding.fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, start: e.start - offset, end: e.end - offset })) })) } : {}),
  };
}
