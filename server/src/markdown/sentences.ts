import type { Span } from './prose.js';

// A block's prose split into sentences.

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Text segmented at a time (the segmenter slows down more than linearly on long strings), and the margin before a
 * window's end within which a break may depend on text the window cut off ("Mr. X|i spoke"). */
const WINDOW = 4096;
const MARGIN = 128;

/**
 * The sentences of a text, segmented window by window: sentences that end near a window's end are segmented
 * again from the start of the next window; a sentence longer than a window is split at the window's end.
 */
export function sentencesOf(text: string): Span[] {
  if (isOneSentence(text)) return [{ start: 0, end: text.length }];
  const spans: Span[] = [];
  let at = 0;
  while (at < text.length) {
    const end = Math.min(text.length, at + WINDOW);
    const last = end === text.length;
    let next = end;
    for (const { index, segment } of segmenter.segment(text.slice(at, end))) {
      const span = { start: at + index, end: at + index + segment.length };
      if (!last && span.end > end - MARGIN && index > 0) {
        next = span.start;
        break;
      }
      spans.push(span);
      if (!last && span.end > end - MARGIN) break; // one sentence filled the window
    }
    at = next === end && spans.length > 0 ? spans.at(-1)!.end : next;
  }
  return joinShortened(text, spans);
}

/** Splits texts into sentences (see {@link sentencesOf}). */
export type Splitter = (text: string) => Span[];

/**
 * {@link sentencesOf} for the blocks of one parse, each distinct text split once: a long draft repeats many of its
 * texts (a dateline, a boilerplate paragraph), and the blocks of one text share its sentences (which no one changes).
 */
export function sentencesOnce(): Splitter {
  const split = new Map<string, Span[]>();
  return (text) => {
    let spans = split.get(text);
    if (!spans) split.set(text, (spans = sentencesOf(text)));
    return spans;
  };
}

/** A shortened month not after a day number ("on Mar. ", not "28 Feb. "), or a shortened weekday, at a sentence's end. */
const SHORT_MONTH_END = /(?<!\d\s{0,3})\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.\s*$/;
const SHORT_WEEKDAY_END = /\b(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.\s*$/;
const MONTH_START =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b/;

/**
 * Sentences joined again where the segmenter broke inside a date after a shortened month or weekday:
 * "on Mar. 2, 2023", "Wed. 1 March", "Thu. March 2" are one sentence.
 */
function joinShortened(text: string, spans: Span[]): Span[] {
  if (spans.length < 2 || !/(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\./.test(text)) return spans;
  const joined: Span[] = [spans[0]!];
  for (let i = 1; i < spans.length; i++) {
    const last = joined.at(-1)!;
    const tail = text.slice(Math.max(last.start, last.end - 16), last.end);
    const next = text.slice(spans[i]!.start, spans[i]!.start + 12);
    const inDate =
      (SHORT_MONTH_END.test(tail) && /^\d/.test(next)) || (SHORT_WEEKDAY_END.test(tail) && (/^\d/.test(next) || MONTH_START.test(next)));
    if (inDate) joined[joined.length - 1] = { start: last.start, end: spans[i]!.end };
    else joined.push(spans[i]!);
  }
  return joined;
}

/** A sentence terminator or a paragraph separator: where the segmenter may break. */
const TERMINATOR = /[\p{Sentence_Terminal}\u0085\u2028\u2029\n\r\v\f]/u;
/** A terminator or a closing mark (")", "”", a quote), which may end a sentence together. */
const CLOSING = /[\p{Sentence_Terminal}\p{Pe}\p{Pf}\p{Pi}"']/u;
/** A space that is not a separator. */
const SPACE = /[^\S\u0085\u2028\u2029\n\r\v\f]/u;

/**
 * Whether a text is one sentence, as the segmenter would find: no terminator before its last run of terminators and
 * closing marks, followed only by spaces (most headings and table cells, and many short paragraphs). The segmenter
 * costs a few microseconds a call, so those texts skip it.
 */
function isOneSentence(text: string): boolean {
  if (text.length === 0 || text.length > 512) return false;
  let end = text.length;
  while (end > 0 && SPACE.test(text[end - 1]!)) end--;
  while (end > 0 && CLOSING.test(text[end - 1]!)) end--;
  return !TERMINATOR.test(end === text.length ? text : text.slice(0, end));
}
