import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { FIXTURES, ROOT } from './paths.js';

const dir = mkdtempSync(join(tmpdir(), 'factlint-facts-check-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `factlint ARGS` in a folder, with a time limit. */
function cli(cwd: string, ...args: string[]): { code: number | null; out: string; err: string } {
  const run = spawnSync(process.execPath, [join(ROOT, 'server', 'out', 'cli.cjs'), ...args], { cwd, encoding: 'utf8', timeout: 20_000 });
  assert.equal(run.error, undefined, String(run.error));
  return { code: run.status, out: run.stdout, err: run.stderr };
}

test('facts check: every fact base shipped or used by the tests is valid (v1 files stay valid in v2), exit 0', () => {
  const rules = join(FIXTURES, 'rules');
  const own = readdirSync(rules)
    .filter((name) => readdirSync(join(rules, name)).includes('facts.yaml'))
    .map((name) => join(rules, name, 'facts.yaml'));
  for (const target of [join(ROOT, 'facts'), join(FIXTURES, 'factbases'), ...own]) {
    const { code, out, err } = cli(ROOT, 'facts', 'check', target, '--format', 'lines');
    // v1 forms that v2 replaces are hints (facts migrate rewrites them), never problems.
    const problems = out
      .trim()
      .split('\n')
      .filter((line) => line !== '' && !line.includes(':hint:factbase-outdated:'));
    assert.deepEqual([code, problems, err], [0, [], ''], target);
  }
});

test('facts check: the files of a folder are one fact base; problems in every format of check; exit 1', () => {
  const folder = join(dir, 'base');
  mkdirSync(folder);
  writeFileSync(
    join(folder, 'a.facts.yaml'),
    'sources:\n  - { id: s1, title: A report, publisher: An outlet, url: "https://example.org/a" }\n' +
      'people:\n  - { id: ada, name: Ada, sources: [s2] }\n',
  );
  writeFileSync(
    join(folder, 'b.facts.yaml'),
    'events:\n  - { id: e1, name: E, kind: summit, start: 2023-02-30, participants: [ada], sources: [s1] }\n',
  );
  const lines = cli(dir, 'facts', 'check', '--format', 'lines');
  assert.equal(lines.code, 1);
  assert.deepEqual(lines.out.trim().split('\n'), [
    'base/a.facts.yaml:4:37:error:factbase-reference:person ada \u203a sources: no source has the id "s2"; did you mean "s1"?',
    'base/b.facts.yaml:2:45:error:factbase-schema:event e1 \u203a start: 2023-02-30 is not a day of the calendar: February 2023 has 28 days',
  ]);
  const json = JSON.parse(cli(dir, 'facts', 'check', 'base', '--format', 'json').out) as { file: string; line: number; rule: string }[];
  assert.deepEqual(
    json.map((f) => [f.file, f.line, f.rule]),
    [
      ['base/a.facts.yaml', 4, 'factbase-reference'],
      ['base/b.facts.yaml', 2, 'factbase-schema'],
    ],
  );
  const sarif = JSON.parse(cli(dir, 'facts', 'check', 'base', '--format', 'sarif').out) as { runs: { results: unknown[] }[] };
  assert.equal(sarif.runs[0]!.results.length, 2);
  assert.match(cli(dir, 'facts', 'check', 'base').out, /2 problems \(2 errors, 0 warnings, 0 information, 0 hints\)/);
});

test('facts check: the severities of the nearest .factlint.yaml apply, as for drafts (off leaves a rule out)', () => {
  const folder = join(dir, 'configured');
  mkdirSync(folder);
  writeFileSync(
    join(folder, 'a.facts.yaml'),
    'sources:\n  - { id: s1, title: A report, publisher: An outlet, url: "https://example.org/a" }\n' +
      'people:\n  - { id: ada, name: Ada, sources: [s1], review: candidate }\n  - { id: bo, name: Bo, sources: [s2] }\n',
  );
  const rules = () =>
    cli(folder, 'facts', 'check', '--format', 'lines')
      .out.trim()
      .split('\n')
      .map((line) => line.split(':').slice(3, 5).join(':'));
  assert.deepEqual(rules(), ['hint:factbase-review', 'error:factbase-reference']);
  writeFileSync(join(folder, '.factlint.yaml'), 'rules:\n  factbase-review: off\n  factbase-reference: warning\n');
  assert.deepEqual(rules(), ['warning:factbase-reference']);
  assert.equal(cli(folder, 'facts', 'check').code, 0, 'no error left');
});

test('facts check: a path that cannot be read, or no fact base found, exits 2; an unknown subcommand is bad usage', () => {
  const missing = cli(dir, 'facts', 'check', 'nowhere.facts.yaml');
  assert.deepEqual([missing.code, missing.err.trim()], [2, 'Cannot read the fact-base file nowhere.facts.yaml: it does not exist']);
  const empty = join(dir, 'empty');
  mkdirSync(empty);
  assert.deepEqual([cli(empty, 'facts', 'check').code, cli(empty, 'facts', 'check').err.trim()], [2, 'No *.facts.yaml files found.']);
  const wrong = cli(dir, 'facts', 'lint');
  assert.equal(wrong.code, 2);
  assert.match(wrong.err, /^Unknown command "facts lint"/);
});

test('each command has its own --help: what it reads and writes, its options and exit codes', () => {
  const help = (...args: string[]) => {
    const run = cli(dir, ...args, '--help');
    assert.equal(run.code, 0);
    return run.out;
  };
  const extract = help('facts', 'extract');
  assert.equal(extract.split('\n')[0], 'Usage: factlint facts extract SOURCE… [--url URL] [--date YYYY-MM-DD …] [-o FILE]');
  assert.match(extract, /one per source in the order given/);
  assert.match(extract, /merge into it/);
  assert.match(extract, /Exit codes:/);
  assert.match(help('facts', 'check'), /^Usage: factlint facts check .*\n[\s\S]*factbase-review: off/);
  assert.match(help('facts', 'migrate'), /^Usage: factlint facts migrate .*\n[\s\S]*--write rewrites the files in place/);
  const check = help('check');
  assert.match(check, /^Usage: factlint check .*\n\nChecks Markdown drafts/);
  assert.doesNotMatch(check, /facts extract/, 'only the command asked about');
  assert.match(help(), /^Usage: factlint check[\s\S]*factlint facts extract[\s\S]*each has --help/, 'the overview names every command');
});
