import type { Rule } from './rule.js';

/** Reported by the loader: ids and dates that do not fit together. */
const rule: Rule = {
  id: 'factbase-reference',
  description: 'A fact refers to an id that does not exist, repeats an id, or ends before it starts.',
  severity: 'error',
  category: 'factbase',
  fixable: false,
};
export default rule;
