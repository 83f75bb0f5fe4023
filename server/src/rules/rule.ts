import type { FactBase } from '../facts/types.js';
import type { Category, Severity } from '../finding.js';
import type { BlockFacts } from '../match/analyse.js';
import type { FactIndex } from '../match/compile.js';

/** A fact a finding relies on, by kind and id; the checker adds its location and sources. */
export interface FactLink {
  kind: 'event' | 'person' | 'organisation' | 'office' | 'document' | 'count' | 'claim' | 'term';
  id: string;
}

/** A replacement of prose `[start, end)` in the finding's block, or in `block` when given (a fix of every occurrence). */
export interface ProseEdit {
  start: number;
  end: number;
  newText: string;
  /** Only for rules that are not block-local: the block the edit is in, when it is not the finding's. */
  block?: BlockFacts;
}

/** What a rule reports, in prose offsets of one block; the checker maps it to the source. */
export interface RuleFinding {
  block: BlockFacts;
  start: number;
  end: number;
  message: string;
  fixes?: { title: string; edits: ProseEdit[] }[];
  facts?: FactLink[];
  /** Overrides the rule's default severity (e.g. a hint where sources disagree). */
  severity?: Severity;
}

/** What every rule sees: the compiled fact base and the draft's analysed blocks. */
export interface RuleContext {
  index: FactIndex;
  facts: FactBase;
  blocks: BlockFacts[];
}

/** A check of prose against the fact base, or (with `factbase: true`) a kind of fact-base problem. */
export interface Rule {
  id: string;
  description: string;
  severity: Severity;
  category: Category;
  fixable: boolean;
  /**
   * Whether its findings in a block depend on that block's text and the fact base alone (it reads no other block and
   * keeps nothing between blocks but what the fact base determines): the language server then keeps them for the
   * blocks an edit did not change. Set it only after reading the rule; the incremental property test checks it.
   */
  blockLocal?: boolean;
  /** Off unless a setting turns it on (an opt-in report, such as what was not checked). */
  off?: boolean;
  /** Yields findings in the draft; rules about the fact base itself have none (the loader reports them). */
  check?(context: RuleContext): Iterable<RuleFinding>;
}
