/** The longest wait after an edit before a re-check, in ms (for a draft whose re-check is slow). */
export const MAX_WAIT = 150;
/** A re-check that took less than this (ms) is run at once after an edit: waiting would only delay the diagnostics. */
export const CHEAP = 15;

/**
 * How long to wait after an edit before re-checking a draft, given what its last re-check cost (ms; undefined before
 * the first): none when re-checks are cheap (edits that arrive together are still checked once); for a slow draft,
 * twice the cost, at most {@link MAX_WAIT}, so that fast typing is checked once per pause rather than per key.
 */
export function waitAfterEdit(cost: number | undefined): number {
  return cost === undefined || cost < CHEAP ? 0 : Math.min(MAX_WAIT, Math.round(cost * 2));
}
