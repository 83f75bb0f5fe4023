import type { Rule } from './rule.js';

/** Reported by the checker: the draft is over the size limit and was not checked. */
const rule: Rule = {
  id: 'draft-too-large',
  description: 'The draft is larger than factlint checks (about 1.3 million words); it was not checked.',
  severity: 'warning',
  category: 'factbase',
  fixable: false,
};
export default rule;
