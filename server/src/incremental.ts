import type { Finding, Severity } from './finding.js';
import { finish, toFinding } from './findings.js';
import type { Block, TableRow } from './markdown/prose.js';
import { reparse, type Parsed } from './markdown/reparse.js';
import { BlockFacts, type Carried, type RowShare } from './match/analyse.js';
import type { FactIndex } from './match/compile.js';
import { carriedOut, draftStart } from './match/dateline.js';
import { NO_TOPICS, topicsOut } from './match/evidence.js';
import { timeframeOf, timeframeOfDate } from './match/timeframe.js';
import { rules } from './rules/index.js';
import type { Rule, RuleFinding } from './rules/rule.js';

/** Per-check settings: rule severities (or off) and whether house-style hints are wanted. */
export interface CheckOptions {
  severity?: Record<string, Severity | 'off'>;
  houseStyle?: boolean;
}

/** The largest draft checked, in UTF-16 code units (about 1.3 million words); a larger one gets one finding saying so. */
export const MAX_DRAFT = 8_000_000;

/** Whether to stop a check (an LSP cancellation token is one). */
export interface Cancel {
  readonly isCancellationRequested: boolean;
}

/** How long a cancellable check runs before it lets other work through, in ms. */
const PAUSE_MS = 10;

/**
 * What is kept of one block text (with its kind, container and table row): its analysis, which depends on the text
 * alone, and its readings after given topics and datelines.
 */
interface KeptText {
  /** The block's kind, container and table column ({@link shapeOf}). */
  shape: string;
  /** For a table cell, its row and header ({@link rowKey}); '' for any other block. */
  row: string;
  facts: BlockFacts;
  /** The timeframe its readings were made in ({@link idsKey}). */
  timeframe?: string;
  /** By {@link readingKey}. */
  readings: Map<string, Kept>;
}

/** One reading of a block text: its analysis after given topics and dateline, and its block-local rules' findings. */
interface Kept {
  facts: BlockFacts;
  /** By the rule's place in {@link LOCAL}: its findings (in prose offsets), once it has run on this reading. */
  found: (readonly RuleFinding[] | undefined)[];
  /** Whether some rule has found something in it (most readings have no findings). */
  some: boolean;
}

/** The block-local rules: their findings on a block are kept with its reading. */
const LOCAL = rules.filter((rule) => rule.blockLocal);

/** The findings of a rule on a block where it found nothing (shared: never added to). */
const NO_FINDINGS: readonly RuleFinding[] = [];

/** What the last check did: for tests and the benchmark (how much was parsed and analysed again). */
export interface RecheckStats {
  reason: Parsed['reason'] | 'too large' | 'parse failed';
  /** Characters of Markdown parsed (the draft's length for a whole parse). */
  reparsed: number;
  blocks: number;
  /** Blocks whose text was new, so analysed and run through the block-local rules. */
  analysed: number;
}

/**
 * Checks successive texts of one draft, re-doing only what an edit changed: the top-level Markdown nodes it
 * touches are parsed again (see reparse.ts), and blocks whose kind and text are unchanged keep their analysis and
 * their block-local rules' findings, mapped through the block's current place. Every result equals `check()` of the
 * same text (a whole check, check.ts, is a fresh instance's first check). One instance per document and fact index;
 * a different index starts afresh.
 */
export class Rechecker {
  #parsed?: Parsed;
  #index?: FactIndex;
  /**
   * What is kept of each block text of the last check, by the text (a key holding the text would be a copy of it,
   * hashed afresh): one entry per shape the text had.
   */
  #kept = new Map<string, KeptText[]>();
  last: RecheckStats = { reason: 'first', reparsed: 0, blocks: 0, analysed: 0 };
  #analysed?: { source: string; index: FactIndex; blocks: BlockFacts[] };
  /** Whether later checks will follow: a whole check (check.ts) is the only one, so it keeps nothing for them. */
  readonly #again: boolean;

  constructor({ once = false }: { once?: boolean } = {}) {
    this.#again = !once;
  }

  check(source: string, index: FactIndex, options: CheckOptions = {}): Finding[] {
    const steps = this.#steps(source, index, options);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * The same check, pausing now and then (every {@link PAUSE_MS}) so that other work, such as a request to cancel,
   * gets through; undefined once `cancel` says so. A cancelled check keeps only what it finished (whole rules'
   * findings per block), so the next check equals a whole check as ever.
   */
  async checkUnless(source: string, index: FactIndex, options: CheckOptions, cancel: Cancel): Promise<Finding[] | undefined> {
    const steps = this.#steps(source, index, options);
    let since = performance.now();
    for (;;) {
      if (cancel.isCancellationRequested) return (steps.return([]), undefined);
      const step = steps.next();
      if (step.done) return step.value;
      if (performance.now() - since < PAUSE_MS) continue;
      await new Promise((resolve) => setImmediate(resolve));
      since = performance.now();
    }
  }

  /** The check, yielding between rules and between findings: where a cancellable check may stop. */
  *#steps(source: string, index: FactIndex, options: CheckOptions): Generator<void, Finding[]> {
    if (index !== this.#index) {
      this.#index = index;
      this.#kept = new Map();
    }
    if (source.length > MAX_DRAFT) return this.#failed('too large', tooLarge(source));
    let parsed: Parsed;
    try {
      parsed = reparse(this.#parsed, source);
    } catch (error) {
      return this.#failed('parse failed', parseFailed(error));
    }
    this.#parsed = parsed;
    yield;
    const blocks = parsed.parts.flatMap((p) => p.blocks);
    // A block's findings depend on its text, on the draft's timeframe (the events it places itself at), on what
    // the text before it is about (its topics) and on the dateline of the report it continues.
    // Blocks with the same text share its analysis, in this check as in the next.
    const texts = this.#texts(blocks, index);
    // Reading each block (its timeframe, then its topics) is most of a check's work: a cancellable check may stop between blocks.
    let carried = draftStart(parsed.parts.find((p) => p.frontmatter !== undefined)?.frontmatter);
    const timeframe = new Set<string>(timeframeOfDate(index, carried.draftDate));
    for (const text of texts) {
      for (const id of timeframeOf(text.facts)) timeframe.add(id);
      yield;
    }
    const timeframeKey = idsKey(timeframe);
    let topics = NO_TOPICS;
    let analysed = 0;
    const kept: Kept[] = [];
    const readingKeys: string[] = [];
    // Blocks after one that leaves the topics and the dateline as they were share the same objects: their key is
    // built (and hashed) once.
    let reading = { topics, carried, key: readingKey(topics, carried) };
    for (const text of texts) {
      // Every reading's findings depend on the timeframe: those made in another one are of no use.
      if (text.timeframe !== timeframeKey) {
        if (text.readings.size > 0) text.readings.clear();
        text.timeframe = timeframeKey;
      }
      if (reading.topics !== topics || reading.carried !== carried) reading = { topics, carried, key: readingKey(topics, carried) };
      const key = reading.key;
      let k = text.readings.get(key);
      if (!k) {
        // The same text read after other topics shares its analysis (names, dates, phrases), not its findings.
        k = { facts: text.facts.after(topics, timeframe, carried), found: new Array(LOCAL.length), some: false };
        text.readings.set(key, k);
        analysed++;
      }
      topics = topicsOut(k.facts);
      carried = carriedOut(k.facts);
      kept.push(k);
      readingKeys.push(key);
      yield;
    }
    this.last = { reason: parsed.reason, reparsed: parsed.reparsed, blocks: blocks.length, analysed };
    const current = blocks.map((b, i) => (kept[i]!.facts.block === b ? kept[i]!.facts : kept[i]!.facts.moved(b)));
    if (this.#again) {
      this.#kept = stillUsed(blocks, texts, timeframeKey, readingKeys, kept); // only what the draft still has
      this.#analysed = { source, index, blocks: current };
    }
    const findings: Finding[] = [];
    // Each reading once (blocks of the same text read alike share one). Readings made in this check have been through
    // no rule yet: when every one is new (as on a first check), each rule is given them all.
    const distinct = [...new Set(kept)];
    const distinctFacts = distinct.map((k) => k.facts);
    const allNew = analysed === distinct.length;
    const ran: Ran[] = []; // the block-local rules that ran to their end
    for (const rule of rules) {
      const severity = severityOf(rule, options);
      if (!rule.check || severity === 'off') continue;
      if (!rule.blockLocal) {
        for (const found of rule.check({ index, facts: index.facts, blocks: current })) {
          findings.push(toFinding(rule.id, found, severity ?? found.severity ?? rule.severity, index, found.block.block));
          yield;
        }
        continue;
      }
      // The rule runs once over the readings it has not seen; its findings are in the order it yields them,
      // block by block, as a whole check would have them.
      // They are kept only once the rule has run to its end (a check may stop, or another run, at any yield).
      const r = LOCAL.indexOf(rule);
      const unseen = allNew ? distinct : distinct.filter((k) => k.found[r] === undefined);
      if (unseen.length > 0) {
        const all = unseen.length === distinct.length; // as on a first check: all are given
        const given = all ? distinct : unseen;
        const readingOf = finder(given);
        // The findings of the readings that have some (most have none), by reading.
        const found = new Map<Kept, RuleFinding[]>();
        for (const one of rule.check({ index, facts: index.facts, blocks: all ? distinctFacts : unseen.map((k) => k.facts) })) {
          const k = readingOf(one.block);
          if (!k) throw new Error(`rule ${rule.id} reported on a block it was not given: it is not block-local`);
          const list = found.get(k);
          if (list) list.push(one);
          else found.set(k, [one]);
          yield;
        }
        // Those it found nothing in are marked so below, where every block-local rule's findings are gathered.
        for (const [k, list] of found) {
          k.found[r] ??= list;
          k.some = true;
        }
      }
      ran.push({ rule, r, severity });
      yield;
    }
    return finish(
      withLocal(findings, ran, kept, blocks, index, this.#again),
      parsed.parts.flatMap((p) => p.comments),
      source,
    );
  }

  /**
   * The analysed blocks of the text last checked, if that is `source` against `index`: hovers and go-to-definition
   * between checks use them instead of parsing the draft again.
   */
  analysedFor(source: string, index: FactIndex): BlockFacts[] | undefined {
    const last = this.#analysed;
    return last && last.index === index && last.source === source ? last.blocks : undefined;
  }

  /** Forgets the previous text (the next check parses the whole draft); the kept block analyses stay. */
  reset(): void {
    this.#parsed = undefined;
  }

  /**
   * What is kept of each block's text, or a fresh analysis of it, kept from now on. The cells of a table row (one
   * after another, sharing their row's list of texts) share their row's key, built once for the row, and the analysis
   * of the row's text (see {@link BlockFacts.shareRow}).
   */
  #texts(blocks: readonly Block[], index: FactIndex): KeptText[] {
    const texts: KeptText[] = [];
    let cells: readonly string[] | undefined;
    let row = '';
    let share: RowShare | undefined;
    for (const block of blocks) {
      const table = block.table;
      if (table && table.row !== cells) {
        cells = table.row;
        row = rowKey(table);
        share = undefined;
      }
      const text = this.#text(block, index, table ? row : '');
      if (table) share = text.facts.shareRow(share);
      texts.push(text);
    }
    return texts;
  }

  /** What is kept of a block's text (with its row's key, if a table cell), or a fresh analysis of it, kept from now on. */
  #text(block: Block, index: FactIndex, row: string): KeptText {
    const shape = shapeOf(block);
    const shapes = this.#kept.get(block.text);
    let text = shapes?.find((t) => t.shape === shape && t.row === row);
    if (!text) {
      text = { shape, row, facts: new BlockFacts(block, index), readings: new Map() };
      if (shapes) shapes.push(text);
      else this.#kept.set(block.text, [text]);
    }
    return text;
  }

  #failed(reason: RecheckStats['reason'], finding: Finding): Finding[] {
    this.#parsed = undefined;
    this.#analysed = undefined;
    this.last = { reason, reparsed: 0, blocks: 0, analysed: 0 };
    return [finding];
  }
}

/** What is kept of the texts a check read, and of their readings, only those it used (in its timeframe). */
function stillUsed(blocks: Block[], texts: KeptText[], timeframe: string, readingKeys: string[], kept: Kept[]): Map<string, KeptText[]> {
  const used = new Map<string, KeptText[]>();
  const now = new Map<KeptText, KeptText>();
  texts.forEach((text, i) => {
    let still = now.get(text);
    if (!still) {
      now.set(text, (still = { shape: text.shape, row: text.row, facts: text.facts, timeframe, readings: new Map() }));
      const shapes = used.get(blocks[i]!.text);
      if (shapes) shapes.push(still);
      else used.set(blocks[i]!.text, [still]);
    }
    still.readings.set(readingKeys[i]!, kept[i]!);
  });
  return used;
}

/** A block-local rule that ran to its end in a check, with its place in {@link LOCAL} and its severity. */
interface Ran {
  rule: Rule;
  r: number;
  severity: Severity | undefined;
}

/**
 * The findings with those of the block-local rules that ran added, block by block, in one pass over the readings
 * (each rule's in the order a whole check has them); a reading a rule ran on and found nothing in is marked so here,
 * when later checks will follow (`again`): without them, a reading no rule found anything in is passed over.
 * A check stopped before this point leaves such readings unmarked, and the next check runs the rule on them again.
 */
function withLocal(
  findings: Finding[],
  ran: readonly Ran[],
  kept: readonly Kept[],
  blocks: readonly Block[],
  index: FactIndex,
  again: boolean,
): Finding[] {
  for (let i = 0; i < kept.length; i++) {
    const k = kept[i]!;
    if (!k.some && !again) continue;
    const found = k.found;
    for (const { rule, r, severity } of ran) {
      for (const one of (found[r] ??= NO_FINDINGS)) {
        findings.push(toFinding(rule.id, one, severity ?? one.severity ?? rule.severity, index, blocks[i]!));
      }
    }
  }
  return findings;
}

/**
 * Finds the reading a rule's finding names (by its block's analysis) among those the rule was given. A rule reports
 * on them in the order given, so each is looked for from the last one found on, through the list once in all; only
 * for a rule that reports out of that order is a map made.
 */
function finder(given: readonly Kept[]): (facts: BlockFacts) => Kept | undefined {
  let at = 0;
  let byFacts: Map<BlockFacts, Kept> | undefined;
  return (facts) => {
    if (byFacts) return byFacts.get(facts);
    for (let i = at; i < given.length; i++) if (given[i]!.facts === facts) return given[(at = i)];
    byFacts = new Map(given.map((k) => [k.facts, k]));
    return byFacts.get(facts);
  };
}

/** A rule's severity under the options: 'off', a configured severity, or undefined for the rule's own. */
function severityOf(rule: Rule, options: CheckOptions): Severity | 'off' | undefined {
  const setting = options.severity?.[rule.id];
  if (setting === undefined && rule.off) return 'off';
  return setting === 'off' || (rule.category === 'style' && options.houseStyle === false) ? 'off' : setting;
}

/** A finding that says the draft was not checked, on its first character (rule draft-too-large). */
function notChecked(message: string): Finding {
  return { rule: 'draft-too-large', category: 'factbase', severity: 'warning', start: 0, end: 0, fixes: [], facts: [], message };
}

/** The one finding for a draft over {@link MAX_DRAFT}. */
function tooLarge(source: string): Finding {
  return notChecked(`The draft is ${source.length} characters long; factlint checks drafts of up to ${MAX_DRAFT}. Split it to check it.`);
}

/**
 * The one finding for a draft the parser threw on. Not expected (defuse.ts defuses the nesting that overflows the
 * parser's stack), but a draft never crashes a check. It is reported under the rule for a draft too large to check,
 * the one rule that says a draft was not checked, so the setting for that rule governs both.
 */
function parseFailed(error: unknown): Finding {
  return notChecked(
    `The draft's Markdown could not be parsed (${error instanceof Error ? error.message : String(error)}); it was not checked.`,
  );
}

/**
 * Blocks of the same kind, container and text (and, for a table cell, the same column, row and header: {@link rowKey})
 * have the same analysis; read after the same topics and dateline ({@link readingKey}) in a draft of the same
 * timeframe, the same block-local findings.
 */
const shapeOf = (block: Block) => `${block.kind}\u0000${block.container ?? ''}\u0000${block.table?.column ?? ''}`;
const readingKey = (topics: ReadonlySet<string>, carried: Carried) => `${idsKey(topics)}\u0000${carriedKey(carried)}`;
/** The ids of a set of topics or of a timeframe, sorted, for a key (the empty set gives ""). */
const idsKey = (ids: ReadonlySet<string>) => [...ids].sort().join(' ');
const carriedKey = ({ dateline, first, draftDate }: Carried) => `${first ? 1 : 0}${dateline?.text ?? ''}\u0001${draftDate?.text ?? ''}`;
/** A table row's cells and header, for a key (the same for every cell of the row). */
const rowKey = ({ row, header }: TableRow) => `${row.join('\u0001')}\u0000${header.join('\u0001')}`;
