#!/usr/bin/env node
// A long fuzz run: the properties of test/unit/fuzz.test.ts and incremental.test.ts with many more runs and a fresh seed each time
// (printed, so that a failure can be replayed), plus the 1 MB hostile-draft timings. Build first (`npm run build`).
//   node test/fuzz/long.mjs [runs] [seed]      e.g. node test/fuzz/long.mjs 5000 12345
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// The fuzz suite and the incremental re-check's property test (random edits against whole checks).
const compiled = ['fuzz.test.js', 'incremental.test.js'].map((name) => join(root, 'out', 'test', 'unit', name));
const missing = compiled.find((path) => !existsSync(path));
if (missing) {
  console.error(`${missing} is missing: run "npm run build" first.`);
  process.exit(2);
}
const runs = process.argv[2] ?? process.env.FUZZ_RUNS ?? '2000';
const seed = process.argv[3] ?? process.env.FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
console.log(`fuzz: FUZZ_RUNS=${runs} FUZZ_SEED=${seed} (replay a failure with: node test/fuzz/long.mjs ${runs} ${seed})`);
const started = Date.now();
const result = spawnSync(process.execPath, ['--test', ...compiled], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed },
});
console.log(`fuzz: finished in ${((Date.now() - started) / 1000).toFixed(0)} s with exit code ${result.status}; seed ${seed}`);
process.exit(result.status ?? 1);
