import type { Claim, FactBase } from '../facts/types.js';
import type { Span } from '../markdown/prose.js';
import { isQuoted } from './quoted.js';
import { itemsIn, perBlock, spanId, type BlockFacts } from './analyse.js';
import { claimFiguresOf, isClaimValue, withInner } from './figures.js';
import { PhraseMatcher } from './phrases.js';
import { tokenAt, type Token } from './tokens.js';
import { REPORTING_WORDS } from '../facts/reporting.js';

/** Words that report what someone said or estimated (generic English): a sentence with one attributes its figures. */
const REPORTING = new PhraseMatcher<true>();
for (const p of REPORTING_WORDS) REPORTING.add(p, true);
/** Whether a span reports what someone said ("said", "according to", "told"): what follows in it is their account. */
export function reportsSpeech(bf: BlockFacts, span: Span): boolean {
  return REPORTING.find(bf.text, itemsIn(bf.tokens, span)).length > 0;
}

/** Reporting words by which one passes on another's words, so that who is named with them need not be the source. */
const RELAYING = new Set([
  'reported',
  'reports',
  'reportedly',
  'quoted',
  'quoting',
  'cited',
  'citing',
  'wrote',
  'writes',
  'readout',
  'press',
  'spoke',
  'speaking',
]);

/** Nouns by which a draft says what it is: "This is the readout of …", a heading "Press release of …". */
const FRAMING = new PhraseMatcher<true>();
for (const p of [
  'statement',
  'press release',
  'news release',
  'readout',
  'read-out',
  'communique',
  'communiqué',
  'transcript',
  'official website',
  'press service',
  'press office',
])
  FRAMING.add(p, true);
/** Words by which a sentence points at the draft itself ("this text", "the following", "below"). */
const DEICTIC = new Set(['this', 'following', 'below', 'here', 'text', 'translation']);
/** Whether a span of a block attributes a claim (see Attribution's #cues), by span and claim: per block text. */
const cuesFound = perBlock(() => new Map<string, boolean>());

/** The first words of those nouns: a block without one has no sentence that says what the draft is. */
const FRAMING_FIRST: ReadonlySet<string> = new Set(FRAMING.firstWords());

/** The sentences of a block that say what the draft is (see Attribution's #framing): once per block text. */
const framingOf = perBlock((bf): { sentence: Span; tokens: Token[] }[] => {
  if (!bf.tokens.some((t) => FRAMING_FIRST.has(t.lower))) return [];
  const found: { sentence: Span; tokens: Token[] }[] = [];
  for (const sentence of bf.block.sentences) {
    const tokens = itemsIn(bf.tokens, sentence);
    // "joint statement" names a document the draft is about, not what the draft is.
    if (!FRAMING.find(bf.text, tokens).some((m) => tokens[m.first - 1]?.lower !== 'joint')) continue;
    if (bf.block.kind !== 'heading' && !tokens.some((t) => DEICTIC.has(t.lower))) continue;
    found.push({ sentence, tokens });
  }
  return found;
});

/** Whether a block's text ends in a character, trailing white space aside (read from the end: no copy of the text). */
function ends(bf: BlockFacts, char: string): boolean {
  const { text } = bf;
  let i = text.length - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  return text[i] === char;
}

/**
 * Where a claimed figure counts as attributed (issue 9, precision first): in a sentence that reports speech or names
 * the claim's attribution or a claimant; after such a sentence in its paragraph; inside quotation marks in a paragraph
 * that has one; in a block quote or list whose lead-in ("In the minister's words:") introduces it; in a headline over
 * text that attributes the claim; and anywhere in a draft that frames itself as the claimant's own statement, readout
 * or press release.
 */
export class Attribution {
  readonly #blocks: BlockFacts[];
  readonly #facts: FactBase;
  #position?: Map<BlockFacts, number>;
  /** Per block, the index of the block that leads into its block quote or list (-1 for none). */
  #leads?: number[];
  readonly #below = new Map<Claim, boolean[]>();
  readonly #framed = new Map<Claim, boolean>();
  /** Whether a person or organisation published a source of a claim (see #publishes), by their ids and the claim's. */
  readonly #reporters = new Map<string, boolean>();
  /** The sentences that say what the draft is (see #framing), once found. */
  #framingSentences?: { bf: BlockFacts; sentence: Span; tokens: Token[] }[];

  constructor(blocks: BlockFacts[], facts: FactBase) {
    this.#blocks = blocks;
    this.#facts = facts;
  }

  /** Whether a figure of a claim at `at` in a block is attributed. */
  attributed(bf: BlockFacts, sentence: Span, at: number, claim: Claim): boolean {
    if (this.#cues(bf, sentence, claim)) return true;
    // The sentences before it in its paragraph; all of the paragraph when the figure is quoted speech.
    const upTo = isQuoted(bf, at) ? bf.text.length : sentence.start;
    if (upTo > 0 && this.#cues(bf, { start: 0, end: upTo }, claim)) return true;
    if (this.#introduced(bf, claim) || this.#headline(bf, claim)) return true;
    return this.#frames(claim);
  }

  /**
   * A headline (a heading, or a paragraph of one sentence with no full stop, as a title is) sums up the text under
   * it: its figure is attributed when the text under it, up to the next heading, states that claim with attribution.
   */
  #headline(bf: BlockFacts, claim: Claim): boolean {
    const title =
      bf.block.kind === 'heading' ||
      (bf.block.kind === 'paragraph' && bf.block.sentences.length === 1 && !/[.!?]["'\u201d\u2019)]*$/.test(bf.text.trimEnd()));
    if (!title) return false;
    let below = this.#below.get(claim);
    if (!below) {
      // One pass from the end: whether the blocks after each one, up to the next heading, attribute the claim.
      below = new Array<boolean>(this.#blocks.length);
      let any = false;
      for (let i = this.#blocks.length - 1; i >= 0; i--) {
        below[i] = any;
        const next = this.#blocks[i]!;
        if (next.block.kind === 'heading') any = false;
        else any ||= this.#states(next, claim);
      }
      this.#below.set(claim, below);
    }
    return below[this.#indexOf(bf)] ?? false;
  }

  /** Whether a block states a claim's value with attribution (in the sentence or before it, or by a lead-in). */
  #states(bf: BlockFacts, claim: Claim): boolean {
    return claimFiguresOf(bf).some(
      (figure) =>
        isClaimValue(figure, claim) &&
        (this.#cues(bf, { start: 0, end: bf.sentenceAt(figure.start).end }, claim) || this.#introduced(bf, claim)),
    );
  }

  #indexOf(bf: BlockFacts): number {
    this.#position ??= new Map(this.#blocks.map((b, i) => [b, i]));
    return this.#position.get(bf) ?? 0;
  }

  /**
   * Whether a figure is attributed only by a sentence of its paragraph before the one right before it, neither its own
   * sentence nor that one attributing it ("Aleinik said …. In all, 40 agreements were signed. The agreements are worth
   * $3.5 billion."): the writer has resumed their own voice, and the wording of the figure's sentence is theirs.
   */
  attributedEarlier(bf: BlockFacts, sentence: Span, claim: Claim): boolean {
    const i = bf.block.sentences.findIndex((s) => s.start === sentence.start);
    const previous = bf.block.sentences[i - 1];
    return (
      i > 1 &&
      !this.#cues(bf, { start: previous!.start, end: sentence.end }, claim) &&
      this.#cues(bf, { start: 0, end: previous!.start }, claim)
    );
  }

  /**
   * Whether a span names the claim's attribution or one of its claimants, or reports speech of someone who may have
   * made or reported the claim: a speaker not named ("officials said", "he said"), a claimant, or one who reported it.
   * Speech of someone else the fact base knows ("Peskov said") is not attribution of another's claim.
   */
  #cues(bf: BlockFacts, span: Span, claim: Claim): boolean {
    // It depends on the block's text and the claim alone: asked for many figures and readings, found once.
    const found = cuesFound(bf);
    const key = `${spanId(span)} ${claim.id}`;
    let cues = found.get(key);
    if (cues === undefined) {
      cues =
        this.#names(bf, span, claim, false) ||
        REPORTING.find(bf.text, itemsIn(bf.tokens, span)).some((cue) => this.#speakers(bf, span, cue, claim).length === 0);
      found.set(key, cues);
    }
    return cues;
  }

  /**
   * The people or organisations a sentence gives as the speaker of a claim's figure, none of whom made or reported the
   * claim ("Kremlin spokesman Dmitry Peskov said …"): its own reporting words all name such speakers. Empty when the
   * sentence does not report speech, or attributes it as #cues allows.
   */
  otherSpeakers(bf: BlockFacts, sentence: Span, claim: Claim): string[] {
    const cues = REPORTING.find(bf.text, itemsIn(bf.tokens, sentence));
    if (cues.length === 0 || this.#names(bf, sentence, claim, false)) return [];
    const speakers = cues.map((cue) => this.#speakers(bf, sentence, cue, claim));
    return speakers.some((list) => list.length === 0) ? [] : [...new Set(speakers.flat())];
  }

  /**
   * The speakers a reporting word names when none of them made or reported the claim: the names within a few words
   * before it ("Dmitry Peskov said", "Peskov, the spokesman, told") or right after it ("according to Peskov", "said
   * Peskov"). Empty when it names none, or any of them made or reported the claim.
   */
  #speakers(bf: BlockFacts, span: Span, cue: Span, claim: Claim): string[] {
    // One who cites, quotes or reports passes on someone's words ("Lindqvist cited the estimate"): not the speaker.
    // The cue's words are counted in the block's tokens, as the names' are (its first/last count in the span's).
    const cueFirst = tokenAt(bf.tokens, cue.start);
    const cueLast = tokenAt(bf.tokens, cue.end) - 1;
    if (RELAYING.has(bf.tokens[cueFirst]!.lower)) return [];
    const near = itemsIn(bf.names, span).filter((n) => {
      const first = tokenAt(bf.tokens, n.start);
      const last = tokenAt(bf.tokens, n.end) - 1;
      return (last < cueFirst && cueFirst - last <= 6) || (first > cueLast && first - cueLast <= 2);
    });
    if (near.some((n) => this.#madeOrReported(n.form.entity.id, claim))) return [];
    return [...new Set(near.map((n) => n.form.entity.name))];
  }

  /** Whether someone made a claim, or published a source of it (by name: "Sputnik" for a report by Sputnik). */
  #madeOrReported(id: string, claim: Claim): boolean {
    if (claim.claimedBy.some((a) => a.by === id)) return true;
    // A matter of the fact base alone: worked out once per person and claim.
    const key = `${id}\u0000${claim.id}`;
    let reported = this.#reporters.get(key);
    if (reported === undefined) this.#reporters.set(key, (reported = this.#publishes(id, claim)));
    return reported;
  }

  /** Whether someone published a source of a claim (by name: "Sputnik" for a report by Sputnik). */
  #publishes(id: string, claim: Claim): boolean {
    const entity = this.#facts.people.get(id) ?? this.#facts.organisations.get(id);
    if (!entity) return false;
    const names = [entity.name, ...entity.preferred, ...entity.spellings].map((n) => n.toLowerCase());
    const sources = [...claim.sources, ...claim.claimedBy.flatMap((a) => a.sources)];
    return sources.some((s) => {
      const publisher = this.#facts.sources.get(s)?.publisher.toLowerCase() ?? '';
      return names.some((n) =>
        new RegExp(`(?:^|[^\\p{L}])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:$|[^\\p{L}])`, 'u').test(publisher),
      );
    });
  }

  /** Whether a span names a claimant, or one of the claim's attribution phrases (only those naming someone, if `named`). */
  #names(bf: BlockFacts, span: Span, claim: Claim, named: boolean): boolean {
    const phrases = withInner(bf.index.attribution, bf, itemsIn(bf.attribution, span));
    if (phrases.some((m) => m.values.includes(claim) && !(named && REPORTING.matchAt(bf.text, bf.tokens, m.first)))) return true;
    return itemsIn(bf.names, span).some((n) => claim.claimedBy.some((a) => a.by === n.form.entity.id));
  }

  /**
   * A block in a block quote or list is introduced by the block before the quote or list, or by the last block
   * inside it that ends in ":": a block quote by any such lead-in ending in ":" or reporting speech, a list by a lead-in
   * ending in ":" that reports speech or names the claimant.
   */
  #introduced(bf: BlockFacts, claim: Claim): boolean {
    if (!bf.block.container) return false;
    if (!this.#leads) {
      // One pass: per container kind, the last block that ends a run of it (another container, or a ":").
      this.#leads = [];
      const last = { quote: -1, list: -1 };
      for (const [j, b] of this.#blocks.entries()) {
        this.#leads.push(b.block.container ? last[b.block.container] : -1);
        for (const kind of ['quote', 'list'] as const) if (b.block.container !== kind || ends(b, ':')) last[kind] = j;
      }
    }
    const lead = this.#blocks[this.#leads[this.#indexOf(bf)] ?? -1];
    if (!lead || lead.block.kind === 'cell') return false;
    const last = lead.block.sentences.at(-1) ?? { start: 0, end: lead.text.length };
    const colon = ends(lead, ':');
    if (bf.block.container === 'quote' && colon) return true;
    return (colon || bf.block.container === 'quote') && this.#cues(lead, last, claim);
  }

  /** Whether a heading, or a sentence about the draft itself, frames the draft as a claimant's statement or readout. */
  #frames(claim: Claim): boolean {
    let framed = this.#framed.get(claim);
    if (framed === undefined) {
      framed = this.#framing().some(({ bf, sentence, tokens }) => this.#framesAs(bf, sentence, tokens, claim));
      this.#framed.set(claim, framed);
    }
    return framed;
  }

  /**
   * The sentences that say what the draft is ("This is the readout of …", a heading "Press release"), whatever the
   * claim: found in one pass over the draft, then asked of each claim.
   */
  #framing(): { bf: BlockFacts; sentence: Span; tokens: Token[] }[] {
    if (!this.#framingSentences) {
      this.#framingSentences = [];
      for (const bf of this.#blocks) for (const found of framingOf(bf)) this.#framingSentences.push({ bf, ...found });
    }
    return this.#framingSentences;
  }

  /** Whether a sentence that says what the draft is names a claimant of the claim, or their country. */
  #framesAs(bf: BlockFacts, sentence: Span, tokens: readonly Token[], claim: Claim): boolean {
    if (this.#names(bf, sentence, claim, true)) return true;
    // The claimant's country, by its name or an adjective made from it ("Belarus", "Belarusian").
    const countries = claim.claimedBy.map((a) => this.#facts.people.get(a.by)?.country).filter((c) => c !== undefined);
    const stems = countries.map((c) => c.toLowerCase().slice(0, Math.max(4, c.length - 2)));
    return tokens.some((t) => stems.some((stem) => t.lower.startsWith(stem)));
  }
}
