import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  LSPErrorCodes,
  ResponseError,
  type CodeAction,
  type TextDocumentEdit,
} from 'vscode-languageserver/node.js';
import { DRAFT, facts, writeWorkspace } from './drafts.js';
import { FULL_CLIENT, start, type Server } from './harness.js';

const dirs: string[] = [];
const servers: Server[] = [];

after(async () => {
  for (const s of servers) await s.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function server(params = {}): Promise<Server> {
  const s = start();
  servers.push(s);
  // No workspace/configuration round trip: the requests below are answered as soon as they are read.
  await s.initialize({ ...FULL_CLIENT, workspace: { workspaceEdit: { documentChanges: true } } }, params);
  return s;
}

/** A large draft of `n` distinct paragraphs, each with one certain fix (the talks were on 1 March, not 3 March). */
const large = (n: number, word: string) => Array.from({ length: n }, (_, i) => `${word} ${i + 1}. ${DRAFT}`).join('\n');

/** A fix-all request for the whole draft; the edits of its action, or the error it was answered with. */
async function fixAll(s: Server, uri: string, cancel = false): Promise<{ edits?: number; error?: unknown; ms: number }> {
  const source = new CancellationTokenSource();
  const started = performance.now();
  const request = s.connection.sendRequest<CodeAction[]>(
    'textDocument/codeAction',
    {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.factlint'] },
    },
    source.token,
  );
  if (cancel) source.cancel();
  try {
    const actions = await request;
    const change = actions[0]?.edit?.documentChanges?.[0] as TextDocumentEdit | undefined;
    return { edits: change?.edits.length ?? 0, ms: performance.now() - started };
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
}

test('a fix-all on a large draft stops when the client cancels it, edits nothing, and the server keeps serving', async () => {
  const n = 1500;
  const s = await server();
  const uri = 'untitled:large.md';
  await s.open(uri, large(n, 'Item'));
  // Generous limits: the whole-draft checks are slow on a loaded machine, and this test is about cancelling, not speed.
  await s.waitForDiagnostics(uri, 1, 0, 60_000);
  // A re-check of the whole draft: its cost makes the server wait (150 ms) before re-checking after the next change.
  await s.change(uri, 2, large(n, 'Point'));
  await s.waitForDiagnostics(uri, 2, 0, 60_000);
  /** Settings pushed again: the server forgets what it checked, so the next fix-all checks the whole draft. */
  const forget = () => s.connection.sendNotification('workspace/didChangeConfiguration', { settings: { factlint: {} } });

  await forget();
  const whole = await fixAll(s, uri);
  assert.equal(whole.edits, n, 'an uncancelled fix-all fixes every paragraph');

  await forget();
  const stopped = await fixAll(s, uri, true);
  assert.ok(stopped.error instanceof ResponseError, `a cancelled fix-all is answered with an error, not edits: ${JSON.stringify(stopped)}`);
  assert.equal(stopped.error.code, LSPErrorCodes.RequestCancelled);
  assert.ok(stopped.ms < whole.ms / 2, `cancelled after ${Math.round(stopped.ms)} ms, a whole fix-all took ${Math.round(whole.ms)} ms`);

  // The server still answers, and what the cancelled check left behind does not change the next result.
  const again = await fixAll(s, uri);
  assert.equal(again.edits, n);
});

/** The resident memory of a process, in MB. */
const rss = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

test('opening and closing many drafts, each with its own fact base, does not keep growing the server', {
  skip: process.platform !== 'linux',
}, async () => {
  const count = 200;
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    files[`d${i}/own.facts.yaml`] = facts(String(1 + (i % 28)).padStart(2, '0')).replace('Test fact base', `Fact base ${i}`);
    files[`d${i}/draft.md`] = `---\nfacts: own.facts.yaml\n---\n\n${DRAFT}`;
  }
  const dir = writeWorkspace(files, 'factlint-many-');
  dirs.push(dir);
  const s = await server();
  const sizes: number[] = [];
  for (let i = 0; i < count; i++) {
    const uri = pathToFileURL(join(dir, `d${i}`, 'draft.md')).href;
    await s.open(uri, files[`d${i}/draft.md`]!);
    const { diagnostics } = await s.waitForDiagnostics(uri, 1);
    // Each draft is checked against its own fact base (its talks are on another day), so each one was loaded.
    if (i % 28 !== 2)
      assert.ok(
        diagnostics.some((d) => d.code === 'date-mismatch'),
        `draft ${i} was checked against its fact base`,
      );
    await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    if (i === 20 || i === 110 || i === count - 1) sizes.push(rss(s.pid));
  }
  const [first, middle, last] = sizes as [number, number, number];
  const early = middle - first;
  const late = last - middle;
  // A server that kept every fact base grows about as much over the second stretch as over the first (50 MB each).
  assert.ok(
    late < Math.max(early / 2, 20),
    `memory grew ${early.toFixed(1)} MB over drafts 20-110, then ${late.toFixed(1)} MB over 110-200 (${sizes.map(Math.round).join(' → ')} MB)`,
  );
});
