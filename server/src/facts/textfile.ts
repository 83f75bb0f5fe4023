import { randomBytes } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  openSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** How a text file's bytes encode its text; a byte order mark is part of the encoding, not of the text. */
export type Encoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be';

/** A text file as read: its text (without the byte order mark) and how to write it back. */
export interface TextFile {
  text: string;
  encoding: Encoding;
}

/** A file that cannot be read as text; `reason` says why ("it is a named pipe, not a regular file"). */
export class UnreadableFile extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`Cannot read ${path}: ${reason}`);
  }
}

const BOMS: [Encoding, number[]][] = [
  ['utf8-bom', [0xef, 0xbb, 0xbf]],
  ['utf16le', [0xff, 0xfe]],
  ['utf16be', [0xfe, 0xff]],
];
const CHUNK = 1 << 20;

/** The most bytes a text of `maxChars` UTF-16 code units can take on disk (UTF-8 uses at most 3 bytes per code unit), BOM included. */
export const maxBytes = (maxChars: number) => 3 * maxChars + 3;

/**
 * Reads a regular file of at most `maxBytes(maxChars)` bytes as UTF-8 (with or without a byte order mark) or, with a byte
 * order mark, UTF-16. Anything else — a folder, pipe, device or socket, a larger file, bytes that are not valid in the
 * encoding — throws an {@link UnreadableFile} naming the path. The file is never opened before it is known to be a
 * regular file, so a named pipe cannot block the reader.
 */
export function readTextFile(path: string, maxChars: number): TextFile {
  const limit = maxBytes(maxChars);
  let fd: number;
  try {
    refuse(path, statSync(path), limit);
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw asUnreadable(path, error);
  }
  let bytes: Buffer;
  try {
    refuse(path, fstatSync(fd), limit); // in case the path was replaced after the first look
    bytes = readAtMost(fd, limit + 1);
  } catch (error) {
    throw asUnreadable(path, error);
  } finally {
    closeSync(fd);
  }
  if (bytes.length > limit) throw new UnreadableFile(path, `it grew past ${limit} bytes while being read`);
  return decode(path, bytes);
}

/** Encodes text as it was read: the same byte order mark and encoding. */
export function encodeText(text: string, encoding: Encoding): Buffer {
  if (encoding === 'utf8') return Buffer.from(text, 'utf8');
  if (encoding === 'utf8-bom') return Buffer.concat([Buffer.from(BOMS[0]![1]), Buffer.from(text, 'utf8')]);
  const body = Buffer.from(text, 'utf16le');
  if (encoding === 'utf16be') body.swap16();
  return Buffer.concat([Buffer.from(encoding === 'utf16le' ? BOMS[1]![1] : BOMS[2]![1]), body]);
}

/**
 * Replaces a file's content atomically: the text is written, in the given encoding, to a new file in the same folder,
 * which is then renamed over the file (over its target when the path is a symbolic link). The file keeps its mode; a
 * file the user may not write is refused.
 */
export function writeTextFile(path: string, text: string, encoding: Encoding): void {
  const target = realpathSync(path);
  // A rename would replace a read-only file too (only the folder's permission counts): refuse it as writing in place would.
  accessSync(target, constants.W_OK);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', statSync(target).mode & 0o7777);
  try {
    const bytes = encodeText(text, encoding);
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temp, target);
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(temp, { force: true });
    throw error;
  }
}

function refuse(path: string, stat: Stats, limit: number): void {
  const kind = stat.isDirectory()
    ? 'a folder'
    : stat.isFIFO()
      ? 'a named pipe'
      : stat.isSocket()
        ? 'a socket'
        : stat.isCharacterDevice() || stat.isBlockDevice()
          ? 'a device'
          : undefined;
  if (kind !== undefined) throw new UnreadableFile(path, `it is ${kind}, not a regular file`);
  if (!stat.isFile()) throw new UnreadableFile(path, 'it is not a regular file');
  if (stat.size > limit) throw new UnreadableFile(path, `it is ${stat.size} bytes long; the limit is ${limit} bytes`);
}

function readAtMost(fd: number, most: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < most) {
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK, most - total));
    const read = readSync(fd, chunk, 0, chunk.length, null);
    if (read === 0) break;
    chunks.push(chunk.subarray(0, read));
    total += read;
  }
  return Buffer.concat(chunks, total);
}

function decode(path: string, bytes: Buffer): TextFile {
  const [encoding, bom] = BOMS.find(([, b]) => b.every((byte, i) => bytes[i] === byte)) ?? ['utf8' as const, []];
  const body = bytes.subarray(bom.length);
  if (encoding === 'utf8' && looksLikeUtf16(body)) {
    throw new UnreadableFile(
      path,
      'it looks like UTF-16 without a byte order mark (every other byte is NUL); save it as UTF-8 or UTF-16 with one',
    );
  }
  const label = encoding === 'utf16le' ? 'utf-16le' : encoding === 'utf16be' ? 'utf-16be' : 'utf-8';
  try {
    // ignoreBOM keeps a second mark, which is text; the first was taken off above.
    return { text: new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(body), encoding };
  } catch {
    if (encoding === 'utf16le' || encoding === 'utf16be') {
      throw new UnreadableFile(path, 'it starts with a UTF-16 byte order mark but is not valid UTF-16; save it as UTF-8 or UTF-16');
    }
    const at = firstInvalid(body);
    const line = 1 + body.subarray(0, at).filter((b) => b === 0x0a).length;
    throw new UnreadableFile(path, `it is not valid UTF-8 (line ${line}, byte ${at + bom.length + 1}); save it as UTF-8 or UTF-16`);
  }
}

/** Text in UTF-16 without a mark: NUL in at least a third of its even or of its odd bytes (UTF-8 text holds NUL rarely). */
function looksLikeUtf16(bytes: Buffer): boolean {
  if (bytes.length < 2) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0) i % 2 === 0 ? even++ : odd++;
  return Math.max(even, odd) * 3 >= bytes.length / 2;
}

/** The offset of the first byte that is not part of valid UTF-8: the first replacement character that the bytes do not spell. */
function firstInvalid(bytes: Buffer): number {
  let at = 0;
  for (const char of new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)) {
    if (char === '\uFFFD' && !(bytes[at] === 0xef && bytes[at + 1] === 0xbf && bytes[at + 2] === 0xbd)) return at;
    at += Buffer.byteLength(char);
  }
  return at;
}

/** An error met while reading a path, as an {@link UnreadableFile} with a plain reason. */
export function asUnreadable(path: string, error: unknown): UnreadableFile {
  if (error instanceof UnreadableFile) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT'
      ? 'it does not exist'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'ELOOP'
          ? 'its symbolic links go round in a loop'
          : code === 'ENOTDIR'
            ? 'a folder on its path is a file'
            : error instanceof Error
              ? error.message
              : String(error);
  return new UnreadableFile(path, reason);
}
