import { describe } from './messages.js';
import type { Candidate, FactBase, FactProblem } from './types.js';

type Path = (string | number)[];
/** A file as the linker reads it (link.ts's ValidFile, named here by its shape so the two modules do not import each other). */
interface ValidFile {
  file: { path: string };
  data: Record<string, unknown>;
  locate(path: Path): { start: number; end: number };
}
type Ref<F extends ValidFile> = { ids: string[]; kinds: (keyof FactBase)[]; file: F; path: Path };

/**
 * Reads a fact's review marks: each quote's source is a reference to check, and a fact marked `review: candidate`
 * (written by `factlint facts extract`, not yet reviewed) is listed with its quotes, located at the mark.
 */
export function candidate<F extends ValidFile>(vf: F, item: Record<string, unknown>, path: Path, facts: FactBase, refs: Ref<F>[]): void {
  const quotes = Array.isArray(item.quotes) ? (item.quotes as { source: string; text: string }[]) : [];
  quotes.forEach((q, i) => {
    refs.push({ ids: [q.source], kinds: ['sources'], file: vf, path: [...path, 'quotes', i, 'source'] });
  });
  if (item.review !== 'candidate') return;
  facts.candidates.push({ file: vf.file.path, ...vf.locate([...path, 'review']), what: describe(vf.data, path), quotes });
}

/** A hint on each candidate not yet reviewed: it loads and is used, but a person should check it. */
export function reviewHints(candidates: readonly Candidate[]): FactProblem[] {
  return [...candidates]
    .sort((a, b) => (a.file === b.file ? a.start - b.start : a.file < b.file ? -1 : 1))
    .map((c) => ({
      rule: 'factbase-review',
      file: c.file,
      start: c.start,
      end: c.end,
      message: `${c.what}: a candidate from factlint facts extract, not reviewed yet; check it against its ${
        c.quotes.length === 1 ? 'quote' : c.quotes.length > 1 ? `${c.quotes.length} quotes` : 'sources'
      } and sources, then delete "review: candidate"`,
    }));
}
