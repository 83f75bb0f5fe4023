import type { Rule } from './rule.js';

/** Reported by the loader: a fact does not match the fact-base JSON Schema. */
const rule: Rule = {
  id: 'factbase-schema',
  description: 'A fact is missing a required field, has an unknown field, or a value of the wrong type or form.',
  severity: 'error',
  category: 'factbase',
  fixable: false,
};
export default rule;
