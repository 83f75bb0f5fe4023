import type { Finding, Severity } from './finding.js';
import { formatFinding } from './finding.js';
import { LineIndex } from './lines.js';
import { ruleDocs, rules, REPOSITORY } from './rules/index.js';

/** The findings of one checked file with its text. */
export interface FileReport {
  file: string;
  text: string;
  findings: Finding[];
  /** How many dates were not checked (the not-checked rule's findings, when they are not listed). */
  unchecked?: number;
}

function range(lines: LineIndex, start: number, end: number) {
  const a = lines.positionAt(start);
  const b = lines.positionAt(end);
  return { line: a.line + 1, column: a.character + 1, endLine: b.line + 1, endColumn: b.character + 1 };
}

/** One JSON object per finding, 1-based UTF-16 columns, as the CLI contract gives, with the address of its rule's page. */
export function toJson(reports: FileReport[]): object[] {
  return reports.flatMap(({ file, text, findings }) => {
    const lines = new LineIndex(text);
    return findings.map((f) => ({
      file,
      ...range(lines, f.start, f.end),
      severity: f.severity,
      rule: f.rule,
      category: f.category,
      message: f.message,
      docs: ruleDocs(f.rule),
      fixes: f.fixes.map((fix) => ({
        title: fix.title,
        edits: fix.edits.map((e) => ({ ...range(lines, e.start, e.end), newText: e.newText })),
      })),
      facts: f.facts.map((r) => ({ kind: r.kind, id: r.id, label: r.label, file: r.file, sources: r.sources })),
    }));
  });
}

const COLOURS: Record<Severity, string> = { error: '31', warning: '33', information: '36', hint: '90' };

/** Human-readable output grouped by file, with a closing count; `notChecked` paths could not be checked (named on stderr). */
export function toStylish(reports: FileReport[], colour: boolean, notChecked = 0): string {
  const paint = (code: string, s: string) => (colour ? `\u001b[${code}m${s}\u001b[0m` : s);
  const out: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const { file, text, findings } of reports) {
    if (findings.length === 0) continue;
    const lines = new LineIndex(text);
    out.push(paint('4', file));
    for (const f of findings) {
      counts[f.severity]++;
      const p = lines.positionAt(f.start);
      const fixable = f.fixes.length > 0 ? ' (fixable)' : '';
      out.push(
        `  ${`${p.line + 1}:${p.character + 1}`.padEnd(8)} ${paint(COLOURS[f.severity], f.severity.padEnd(11))} ${f.message}${fixable}  ${paint('90', f.rule)}`,
      );
    }
    out.push('');
  }
  const total = counts.error + counts.warning + counts.information + counts.hint;
  out.push(
    total === 0
      ? notChecked > 0
        ? 'No problems found in what was checked.'
        : 'No problems found.'
      : `${total} problem${total === 1 ? '' : 's'} (${counts.error} errors, ${counts.warning} warnings, ${counts.information} information, ${counts.hint} hints)`,
  );
  if (notChecked > 0) out.push(`${notChecked} path${notChecked === 1 ? '' : 's'} could not be checked (the reasons follow on stderr).`);
  const unchecked = reports.reduce((n, r) => n + (r.unchecked ?? 0), 0);
  if (unchecked > 0) {
    out.push(
      `${unchecked} date${unchecked === 1 ? '' : 's'} in sentences naming a known event ${unchecked === 1 ? 'was' : 'were'} not checked: ` +
        'the sentence is not shown to be about it (--show-unchecked lists them).',
    );
  }
  return out.join('\n');
}

/** `file:line:column:severity:rule:message`, one per line: the golden-fixture format. */
export function toLines(reports: FileReport[]): string {
  return reports
    .flatMap(({ file, text, findings }) => {
      const lines = new LineIndex(text);
      return findings.map((f) => formatFinding(file, lines, f));
    })
    .join('\n');
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** SARIF 2.1.0, as GitHub code scanning reads it. */
export function toSarif(reports: FileReport[], version: string): object {
  const results = reports.flatMap(({ file, text, findings }) => {
    const lines = new LineIndex(text);
    return findings.map((f) => {
      const r = range(lines, f.start, f.end);
      return {
        ruleId: f.rule,
        level: SARIF_LEVEL[f.severity],
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: file.split('\\').join('/') },
              region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
            },
          },
        ],
        ...(f.fixes.length > 0
          ? {
              fixes: f.fixes.map((fix) => ({
                description: { text: fix.title },
                artifactChanges: [
                  {
                    artifactLocation: { uri: file.split('\\').join('/') },
                    replacements: fix.edits.map((e) => {
                      const er = range(lines, e.start, e.end);
                      return {
                        deletedRegion: { startLine: er.line, startColumn: er.column, endLine: er.endLine, endColumn: er.endColumn },
                        insertedContent: { text: e.newText },
                      };
                    }),
                  },
                ],
              })),
            }
          : {}),
      };
    });
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'factlint',
            version,
            informationUri: REPOSITORY,
            rules: rules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.description },
              helpUri: ruleDocs(r.id),
              defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
              properties: { category: r.category },
            })),
          },
        },
        results,
      },
    ],
  };
}
