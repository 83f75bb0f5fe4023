import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DRAFT } from './drafts.js';
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
  for (const [path, kind] of [['/dev/zero', 'a device'], [pipe, 'a named pipe']] as const) {
    const draft = pathToFileURL(join(dir, `draft-${kind.length}.md`)).href;
    await s.open(draft, withFacts(path));
    const { diagnostics } = await s.waitForDiagnostics(pathToFileURL(path).href);
    assert.deepEqual(diagnostics.map((d) => [d.range.start, d.message]),
      [[{ line: 0, character: 0 }, `Cannot read the fact-base file ${path}: it is ${kind}, not a regular file`]]);
    assert.deepEqual((await s.waitForDiagnostics(draft, 1)).diagnostics, [], 'the draft is answered');
  }
});
