import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { dateErrors, DRAFT, facts } from './drafts.js';
import { start, type Server } from './harness.js';

// Fact-base paths named in a draft's front matter that are not plain fact-base files.

const dirs: string[] = [];
const servers: Server[] = [];
after(async () => {
  for (const s of servers) await s.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A server with a temporary workspace folder. */
async function workspace(): Promise<{ dir: string; s: Server }> {
  const dir = mkdtempSync(join(tmpdir(), 'factlint-files-'));
  dirs.push(dir);
  const s = start();
  servers.push(s);
  const root = pathToFileURL(dir).href;
  await s.initialize(undefined, { rootUri: root, workspaceFolders: [{ uri: root, name: 'ws' }] });
  return { dir, s };
}

const withFacts = (path: string) => `---\nfacts: ${path}\n---\n\n${DRAFT}`;

test('front matter naming /dev/zero or a named pipe: one located problem naming the path, and the server keeps serving', async () => {
  const { dir, s } = await workspace();
  const pipe = join(dir, 'pipe.facts.yaml');
  execFileSync('mkfifo', [pipe]);
  for (const [path, kind] of [
    ['/dev/zero', 'a device'],
    [pipe, 'a named pipe'],
  ] as const) {
    const draft = pathToFileURL(join(dir, `draft-${kind.length}.md`)).href;
    await s.open(draft, withFacts(path));
    const { diagnostics } = await s.waitForDiagnostics(pathToFileURL(path).href);
    assert.deepEqual(
      diagnostics.map((d) => [d.range.start, d.message]),
      [[{ line: 0, character: 0 }, `Cannot read the fact-base file ${path}: it is ${kind}, not a regular file`]],
    );
    const notice = (await s.waitForDiagnostics(draft, 1)).diagnostics;
    assert.deepEqual(
      notice.map((d) => [d.code, d.severity, d.range.start.line]),
      [['factbase-state', 3, 0]],
      'the draft is answered: not checked',
    );
    assert.match(notice[0]!.message, /^Not checked: the fact base "[\w.]+" has 1 problem and no version without them/);
  }
});

test('front matter naming /etc/passwd: one problem, quoting none of its content', async () => {
  const { dir, s } = await workspace();
  await s.open(pathToFileURL(join(dir, 'draft.md')).href, withFacts('/etc/passwd'));
  const { diagnostics } = await s.waitForDiagnostics(pathToFileURL('/etc/passwd').href);
  assert.deepEqual(
    diagnostics.map((d) => d.message),
    ['/etc/passwd is not a fact-base file: its top level is not a map of fact-base sections (title, sources, people, events, …).'],
  );
});

test('in an untrusted workspace, front-matter paths outside the workspace folder are refused; inside ones are used', async () => {
  const outside = mkdtempSync(join(tmpdir(), 'factlint-outside-'));
  dirs.push(outside);
  writeFileSync(join(outside, 'elsewhere.facts.yaml'), facts('03'));
  const dir = mkdtempSync(join(tmpdir(), 'factlint-untrusted-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'inside.facts.yaml'), facts('03'));
  symlinkSync(join(outside, 'elsewhere.facts.yaml'), join(dir, 'link.facts.yaml'));
  const s = start();
  servers.push(s);
  const root = pathToFileURL(dir).href;
  await s.initialize(undefined, {
    rootUri: root,
    workspaceFolders: [{ uri: root, name: 'ws' }],
    initializationOptions: { workspaceTrusted: false },
  });

  for (const [name, path] of [
    ['abs.md', join(outside, 'elsewhere.facts.yaml')],
    ['rel.md', '../' + basename(outside) + '/elsewhere.facts.yaml'],
    ['link.md', 'link.facts.yaml'],
  ]) {
    const draft = pathToFileURL(join(dir, name)).href;
    await s.open(draft, withFacts(path));
    const refused = join(name === 'link.md' ? dir : outside, name === 'link.md' ? 'link.facts.yaml' : 'elsewhere.facts.yaml');
    const { diagnostics } = await s.waitForDiagnostics(pathToFileURL(refused).href);
    assert.match(
      diagnostics[0]?.message ?? '',
      /it is outside the workspace folder, and a draft in an untrusted workspace may only name fact-base files inside it/,
      name,
    );
    assert.deepEqual(
      (await s.waitForDiagnostics(draft, 1)).diagnostics.map((d) => d.code),
      ['factbase-state'],
      `${name}: not checked against the refused file, and told so`,
    );
  }
  const inside = pathToFileURL(join(dir, 'inside.md')).href;
  await s.open(inside, withFacts('inside.facts.yaml').replace('3 March', '4 March'));
  assert.equal(dateErrors((await s.waitForDiagnostics(inside, 1)).diagnostics).length, 1, 'a fact base inside the workspace is used');
});

test('in a trusted workspace (or a client that says nothing of trust), a front-matter path outside the workspace is used', async () => {
  const outside = mkdtempSync(join(tmpdir(), 'factlint-outside-'));
  dirs.push(outside);
  writeFileSync(join(outside, 'elsewhere.facts.yaml'), facts('03'));
  const { dir, s } = await workspace();
  const draft = pathToFileURL(join(dir, 'draft.md')).href;
  await s.open(draft, withFacts(join(outside, 'elsewhere.facts.yaml')));
  assert.deepEqual(dateErrors((await s.waitForDiagnostics(draft, 1)).diagnostics), [], 'the outside fact base says 3 March');
});

/** Waits until the last publication for a URI is an empty list (the test fails after 5 s). */
async function cleared(s: Server, uri: string): Promise<void> {
  for (const start = Date.now(); Date.now() - start < 5000; await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (s.published.filter((p) => p.uri === uri).at(-1)?.diagnostics.length === 0) return;
  }
  assert.fail(
    `${uri} still has: ${JSON.stringify(
      s.published
        .filter((p) => p.uri === uri)
        .at(-1)
        ?.diagnostics.map((d) => d.message),
    )}`,
  );
}

test('typing a front-matter path (f, fa, fac) leaves no stale "Cannot read" problem on the paths no longer named', async () => {
  const { dir, s } = await workspace();
  const draft = pathToFileURL(join(dir, 'draft.md')).href;
  const problem = async (name: string) => {
    const { diagnostics } = await s.waitForDiagnostics(pathToFileURL(join(dir, name)).href);
    assert.match(diagnostics[0]?.message ?? '', new RegExp(`Cannot read the fact-base file .*${name}: it does not exist`));
  };
  await s.open(draft, withFacts('f'));
  await problem('f');
  await s.change(draft, 2, withFacts('fa'));
  await problem('fa');
  await s.change(draft, 3, withFacts('fac'));
  await problem('fac');
  await s.waitForDiagnostics(draft, 3);
  await cleared(s, pathToFileURL(join(dir, 'f')).href);
  await cleared(s, pathToFileURL(join(dir, 'fa')).href);
});

test("closing the only draft that names a broken fact base clears that fact base's problems", async () => {
  const { dir, s } = await workspace();
  mkdirSync(join(dir, 'other'));
  writeFileSync(join(dir, 'other', 'broken.facts.yaml'), facts('03').replace('kind: talks', 'kind: chat'));
  const draft = pathToFileURL(join(dir, 'draft.md')).href;
  const broken = pathToFileURL(join(dir, 'other', 'broken.facts.yaml')).href;
  await s.open(draft, withFacts('other/broken.facts.yaml'));
  assert.equal((await s.waitForDiagnostics(broken)).diagnostics.length, 1);
  await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri: draft } });
  await cleared(s, broken);
});

test('a pushed factBase setting naming a named pipe or /dev/zero: one problem naming the path, and drafts are still answered', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'factlint-files-'));
  dirs.push(dir);
  const pipe = join(dir, 'pushed.facts.yaml');
  execFileSync('mkfifo', [pipe]);
  const s = start();
  servers.push(s);
  const root = pathToFileURL(dir).href;
  await s.initialize({}, { rootUri: root, workspaceFolders: [{ uri: root, name: 'ws' }] });
  for (const [path, kind] of [
    [pipe, 'a named pipe'],
    ['/dev/zero', 'a device'],
  ] as const) {
    const draft = pathToFileURL(join(dir, `pushed-${basename(path)}.md`)).href;
    const mark = s.mark();
    await s.connection.sendNotification('workspace/didChangeConfiguration', { settings: { factlint: { factBase: [path] } } });
    await s.open(draft, DRAFT);
    const { diagnostics } = await s.waitForDiagnostics(pathToFileURL(path).href, undefined, mark);
    assert.match(diagnostics[0]?.message ?? '', new RegExp(`Cannot read the fact-base file ${path}: it is ${kind}, not a regular file`));
    await s.waitForDiagnostics(draft, 1, mark);
  }
});
