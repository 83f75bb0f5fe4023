import { isQuoted } from '../match/quoted.js';
import type { BlockFacts } from '../match/analyse.js';
import type { ProseEdit, Rule, RuleFinding } from './rule.js';

/** The preferred term in the case the draft wrote the other one in: "Peace plan" → "Position paper". */
function likeCase(prefer: string, written: string): string {
  if (written === written.toUpperCase() && /\p{Lu}{2}/u.test(written)) return prefer.toUpperCase();
  if (/^\p{Lu}/u.test(written)) return prefer[0]!.toUpperCase() + prefer.slice(1);
  return prefer;
}

/** The edit that writes the preferred term: "a power bridge" becomes "an interconnector", the article changed with it. */
function editFor(bf: BlockFacts, start: number, end: number, newText: string): ProseEdit {
  const article = /(?:^|[^\p{L}\p{N}])([Aa])(n?) $/u.exec(bf.text.slice(Math.max(0, start - 4), start));
  const wanted = /^[aeiou]/i.test(newText) ? 'n' : '';
  return article && article[2] !== wanted
    ? { start: start - article[2]!.length - 2, end, newText: `${article[1]}${wanted} ${newText}` }
    : { start, end, newText };
}

/**
 * A phrase the house style replaces with a preferred term ("peace plan" → "position paper"): one hint per phrase per
 * draft, at its first occurrence, whose fix changes every occurrence. Quotations and block quotes are left alone.
 */
const rule: Rule = {
  id: 'preferred-term',
  description: 'A phrase has a preferred term in the house style.',
  severity: 'hint',
  category: 'style',
  fixable: true,
  blockLocal: false,
  *check({ blocks }) {
    const first = new Map<string, RuleFinding & { edits: ProseEdit[]; every: string }>();
    for (const bf of blocks) {
      if (bf.block.container === 'quote') continue;
      for (const match of bf.terms) {
        const term = match.values[0]!;
        const written = bf.text.slice(match.start, match.end);
        const newText = likeCase(term.prefer, written);
        if (newText === written || isQuoted(bf, match.start)) continue;
        const key = `${term.id}\u0000${written.toLowerCase()}`;
        const seen = first.get(key);
        if (seen) {
          seen.edits.push({ ...editFor(bf, match.start, match.end, newText), block: bf });
          continue;
        }
        const edits = [editFor(bf, match.start, match.end, newText)];
        first.set(key, {
          block: bf,
          start: match.start,
          end: match.end,
          edits,
          every: `Change every "${written}" to "${newText}"`,
          message: `House style prefers "${term.prefer}" to "${written}".${term.note ? ` ${term.note.trim()}` : ''}`,
          fixes: [{ title: `Change to "${newText}"`, edits }],
          facts: [{ kind: 'term', id: term.id }],
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
