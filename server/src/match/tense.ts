// The past perfect ("Sepp had joined them in Riga in March", "they had met twice before"): a time before the one the
// text has reached, told in passing. A sentence in it is an aside; the text goes on about what it was about.

/** Past participles that do not end in -ed (the common verbs of what officials do). */
const IRREGULAR =
  'been|met|held|gone|seen|made|done|taken|given|spoken|written|flown|come|known|sat|led|told|said|left|brought|sent|won|begun|become|put|set|run|stood|kept|found|thought|paid|sought|struck|drawn|chosen|broken|laid|meant|heard|grown|shown|fallen';

/** "had" (not "had to", "had talks") before a past participle, with at most an adverb or "not" between. */
const PAST_PERFECT = new RegExp(
  `\\bhad\\s+(?:(?:not|never|already|also|just|once|previously|earlier|first|\\p{Ll}+ly)\\s+){0,2}(?:\\p{Ll}+ed|${IRREGULAR})\\b`,
  'iu',
);

/** Whether a sentence's verb is in the past perfect. */
export function pastPerfect(text: string): boolean {
  return PAST_PERFECT.test(text);
}
