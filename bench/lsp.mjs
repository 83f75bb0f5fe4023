// Measures the language server over the LSP protocol (stdio, Content-Length framing), as an editor would drive it.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A minimal LSP client over a child's stdio. */
class Client {
  #buffer = Buffer.alloc(0);
  #id = 0;
  #pending = new Map();
  #waiters = [];
  stderr = '';

  constructor(child) {
    this.child = child;
    child.stdout.on('data', (chunk) => this.#read(chunk));
    child.stderr.on('data', (chunk) => (this.stderr += chunk));
    this.closed = new Promise((resolve) => child.on('close', resolve));
  }

  #send(message) {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  request(method, params) {
    const id = ++this.#id;
    this.#send({ id, method, params });
    return new Promise((resolve, reject) => this.#pending.set(id, { resolve, reject }));
  }

  notify(method, params) {
    this.#send({ method, params });
  }

  /** Resolves with the next notification (from now on) for which `test(method, params)` holds. */
  next(test, timeoutMs) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching notification within ${timeoutMs} ms`)), timeoutMs);
      this.#waiters.push({
        test,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  #read(chunk) {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const head = this.#buffer.indexOf('\r\n\r\n');
      if (head < 0) return;
      const length = Number(/Content-Length: *(\d+)/i.exec(this.#buffer.subarray(0, head).toString('ascii'))?.[1]);
      if (this.#buffer.length < head + 4 + length) return;
      const message = JSON.parse(this.#buffer.subarray(head + 4, head + 4 + length).toString('utf8'));
      this.#buffer = this.#buffer.subarray(head + 4 + length);
      this.#dispatch(message, performance.now());
    }
  }

  #dispatch(message, at) {
    if (message.id !== undefined && message.method === undefined) {
      const pending = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (message.error) pending?.reject(new Error(message.error.message));
      else pending?.resolve(message.result);
      return;
    }
    if (message.id !== undefined) {
      // A request from the server: answer as an editor with no factlint settings would.
      const result = message.method === 'workspace/configuration' ? (message.params?.items ?? []).map(() => ({})) : null;
      this.#send({ id: message.id, result });
      return;
    }
    const index = this.#waiters.findIndex((w) => w.test(message.method, message.params));
    if (index >= 0) this.#waiters.splice(index, 1)[0].resolve({ ...message, at });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Starts `node server --stdio`, sends initialize + initialized + didOpen of the draft, and times the first
 * publishDiagnostics for it (from just before the spawn, and from the didOpen). Then makes `edits` one-character edits,
 * each timed to the diagnostics of its version (these include any wait the server chooses before re-checking). `requireHook` preloads a script; `nodeArgs`
 * go to node (e.g. `--cpu-prof`).
 */
export async function measureServer({ server, draft, workspace, edits = 0, requireHook, nodeArgs = [], timeoutMs = 30_000 }) {
  mkdirSync(workspace, { recursive: true });
  const file = join(workspace, 'draft.md');
  writeFileSync(file, draft);
  const uri = pathToFileURL(file).href;
  const args = [...nodeArgs, ...(requireHook ? ['--require', requireHook] : []), server, '--stdio'];
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const client = new Client(child);
  const forDraft = (version) => (method, params) =>
    method === 'textDocument/publishDiagnostics' &&
    params.uri === uri &&
    (version === undefined || params.version === undefined || params.version === version);
  try {
    const firstDiagnostics = client.next(forDraft(undefined), timeoutMs);
    await client.request('initialize', {
      processId: process.pid,
      clientInfo: { name: 'factlint-bench' },
      rootUri: pathToFileURL(workspace).href,
      workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'bench' }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { versionSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
      },
    });
    const initialized = performance.now() - t0;
    client.notify('initialized', {});
    const opened = performance.now();
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: draft } });
    const first = await firstDiagnostics;
    const result = {
      initialize: initialized,
      firstDiagnostics: first.at - t0,
      fromOpen: first.at - opened,
      diagnostics: first.params.diagnostics.length,
      edits: [],
    };
    // One-character edits in the middle of the draft, alternating a letter and its restoration.
    const at = editOffset(draft);
    const position = positionOf(draft, at);
    for (let i = 0; i < edits; i++) {
      const version = i + 2;
      const text = i % 2 === 0 ? (draft[at] === 'e' ? 'a' : 'e') : draft[at];
      const next = client.next(forDraft(version), timeoutMs);
      const sent = performance.now();
      client.notify('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: position, end: { line: position.line, character: position.character + 1 } }, text }],
      });
      result.edits.push((await next).at - sent);
    }
    result.editMedian = edits ? median(result.edits) : undefined;
    await client.request('shutdown', null);
    client.notify('exit', null);
    await Promise.race([client.closed, new Promise((r) => setTimeout(r, 2000))]);
    result.stderr = client.stderr;
    return result;
  } finally {
    if (child.exitCode === null) child.kill();
  }
}

/** An offset in the middle of the draft that is a lower-case letter inside a prose word. */
export function editOffset(text) {
  for (let i = Math.floor(text.length / 2); i < text.length; i++) {
    if (
      /[a-z]/.test(text[i]) &&
      /[a-z]/.test(text[i - 1]) &&
      /[a-z]/.test(text[i + 1]) &&
      /^[A-Z]/.test(text.slice(text.lastIndexOf('\n', i) + 1))
    )
      return i;
  }
  return Math.floor(text.length / 2);
}

function positionOf(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}
