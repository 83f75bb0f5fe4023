import type { Span } from '../markdown/prose.js';

/** What separates two clauses: a semicolon, colon, dash or bracket; a contrasting conjunction; ", and" or ", or". */
const CLAUSE_BREAK =
  /[;:(\u2014]|\s[-\u2013]\s|,\s+(?:and|or)\b|\b(?:but|while|whilst|whereas|although|though|however|because|yet|unlike|besides|except)\b/gi;

/**
 * The start of the clause a prose offset is in, within its sentence: just after the last clause break before it.
 * Rules use it to tell what a sentence says of a thing from what it says of something else beside it.
 */
export function clauseStart(text: string, at: number, sentence: Span): number {
  const before = text.slice(sentence.start, at);
  let start = sentence.start;
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(before); m; m = CLAUSE_BREAK.exec(before)) start = sentence.start + m.index + m[0].length;
  return start;
}
