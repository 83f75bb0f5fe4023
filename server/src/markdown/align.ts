import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { findAddresses } from './addresses.js';
import { OBJECT } from './prose.js';

// A text node's decoded value aligned with its source: the segments of a block's source map.

const ENTITY = /&(?:#(\d{1,7})|#[xX]([\da-fA-F]{1,6})|([A-Za-z][A-Za-z\d]{1,31}));/y;

/** Takes a run of prose and the source it came from. */
export type Push = (text: string, source: number, sourceLength: number) => void;

/** A text node's prose: its value aligned with its source, each web or e-mail address in it one object. */
export function addText(source: string, value: string, start: number, end: number, push: Push): void {
  let i = 0;
  let j = start;
  for (const address of findAddresses(value)) {
    j = align(source, value.slice(i, address.start), j, end, push);
    let first = -1;
    let last = j;
    j = align(source, value.slice(address.start, address.end), j, end, (_text, from, length) => {
      if (first < 0) first = from;
      last = from + length;
    });
    push(OBJECT, first < 0 ? j : first, first < 0 ? 0 : last - first);
    i = address.end;
  }
  align(source, i === 0 ? value : value.slice(i), j, end, push);
}

/**
 * Walks a text node's decoded value against its source slice, skipping escapes, line prefixes and CR, decoding
 * entities; returns where in the source the walk stopped.
 */
function align(source: string, value: string, start: number, end: number, push: Push): number {
  let i = 0;
  let j = start;
  let run = -1;
  let escaped = false;
  const flush = () => {
    if (run >= 0) push(toProseChars(source.slice(run, j)), run, j - run);
    run = -1;
  };
  while (i < value.length && j < end) {
    const c = value.charCodeAt(i);
    const s = source.charCodeAt(j);
    // An entity is tried before a plain match: "&amp;" decodes to "&", which would otherwise match its first character.
    if (s === 38 /* & */ && !escaped) {
      ENTITY.lastIndex = j;
      const m = ENTITY.exec(source);
      const decoded = m ? decodeEntity(m) : undefined;
      if (m && decoded && value.startsWith(decoded, i)) {
        flush();
        push(toProseChars(decoded), j, m[0].length);
        i += decoded.length;
        j += m[0].length;
        continue;
      }
    }
    escaped = false;
    if (c === 13 /* \r */ && s === 13 && value.charCodeAt(i + 1) === 10 && source.charCodeAt(j + 1) === 10) {
      flush(); // a CRLF line ending is one space, like LF and CR
      push(' ', j, 2);
      i += 2;
      j += 2;
      continue;
    }
    // The parser reads NUL as U+FFFD; the prose keeps the source's character so that the map stays one to one.
    if (c === s || (s === 0 && c === 0xfffd)) {
      if (run < 0) run = j;
      i++;
      j++;
      continue;
    }
    flush();
    if (s === 92 /* \ */ && source.charCodeAt(j + 1) === c) {
      escaped = true;
      j++;
      continue;
    }
    j++; // a container prefix ("> ", list indent) or anything else the value does not hold
  }
  flush();
  // Should the walk ever fall out of step, the rest of the value maps to the node's end: no text is lost.
  if (i < value.length) push(toProseChars(value.slice(i)), end, 0);
  return j;
}

function decodeEntity(m: RegExpExecArray): string | undefined {
  if (m[3] !== undefined) {
    const named = decodeNamedCharacterReference(m[3]);
    return named === false ? undefined : named;
  }
  const code = m[1] !== undefined ? Number.parseInt(m[1], 10) : Number.parseInt(m[2]!, 16);
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(code);
}

/** Line breaks become spaces so that sentences and names run across them. */
function toProseChars(text: string): string {
  return text.replace(/[\r\n]/g, ' ');
}
