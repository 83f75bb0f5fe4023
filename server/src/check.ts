import type { FactBase, FactProblem } from './facts/types.js';
import type { FactRef, Finding, Severity } from './finding.js';
import { LineIndex } from './lines.js';
import { toProse } from './markdown/parse.js';
import { toSource, type Block, type Comment } from './markdown/prose.js';
import { perIndex, type FactIndex } from './match/compile.js';
import { readInOrder } from './match/evidence.js';
import { rules, ruleById } from './rules/index.js';
import type { FactLink, Rule, RuleFinding } from './rules/rule.js';
import { suppress } from './suppress.js';

/** Per-check settings: rule severities (or off) and whether house-style hints are wanted. */
export interface CheckOptions {
  severity?: Record<string, Severity | 'off'>;
  houseStyle?: boolean;
}

/** The largest draft checked, in UTF-16 code units (about 1.3 million words); a larger one gets one finding saying so. */
export const MAX_DRAFT = 8_000_000;

/** Checks a Markdown draft against a compiled fact base: parse once, run every rule, map to source offsets. */
export function check(source: string, index: FactIndex, options: CheckOptions = {}): Finding[] {
  if (source.length > MAX_DRAFT) return [tooLarge(source)];
  let prose;
  try {
    prose = toProse(source);
  } catch (error) {
    return [unparsable(error)];
  }
  // Each block is read after the text before it: what that text is about (its topics) carries into the block.
  const context = { index, facts: index.facts, blocks: readInOrder(prose.blocks, index) };
  const findings: Finding[] = [];
  for (const rule of rules) {
    const severity = severityOf(rule, options);
    if (!rule.check || severity === 'off') continue;
    for (const found of rule.check(context)) {
      findings.push(toFinding(rule.id, found, severity ?? found.severity ?? rule.severity, index, found.block.block));
    }
  }
  return finish(findings, prose.comments, source);
}

/** The one finding for a draft over {@link MAX_DRAFT}. */
export function tooLarge(source: string): Finding {
  return { rule: 'draft-too-large', category: 'factbase', severity: 'warning', start: 0, end: 0, fixes: [], facts: [],
    message: `The draft is ${source.length} characters long; factlint checks drafts of up to ${MAX_DRAFT}. Split it to check it.` };
}

/** The one finding for a draft the parser threw on. */
export function unparsable(error: unknown): Finding {
  // Not expected (prose.ts defuses the nesting that overflows the parser's stack), but never let a draft crash a check.
  return { rule: 'draft-too-large', category: 'factbase', severity: 'warning', start: 0, end: 0, fixes: [], facts: [],
    message: `The draft's Markdown could not be parsed (${error instanceof Error ? error.message : String(error)}); it was not checked.` };
}

/** A rule's severity under the options: 'off', a configured severity, or undefined for the rule's own. */
export function severityOf(rule: Rule, options: CheckOptions): Severity | 'off' | undefined {
  const setting = options.severity?.[rule.id];
  if (setting === undefined && rule.off) return 'off';
  return setting === 'off' || (rule.category === 'style' && options.houseStyle === false) ? 'off' : setting;
}

/** Findings in the order they are reported (by place, then rule), without duplicates, less those suppressed. */
export function finish(findings: Finding[], comments: Comment[], source: string): Finding[] {
  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule));
  const unique = findings.filter((f, i) => i === 0 || !same(f, findings[i - 1]!));
  // Only a comment with a directive can suppress anything: a draft without one needs no line index.
  return comments.some((c) => c.value.includes('factlint-')) ? suppress(unique, comments, new LineIndex(source)) : unique;
}

function same(a: Finding, b: Finding): boolean {
  return a.rule === b.rule && a.start === b.start && a.end === b.end && a.message === b.message;
}

/** A rule's finding in source offsets, mapped through `block` (the block it was found in, where it is now). */
export function toFinding(ruleId: string, found: RuleFinding, severity: Severity, index: FactIndex, block: Block): Finding {
  const rule = ruleById.get(ruleId)!;
  return {
    rule: ruleId, category: rule.category, severity, message: found.message,
    start: toSource(block, found.start), end: toSource(block, found.end, 'end'),
    fixes: (found.fixes ?? []).map((fix) => ({
      title: fix.title,
      edits: fix.edits.map((e) => {
        const at = e.block?.block ?? block;
        return { start: toSource(at, e.start), end: toSource(at, e.end, 'end'), newText: e.newText };
      }),
    })),
    facts: (found.facts ?? []).map((link) => factRef(link, index)).filter((r): r is FactRef => r !== undefined),
  };
}

/** Resolves a fact link to its label, its place in the YAML and its sources. */
export function factRef(link: FactLink, index: FactIndex): FactRef | undefined {
  // The same facts back many findings (and every re-check): each reference is made once per fact base.
  const refs = refsMade(index);
  const key = `${link.kind}\u0000${link.id}`;
  if (!refs.has(key)) refs.set(key, makeRef(link, index.facts));
  return refs.get(key);
}
const refsMade = perIndex(() => new Map<string, FactRef | undefined>());

function makeRef(link: FactLink, facts: FactBase): FactRef | undefined {
  const fact = link.kind === 'count' ? facts.documentCounts.find((c) => c.id === link.id)
    : link.kind === 'term' ? facts.terms.find((t) => t.id === link.id)
      : ({ event: facts.events, person: facts.people, organisation: facts.organisations, office: facts.offices,
        document: facts.documents, claim: facts.claims } as const)[link.kind].get(link.id);
  if (!fact) return undefined;
  const label = 'name' in fact ? fact.name : 'title' in fact ? fact.title : 'statement' in fact ? fact.statement
    : 'prefer' in fact ? fact.prefer : fact.id;
  const sources = fact.sources.map((id) => facts.sources.get(id)).filter((s) => s !== undefined)
    .map(({ title, publisher, date, url }) => ({ title, publisher, date, url }));
  return { kind: link.kind, id: link.id, label, file: fact.origin.file, start: fact.origin.start, end: fact.origin.end, sources };
}

/** Fact-base problems as findings, grouped by the fact-base file they are in. */
export function factBaseFindings(problems: FactProblem[]): Map<string, Finding[]> {
  const byFile = new Map<string, Finding[]>();
  for (const p of problems) {
    const rule = ruleById.get(p.rule)!;
    const list = byFile.get(p.file) ?? [];
    list.push({ rule: p.rule, category: 'factbase', severity: rule.severity, start: p.start, end: p.end, message: p.message, fixes: [], facts: [] });
    byFile.set(p.file, list);
  }
  return byFile;
}
