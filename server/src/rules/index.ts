import dateMismatch from './date-mismatch.js';
import draftTooLarge from './draft-too-large.js';
import factbaseReference from './factbase-reference.js';
import factbaseSchema from './factbase-schema.js';
import factbaseSyntax from './factbase-syntax.js';
import type { Rule } from './rule.js';

/** Every rule, in the order findings are reported within one place. Ids are stable forever. */
export const rules: readonly Rule[] = [
  dateMismatch,
  factbaseSyntax,
  factbaseSchema,
  factbaseReference,
  draftTooLarge,
];

/** Rules by id. */
export const ruleById: ReadonlyMap<string, Rule> = new Map(rules.map((r) => [r.id, r]));
