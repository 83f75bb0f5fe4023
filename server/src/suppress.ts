import type { Finding } from './finding.js';
import type { LineIndex } from './lines.js';
import type { Comment } from './markdown/prose.js';

/** A parsed `factlint-disable…` / `factlint-enable…` comment. */
interface Directive {
  kind: 'disable' | 'enable' | 'disable-line' | 'disable-next-line';
  rules: string[];
  line: number;
  endLine: number;
}

// Matched against the trimmed comment: a trailing `\s*` after the lazy group backtracks quadratically on long whitespace.
const DIRECTIVE = /^factlint-(disable-next-line|disable-line|disable|enable)\b([\s\S]*?)(?:\s--(?:\s[\s\S]*)?)?$/;

function parse(comment: Comment, lines: LineIndex): Directive | undefined {
  const m = DIRECTIVE.exec(comment.value.trim());
  if (!m) return undefined;
  const rules = m[2]!.split(/[\s,]+/).filter(Boolean);
  return {
    kind: m[1] as Directive['kind'],
    rules,
    line: lines.positionAt(comment.start).line,
    endLine: lines.positionAt(comment.end).line,
  };
}

/**
 * Drops findings silenced by suppression comments in the style Markdown linters use:
 * `<!-- factlint-disable-next-line rule -- reason -->`, `factlint-disable-line`, and
 * `factlint-disable rule…` … `factlint-enable rule…` (no rules named means all rules).
 */
export function suppress(findings: Finding[], comments: Comment[], lines: LineIndex): Finding[] {
  const directives = comments.map((c) => parse(c, lines)).filter((d): d is Directive => d !== undefined);
  if (directives.length === 0) return findings;
  const matches = (d: Directive, rule: string) => d.rules.length === 0 || d.rules.includes(rule);
  return findings.filter((finding) => {
    const line = lines.positionAt(finding.start).line;
    let disabled = false;
    for (const d of directives) {
      if (d.kind === 'disable-next-line' && d.endLine + 1 === line && matches(d, finding.rule)) return false;
      if (d.kind === 'disable-line' && d.line === line && matches(d, finding.rule)) return false;
      if (d.line < line || (d.line === line && d.kind !== 'disable-next-line')) {
        if (d.kind === 'disable' && matches(d, finding.rule)) disabled = true;
        if (d.kind === 'enable' && matches(d, finding.rule)) disabled = false;
      }
    }
    return !disabled;
  });
}
