/** A span of text, in UTF-16 offsets. */
interface Span {
  start: number;
  end: number;
}

/** Any hint of an address; text without one (nearly all prose) is not scanned further. */
const HINT = /:\/\/|www\.|@/i;
/** Where a web address starts: "http://", "https://" or "www.", not inside a word. */
const WEB_START = /(?<![\p{L}\p{N}])(?:https?:\/\/|www\.)/giu;
/** Characters an address ends with that belong to the sentence around it, not to the address. */
const TRAILING = new Set(['?', '!', '.', ',', ':', ';', '*', '_', '~', "'", '"', '\u2019', '\u201d']);
/** What ends an address: a space, "<", or an object (code, HTML) in the prose. */
const STOP = /[\s<\uFFFC]/g;
const isMailLocal = (c: number) => isAlnum(c) || c === 46 || c === 43 || c === 45 || c === 95; // . + - _
const isMailDomain = (c: number) => isAlnum(c) || c === 46 || c === 45 || c === 95; // . - _
const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * The web and e-mail addresses written out in a text ("https://x.org/a", "www.x.org", "press@x.org", "mailto:a@x.org"),
 * read as GitHub Flavored Markdown reads its literal autolinks: an address runs to the next space or "<", less
 * trailing punctuation and any ")" it does not open. In offsets into the text, in order; linear in its length.
 */
export function findAddresses(text: string): Span[] {
  if (!HINT.test(text)) return [];
  const found: Span[] = [];
  WEB_START.lastIndex = 0;
  for (let m = WEB_START.exec(text); m; m = WEB_START.exec(text)) {
    const start = m.index;
    STOP.lastIndex = start + m[0].length;
    const stop = STOP.exec(text);
    const end = trimTrailing(text, start + m[0].length, stop ? stop.index : text.length);
    WEB_START.lastIndex = Math.max(end, start + 1);
    if (end > start + m[0].length) found.push({ start, end });
  }
  const emails: Span[] = [];
  let next = 0; // the web address the next "@" may fall in
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    while (next < found.length && found[next]!.end <= at) next++;
    if (next < found.length && found[next]!.start <= at) continue;
    let start = at;
    while (start > 0 && isMailLocal(text.charCodeAt(start - 1))) start--;
    let end = at + 1;
    while (end < text.length && isMailDomain(text.charCodeAt(end))) end++;
    while (end > at + 1 && text.charCodeAt(end - 1) === 46) end--; // a full stop after it ends the sentence
    const domain = text.slice(at + 1, end);
    if (start === at || !domain.includes('.') || /[-_]$/.test(domain)) continue;
    for (const scheme of ['mailto:', 'xmpp:']) {
      if (text.slice(Math.max(0, start - scheme.length), start).toLowerCase() === scheme) start -= scheme.length;
    }
    if (emails.length > 0 && emails.at(-1)!.end > start) continue;
    emails.push({ start, end });
  }
  return emails.length === 0 ? found : [...found, ...emails].sort((a, b) => a.start - b.start);
}

/** The end of an address once trailing punctuation and unmatched closing parentheses are left to the sentence. */
function trimTrailing(text: string, min: number, end: number): number {
  let opens = 0;
  let closes = 0;
  for (let k = min; k < end; k++) {
    if (text[k] === '(') opens++;
    else if (text[k] === ')') closes++;
  }
  while (end > min) {
    const c = text[end - 1]!;
    if (TRAILING.has(c)) end--;
    else if (c === ')' && closes > opens) {
      closes--;
      end--;
    } else break;
  }
  return end;
}
