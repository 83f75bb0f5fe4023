import type { FactBase, FactProblem } from './facts/types.js';
import type { FactRef, Finding, Severity } from './finding.js';
import { onePerSpan } from './fold.js';
import { LineIndex } from './lines.js';
import { toSource, type Block, type Comment } from './markdown/prose.js';
import { perIndex, type FactIndex } from './match/compile.js';
import { ruleById } from './rules/index.js';
import type { FactLink, RuleFinding } from './rules/rule.js';
import { suppress } from './suppress.js';

/**
 * Findings in the order they are reported (by place, then rule), without duplicates, less those suppressed, one per
 * span (a finding suppressed is not folded into another: the rule left on is reported alone).
 */
export function finish(findings: Finding[], comments: Comment[], source: string): Finding[] {
  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule));
  const unique = findings.filter((f, i) => i === 0 || !same(f, findings[i - 1]!));
  // Only a comment with a directive can suppress anything: a draft without one needs no line index.
  return onePerSpan(comments.some((c) => c.value.includes('factlint-')) ? suppress(unique, comments, new LineIndex(source)) : unique);
}

function same(a: Finding, b: Finding): boolean {
  return a.rule === b.rule && a.start === b.start && a.end === b.end && a.message === b.message;
}

/** A rule's finding in source offsets, mapped through `block` (the block it was found in, where it is now). */
export function toFinding(ruleId: string, found: RuleFinding, severity: Severity, index: FactIndex, block: Block): Finding {
  const rule = ruleById.get(ruleId)!;
  return {
    rule: ruleId,
    category: rule.category,
    severity,
    message: found.message,
    start: toSource(block, found.start),
    end: toSource(block, found.end, 'end'),
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
  const fact =
    link.kind === 'count'
      ? facts.documentCounts.find((c) => c.id === link.id)
      : link.kind === 'term'
        ? facts.terms.find((t) => t.id === link.id)
        : (
            {
              event: facts.events,
              person: facts.people,
              organisation: facts.organisations,
              office: facts.offices,
              document: facts.documents,
              claim: facts.claims,
            } as const
          )[link.kind].get(link.id);
  if (!fact) return undefined;
  const label =
    'name' in fact
      ? fact.name
      : 'title' in fact
        ? fact.title
        : 'statement' in fact
          ? fact.statement
          : 'prefer' in fact
            ? fact.prefer
            : fact.id;
  const sources = fact.sources
    .map((id) => facts.sources.get(id))
    .filter((s) => s !== undefined)
    .map(({ title, publisher, date, url, file }) => ({ title, publisher, date, url, file }));
  return { kind: link.kind, id: link.id, label, file: fact.origin.file, start: fact.origin.start, end: fact.origin.end, sources };
}

/**
 * Fact-base problems as findings, grouped by the fact-base file they are in, at their rule's severity or the one
 * `severityFor` gives for the file (a project's or the editor's setting); a rule set to 'off' there is left out.
 */
export function factBaseFindings(
  problems: FactProblem[],
  severityFor: (file: string) => Record<string, Severity | 'off'> | undefined = () => undefined,
): Map<string, Finding[]> {
  const byFile = new Map<string, Finding[]>();
  for (const p of problems) {
    const severity = severityFor(p.file)?.[p.rule] ?? ruleById.get(p.rule)!.severity;
    if (severity === 'off') continue;
    const list = byFile.get(p.file) ?? [];
    list.push({
      rule: p.rule,
      category: 'factbase',
      severity,
      start: p.start,
      end: p.end,
      message: p.message,
      fixes: [],
      facts: [],
    });
    byFile.set(p.file, list);
  }
  return byFile;
}
