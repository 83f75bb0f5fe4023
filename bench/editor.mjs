// The language server as an editor feels it: server start → first diagnostics, didOpen → first diagnostics, and a
// one-character edit → diagnostics, on the 3,000-word bench draft. Used by run.mjs; run alone (after `npm run build`)
// with `node bench/editor.mjs` to print these measurements and their budgets only.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateDraft } from './draft.mjs';
import { loadEngine, ROOT } from './engine.mjs';
import { measureServer } from './lsp.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Budgets (ms): first diagnostics after server start and after the draft arrives, and an edit's diagnostics. */
export const EDITOR_BUDGETS = { start: 1000, open: 300, edit: 50 };

/** Three cold starts and a run of edits; `{ na }` when the server is missing or does not answer. */
export async function measureEditor({ draft, workspace, edits = 12 }) {
  const serverPath = join(ROOT, 'server', 'out', 'server.cjs');
  if (!existsSync(serverPath)) return { na: 'server/out/server.cjs does not exist (server/src/server.ts not written or not built)' };
  try {
    const starts = [];
    for (let i = 0; i < 3; i++) starts.push(await measureServer({ server: serverPath, draft, workspace }));
    const edited = await measureServer({
      server: serverPath,
      draft,
      workspace,
      edits,
      requireHook: join(ROOT, 'bench', 'count-reads.cjs'),
    });
    const reads = JSON.parse(/FACTLINT_BENCH_READS (.*)/.exec(edited.stderr)?.[1] ?? 'null');
    const firsts = starts.map((s) => s.firstDiagnostics);
    const opens = starts.map((s) => s.fromOpen);
    return {
      first: median(firsts),
      firstMin: Math.min(...firsts),
      firstAll: firsts,
      init: median(starts.map((s) => s.initialize)),
      open: median(opens),
      openMin: Math.min(...opens),
      openAll: opens,
      diagnostics: starts[0].diagnostics,
      edit: edited.editMedian,
      editMin: Math.min(...edited.edits),
      edits: edited.edits.length,
      reads,
    };
  } catch (error) {
    return { na: `the server did not answer as expected: ${error instanceof Error ? error.message : String(error)}` };
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const engine = await loadEngine();
  const server = await measureEditor({
    draft: generateDraft(engine.facts, 3000, 20230301).text,
    workspace: join(ROOT, 'bench', 'results', 'lsp'),
  });
  if (server.na) throw new Error(server.na);
  const r = (x) => Math.round(x * 10) / 10;
  console.log(
    JSON.stringify(
      {
        'start → first diagnostics ms (median, all)': [r(server.first), server.firstAll.map(r)],
        'didOpen → first diagnostics ms (median, all)': [r(server.open), server.openAll.map(r)],
        'edit → diagnostics ms (median, best)': [r(server.edit), r(server.editMin)],
        'within budgets': {
          start: server.first <= EDITOR_BUDGETS.start,
          open: server.open <= EDITOR_BUDGETS.open,
          edit: server.edit <= EDITOR_BUDGETS.edit,
        },
      },
      null,
      1,
    ),
  );
}
