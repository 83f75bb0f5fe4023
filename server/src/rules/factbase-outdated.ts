import type { Rule } from './rule.js';

/** Reported by the loader: a fact written in a form of format v1 that v2 replaces; `factlint facts migrate` rewrites it. */
const rule: Rule = {
  id: 'factbase-outdated',
  description: 'A fact is written in a form of format v1 that v2 replaces; it loads as before, and factlint facts migrate rewrites it.',
  severity: 'hint',
  category: 'factbase',
  fixable: false,
};
export default rule;
