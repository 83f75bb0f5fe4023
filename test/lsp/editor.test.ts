import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { ClientCapabilities, CodeAction, CompletionItem, Diagnostic, Location, TextDocumentEdit } from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentStatus } from '../../server/src/lsp/protocol.js';
import { dateErrors, DRAFT, facts, writeWorkspace } from './drafts.js';
import { FULL_CLIENT, start, type Server } from './harness.js';

const dirs: string[] = [];
const servers: Server[] = [];
after(async () => {
  for (const s of servers) await s.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Editor {
  dir: string;
  server: Server;
  uri(name: string): string;
  /** The statuses the server has sent, in order. */
  statuses: DocumentStatus[];
  /** Resolves with the first status (sent from now on, or already) for a URI that satisfies `ok`. */
  status(uri: string, ok?: (s: DocumentStatus) => boolean): Promise<DocumentStatus>;
  /** Each `window/showDocument` request received. */
  shown: unknown[];
}

/** A temporary workspace folder with files and a server started on it; settings answer `workspace/configuration`. */
async function editor(
  files: Record<string, string>,
  settings: unknown = null,
  capabilities: ClientCapabilities = FULL_CLIENT,
): Promise<Editor> {
  const dir = writeWorkspace(files);
  dirs.push(dir);
  const server = start();
  servers.push(server);
  const statuses: DocumentStatus[] = [];
  const shown: unknown[] = [];
  const waiters = new Set<() => void>();
  server.connection.onNotification('factlint/status', (s: DocumentStatus) => {
    statuses.push(s);
    for (const wake of waiters) wake();
  });
  server.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => settings));
  server.connection.onRequest('window/showDocument', (p: unknown) => (shown.push(p), { success: true }));
  server.connection.onRequest('window/workDoneProgress/create', () => null);
  const root = pathToFileURL(dir).href;
  await server.initialize(capabilities, {
    rootUri: root,
    workspaceFolders: [{ uri: root, name: 'ws' }],
    initializationOptions: { statusNotifications: true },
  });
  const status = (uri: string, ok: (s: DocumentStatus) => boolean = () => true) =>
    new Promise<DocumentStatus>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no status for ${uri}: ${JSON.stringify(statuses)}`)), 5000);
      const check = () => {
        const found = statuses.find((s) => s.uri === uri && ok(s));
        if (found) clearTimeout(timer), waiters.delete(check), resolve(found);
      };
      waiters.add(check);
      check();
    });
  return { dir, server, uri: (name) => pathToFileURL(join(dir, name)).href, statuses, status, shown };
}

const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);
/** A draft with no planted error that names nobody and no event of the bundled fact base: a project's README. */
const README = '# Tools\n\nRun the build with npm run build. It was released on 3 March 2023 by the team.\n';

test('status: a good workspace fact base is named, with its files, fact count and state', async () => {
  const ed = await editor({ 'visit.facts.yaml': facts('01') });
  await ed.server.open(ed.uri('draft.md'), DRAFT);
  assert.equal(dateErrors((await ed.server.waitForDiagnostics(ed.uri('draft.md'), 1)).diagnostics).length, 1);
  assert.deepEqual(await ed.status(ed.uri('draft.md')), {
    uri: ed.uri('draft.md'),
    checked: true,
    factBase: { name: 'Test fact base', files: [join(ed.dir, 'visit.facts.yaml')], facts: 4, state: 'loaded', problems: 0, bundled: false },
  });
  const asked = await ed.server.connection.sendRequest<DocumentStatus>('factlint/documentStatus', { uri: ed.uri('draft.md') });
  assert.equal(asked.factBase?.name, 'Test fact base');
});

test('status: a client that does not ask for status notifications (Neovim, eglot) gets none, and may still request it', async () => {
  const server = start();
  servers.push(server);
  const sent: unknown[] = [];
  server.connection.onNotification('factlint/status', (s: unknown) => sent.push(s));
  await server.initialize();
  await server.open('untitled:quiet.md', DRAFT);
  await server.waitForDiagnostics('untitled:quiet.md', 1);
  const asked = await server.connection.sendRequest<DocumentStatus>('factlint/documentStatus', { uri: 'untitled:quiet.md' });
  assert.deepEqual([asked.checked, asked.factBase?.bundled, sent.length], [true, true, 0]);
});

test('status and notice: a fact base broken after a good load serves its last good version, and the draft says so', async () => {
  const ed = await editor({ 'visit.facts.yaml': facts('01') });
  const draft = ed.uri('draft.md');
  await ed.server.open(draft, DRAFT);
  await ed.server.waitForDiagnostics(draft, 1);
  writeFileSync(join(ed.dir, 'visit.facts.yaml'), facts('01').replace('kind: talks', 'kind: chat'));
  const mark = ed.server.mark();
  await ed.server.connection.sendNotification('workspace/didChangeWatchedFiles', {
    changes: [{ uri: ed.uri('visit.facts.yaml'), type: 2 }],
  });
  const { diagnostics } = await ed.server.waitForDiagnostics(draft, 1, mark);
  assert.deepEqual(codes(diagnostics), ['factbase-state', 'date-mismatch'], 'the notice first, then the findings of the last good version');
  assert.equal(diagnostics[0]!.severity, 3);
  assert.deepEqual(diagnostics[0]!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  assert.match(
    diagnostics[0]!.message,
    /^Checked against the last good version of the fact base "Test fact base" \(loaded at \d\d:\d\d:\d\d UTC\): its files have 1 problem now\.$/,
  );
  const status = await ed.status(draft, (s) => s.factBase?.state !== 'loaded');
  assert.deepEqual([status.checked, status.factBase?.state, status.factBase?.problems, status.factBase?.facts], [true, 'last-good', 1, 4]);
});

test('status and notice: a fact base broken from the start checks nothing, and the draft and the fact file say so', async () => {
  const ed = await editor({ 'visit.facts.yaml': facts('01').replace('sources: [s1] }\nevents', 'sources: [s1\nevents') });
  const draft = ed.uri('draft.md');
  await ed.server.open(draft, DRAFT);
  const { diagnostics } = await ed.server.waitForDiagnostics(draft, 1);
  assert.deepEqual(codes(diagnostics), ['factbase-state']);
  assert.match(diagnostics[0]!.message, /^Not checked: the fact base "visit.facts.yaml" has \d+ problems? and no version without them/);
  const status = await ed.status(draft);
  assert.deepEqual([status.checked, status.factBase?.state, status.factBase?.facts], [false, 'broken', 0]);
  await ed.server.open(ed.uri('visit.facts.yaml'), facts('01').replace('sources: [s1] }\nevents', 'sources: [s1\nevents'), 'yaml');
  const own = await ed.status(ed.uri('visit.facts.yaml'));
  assert.deepEqual([own.checked, own.factBase?.state], [false, 'broken']);
});

test('status and notice: a fact base broken from the start checks drafts with its well-formed facts, and the draft says so', async () => {
  // One organisation cites a source the fact base lacks: it is left out, the people and events are kept.
  const broken = `${facts('01')}organisations:\n  - { id: un, name: United Nations, sources: [s9] }\n`;
  const ed = await editor({ 'visit.facts.yaml': broken });
  const draft = ed.uri('draft.md');
  await ed.server.open(draft, DRAFT);
  const { diagnostics } = await ed.server.waitForDiagnostics(draft, 1);
  assert.deepEqual(codes(diagnostics), ['factbase-state', 'date-mismatch'], 'the notice first, then the findings of the well-formed facts');
  assert.match(
    diagnostics[0]!.message,
    /^Checked against part of the fact base "Test fact base": it has 1 problem, and the facts they concern are left out\.$/,
  );
  assert.match(diagnostics[1]!.message, /took place on 1 March 2023, not 3 March 2023/);
  const status = await ed.status(draft, (s) => s.factBase?.state === 'partial');
  assert.deepEqual([status.checked, status.factBase?.problems, status.factBase?.facts], [true, 1, 4]);

  // Mended: the whole fact base, and no notice.
  writeFileSync(join(ed.dir, 'visit.facts.yaml'), broken.replace('[s9]', '[s1]'));
  let mark = ed.server.mark();
  await ed.server.connection.sendNotification('workspace/didChangeWatchedFiles', {
    changes: [{ uri: ed.uri('visit.facts.yaml'), type: 2 }],
  });
  assert.deepEqual(codes((await ed.server.waitForDiagnostics(draft, 1, mark)).diagnostics), ['date-mismatch']);
  assert.equal((await ed.status(draft, (s) => s.factBase?.state === 'loaded')).factBase?.facts, 5);

  // Broken again: now the last good version is kept, with all five facts.
  writeFileSync(join(ed.dir, 'visit.facts.yaml'), broken);
  mark = ed.server.mark();
  await ed.server.connection.sendNotification('workspace/didChangeWatchedFiles', {
    changes: [{ uri: ed.uri('visit.facts.yaml'), type: 2 }],
  });
  assert.deepEqual(codes((await ed.server.waitForDiagnostics(draft, 1, mark)).diagnostics), ['factbase-state', 'date-mismatch']);
  assert.equal((await ed.status(draft, (s) => s.factBase?.state === 'last-good')).factBase?.facts, 5);
});

test('scope: with only the bundled fact base, a README is left alone and a draft about the visit is checked', async () => {
  const ed = await editor({});
  await ed.server.open(ed.uri('README.md'), README);
  assert.deepEqual((await ed.server.waitForDiagnostics(ed.uri('README.md'), 1)).diagnostics, []);
  const readme = await ed.status(ed.uri('README.md'));
  assert.equal(readme.checked, false);
  assert.match(
    readme.reason ?? '',
    /No fact base applies to this file, and it does not mention .+ of the bundled fact base or its people\./,
  );
  assert.equal(readme.factBase?.bundled, true);
  await ed.server.open(ed.uri('draft.md'), DRAFT);
  assert.equal(dateErrors((await ed.server.waitForDiagnostics(ed.uri('draft.md'), 1)).diagnostics).length, 1);
  // The same README beside a workspace fact base is checked against it: someone chose that fact base for the folder.
  const chosen = await editor({ 'visit.facts.yaml': facts('01') });
  await chosen.server.open(chosen.uri('README.md'), README);
  await chosen.server.waitForDiagnostics(chosen.uri('README.md'), 1);
  assert.equal((await chosen.status(chosen.uri('README.md'))).checked, true);
});

test("scope: factlint.enable, factlint.include/exclude and a .factlint.yaml's exclude leave drafts unchecked", async () => {
  const off = await editor({}, { enable: false });
  await off.server.open(off.uri('draft.md'), DRAFT);
  assert.deepEqual((await off.server.waitForDiagnostics(off.uri('draft.md'), 1)).diagnostics, []);
  assert.equal((await off.status(off.uri('draft.md'))).reason, 'factlint.enable is off.');

  const globs = await editor({ '.factlint.yaml': 'exclude: ["drafts/old/**"]\n' }, { include: ['drafts/**'], exclude: ['**/*.notes.md'] });
  const verdict = async (name: string) => {
    await globs.server.open(globs.uri(name), DRAFT);
    const found = dateErrors((await globs.server.waitForDiagnostics(globs.uri(name), 1)).diagnostics).length;
    return [found, (await globs.status(globs.uri(name))).reason ?? 'checked'];
  };
  assert.deepEqual(await verdict('drafts/a.md'), [1, 'checked']);
  assert.deepEqual(await verdict('other/b.md'), [0, 'The factlint.include and factlint.exclude settings leave this file out.']);
  assert.deepEqual(await verdict('drafts/c.notes.md'), [0, 'The factlint.include and factlint.exclude settings leave this file out.']);
  assert.deepEqual(await verdict('drafts/old/d.md'), [
    0,
    `The include and exclude globs of ${join(globs.dir, '.factlint.yaml')} leave this file out.`,
  ]);
});

test("check all drafts: closed drafts' findings are published, in scope only, with progress", async () => {
  const ed = await editor(
    {
      'visit.facts.yaml': facts('01'),
      'drafts/a.md': DRAFT,
      'drafts/b.md': 'Nothing to see.\n',
      'node_modules/x/c.md': DRAFT,
      '.hidden/d.md': DRAFT,
      'drafts/open.md': DRAFT,
    },
    null,
    { ...FULL_CLIENT, window: { workDoneProgress: true } },
  );
  const progress: unknown[] = [];
  ed.server.connection.onNotification('$/progress', (p: { value: unknown }) => progress.push(p.value));
  await ed.server.open(ed.uri('drafts/open.md'), DRAFT);
  await ed.server.waitForDiagnostics(ed.uri('drafts/open.md'), 1);
  const mark = ed.server.mark();
  const result = await ed.server.connection.sendRequest('workspace/executeCommand', { command: 'factlint.checkWorkspace', arguments: [] });
  assert.deepEqual(result, { drafts: 2, withProblems: 1, problems: 1, cancelled: false });
  const published = ed.server.published.slice(mark);
  assert.deepEqual(codes(published.find((p) => p.uri === ed.uri('drafts/a.md'))!.diagnostics), ['date-mismatch']);
  assert.deepEqual(published.find((p) => p.uri === ed.uri('drafts/b.md'))!.diagnostics, []);
  assert.ok(!published.some((p) => /node_modules|\.hidden|open\.md/.test(p.uri)), JSON.stringify(published.map((p) => p.uri)));
  assert.deepEqual(
    progress.map((p) => (p as { kind: string }).kind),
    ['begin', 'report', 'report', 'end'],
  );
  assert.equal((progress[0] as { cancellable: boolean }).cancellable, true);
});

test('check all drafts: cancelling the progress stops the run', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 300; i++) files[`d${String(i).padStart(3, '0')}.md`] = DRAFT;
  const ed = await editor(files, null, { ...FULL_CLIENT, window: { workDoneProgress: true } });
  ed.server.connection.onNotification('$/progress', (p: { token: string; value: { kind: string } }) => {
    if (p.value.kind === 'report') void ed.server.connection.sendNotification('window/workDoneProgress/cancel', { token: p.token });
  });
  const result = await ed.server.connection.sendRequest<{ drafts: number; cancelled: boolean }>('workspace/executeCommand', {
    command: 'factlint.checkWorkspace',
    arguments: [],
  });
  assert.equal(result.cancelled, true);
  assert.ok(result.drafts < 300, `stopped early: ${result.drafts}`);
});

test('disable with a reason: the placeholder is selected after insertion, and a comment still holding it gets a hint', async () => {
  const ed = await editor({}, null, { ...FULL_CLIENT, window: { showDocument: { support: true } } });
  const uri = ed.uri('draft.md');
  const text = `Intro line.\n${DRAFT}`;
  await ed.server.open(uri, text);
  const [error] = dateErrors((await ed.server.waitForDiagnostics(uri, 1)).diagnostics);
  const actions = await ed.server.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: error!.range,
    context: { diagnostics: [error] },
  });
  const disable = actions.find((a) => a.title === 'Disable date-mismatch for this line (with a reason)')!;
  const doc = TextDocument.create(uri, 'markdown', 1, text);
  const edited = TextDocument.applyEdits(doc, (disable.edit!.documentChanges![0] as TextDocumentEdit).edits);
  await ed.server.change(uri, 2, edited);
  const { diagnostics } = await ed.server.waitForDiagnostics(uri, 2);
  assert.deepEqual(codes(diagnostics), ['suppression-reason']);
  assert.equal(diagnostics[0]!.severity, 4);

  assert.equal(disable.command?.command, 'factlint.selectReason');
  await ed.server.connection.sendRequest('workspace/executeCommand', {
    command: disable.command!.command,
    arguments: disable.command!.arguments,
  });
  const [shown] = ed.shown as { uri: string; selection: Diagnostic['range'] }[];
  assert.equal(shown?.uri, uri);
  const after = TextDocument.create(uri, 'markdown', 2, edited);
  assert.equal(after.getText(shown!.selection), 'reason', 'the selection is the placeholder');
  assert.deepEqual(diagnostics[0]!.range, shown!.selection, 'the hint is on the placeholder');

  await ed.server.change(uri, 3, edited.replace('-- reason -->', '-- the source dates it 3 March -->'));
  assert.deepEqual((await ed.server.waitForDiagnostics(uri, 3)).diagnostics, []);
});

test('completion: names in their house forms replace the words already typed; none in a draft left unchecked', async () => {
  const ed = await editor({ 'visit.facts.yaml': facts('01') });
  const uri = ed.uri('draft.md');
  const text = 'Lukashenka met Xi Ji';
  await ed.server.open(uri, text);
  await ed.server.waitForDiagnostics(uri, 1);
  const position = { line: 0, character: text.length };
  const items = await ed.server.connection.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position });
  const xi = items.find((i) => i.label === 'Xi Jinping');
  assert.deepEqual(xi?.textEdit, { range: { start: { line: 0, character: 15 }, end: position }, newText: 'Xi Jinping' });
  assert.deepEqual(
    items
      .filter((i) => i.kind === 21)
      .map((i) => i.label)
      .sort(),
    ['Alexander Lukashenka', 'Lukashenka', 'Xi Jinping'],
    'people by their preferred forms (else their names), never the accepted "Xi"',
  );
  assert.ok(
    items.some((i) => i.label === 'The talks with Xi Jinping' && i.detail === 'talks, 2023-03-01'),
    'events by name, with their dates',
  );

  const off = await editor({}, { enable: false });
  await off.server.open(off.uri('draft.md'), text);
  await off.server.waitForDiagnostics(off.uri('draft.md'), 1);
  assert.deepEqual(
    await off.server.connection.sendRequest('textDocument/completion', { textDocument: { uri: off.uri('draft.md') }, position }),
    [],
  );
});

test('fact files: ids are completed by the kind their field takes, and hover and go to definition work on them', async () => {
  const people = 'people:\n  - { id: zhao, name: Zhao Leji, sources: [s1] }\n';
  const ed = await editor({ 'visit.facts.yaml': facts('01'), 'people.facts.yaml': people });
  const uri = ed.uri('visit.facts.yaml');
  const text = facts('01');
  await ed.server.open(uri, text, 'yaml');
  await ed.status(uri, (s) => s.factBase?.state === 'loaded');
  const doc = TextDocument.create(uri, 'yaml', 1, text);
  const at = (word: string, from = 0) => doc.positionAt(text.indexOf(word, from) + 1);
  const request = <T>(method: string, position: { line: number; character: number }) =>
    ed.server.connection.sendRequest<T>(method, { textDocument: { uri }, position });

  // Hover on a reference: what the id names, and where.
  const hovered = await request<{ contents: { value: string } } | null>('textDocument/hover', at('luk]'));
  assert.match(hovered!.contents.value, /\*\*Alexander Lukashenka\*\* — person `luk`/);
  assert.match(hovered!.contents.value, /Defined in visit\.facts\.yaml, line 7/);
  // Go to definition from `parent: visit` to the event, and from a person's `sources: [s1]` to the source.
  const [event] = await request<Location[]>('textDocument/definition', doc.positionAt(text.indexOf('parent: visit') + 9));
  assert.deepEqual([event?.uri, event?.range.start], [uri, { line: 8, character: 4 }]);
  const [source] = await request<Location[]>('textDocument/definition', at('s1]', text.indexOf('people')));
  assert.deepEqual([source?.uri, source?.range.start.line], [uri, 3]);

  // Completion: participants take people and organisations (those of the fact base's other file too), parent takes
  // events, a name takes nothing.
  const participants = text.indexOf('participants: [xi, ') + 'participants: [xi, l'.length;
  const labels = async (offset: number) =>
    (await request<CompletionItem[]>('textDocument/completion', doc.positionAt(offset))).map((i) => i.label).sort();
  assert.deepEqual(await labels(participants), ['luk', 'xi', 'zhao']);
  const item = (await request<CompletionItem[]>('textDocument/completion', doc.positionAt(participants)))[0]!;
  assert.deepEqual(
    item.textEdit && 'range' in item.textEdit ? item.textEdit.range : undefined,
    { start: doc.positionAt(participants - 1), end: doc.positionAt(participants) },
    'the typed "l" is replaced',
  );
  assert.deepEqual(await labels(text.indexOf('parent: ') + 'parent: '.length), ['talks', 'visit']);
  assert.deepEqual(await labels(text.indexOf('name: Xi') + 'name: X'.length), []);
});
