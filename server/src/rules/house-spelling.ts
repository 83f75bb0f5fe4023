import { distance } from 'fastest-levenshtein';
import { perBlock } from '../match/analyse.js';
import { perIndex } from '../match/compile.js';
import type { NameMention } from '../match/names.js';
import { isQuoted } from '../match/quoted.js';
import { tokenize } from '../match/tokens.js';
import type { ProseEdit, Rule, RuleFinding } from './rule.js';

const words = (text: string) => text.trim().split(/\s+/).length;
const tokens = (text: string) => tokenize(text).length;

/**
 * The house form to write for an accepted spelling: one as long, in words or in word parts (a hyphenated form for
 * a closed-up one, a spaced pair for a dashed one), the closest in letters; none when the house has no form that long.
 */
function houseForm(preferred: string[], written: string): string | undefined {
  const pool = preferred.filter((form) => words(form) === words(written) || tokens(form) === tokens(written));
  return pool.reduce<string | undefined>(
    (best, form) => (best === undefined || distance(form, written) < distance(best, written) ? form : best),
    undefined,
  );
}

/** The house form of each accepted spelling, by entity and written text ({@link houseForm}); per fact index. */
const houseForms = perIndex(() => new Map<string, string | undefined>());

/**
 * The names of a block spelt in an accepted form that is not the house's, each with the house form to write, outside
 * block quotes and quotation marks: the block's text tells, so they are found once per block text (most have none).
 */
const notHouse = perBlock((bf): { name: NameMention; newText: string }[] => {
  if (bf.block.container === 'quote') return [];
  const forms = houseForms(bf.index);
  const found: { name: NameMention; newText: string }[] = [];
  for (const name of bf.names) {
    if (name.fuzzy || name.form.status === 'misspelt') continue;
    const { entity } = name.form;
    // Judged on the exact text: the matcher reads a hyphen and an en dash between two words alike.
    if (entity.preferred.includes(name.text) || !(entity.spellings.includes(name.text) || entity.name === name.text)) continue;
    if (isQuoted(bf, name.start)) continue;
    // The house form depends on the entity and the written text alone: worked out once per spelling.
    const key = `${entity.id}\u0000${name.text}`;
    let newText = forms.get(key);
    if (newText === undefined && !forms.has(key)) forms.set(key, (newText = houseForm(entity.preferred, name.text)));
    if (newText !== undefined && newText !== name.text) found.push({ name, newText });
  }
  return found;
});

/**
 * A correct but non-house spelling of a known name (a Russian transliteration where the house uses the Belarusian):
 * one hint per spelling per draft, at its first occurrence, whose fix changes every occurrence. Others' words keep
 * their spelling: names in quotation marks or block quotes are left alone.
 */
const rule: Rule = {
  id: 'house-spelling',
  description: 'A name is spelt in an accepted form that is not the house spelling.',
  severity: 'hint',
  category: 'style',
  fixable: true,
  blockLocal: false,
  *check({ blocks }) {
    const first = new Map<string, RuleFinding & { edits: ProseEdit[]; every: string }>();
    for (const bf of blocks) {
      if (bf.names.length === 0) continue;
      for (const { name, newText } of notHouse(bf)) {
        const { entity, kind } = name.form;
        const key = `${entity.id}\u0000${name.text}`;
        const seen = first.get(key);
        if (seen) {
          seen.edits.push({ start: name.start, end: name.end, newText, block: bf });
          continue;
        }
        const edits: ProseEdit[] = [{ start: name.start, end: name.end, newText }];
        first.set(key, {
          block: bf,
          start: name.start,
          end: name.end,
          edits,
          every: `Change every "${name.text}" to "${newText}"`,
          message: `"${name.text}" is an accepted spelling of ${entity.name}; house style writes "${newText}".`,
          fixes: [{ title: `Change to "${newText}"`, edits }],
          facts: [{ kind, id: entity.id }],
        });
      }
    }
    for (const { edits, every, ...finding } of first.values()) {
      if (edits.length > 1) finding.fixes![0]!.title = every;
      yield finding;
    }
  },
};
export default rule;
