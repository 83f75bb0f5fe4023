#!/usr/bin/env node
// Runs the editor e2e test (editor.e2e.mjs) against a packaged extension in
// code-server + Chromium. Run with the repo's Node 20:
//
//   node test/e2e/code-server/run.mjs [VSIX] [--vsix F] [--workspace DIR]
//        [--expectations F] [--timeout SECONDS] [--keep]
//
// VSIX: argument, else $FACTLINT_VSIX, else the newest *.vsix in the repo root.
// Workspace: --workspace, else $FACTLINT_E2E_WORKSPACE, else expectations.json's
// "workspace" (test/fixtures/workspace). Needs `bash .ci/e2e-setup.sh` once.
//
// The test runs under `node --test` in its own process group; this runner
// enforces an overall time limit (default 240 s, $FACTLINT_E2E_TIMEOUT) and
// always kills what the test started (code-server, Chromium), even if the test
// process itself dies or hangs. Exit code: the test's, or 124 on time-out.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkPrerequisites, newestVsix, REPO_ROOT, RESULTS_DIR } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    vsix: { type: 'string' },
    workspace: { type: 'string' },
    expectations: { type: 'string' },
    timeout: { type: 'string' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(
    readFileSync(fileURLToPath(import.meta.url), 'utf8')
      .split('\n')
      .slice(1, 18)
      .map((l) => l.replace(/^\/\/ ?/, ''))
      .join('\n'),
  );
  process.exit(0);
}

const fail = (msg) => {
  console.error(`e2e: ${msg}`);
  process.exit(1);
};
const vsixArg = values.vsix || positionals[0] || process.env.FACTLINT_VSIX;
const vsix = vsixArg ? resolve(vsixArg) : newestVsix(REPO_ROOT);
if (!vsix) fail(`no VSIX given and none found in ${REPO_ROOT} (package one with: npx vsce package)`);
if (!existsSync(vsix)) fail(`VSIX not found: ${vsix}`);
try {
  checkPrerequisites();
} catch (e) {
  fail(e.message);
}

const timeoutS = Number(values.timeout || process.env.FACTLINT_E2E_TIMEOUT || 240);
const pidDir = mkdtempSync(join(tmpdir(), 'factlint-e2e-run-'));
const pidFile = join(pidDir, 'pids');
writeFileSync(pidFile, '');

const env = { ...process.env, FACTLINT_VSIX: vsix, FACTLINT_E2E_PIDFILE: pidFile };
if (values.workspace) env.FACTLINT_E2E_WORKSPACE = resolve(values.workspace);
if (values.expectations) env.FACTLINT_E2E_EXPECTATIONS = resolve(values.expectations);
if (values.keep) env.FACTLINT_E2E_KEEP = '1';

// Start from a clean results folder (screenshots of an earlier run would mislead).
mkdirSync(RESULTS_DIR, { recursive: true });
for (const f of readdirSync(RESULTS_DIR)) if (/\.(png|log)$/.test(f)) rmSync(join(RESULTS_DIR, f), { force: true });

console.log(`e2e: VSIX ${vsix}`);
console.log(`e2e: screenshots and code-server.log in ${RESULTS_DIR}`);
const t0 = Date.now();
const child = spawn(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', join(here, 'editor.e2e.mjs')], {
  cwd: REPO_ROOT,
  env,
  stdio: ['ignore', 'inherit', 'inherit'],
  detached: true,
});

function killGroup(pid) {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    /* gone */
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* gone */
  }
}
// The harness appends each process group it starts, and "dir:<path>" for its
// temp dir, to the pid file; kill / remove whatever is left.
function killLeftovers() {
  let lines = [];
  try {
    lines = readFileSync(pidFile, 'utf8').split('\n').filter(Boolean);
  } catch {
    /* none */
  }
  for (const l of lines) if (/^\d+$/.test(l)) killGroup(Number(l));
  for (const l of lines) {
    const dir = l.startsWith('dir:') ? l.slice(4) : '';
    if (dir.startsWith(join(tmpdir(), 'factlint-e2e-'))) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}
let finished = false;
function finish(code, why) {
  if (finished) return;
  finished = true;
  clearTimeout(timer);
  killGroup(child.pid);
  killLeftovers();
  rmSync(pidDir, { recursive: true, force: true });
  if (why) console.error(`e2e: ${why}`);
  console.log(`e2e: finished in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  process.exit(code);
}

const timer = setTimeout(() => {
  console.error(`e2e: overall time limit of ${timeoutS} s reached; killing the test, code-server and Chromium`);
  // node:test's own summary never comes in this case: print the plain closing line.
  console.log('0 passed, 1 failed');
  finish(124);
}, timeoutS * 1000);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => finish(130, `got ${sig}`));
child.on('error', (e) => finish(1, `could not start node --test: ${e.message}`));
child.on('exit', (code, sig) => finish(code ?? 1, sig ? `test process killed by ${sig}` : undefined));
