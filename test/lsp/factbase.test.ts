import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { dateErrors, DRAFT, facts, writeWorkspace } from './drafts.js';
import { start, type Server } from './harness.js';

const dirs: string[] = [];
const servers: Server[] = [];

after(async () => {
  for (const s of servers) await s.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A temporary workspace folder with files, and a server started with it as its root. */
async function workspace(files: Record<string, string>): Promise<{ dir: string; server: Server; uri: (name: string) => string }> {
  const dir = writeWorkspace(files);
  dirs.push(dir);
  const server = start();
  servers.push(server);
  const root = pathToFileURL(dir).href;
  await server.initialize(undefined, { rootUri: root, workspaceFolders: [{ uri: root, name: 'ws' }] });
  return { dir, server, uri: (name) => pathToFileURL(join(dir, name)).href };
}

test('a fact base in the workspace is used, and a change to it on disk re-checks the open drafts', async () => {
  const { dir, server, uri } = await workspace({ 'visit.facts.yaml': facts('03') });
  await server.open(uri('draft.md'), DRAFT);
  assert.deepEqual(dateErrors((await server.waitForDiagnostics(uri('draft.md'), 1)).diagnostics), [], 'the workspace says 3 March');

  writeFileSync(join(dir, 'visit.facts.yaml'), facts('01'));
  const mark = server.mark();
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('visit.facts.yaml'), type: 2 }] });
  const [d] = dateErrors((await server.waitForDiagnostics(uri('draft.md'), 1, mark)).diagnostics);
  assert.match(d?.message ?? '', /The talks with Xi Jinping took place on 1 March 2023, not 3 March 2023/);
  assert.equal(d?.relatedInformation?.[0]?.location.uri, uri('visit.facts.yaml'));
});

test('a broken fact base: located errors in its YAML, and drafts still checked with the last good one', async () => {
  const { dir, server, uri } = await workspace({ 'visit.facts.yaml': facts('01') });
  await server.open(uri('draft.md'), DRAFT);
  assert.equal(dateErrors((await server.waitForDiagnostics(uri('draft.md'), 1)).diagnostics).length, 1);

  // On disk: a schema error (an unknown event kind), reported on the line of the event.
  writeFileSync(join(dir, 'visit.facts.yaml'), facts('01').replace('kind: talks', 'kind: chat'));
  let mark = server.mark();
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('visit.facts.yaml'), type: 2 }] });
  const schema = await server.waitForDiagnostics(uri('visit.facts.yaml'), undefined, mark);
  assert.deepEqual(
    schema.diagnostics.map((d) => [d.code, d.range.start.line]),
    [['factbase-schema', 9]],
  );
  assert.match(schema.diagnostics[0]!.message, /kind/);
  await server.change(uri('draft.md'), 2, `${DRAFT}\nMore text.\n`);
  assert.equal(
    dateErrors((await server.waitForDiagnostics(uri('draft.md'), 2)).diagnostics).length,
    1,
    'the last good fact base still applies',
  );

  // In the editor: a YAML syntax error while typing, then a valid edit that moves the talks to 3 March.
  mark = server.mark();
  await server.open(uri('visit.facts.yaml'), facts('01').replace('sources: [s1] }\nevents', 'sources: [s1\nevents'), 'yaml', 1);
  const syntax = await server.waitForDiagnostics(uri('visit.facts.yaml'), 1, mark);
  assert.ok(
    syntax.diagnostics.length > 0 && syntax.diagnostics.every((d) => d.code === 'factbase-syntax'),
    JSON.stringify(syntax.diagnostics),
  );
  assert.ok(
    syntax.diagnostics.some((d) => d.range.start.line >= 6 && d.range.start.line <= 8),
    JSON.stringify(syntax.diagnostics.map((d) => d.range)),
  );
  const during = await server.waitForDiagnostics(uri('draft.md'), 2, mark);
  assert.deepEqual(
    during.diagnostics.map((d) => d.code),
    ['factbase-state', 'date-mismatch'],
    'the last good version, and a notice saying so',
  );
  mark = server.mark();
  await server.change(uri('visit.facts.yaml'), 2, facts('03'));
  assert.deepEqual((await server.waitForDiagnostics(uri('visit.facts.yaml'), 2, mark)).diagnostics, []);
  assert.deepEqual(
    dateErrors((await server.waitForDiagnostics(uri('draft.md'), 2, mark)).diagnostics),
    [],
    're-checked with the edited fact base',
  );
});

test('discovery: front matter beats the nearest fact base, which beats the bundled one', async () => {
  const { server, uri } = await workspace({ 'a.facts.yaml': facts('01'), 'custom/b.facts.yaml': facts('03'), 'drafts/sub/plain.md': '' });
  await server.open(uri('nearest.md'), DRAFT);
  assert.match(
    dateErrors((await server.waitForDiagnostics(uri('nearest.md'), 1)).diagnostics)[0]?.relatedInformation?.[0]?.location.uri ?? '',
    /a\.facts\.yaml$/,
  );
  await server.open(uri('front.md'), `---\nfacts: custom/b.facts.yaml\n---\n\n${DRAFT}`);
  assert.deepEqual(dateErrors((await server.waitForDiagnostics(uri('front.md'), 1)).diagnostics), []);
  await server.open(uri('drafts/sub/deep.md'), DRAFT);
  const deep = dateErrors((await server.waitForDiagnostics(uri('drafts/sub/deep.md'), 1)).diagnostics);
  assert.match(deep[0]?.relatedInformation?.[0]?.location.uri ?? '', /\/a\.facts\.yaml$/, 'found going up from the draft');
});

test('rule severities of the settings apply to fact-base problems: off hides the review hints, a level changes them', async () => {
  const candidate = facts('01').replace(
    'phrases: [talks with xi], sources: [s1] }',
    'phrases: [talks with xi], sources: [s1], review: candidate }',
  );
  const shown = async (config: string | undefined) => {
    const { server, uri } = await workspace({ 'visit.facts.yaml': candidate, ...(config ? { '.factlint.yaml': config } : {}) });
    await server.open(uri('visit.facts.yaml'), candidate, 'yaml', 1);
    const { diagnostics } = await server.waitForDiagnostics(uri('visit.facts.yaml'), 1);
    return diagnostics.map((d) => [d.code, d.severity]);
  };
  assert.deepEqual(await shown(undefined), [['factbase-review', 4]], 'a hint by default');
  assert.deepEqual(await shown('rules:\n  factbase-review: warning\n'), [['factbase-review', 2]]);
  assert.deepEqual(await shown('rules:\n  factbase-review: off\n'), []);
});
