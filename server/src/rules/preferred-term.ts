import { isQuoted } from '../markdown/prose.js';
import type { Rule } from './rule.js';

/** The preferred term in the case the draft wrote the other one in: "Peace plan" → "Position paper". */
function likeCase(prefer: string, written: string): string {
  if (written === written.toUpperCase() && /\p{Lu}{2}/u.test(written)) return prefer.toUpperCase();
  if (/^\p{Lu}/u.test(written)) return prefer[0]!.toUpperCase() + prefer.slice(1);
  return prefer;
}

/** A phrase the house style replaces with a preferred term ("peace plan" → "position paper"). */
const rule: Rule = {
  id: 'preferred-term',
  description: 'A phrase has a preferred term in the house style.',
  severity: 'hint',
  category: 'style',
  fixable: true,
  blockLocal: true,
  *check({ blocks }) {
    for (const bf of blocks) {
      for (const match of bf.terms) {
        if (isQuoted(bf.text, match.start)) continue;
        const term = match.values[0]!;
        const written = bf.text.slice(match.start, match.end);
        const newText = likeCase(term.prefer, written);
        if (newText === written) continue;
        // "a power bridge" becomes "an interconnector": the article before the phrase is changed with it.
        const article = /(?:^|[^\p{L}\p{N}])([Aa])(n?) $/u.exec(bf.text.slice(Math.max(0, match.start - 4), match.start));
        const wanted = /^[aeiou]/i.test(newText) ? 'n' : '';
        const edit = article && article[2] !== wanted
          ? { start: match.start - article[2]!.length - 2, end: match.end, newText: `${article[1]}${wanted} ${newText}` }
          : { start: match.start, end: match.end, newText };
        yield {
          block: bf, start: match.start, end: match.end,
          message: `House style prefers "${term.prefer}" to "${written}".${term.note ? ` ${term.note.trim()}` : ''}`,
          fixes: [{ title: `Change to "${newText}"`, edits: [edit] }],
          facts: [{ kind: 'term', id: term.id }],
        };
      }
    }
  },
};
export default rule;
