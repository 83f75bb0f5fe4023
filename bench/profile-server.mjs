// Profiles the language server from spawn to first diagnostics on the 3,000-word draft:
// `node bench/profile-server.mjs` writes a .cpuprofile to bench/results/prof-server/ and prints its summary.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { generateDraft } from './draft.mjs';
import { loadEngine, ROOT } from './engine.mjs';
import { measureServer } from './lsp.mjs';

const dir = join(ROOT, 'bench', 'results', 'prof-server');
rmSync(dir, { recursive: true, force: true });
const engine = await loadEngine();
const { text } = generateDraft(engine.facts, 3000, 20230301);
const result = await measureServer({
  server: join(ROOT, 'server', 'out', 'server.cjs'),
  draft: text,
  workspace: join(ROOT, 'bench', 'results', 'lsp'),
  nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=200'],
});
console.log(`first diagnostics at ${result.firstDiagnostics.toFixed(0)} ms (initialize answered at ${result.initialize.toFixed(0)} ms)\n`);
console.log(execFileSync(process.execPath, [join(ROOT, 'bench', 'profile-summary.mjs'), dir, '30'], { encoding: 'utf8' }));
