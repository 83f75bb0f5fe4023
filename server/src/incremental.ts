import type { Finding, Severity } from './finding.js';
import { finish, toFinding } from './findings.js';
import type { Block } from './markdown/prose.js';
import { reparse, type Parsed } from './markdown/reparse.js';
import { BlockFacts, START, type Carried } from './match/analyse.js';
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

/** What is kept for one block text: its analysis and, per block-local rule, its findings (in prose offsets). */
interface Kept {
  facts: BlockFacts;
  found: Map<string, readonly RuleFinding[]>;
}

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
  #kept = new Map<string, Kept>();
  /** The analysis of each block text, whatever the topics before it (rebuilt with #kept). */
  #byText = new Map<string, BlockFacts>();
  last: RecheckStats = { reason: 'first', reparsed: 0, blocks: 0, analysed: 0 };
  #analysed?: { source: string; index: FactIndex; blocks: BlockFacts[] };

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
      this.#byText = new Map();
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
    const known = this.#kept.size;
    // A block's findings depend on its text, on the draft's timeframe (the events it places itself at), on what
    // the text before it is about (its topics) and on the dateline of the report it continues.
    // Each key is built once per block (it holds the block's text, so building and hashing it is not free).
    const plainKeys = blocks.map((block) => keyOf(block, '', START));
    const plain = blocks.map((block, i) => this.#byText.get(plainKeys[i]!) ?? new BlockFacts(block, index));
    // Reading each block (its timeframe, then its topics) is most of a check's work: a cancellable check may stop between blocks.
    let carried = draftStart(parsed.parts.find((p) => p.frontmatter !== undefined)?.frontmatter);
    const timeframe = new Set<string>(timeframeOfDate(index, carried.draftDate));
    for (const bf of plain) {
      for (const id of timeframeOf(bf)) timeframe.add(id);
      yield;
    }
    let topics = NO_TOPICS;
    const kept: Kept[] = [];
    const keys: string[] = [];
    const timeframeKey = idsKey(timeframe);
    // Blocks after one that leaves the topics as they were share the same set: its key is built once.
    let topicsKey = { of: topics, key: idsKey(topics) };
    for (const [i, block] of blocks.entries()) {
      if (topicsKey.of !== topics) topicsKey = { of: topics, key: idsKey(topics) };
      const key = keyOf(block, topicsKey.key, carried, timeframeKey);
      const k = this.#keep(key, plainKeys[i]!, plain[i]!, topics, timeframe, carried);
      topics = topicsOut(k.facts);
      carried = carriedOut(k.facts);
      kept.push(k);
      keys.push(key);
      yield;
    }
    this.last = { reason: parsed.reason, reparsed: parsed.reparsed, blocks: blocks.length, analysed: this.#kept.size - known };
    this.#kept = new Map(keys.map((key, i) => [key, kept[i]!])); // only what the draft still has
    // A kept analysis's block has the same key parts as the block it was found for (its key matched).
    this.#byText = new Map(kept.map((k, i) => [plainKeys[i]!, k.facts]));
    const current = blocks.map((b, i) => (kept[i]!.facts.block === b ? kept[i]!.facts : kept[i]!.facts.moved(b)));
    this.#analysed = { source, index, blocks: current };
    const findings: Finding[] = [];
    // Which kept analysis each block's facts are (a rule's findings name the facts they were found in).
    const byFacts = new Map(kept.map((k) => [k.facts, k]));
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
      // The rule runs once over the block texts it has not seen; its findings are in the order it yields them,
      // block by block, as a whole check would have them.
      // They are kept only once the rule has run to its end (a check may stop, or another run, at any yield).
      const unseen = new Set<Kept>();
      for (const k of kept) if (!k.found.has(rule.id)) unseen.add(k);
      if (unseen.size > 0) {
        const found = new Map<Kept, RuleFinding[]>();
        for (const one of rule.check({ index, facts: index.facts, blocks: Array.from(unseen, (k) => k.facts) })) {
          const k = byFacts.get(one.block);
          if (!k || !unseen.has(k)) throw new Error(`rule ${rule.id} reported on a block it was not given: it is not block-local`);
          const list = found.get(k);
          if (list) list.push(one);
          else found.set(k, [one]);
          yield;
        }
        for (const k of unseen) if (!k.found.has(rule.id)) k.found.set(rule.id, found.get(k) ?? NO_FINDINGS);
      }
      kept.forEach((k, i) => {
        for (const found of k.found.get(rule.id)!) {
          findings.push(toFinding(rule.id, found, severity ?? found.severity ?? rule.severity, index, blocks[i]!));
        }
      });
      yield;
    }
    return finish(
      findings,
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

  #keep(
    key: string,
    plainKey: string,
    plain: BlockFacts,
    topics: ReadonlySet<string>,
    timeframe: ReadonlySet<string>,
    carried: Carried,
  ): Kept {
    let k = this.#kept.get(key);
    if (!k) {
      // The same text read after other topics shares its analysis (names, dates, phrases), not its findings.
      k = { facts: plain.after(topics, timeframe, carried), found: new Map() };
      this.#kept.set(key, k);
      this.#byText.set(plainKey, k.facts);
    }
    return k;
  }

  #failed(reason: RecheckStats['reason'], finding: Finding): Finding[] {
    this.#parsed = undefined;
    this.#analysed = undefined;
    this.last = { reason, reparsed: 0, blocks: 0, analysed: 0 };
    return [finding];
  }
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
 * Blocks of the same kind, container and text (and, for a table cell, the same row and header), read after the same
 * topics and dateline in a draft of the same timeframe, have the same analysis and block-local findings.
 */
const keyOf = (block: Block, topics: string, carried: Carried, timeframe = '') =>
  `${block.kind}\u0000${block.container ?? ''}\u0000${topics}\u0000${carriedKey(carried)}\u0000${timeframe}\u0000${block.text}${rowKey(block)}`;
/** The ids of a set of topics or of a timeframe, sorted, for a key (the empty set gives ""). */
const idsKey = (ids: ReadonlySet<string>) => [...ids].sort().join(' ');
const carriedKey = ({ dateline, first, draftDate }: Carried) => `${first ? 1 : 0}${dateline?.text ?? ''}\u0001${draftDate?.text ?? ''}`;
const rowKey = (block: Block) =>
  block.table ? `\u0000${block.table.column}\u0000${block.table.row.join('\u0001')}\u0000${block.table.header.join('\u0001')}` : '';
