import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ROOT } from './paths.js';

// The CLI (the built bundle, in a child process so that a hang fails the test instead of stopping the runner) on files
// that are not plain text files.

const dir = mkdtempSync(join(tmpdir(), 'factlint-cli-files-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, bytes: string | Buffer) => (writeFileSync(join(dir, name), bytes), join(dir, name));
const fifo = (name: string) => (execFileSync('mkfifo', [join(dir, name)]), join(dir, name));
const DRAFT = 'Lukashenka held talks with Xi Jinping on 3 March 2023.\n';

/** Runs `factlint ARGS` with a time limit; a run that does not finish fails. */
function cli(...args: string[]): { code: number | null; out: string; err: string } {
  const run = spawnSync(process.execPath, [join(ROOT, 'server', 'out', 'cli.cjs'), ...args], { encoding: 'utf8', timeout: 10_000 });
  assert.equal(run.error, undefined, `factlint ${args.join(' ')} did not finish: ${String(run.error)}`);
  return { code: run.status, out: run.stdout, err: run.stderr };
}

test('--facts naming a named pipe or a device exits 2 at once, naming the path', () => {
  for (const facts of [fifo('pipe.facts.yaml'), '/dev/zero']) {
    const { code, err } = cli('check', write('a.md', DRAFT), '--facts', facts);
    assert.equal(code, 2);
    assert.match(err, new RegExp(`Cannot read the fact-base file ${facts}: it is a (named pipe|device), not a regular file`));
  }
});

test('check /dev/zero, and a folder holding a named pipe called x.md: each is named, the other drafts are checked, exit 2', () => {
  const folder = join(dir, 'drafts');
  mkdirSync(folder);
  fifo('drafts/x.md');
  write('drafts/y.md', DRAFT);
  const { code, out, err } = cli('check', '/dev/zero', folder, '--format', 'lines');
  assert.equal(code, 2);
  assert.match(err, /Cannot read the draft \/dev\/zero: it is a device, not a regular file/);
  assert.match(err, new RegExp(`Cannot read the draft ${join(folder, 'x.md')}: it is a named pipe, not a regular file`));
  assert.match(out, /y\.md:1:\d+:error:date-mismatch:/);
});

test('a draft that is not valid UTF-8 is refused with its path and line, not checked with replacement characters', () => {
  const bad = write('latin1.md', Buffer.concat([Buffer.from('# Brief\n\nLukashenka '), Buffer.from([0xe9]), Buffer.from(' met Xi.\n')]));
  const { code, err } = cli('check', bad);
  assert.equal(code, 2);
  assert.match(err, new RegExp(`Cannot read the draft ${bad}: it is not valid UTF-8 \\(line 3, byte 21\\)`));
});

test('--facts naming a file that is not a fact base (/etc/passwd): one problem, none of its content', () => {
  const { code, err } = cli('check', write('b.md', DRAFT), '--facts', '/etc/passwd', '--format', 'lines');
  assert.equal(code, 2);
  const [heading, problem, ...rest] = err.trim().split('\n');
  assert.equal(heading, 'The fact base has 1 problem:');
  assert.match(
    problem ?? '',
    /^(\.\.\/)*\/?etc\/passwd:1:1:error:factbase-schema:\/etc\/passwd is not a fact-base file: its top level is not a map /,
  );
  assert.deepEqual(rest, []);
  assert.doesNotMatch(err, /root|nologin/, 'none of its content');
});

test('--fix writes back exactly the bytes it read outside the fixed range: a BOM and CRLF kept, UTF-16 written as UTF-16', () => {
  const before = 'Línea — café\r\nLukashenka held talks with Xi Jinping on 3 March 2023.\r\n\r\nNaïve text stays.\n';
  const after = before.replace('3 March', '1 March');
  const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();
  const cases: [string, (s: string) => Buffer][] = [
    ['utf8.md', (s) => Buffer.from(s, 'utf8')],
    ['bom.md', (s) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, 'utf8')])],
    ['le.md', (s) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')])],
    ['be.md', (s) => Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(s)])],
  ];
  for (const [name, encode] of cases) {
    const path = write(name, encode(before));
    const { code, err } = cli('check', path, '--fix', '--format', 'lines');
    assert.equal(code, 0, `${name}: ${err}`);
    assert.deepEqual(readFileSync(path), encode(after), name);
  }
});

test('--fix replaces a draft atomically: a new file renamed over it, with its mode, through a symbolic link, nothing left over', () => {
  const folder = join(dir, 'atomic');
  mkdirSync(folder);
  const real = join(folder, 'real.md');
  writeFileSync(real, DRAFT);
  chmodSync(real, 0o640);
  symlinkSync(real, join(folder, 'link.md'));
  const inode = statSync(real).ino;
  const { code, err } = cli('check', join(folder, 'link.md'), '--fix');
  assert.equal(code, 0, err);
  assert.equal(readFileSync(real, 'utf8'), DRAFT.replace('3 March', '1 March'));
  assert.ok(lstatSync(join(folder, 'link.md')).isSymbolicLink(), 'the link is still a link');
  assert.notEqual(statSync(real).ino, inode, "a new file took the old one's place");
  assert.equal(statSync(real).mode & 0o777, 0o640);
  assert.deepEqual(readdirSync(folder).sort(), ['link.md', 'real.md']);
});

test('a draft named on the command line that cannot be read is named, the others are checked, and the exit code is 2', () => {
  const missing = join(dir, 'missing.md');
  const good = write('good.md', DRAFT);
  const { code, out, err } = cli('check', missing, good, '--format', 'lines');
  assert.equal(code, 2);
  assert.equal(err.trim(), `Cannot read the draft ${missing}: it does not exist`);
  assert.match(out, /good\.md:1:\d+:error:date-mismatch:/);
});

test('a UTF-16 draft is checked like the same draft in UTF-8 (the byte order mark takes no column)', () => {
  const le = write('utf16le.md', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(DRAFT, 'utf16le')]));
  const be = write('utf16be.md', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(DRAFT, 'utf16le').swap16()]));
  const utf8 = write('utf8.md', DRAFT);
  const lines = (path: string) => {
    const { code, out } = cli('check', path, '--format', 'lines');
    assert.equal(code, 1, `${path}: an error is found`);
    return out.replace(path, 'draft');
  };
  assert.match(lines(utf8), /^draft:1:42:error:date-mismatch:/);
  assert.equal(lines(le), lines(utf8));
  assert.equal(lines(be), lines(utf8));
});

test('front matter naming a folder with no fact-base file: the folder is named, the draft is not called clean, exit 2', () => {
  mkdirSync(join(dir, 'no-facts'));
  const draft = write('names-empty-folder.md', `---\nfacts: no-facts\n---\n\n${DRAFT}`);
  const { code, out, err } = cli('check', draft);
  assert.equal(code, 2);
  assert.match(
    err,
    /no-facts:1:1:error:factbase-syntax:Cannot read the fact-base file .*no-facts: it is a folder with no \*\.facts\.yaml file in it/,
  );
  assert.match(err, /Cannot check the draft .*names-empty-folder\.md: its fact base has problems/);
  assert.doesNotMatch(out, /^No problems found\.$/m);
  assert.match(out, /^1 path could not be checked \(the reasons follow on stderr\)\.$/m);
});
