// The engine under test, from the tsc output (out/server/src, the same code the esbuild bundles contain),
// and the Markdown parse floor: the very processor factlint parses with (server/src/markdown/parser.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = process.cwd();
export const FACTS = join(ROOT, 'facts', 'lukashenka-china-2023.facts.yaml');
const OUT = join(ROOT, 'out', 'server', 'src');

export async function loadEngine() {
  // The floor is the very processor factlint parses with (server/src/markdown/parser.ts), not a copy of it.
  const { parser } = await import(join(OUT, 'markdown', 'parser.js'));
  const { loadFactBase } = await import(join(OUT, 'facts', 'load.js'));
  const { compile } = await import(join(OUT, 'match', 'compile.js'));
  const { check, MAX_DRAFT } = await import(join(OUT, 'check.js'));
  const { toProse } = await import(join(OUT, 'markdown', 'parse.js'));
  const { Rechecker } = await import(join(OUT, 'incremental.js'));
  const text = readFileSync(FACTS, 'utf8');
  const load = () => {
    const loaded = loadFactBase([{ path: FACTS, text }]);
    if (!loaded.facts) throw new Error(`The bundled fact base has problems:\n${loaded.problems.map((p) => p.message).join('\n')}`);
    return loaded.facts;
  };
  const facts = load();
  const index = compile(facts);
  return {
    facts,
    index,
    MAX_DRAFT,
    factsText: text,
    /** Load + validate + link + compile, as the server does once per fact base. */
    loadAndCompile: () => compile(load()),
    parse: (source) => parser.parse(source),
    /** factlint's own parse: the same processor, window by window for long drafts, with the prose extracted. */
    prose: (source) => toProse(source),
    check: (source) => check(source, index),
    /** A per-document incremental checker, as the language server keeps one per open draft. */
    rechecker: () => {
      const checker = new Rechecker();
      return {
        check: (source) => checker.check(source, index),
        get last() {
          return checker.last;
        },
      };
    },
  };
}
