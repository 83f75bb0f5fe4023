/**
 * Binary search over a sorted list of `length` items for which `before(i)` holds for a first run of items and not
 * for the rest: how many items that run has (the index of the first item for which it does not hold, or `length`).
 */
export function partitionPoint(length: number, before: (i: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
