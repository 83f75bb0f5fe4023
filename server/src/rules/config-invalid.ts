import type { Rule } from './rule.js';

/** Reported when a project configuration file (`.factlint.yaml`) is read: an unknown key or a bad value. */
const rule: Rule = {
  id: 'config-invalid',
  description: 'The project configuration file (.factlint.yaml) has an unknown key, an unknown rule or a bad value.',
  severity: 'error',
  category: 'factbase',
  fixable: false,
};
export default rule;
