import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Hover, MarkupContent } from 'vscode-languageserver/node.js';
import { dateErrors, DRAFT, facts } from './drafts.js';
import { start, type Server } from './harness.js';

const servers: Server[] = [];
after(async () => {
  for (const s of servers) await s.stop();
});

/** A server initialized with the given client capabilities and (optionally) a `workspace/configuration` answer. */
async function client(capabilities: object, configuration?: (items: unknown[]) => unknown[]): Promise<Server> {
  const server = start();
  servers.push(server);
  if (configuration) server.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => configuration(p.items));
  await server.initialize(capabilities);
  return server;
}

async function severities(server: Server, uri = 'untitled:a.md'): Promise<(number | undefined)[]> {
  await server.open(uri, DRAFT);
  return dateErrors((await server.waitForDiagnostics(uri, 1)).diagnostics).map((d) => d.severity);
}

test('a client that never asks for settings (no configuration support) gets the defaults, and may push settings', async () => {
  const server = await client({});
  assert.deepEqual(await severities(server), [1]);
  const mark = server.mark();
  await server.connection.sendNotification('workspace/didChangeConfiguration', {
    settings: { factlint: { rules: { 'date-mismatch': 'off' } } },
  });
  assert.deepEqual(dateErrors((await server.waitForDiagnostics('untitled:a.md', 1, mark)).diagnostics), []);
});

test('a client answering null for the section gets the defaults', async () => {
  let asked = 0;
  const server = await client({ workspace: { configuration: true } }, (items) => items.map(() => (asked++, null)));
  assert.deepEqual(await severities(server), [1]);
  assert.equal(asked, 1);
});

test('settings: per-rule severity, and fact-base paths relative to the workspace folder', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'factlint-settings-'));
  try {
    mkdirSync(join(dir, 'kept'));
    // Not named *.facts.yaml, so only the setting can bring it in; its talks were on 3 March.
    writeFileSync(join(dir, 'kept', 'talks.yaml'), facts('03'));
    const server = start();
    servers.push(server);
    let answer: unknown = { rules: { 'date-mismatch': 'warning' }, houseStyle: 'yes', factBase: 7 };
    server.connection.onRequest('workspace/configuration', () => [answer]);
    const root = pathToFileURL(dir).href;
    await server.initialize({ workspace: { configuration: true } }, { rootUri: root, workspaceFolders: [{ uri: root, name: 'ws' }] });
    assert.deepEqual(await severities(server, `${root}/a.md`), [2], 'severity from settings; values of the wrong type ignored');
    answer = { factBase: ['kept/talks.yaml'] };
    const mark = server.mark();
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(
      dateErrors((await server.waitForDiagnostics(`${root}/a.md`, 1, mark)).diagnostics),
      [],
      'checked against kept/talks.yaml',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a plain-text client (eglot without markdown-mode) gets plain-text hovers', async () => {
  const server = await client({ textDocument: { hover: { contentFormat: ['plaintext'] } } });
  await server.open('untitled:h.md', DRAFT);
  await server.waitForDiagnostics('untitled:h.md', 1);
  const hover = await server.connection.sendRequest<Hover>('textDocument/hover', {
    textDocument: { uri: 'untitled:h.md' },
    position: { line: 0, character: 55 },
  });
  const contents = hover.contents as MarkupContent;
  assert.equal(contents.kind, 'plaintext');
  assert.match(contents.value, /^3 March 2023 — date\n/);
  assert.match(contents.value, /When: 1 March 2023/);
  assert.match(contents.value, /<https?:\/\/\S+>/);
  assert.doesNotMatch(contents.value, /\*\*|\]\(/);
});

test('Neovim 0.7: every diagnostic on the line echoed with byte columns; fixes come from data, filtered by the cursor', async () => {
  const server = await client({ workspace: { configuration: true } }, (items) => items.map(() => null));
  const uri = 'untitled:nvim.md';
  const text = 'Émigré 😀 reports: Lukashenka held talks with Xi Jinping on 3 March 2023, or on 2 March 2023.\n';
  await server.open(uri, text);
  const diagnostics = dateErrors((await server.waitForDiagnostics(uri, 1)).diagnostics);
  assert.equal(diagnostics.length, 2);
  const bytes = (character: number) => Buffer.byteLength(text.slice(0, character));
  const echoed = diagnostics.map((d) => ({
    ...d,
    range: { start: { line: 0, character: bytes(d.range.start.character) }, end: { line: 0, character: bytes(d.range.end.character) } },
  }));
  const cursor = { line: 0, character: text.indexOf('2 March') + 1 };
  const actions = await server.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: cursor, end: cursor },
    context: { diagnostics: echoed },
  });
  assert.deepEqual(
    actions.map((a) => a.title),
    ['Change the date to "1 March 2023"', 'Disable date-mismatch for this line (with a reason)', 'Fix all auto-fixable factlint problems'],
  );
  const edit = actions[0]!.edit!.documentChanges![0] as { edits: { range: { start: { character: number } } }[] };
  assert.equal(edit.edits[0]!.range.start.character, text.indexOf('2 March'), 'the UTF-16 column of the second date');
});
