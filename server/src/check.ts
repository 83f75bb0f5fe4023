import type { Finding } from './finding.js';
import { Rechecker, type CheckOptions } from './incremental.js';
import type { FactIndex } from './match/compile.js';

export { MAX_DRAFT, type CheckOptions } from './incremental.js';

/**
 * Checks a Markdown draft against a compiled fact base: parse once, run every rule, map to source offsets. A whole
 * check is the incremental checker's first check (incremental.ts), so the two cannot drift apart; as no check
 * follows, the checker keeps nothing for one.
 */
export function check(source: string, index: FactIndex, options: CheckOptions = {}): Finding[] {
  return new Rechecker({ once: true }).check(source, index, options);
}
