import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver/node.js';
import { ROOT } from '../unit/paths.js';
import { DRAFT, facts } from './drafts.js';
import { start, type Server } from './harness.js';

// The CLI and the language server find a draft's fact base and configuration file the same way (facts/discover.ts):
// the same drafts in the same folders give the same findings through both.

const dirs: string[] = [];
const servers: Server[] = [];
after(async () => {
  for (const s of servers) await s.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A temporary project folder holding the files. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'factlint-discovery-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** A finding as both faces can show it: line:column-line:column severity rule message (1-based). */
type Row = string;
const SEVERITIES = ['', 'error', 'warning', 'information', 'hint'];

/** `factlint check . --format json` run in the folder: rows by draft. */
function cli(dir: string): { code: number | null; rows: Map<string, Row[]>; err: string } {
  const run = spawnSync(process.execPath, [join(ROOT, 'server', 'out', 'cli.cjs'), 'check', '.', '--format', 'json'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 20_000,
  });
  const rows = new Map<string, Row[]>();
  const found = JSON.parse(run.stdout || '[]') as {
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    severity: string;
    rule: string;
    message: string;
  }[];
  for (const f of found)
    rows.set(f.file, [
      ...(rows.get(f.file) ?? []),
      `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.severity} ${f.rule} ${f.message}`,
    ]);
  return { code: run.status, rows, err: run.stderr };
}

/** The server's diagnostics for each draft, opened in a server whose workspace folder is the project. */
async function server(dir: string, drafts: Record<string, string>): Promise<Map<string, Row[]>> {
  const s = start();
  servers.push(s);
  const root = pathToFileURL(dir).href;
  await s.initialize(undefined, { rootUri: root, workspaceFolders: [{ uri: root, name: 'project' }] });
  const rows = new Map<string, Row[]>();
  for (const [name, text] of Object.entries(drafts)) {
    const uri = pathToFileURL(join(dir, name)).href;
    await s.open(uri, text);
    const { diagnostics } = await s.waitForDiagnostics(uri, 1);
    const row = (d: Diagnostic) =>
      `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ` +
      `${SEVERITIES[d.severity ?? 1]} ${String(d.code)} ${d.message}`;
    if (diagnostics.length > 0) rows.set(name, diagnostics.map(row));
  }
  return rows;
}

test('a draft gets the same findings from the CLI and the server: front matter, .factlint.yaml, workspace fact files', async () => {
  const drafts = {
    // Front matter names a fact base whose talks were on 3 March; the draft says 4 March.
    'front/draft.md': `---\nfacts: ../bases/third.facts.yaml\n---\n\n${DRAFT.replace('3 March', '4 March')}`,
    // The configuration file above names a fact base whose talks were on 5 March, and makes date-mismatch a warning.
    'configured/sub/draft.md': DRAFT,
    // Left out by the configuration file's exclude glob.
    'configured/skipped.md': DRAFT,
    // The nearest fact files are in nearest/facts/, two folders up.
    'nearest/a/b/draft.md': DRAFT.replace('3 March', '2 March'),
  };
  const dir = project({
    ...drafts,
    'bases/third.facts.yaml': facts('03'),
    'configured/.factlint.yaml': 'factBase: ../other/fifth.facts.yaml\nrules:\n  date-mismatch: warning\nexclude: ["skipped.md"]\n',
    'other/fifth.facts.yaml': facts('05'),
    'nearest/facts/fourth.facts.yaml': facts('04'),
  });
  const fromCli = cli(dir);
  assert.equal(fromCli.err, '');
  assert.equal(fromCli.code, 1, 'an error was found');
  const fromServer = await server(dir, drafts);
  assert.deepEqual(fromServer, fromCli.rows);
  const dates = (name: string) =>
    (fromCli.rows.get(name) ?? []).filter((r) => r.includes('date-mismatch')).map((r) => r.split(' ').slice(1, 2)[0]);
  assert.deepEqual(dates('front/draft.md'), ['error'], "checked against the front matter's fact base");
  assert.deepEqual(dates('configured/sub/draft.md'), ['warning'], "the configuration file's fact base and severity");
  assert.deepEqual(dates('nearest/a/b/draft.md'), ['error'], 'the nearest fact files');
  assert.match(fromCli.rows.get('front/draft.md')!.join('\n'), /3 March 2023, not 4 March/);
  assert.match(fromCli.rows.get('configured/sub/draft.md')!.join('\n'), /5 March 2023, not 3 March/);
  assert.match(fromCli.rows.get('nearest/a/b/draft.md')!.join('\n'), /4 March 2023, not 2 March/);
  assert.equal(fromCli.rows.has('configured/skipped.md'), false, 'excluded');
});

test('a .factlint.yaml with an unknown key and a bad severity: the same located problems from the CLI and on the file in the editor', async () => {
  const config = 'rules:\n  date-mismatch: loud\n  no-such-rule: off\nhouseStyle: maybe\ncolour: red\n';
  const dir = project({ '.factlint.yaml': config, 'draft.md': DRAFT });
  const { code, err, rows } = cli(dir);
  assert.equal(code, 2);
  assert.deepEqual(rows, new Map(), 'the draft is not checked');
  const expected = [
    '2:18:error:config-invalid:The severity of date-mismatch must be one of error, warning, information, hint, off.',
    '3:3:error:config-invalid:Unknown rule "no-such-rule" in rules; the rules are listed in the README.',
    '4:13:error:config-invalid:houseStyle must be true or false.',
    '5:1:error:config-invalid:Unknown key "colour" in .factlint.yaml; the keys are factBase, rules, houseStyle, include, exclude.',
  ];
  assert.deepEqual(
    err
      .split('\n')
      .filter((l) => l.startsWith('.factlint.yaml:'))
      .map((l) => l.slice('.factlint.yaml:'.length)),
    expected,
  );
  assert.match(err, /Cannot check the draft draft\.md: its configuration file .*\.factlint\.yaml has problems/);

  const s = start();
  servers.push(s);
  const root = pathToFileURL(dir).href;
  await s.initialize(undefined, { rootUri: root, workspaceFolders: [{ uri: root, name: 'project' }] });
  await s.open(pathToFileURL(join(dir, 'draft.md')).href, DRAFT);
  const { diagnostics } = await s.waitForDiagnostics(pathToFileURL(join(dir, '.factlint.yaml')).href);
  assert.deepEqual(
    diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}:error:${String(d.code)}:${d.message}`),
    expected,
  );
});
