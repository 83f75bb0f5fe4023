import type { FactProblem } from './types.js';

/** Problems of one kind reported per file; locating each costs time, and the first hundred are enough to act on. */
export const MAX_PROBLEMS = 100;

/** The line that stands for the problems of one kind past the first {@link MAX_PROBLEMS} in a file, placed on the first one left out. */
export function more(rule: FactProblem['rule'], file: string, total: number, at: number): FactProblem {
  return {
    rule,
    file,
    start: at,
    end: at,
    message: `…and ${total - MAX_PROBLEMS} more problems like these from here on; fix these first.`,
  };
}
