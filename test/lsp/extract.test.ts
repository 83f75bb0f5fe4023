import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { start, type Server } from './harness.js';
import { FIXTURES } from '../unit/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'factlint-lsp-extract-'));
const servers: Server[] = [];
after(async () => {
  for (const s of servers) await s.stop();
  rmSync(dir, { recursive: true, force: true });
});

type Result = { target: string; facts: number; conflicts: string[] } | { error: string };

test('"Extract facts from this file": the server reads the open article into a fact base, merges a second one, and keeps unsaved edits', async () => {
  const server = start();
  servers.push(server);
  const root = pathToFileURL(dir).href;
  await server.initialize(undefined, { rootUri: root, workspaceFolders: [{ uri: root, name: 'ws' }] });
  const run = (args: unknown[]) =>
    server.connection.sendRequest<Result>('workspace/executeCommand', { command: 'factlint.extractFactsInto', arguments: args });
  const target = join(dir, 'visit.facts.yaml');
  const readout = join(FIXTURES, 'extract', 'readout.md');
  // The article as it is in the editor (unsaved text included).
  const first = await run([readout, readFileSync(readout, 'utf8'), target]);
  assert.ok(!('error' in first), JSON.stringify(first));
  assert.deepEqual([first.target, first.conflicts], [target, []]);
  const wire = join(FIXTURES, 'extract', 'wire.txt');
  const second = await run([wire, readFileSync(wire, 'utf8'), target]);
  assert.ok(!('error' in second));
  assert.ok(
    second.conflicts.some((c) =>
      /^event talks-aino-lehto-kadri-saarepuu › start: .* says 2024-05-15, the fact base has 2024-05-14$/.test(c),
    ),
    second.conflicts.join('\n'),
  );
  const base = parse(readFileSync(target, 'utf8')) as { sources: unknown[] };
  assert.equal(base.sources.length, 2);
  // The fact base open with unsaved changes is not written over.
  await server.open(pathToFileURL(target).href, `${readFileSync(target, 'utf8')}# an edit not saved\n`, 'yaml');
  const refused = await run([readout, readFileSync(readout, 'utf8'), target]);
  assert.deepEqual(refused, { error: `${target} has unsaved changes: save it, then extract again.` });
  assert.deepEqual(await run([readout]), { error: 'Give the source path, its text and the fact-base path.' });
});
