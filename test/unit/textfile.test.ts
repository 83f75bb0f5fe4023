import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readTextFile, UnreadableFile } from '../../server/src/facts/textfile.js';

// The one gate every draft and fact-base file goes through: regular files only, bounded, UTF-8 or UTF-16 with a mark.

const dir = mkdtempSync(join(tmpdir(), 'factlint-textfile-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, bytes: string | Buffer) => (writeFileSync(join(dir, name), bytes), join(dir, name));

/** The reason a path is refused (the test fails if it is read). */
function refused(path: string, maxChars = 1000): string {
  try {
    readTextFile(path, maxChars);
  } catch (error) {
    assert.ok(error instanceof UnreadableFile, String(error));
    assert.equal(error.path, path);
    assert.ok(error.message.includes(path), 'the message names the path');
    return error.reason;
  }
  assert.fail(`${path} was read`);
}

test('UTF-8 with and without a byte order mark, and UTF-16 LE and BE with one, are read as the same text', () => {
  const text = 'Xi met Лукашенко on 1 March 2023 😀\r\nline two\n';
  const cases: [string, Buffer, string][] = [
    ['plain.md', Buffer.from(text, 'utf8'), 'utf8'],
    ['bom.md', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'utf8-bom'],
    ['le.md', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'utf16le'],
    ['be.md', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]), 'utf16be'],
  ];
  for (const [name, bytes, encoding] of cases) assert.deepEqual(readTextFile(write(name, bytes), 1000), { text, encoding }, name);
});

test('invalid UTF-8 is refused, with the line of the first bad byte, instead of being replaced', () => {
  const reason = refused(
    write('latin1.md', Buffer.concat([Buffer.from('one\ntwo\nna'), Buffer.from([0xef, 0x76, 0x65]), Buffer.from('\n')])),
  );
  assert.match(reason, /not valid UTF-8 \(line 3, byte 11\)/);
  assert.match(refused(write('odd.md', Buffer.from([0xff, 0xfe, 0x41]))), /not valid UTF-16/);
});

test('folders, named pipes and devices are refused without being opened; the size is checked before reading', { timeout: 10_000 }, () => {
  mkdirSync(join(dir, 'folder.md'));
  assert.match(refused(join(dir, 'folder.md')), /it is a folder, not a regular file/);
  execFileSync('mkfifo', [join(dir, 'pipe.md')]);
  assert.match(refused(join(dir, 'pipe.md')), /it is a named pipe, not a regular file/);
  assert.match(refused('/dev/zero'), /it is a device, not a regular file/);
  assert.match(refused(join(dir, 'missing.md')), /it does not exist/);
  assert.match(refused(write('big.md', 'x'.repeat(40)), 10), /it is 40 bytes long; the limit is 33 bytes/);
  assert.equal(readTextFile(write('fits.md', 'é'.repeat(15)), 10).text.length, 15, 'the limit in bytes allows for multi-byte characters');
});
