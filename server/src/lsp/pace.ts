/** The longest wait after an edit before a re-check, in ms (for a draft whose re-check is slow). */
export const MAX_WAIT = 150;
/**
 * A re-check that took less than this (ms) is run at once after an edit: waiting would only delay the diagnostics, and
 * edits that arrive while a check runs are still checked together once it ends. (A 3,000-word draft re-checks in
 * 2-4 ms on a quiet machine, 15-30 ms on a busy one.)
 */
export const CHEAP = 50;

/**
 * How long to wait after an edit before re-checking a draft, given what its recent re-checks cost (ms; none before
 * the first). The cheapest of the last three counts, so that one check slowed by other work on the machine does not
 * hold back the next: none when re-checks are cheap (edits that arrive together are still checked once); for a slow draft,
 * twice the cost, at most {@link MAX_WAIT}, so that fast typing is checked once per pause rather than per key.
 */
export function waitAfterEdit(recent: readonly number[] | undefined): number {
  const cost = recent && recent.length > 0 ? Math.min(...recent.slice(-3)) : 0;
  return cost < CHEAP ? 0 : Math.min(MAX_WAIT, Math.round(cost * 2));
}
