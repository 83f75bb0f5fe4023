import type { Rule } from './rule.js';

/** Reported by the loader: a fact written by `factlint facts extract` that no one has reviewed yet. */
const rule: Rule = {
  id: 'factbase-review',
  description: 'A candidate fact taken from a source by factlint facts extract has not been reviewed yet.',
  severity: 'hint',
  category: 'factbase',
  fixable: false,
};
export default rule;
