import { perBlock, START, type BlockFacts, type Carried } from './analyse.js';
import type { DateMention } from './dates.js';

// A dateline dates the report, not what it reports: "MINSK, March 6 (BelTA) –", "Beijing, 1 March 2023:",
// "MOSCOW (Agency – 22 September 2022)", "4 December 2023 – (Beijing)". A paragraph or list item opens with one; a
// date that opens a list item or a table cell is a timeline entry ("- 27 February 2023 – arrives in Beijing").
// A section (the text after a heading) that opens with a dateline is one report: the dateline dates its later
// paragraphs too. A section with a second dateline is a collection of reports: from there on, each dates its own.

/** A place before the date: in capitals, or followed by a comma, or with an agency in brackets. */
const PLACE_BEFORE =
  /^\s*(?:\p{Lu}[\p{Lu}\s.'\u2019-]{1,40}(?:,\s*|\s*\([^()]{0,60}?[-\u2013\u2014,]\s*)|\p{Lu}[\p{L}\s.'\u2019-]{1,40},\s*)$/u;
/** After a date with a place before it: a dash, a colon, an agency in brackets, or the bracket it closes. */
const AFTER_PLACE = /^\s*(?:[-\u2013\u2014:]|\([^()]{1,60}\)|\))/;
/** After a date that opens the paragraph: a place or agency in brackets, with or without a dash before it. */
const AFTER_DATE = /^\s*(?:[-\u2013\u2014]\s*)?\([^()]{1,60}\)/;

/** Whether a date opens its block as a dateline (worked out once per block: every date rule asks of every date). */
export function isDateline(bf: BlockFacts, mention: DateMention): boolean {
  return bf.dates[0] === mention && datelineOf(bf) === mention;
}

/** Whether the block's first date opens it as a dateline. */
function opensAsDateline(bf: BlockFacts, mention: DateMention): boolean {
  const { block } = bf;
  if (block.kind !== 'paragraph' || block.container === 'quote' || mention.start >= 80) return false;
  const before = bf.text.slice(0, mention.start);
  const after = bf.text.slice(mention.end, mention.end + 64);
  // In a list, only a place before the date makes a dateline ("- MINSK, March 6 (BelTA) –"): a date first is an entry.
  if (before.trim() === '') return block.container === undefined && AFTER_DATE.test(after);
  return PLACE_BEFORE.test(before) && AFTER_PLACE.test(after);
}

/** The block's dateline, if it opens with one. */
export const datelineOf = perBlock((bf): DateMention | undefined => {
  const first = bf.dates[0];
  return first && opensAsDateline(bf, first) ? first : undefined;
});

/**
 * The date of the report a block belongs to: its own dateline, else that of the report its paragraph continues, else the
 * draft's own date (front matter `date:`).
 */
export function reportDateline(bf: BlockFacts): DateMention | undefined {
  const own = datelineOf(bf);
  if (own) return own;
  return bf.block.kind === 'paragraph' && bf.block.container === undefined ? (bf.carried.dateline ?? bf.carried.draftDate) : undefined;
}

/** Whether a report date is the draft's own (front matter), not a dateline: for messages. */
export const isDraftDate = (bf: BlockFacts, date: DateMention): boolean => date === bf.carried.draftDate;

/** A day written as front matter's `date:` ("2023-03-02", "2023-03-02T09:00:00Z", quoted or not). */
const DRAFT_DATE = /^date:[ \t]*["']?(\d{4})-(\d{2})-(\d{2})(?![\d-])/m;

/** What a draft's first block carries: no dateline, and the draft's date from its front matter, if it gives a day. */
export function draftStart(frontmatter: string | undefined): Carried {
  const m = frontmatter === undefined ? null : DRAFT_DATE.exec(frontmatter);
  if (!m) return START;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return START;
  const text = `${m[1]}-${m[2]}-${m[3]}`;
  return { first: true, draftDate: { start: 0, end: 0, text, style: 'iso', from: { year, month, day } } };
}

/** What a block hands on to the next (see {@link Carried}): a heading starts a section; a second dateline ends the report. */
export function carriedOut(bf: BlockFacts): Carried {
  const out = carriedOn(bf);
  // The draft's own date holds to its end.
  const { draftDate } = bf.carried;
  return draftDate && out.draftDate !== draftDate ? { ...out, draftDate } : out;
}

function carriedOn(bf: BlockFacts): Carried {
  const { block } = bf;
  if (block.kind === 'heading') return { first: true };
  if (block.kind === 'cell') return bf.carried.first ? { first: false } : bf.carried;
  const own = datelineOf(bf);
  if (own) return bf.carried.first ? { dateline: own, first: false } : { first: false };
  return bf.carried.first ? { first: false } : bf.carried;
}
