import { fullName } from '../match/names.js';
import { tokenize } from '../match/tokens.js';
import type { Rule } from './rule.js';

/** A near miss of a known person's or organisation's name, or one of its listed misspellings. */
const rule: Rule = {
  id: 'name-misspelt',
  description: 'A person or organisation name is a near miss or a known misspelling of a correct spelling.',
  severity: 'warning',
  category: 'official',
  fixable: true,
  blockLocal: true,
  *check({ blocks }) {
    for (const bf of blocks) {
      for (const name of bf.names) {
        if (!name.fuzzy && name.form.status !== 'misspelt') continue;
        const { entity, kind } = name.form;
        // The house's form of as many words, also for a near miss of an accepted spelling ("Nordic-Baltic … Obsrvatory"
        // becomes the preferred "Nordic–Baltic … Observatory"), so that the fix leaves no house-spelling fix behind.
        const house = entity.preferred.find((f) => tokenize(f).length === tokenize(name.text).length);
        const newText = name.fuzzy
          ? name.form.status === 'preferred'
            ? name.form.form
            : (house ?? name.form.form)
          : (house ?? entity.preferred[0] ?? fullName(entity));
        yield {
          block: bf,
          start: name.start,
          end: name.end,
          message: name.fuzzy
            ? `"${name.text}" is not a known spelling of ${entity.name}; did you mean "${newText}"?`
            : `"${name.text}" is a known misspelling of ${entity.name}; did you mean "${newText}"?`,
          fixes: [{ title: `Change to "${newText}"`, edits: [{ start: name.start, end: name.end, newText }] }],
          facts: [{ kind, id: entity.id }],
        };
      }
    }
  },
};
export default rule;
