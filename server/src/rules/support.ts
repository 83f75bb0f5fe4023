import type { BlockFacts } from '../match/analyse.js';
import type { TitleRead } from '../match/row-titles.js';
import type { RuleFinding } from './rule.js';

// Helpers for rules only (features use match/): the one module in rules/ besides rule.ts that a rule may import.

/**
 * A finding on a title as it was read: in the title's own block, with its fixes; or moved from the table row onto
 * the person's cell, on the name alone and without fixes (they would edit other cells).
 */
export function onTitle(finding: RuleFinding, read: TitleRead, fixes: () => NonNullable<RuleFinding['fixes']>): RuleFinding {
  if (read.facts === read.cell) return { ...finding, fixes: fixes() };
  return ontoCell({ ...finding, start: read.titled.name.start, end: read.titled.name.end }, read.cell, read.offset);
}

/** A finding on a row's text moved onto its cell. */
export function ontoCell(finding: RuleFinding, cell: BlockFacts, offset: number): RuleFinding {
  if (offset === 0 && finding.block === cell) return finding;
  return {
    ...finding,
    block: cell,
    start: finding.start - offset,
    end: finding.end - offset,
    ...(finding.fixes
      ? { fixes: finding.fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, start: e.start - offset, end: e.end - offset })) })) }
      : {}),
  };
}
