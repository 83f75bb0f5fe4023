import type { Claim } from './types.js';

/** What a claim without a kind measures (a v1 claim): money when its unit is a currency code, else a quantity; a statement without a value. */
export function claimKind(value: number | undefined, unit: string | undefined): Claim['kind'] {
  if (value === undefined) return 'statement';
  return unit === undefined || /^[A-Z]{3}$/.test(unit) ? 'money' : 'quantity';
}
