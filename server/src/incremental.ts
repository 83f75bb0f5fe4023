import { finish, MAX_DRAFT, severityOf, toFinding, tooLarge, unparsable, type CheckOptions } from './check.js';
import type { Finding } from './finding.js';
import type { Block } from './markdown/prose.js';
import { reparse, type Parsed } from './markdown/reparse.js';
import { BlockFacts } from './match/analyse.js';
import type { FactIndex } from './match/compile.js';
import { NO_TOPICS, topicsOut } from './match/evidence.js';
import { draftTimeframe } from './match/timeframe.js';
import { rules } from './rules/index.js';
import type { RuleFinding } from './rules/rule.js';

/** What is kept for one block text: its analysis and, per block-local rule, its findings (in prose offsets). */
interface Kept {
  facts: BlockFacts;
  found: Map<string, RuleFinding[]>;
}

/** What the last check did: for tests and the benchmark (how much was parsed and analysed again). */
export interface RecheckStats {
  reason: Parsed['reason'] | 'too large' | 'unparsable';
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
 * same text. One instance per document and fact index; a different index starts afresh.
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
      return this.#failed('unparsable', unparsable(error));
    }
    this.#parsed = parsed;
    const blocks = parsed.parts.flatMap((p) => p.blocks);
    const known = this.#kept.size;
    // A block's findings depend on its text, on the draft's timeframe (the events it places itself at) and on what
    // the text before it is about (its topics).
    const plain = blocks.map((block) => this.#byText.get(keyOf(block, NO_TOPICS)) ?? new BlockFacts(block, index));
    const timeframe = draftTimeframe(plain);
    let topics = NO_TOPICS;
    const kept = blocks.map((block, i) => {
      const k = this.#keep(block, plain[i]!, topics, timeframe);
      topics = topicsOut(k.facts);
      return k;
    });
    this.last = { reason: parsed.reason, reparsed: parsed.reparsed, blocks: blocks.length, analysed: this.#kept.size - known };
    this.#kept = new Map(blocks.map((b, i) => [keyOf(b, kept[i]!.facts.topicsIn, timeframe), kept[i]!])); // only what the draft still has
    this.#byText = new Map(kept.map((k) => [keyOf(k.facts.block, NO_TOPICS), k.facts]));
    const current = blocks.map((b, i) => (kept[i]!.facts.block === b ? kept[i]!.facts : kept[i]!.facts.moved(b)));
    this.#analysed = { source, index, blocks: current };
    const findings: Finding[] = [];
    for (const rule of rules) {
      const severity = severityOf(rule, options);
      if (!rule.check || severity === 'off') continue;
      if (!rule.blockLocal) {
        for (const found of rule.check({ index, facts: index.facts, blocks: current })) {
          findings.push(toFinding(rule.id, found, severity ?? found.severity ?? rule.severity, index.facts, found.block.block));
        }
        continue;
      }
      // The rule runs once over the block texts it has not seen; its findings are in the order it yields them,
      // block by block, as a whole check would have them.
      const unseen = [...new Set(kept.filter((k) => !k.found.has(rule.id)))];
      if (unseen.length > 0) {
        const byFacts = new Map(unseen.map((k) => [k.facts, k]));
        for (const k of unseen) k.found.set(rule.id, []);
        for (const found of rule.check({ index, facts: index.facts, blocks: unseen.map((k) => k.facts) })) {
          const k = byFacts.get(found.block);
          if (!k) throw new Error(`rule ${rule.id} reported on a block it was not given: it is not block-local`);
          k.found.get(rule.id)!.push(found);
        }
      }
      kept.forEach((k, i) => {
        for (const found of k.found.get(rule.id)!) {
          findings.push(toFinding(rule.id, found, severity ?? found.severity ?? rule.severity, index.facts, blocks[i]!));
        }
      });
    }
    return finish(findings, parsed.parts.flatMap((p) => p.comments), source);
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

  #keep(block: Block, plain: BlockFacts, topics: ReadonlySet<string>, timeframe: ReadonlySet<string>): Kept {
    const key = keyOf(block, topics, timeframe);
    let k = this.#kept.get(key);
    if (!k) {
      // The same text read after other topics shares its analysis (names, dates, phrases), not its findings.
      k = { facts: plain.after(topics, timeframe), found: new Map() };
      this.#kept.set(key, k);
      this.#byText.set(keyOf(block, NO_TOPICS), k.facts);
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

/**
 * Blocks of the same kind, container and text (and, for a table cell, the same row and header), read after the same
 * topics in a draft of the same timeframe, have the same analysis and block-local findings.
 */
const keyOf = (block: Block, topics: ReadonlySet<string>, timeframe: ReadonlySet<string> = NO_TOPICS) =>
  `${block.kind}\u0000${block.container ?? ''}\u0000${[...topics].sort().join(' ')}\u0000${[...timeframe].sort().join(' ')}\u0000${block.text}${rowKey(block)}`;
const rowKey = (block: Block) => (block.table ? `\u0000${block.table.column}\u0000${block.table.row.join('\u0001')}\u0000${block.table.header.join('\u0001')}` : '');
