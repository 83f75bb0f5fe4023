import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './paths.js';

// One cache (issue #13): what the engine works out from a block is kept with the block's analysis (perBlock,
// perReading in match/analyse.ts), and what it works out from a fact base with its index (perIndex in
// match/compile.ts). A module that kept its own map of results, keyed by block or fact base, would go stale or leak
// where those do not (a block read after other topics, an index rebuilt), and rules would have to know which is which.

const SRC = join(ROOT, 'server', 'src');
// Every module outside lsp/ (the generated validator aside): the engine, and the CLI and server entry points.
const ENGINE = ['', 'match', 'rules', 'markdown', 'facts', 'extract'].flatMap((dir) =>
  readdirSync(join(SRC, dir))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.validate.ts'))
    .map((f) => (dir === '' ? f : `${dir}/${f}`)),
);

/** A module-level map or set made empty (to be filled as results come in; not a read-only one), or a module-level variable. */
const CACHE =
  /^(?:export\s+)?(?:(?:const|let|var)\s+\w+\s*(?::(?!\s*Readonly)[^=]+)?=\s*new\s+(?:WeakMap|WeakSet|Map|Set)\s*(?:<[^\n]*>)?\(\s*\)|let\s+\w+)/gm;

test('the engine keeps no results in module-level maps: analyses are declared with perBlock, perReading or perIndex', () => {
  const found: string[] = [];
  for (const file of ENGINE) {
    const code = readFileSync(join(SRC, file), 'utf8');
    for (const m of code.matchAll(CACHE)) found.push(`${file}: ${m[0]}`);
  }
  assert.deepEqual(found, []);
  // The reader sees one when there is one.
  assert.equal([...'const cache = new WeakMap<BlockFacts, X[]>();\nlet last: string;'.matchAll(CACHE)].length, 2);
  assert.equal(
    [
      ..."const WORDS = new Set(['a']);\nconst NONE: ReadonlySet<string> = new Set();\nconst rootEvents = perIndex(() => 1);".matchAll(
        CACHE,
      ),
    ].length,
    0,
  );
});
