import type { Rule } from './rule.js';

/** Reported by the loader: the fact-base file is not well-formed YAML (or is too large). */
const rule: Rule = {
  id: 'factbase-syntax',
  description: 'A fact-base file is not well-formed YAML, uses a custom tag, or is over the size limit.',
  severity: 'error',
  category: 'factbase',
  fixable: false,
};
export default rule;
