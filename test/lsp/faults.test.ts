import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import type { CodeAction, Diagnostic, Hover, Location } from 'vscode-languageserver/node.js';
import { check } from '../../server/src/check.js';
import { loadFactBase } from '../../server/src/facts/load.js';
import { LineIndex } from '../../server/src/lines.js';
import { compile } from '../../server/src/match/compile.js';
import { ROOT } from '../unit/paths.js';
import { dateErrors, DRAFT, facts } from './drafts.js';
import { start, type Server } from './harness.js';

// Server fault tests: each fault is answered with an error or a clean result, and the server keeps serving.

const dirs: string[] = [];
const servers: Server[] = [];
after(async () => {
  for (const s of servers) await s.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function server(root?: string): Promise<Server> {
  const s = start();
  servers.push(s);
  const uri = root ? pathToFileURL(root).href : null;
  await s.initialize(undefined, uri ? { rootUri: uri, workspaceFolders: [{ uri, name: 'ws' }] } : {});
  return s;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'factlint-faults-'));
  dirs.push(dir);
  return dir;
}

/** The server answers a plain request after a fault: it is still serving. */
async function alive(s: Server): Promise<void> {
  const uri = `untitled:alive-${s.mark()}.md`;
  const mark = s.mark();
  await s.open(uri, DRAFT);
  assert.equal(dateErrors((await s.waitForDiagnostics(uri, 1, mark)).diagnostics).length, 1, 'still checking drafts');
}

const BUNDLED_PATH = join(ROOT, 'facts', 'lukashenka-china-2023.facts.yaml');
const bundled = loadFactBase([{ path: BUNDLED_PATH, text: readFileSync(BUNDLED_PATH, 'utf8') }]);
const INDEX = compile(bundled.facts!);

/** What the engine finds in a text, as the lines, columns and messages a client would see. */
function expected(text: string): string[] {
  const lines = new LineIndex(text);
  return check(text, INDEX).map((f) => `${lines.positionAt(f.start).line}:${lines.positionAt(f.start).character} ${f.rule} ${f.message}`);
}
const seen = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`);

test('rapid edits while a long check runs: the last publication is for the final version and matches its text', async () => {
  const s = await server();
  const uri = 'untitled:long.md';
  const brief = readFileSync(join(ROOT, 'examples', 'brief-with-errors.md'), 'utf8');
  // About 10,000 words: a check takes long enough for the edits below to arrive while it runs.
  let text = `${DRAFT}\n${Array.from({ length: 60 }, () => brief).join('\n\n')}`;
  await s.open(uri, text);
  await s.waitForDiagnostics(uri, 1);
  const mark = s.mark();
  await s.change(uri, 2, `${text}\nLukashenka held talks with Xi Jinping on 4 March 2023.\n`);
  await new Promise((resolve) => setTimeout(resolve, 200)); // past the debounce: the check of version 2 has started
  for (let version = 3; version <= 8; version++) {
    text = `${text}\nLukashenka held talks with Xi Jinping on ${version} March 2023.\n`;
    await s.change(uri, version, text);
  }
  const last = await s.waitForDiagnostics(uri, 8, mark);
  assert.deepEqual(seen(last.diagnostics), expected(text));
  await new Promise((resolve) => setTimeout(resolve, 400));
  const after = s.published.slice(mark).filter((p) => p.uri === uri);
  assert.equal(after.at(-1)?.version, 8, 'nothing older is published after the final version');
  assert.ok(
    after.every((p, i) => i === 0 || (p.version ?? 0) > (after[i - 1]!.version ?? 0)),
    `versions in order: ${after.map((p) => p.version)}`,
  );
});

test("a draft deleted on disk while open keeps being checked from the editor's text", async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'draft.md'), DRAFT);
  const s = await server(dir);
  const uri = pathToFileURL(join(dir, 'draft.md')).href;
  await s.open(uri, DRAFT);
  assert.equal(dateErrors((await s.waitForDiagnostics(uri, 1)).diagnostics).length, 1);
  rmSync(join(dir, 'draft.md'));
  await watched(s, uri, 3);
  await s.change(uri, 2, DRAFT.replace('3 March', '1 March'));
  assert.deepEqual(dateErrors((await s.waitForDiagnostics(uri, 2)).diagnostics), []);
  const hover = await s.connection.sendRequest<Hover | null>('textDocument/hover', {
    textDocument: { uri },
    position: { line: 0, character: 55 },
  });
  assert.match(JSON.stringify(hover?.contents), /1 March 2023/);
});

/** A workspace whose fact base dates the talks 3 March, and the draft open in it, checked clean against it. */
async function draftWithFacts(): Promise<{ dir: string; s: Server; factsUri: string; draft: string }> {
  const dir = tempDir();
  writeFileSync(join(dir, 'visit.facts.yaml'), facts('03'));
  const s = await server(dir);
  const factsUri = pathToFileURL(join(dir, 'visit.facts.yaml')).href;
  const draft = pathToFileURL(join(dir, 'draft.md')).href;
  await s.open(draft, DRAFT);
  assert.deepEqual(dateErrors((await s.waitForDiagnostics(draft, 1)).diagnostics), [], 'the workspace fact base says 3 March');
  return { dir, s, factsUri, draft };
}

/** Tells the server a watched file changed (1 created, 2 changed, 3 deleted); returns the publication mark before it. */
async function watched(s: Server, uri: string, type: 1 | 2 | 3): Promise<number> {
  const mark = s.mark();
  await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type }] });
  return mark;
}

test('a fact base deleted while in use: the open drafts are re-checked against the bundled one; a new one is picked up', async () => {
  const { dir, s, factsUri, draft } = await draftWithFacts();

  rmSync(join(dir, 'visit.facts.yaml'));
  let mark = await watched(s, factsUri, 3);
  const [d] = dateErrors((await s.waitForDiagnostics(draft, 1, mark)).diagnostics);
  assert.match(d?.message ?? '', /took place on 1 March 2023, not 3 March 2023/, 'checked against the bundled fact base');

  writeFileSync(join(dir, 'other.facts.yaml'), facts('03'));
  mark = await watched(s, pathToFileURL(join(dir, 'other.facts.yaml')).href, 1);
  assert.deepEqual(dateErrors((await s.waitForDiagnostics(draft, 1, mark)).diagnostics), [], 'checked against the new fact base');
});

test('a fact base deleted while broken: its diagnostics are cleared and drafts fall back to the bundled one', async () => {
  const { dir, s, factsUri, draft } = await draftWithFacts();

  writeFileSync(join(dir, 'visit.facts.yaml'), facts('03').replace('kind: talks', 'kind: chat'));
  let mark = await watched(s, factsUri, 2);
  assert.equal((await s.waitForDiagnostics(factsUri, undefined, mark)).diagnostics.length, 1, 'the broken fact base is reported');
  assert.deepEqual(
    (await s.waitForDiagnostics(draft, 1, mark)).diagnostics.map((d) => d.code),
    ['factbase-state'],
    'the draft is checked against the last good version, and says so',
  );

  rmSync(join(dir, 'visit.facts.yaml'));
  mark = await watched(s, factsUri, 3);
  assert.deepEqual((await s.waitForDiagnostics(factsUri, undefined, mark)).diagnostics, [], "the deleted file's errors are cleared");
  const [d] = dateErrors((await s.waitForDiagnostics(draft, 1, mark)).diagnostics);
  assert.match(d?.message ?? '', /took place on 1 March 2023, not 3 March 2023/, 'checked against the bundled fact base');
  await alive(s);
});

test('requests for a closed or never-opened document get an empty answer, and the server keeps serving', async () => {
  const s = await server();
  const uri = 'untitled:closed.md';
  await s.open(uri, DRAFT);
  const { diagnostics } = await s.waitForDiagnostics(uri, 1);
  await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  for (const target of [uri, 'untitled:never-opened.md', 'file:///nowhere/at/all.md']) {
    const position = { line: 0, character: 55 };
    const range = { start: position, end: position };
    assert.equal(await s.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: target }, position }), null);
    assert.deepEqual(
      (await s.connection.sendRequest<Location[] | null>('textDocument/definition', { textDocument: { uri: target }, position })) ?? [],
      [],
    );
    assert.deepEqual(
      (await s.connection.sendRequest<CodeAction[] | null>('textDocument/codeAction', {
        textDocument: { uri: target },
        range,
        context: { diagnostics },
      })) ?? [],
      [],
    );
  }
  // A change for a document that is not open, and a malformed position, are not fatal either.
  await s.change('untitled:never-opened.md', 2, 'text');
  const odd = await s.connection
    .sendRequest<Hover | null>('textDocument/hover', {
      textDocument: { uri: 'untitled:alive-x.md' },
      position: { line: 9999, character: -5 },
    })
    .catch((e: Error) => e);
  assert.ok(odd === null || odd instanceof Error);
  await alive(s);
});

test('malformed messages (a number as a URI, missing fields, wrong types) are logged and ignored; the server keeps serving', async () => {
  const s = start();
  servers.push(s);
  const logged: string[] = [];
  s.connection.onNotification('window/logMessage', ({ message }: { message: string }) => logged.push(message));
  await s.initialize();
  const send = (method: string, params: unknown) => s.connection.sendNotification(method, params);
  await send('textDocument/didOpen', { textDocument: { uri: 42, languageId: 'markdown', version: 1, text: DRAFT } });
  await send('textDocument/didOpen', { textDocument: { uri: 'untitled:no-text.md', languageId: 'markdown', version: 1 } });
  await send('textDocument/didOpen', {});
  await send('textDocument/didChange', { textDocument: { uri: 42, version: 2 }, contentChanges: [{ text: 'x' }] });
  await send('textDocument/didChange', { textDocument: { uri: 'untitled:a.md', version: 2 }, contentChanges: 'x' });
  await send('textDocument/didClose', { textDocument: { uri: ['x'] } });
  await send('workspace/didChangeWatchedFiles', { changes: [{ uri: 7, type: 2 }] });
  await send('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: null }], removed: 'all' } });
  await send('workspace/didChangeConfiguration', null);
  for (const method of ['textDocument/hover', 'textDocument/definition', 'textDocument/codeAction']) {
    const answer = await s.connection.sendRequest(method, { textDocument: { uri: 42 }, position: 'here' }).catch((e: Error) => e);
    assert.ok(answer === null || (Array.isArray(answer) && answer.length === 0), `${method}: ${String(answer)}`);
  }
  await alive(s);
  for (const method of [
    'textDocument/didOpen',
    'textDocument/didChange',
    'textDocument/didClose',
    'workspace/didChangeWatchedFiles',
    'workspace/didChangeWorkspaceFolders',
    'workspace/didChangeConfiguration',
    'textDocument/hover',
    'textDocument/codeAction',
  ]) {
    assert.ok(
      logged.some((m) => m.includes(`ignored a ${method} message of the wrong shape`)),
      `${method} logged:\n${logged.join('\n')}`,
    );
  }
  assert.equal(s.stderr.join(''), '', 'nothing on stderr');
});

test('fuzz: random JSON of any shape for every notification and request the server handles: no crash, no hang, each logged', {
  timeout: 60_000,
}, async () => {
  const s = start();
  servers.push(s);
  const logged: string[] = [];
  s.connection.onNotification('window/logMessage', ({ message }: { message: string }) => logged.push(message));
  await s.initialize();
  const notifications = [
    'textDocument/didOpen',
    'textDocument/didChange',
    'textDocument/didClose',
    'textDocument/didSave',
    'textDocument/willSave',
    'workspace/didChangeWatchedFiles',
    'workspace/didChangeWorkspaceFolders',
    'workspace/didChangeConfiguration',
  ];
  const requests = ['textDocument/hover', 'textDocument/definition', 'textDocument/codeAction', 'textDocument/willSaveWaitUntil'];
  // Valid shapes with one part replaced, and arbitrary JSON: the shapes a buggy or hostile client sends.
  const uri = fc.oneof(fc.constant('untitled:fuzz.md'), fc.constant('file:///nowhere/x.md'), fc.jsonValue({ maxDepth: 1 }));
  const near = fc.record(
    {
      textDocument: fc.record(
        {
          uri,
          languageId: fc.oneof(fc.constant('markdown'), fc.jsonValue({ maxDepth: 1 })),
          version: fc.oneof(fc.integer(), fc.jsonValue({ maxDepth: 1 })),
          text: fc.oneof(fc.string({ maxLength: 40 }), fc.jsonValue({ maxDepth: 1 })),
        },
        { requiredKeys: [] },
      ),
      position: fc.oneof(fc.record({ line: fc.integer(), character: fc.integer() }), fc.jsonValue({ maxDepth: 1 })),
      range: fc.jsonValue({ maxDepth: 2 }),
      contentChanges: fc.oneof(fc.array(fc.record({ text: fc.jsonValue({ maxDepth: 1 }) })), fc.jsonValue({ maxDepth: 1 })),
      changes: fc.jsonValue({ maxDepth: 2 }),
      event: fc.jsonValue({ maxDepth: 2 }),
      settings: fc.jsonValue({ maxDepth: 2 }),
      context: fc.jsonValue({ maxDepth: 2 }),
      reason: fc.jsonValue({ maxDepth: 1 }),
    },
    { requiredKeys: [] },
  );
  const params = fc.oneof(near, fc.jsonValue({ maxDepth: 3 }), fc.constant(null));
  const messages = fc.sample(fc.tuple(fc.constantFrom(...notifications, ...requests), params), { numRuns: 300, seed: 20230301 });
  for (const [method, value] of messages) {
    if (requests.includes(method)) {
      const answer = await Promise.race([
        s.connection.sendRequest(method, value).catch((e: Error) => e),
        new Promise((resolve) => setTimeout(() => resolve('no answer within 5 s'), 5000)),
      ]);
      assert.notEqual(answer, 'no answer within 5 s', `${method} ${JSON.stringify(value)}`);
    } else {
      await s.connection.sendNotification(method, value).catch(() => undefined);
    }
  }
  await alive(s);
  assert.ok(
    logged.some((m) => /ignored a .* message of the wrong shape/.test(m)),
    'malformed messages are logged',
  );
  assert.equal(s.stderr.join(''), '', 'nothing on stderr: no handler threw');
});
