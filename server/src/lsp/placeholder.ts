import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { rangeOf, type Positions } from './convert.js';
import { REASON_PLACEHOLDER } from './protocol.js';

const COMMENT = new RegExp(
  `<!--[ \\t]*factlint-(?:disable|disable-line|disable-next-line)\\b[^\\n>]*?\\s--[ \\t]+(${REASON_PLACEHOLDER})[ \\t]*-->`,
  'g',
);

/**
 * A hint on each suppression comment whose reason is still the placeholder a "Disable … (with a reason)" action
 * inserted: the writer meant to say why the finding is wrong there.
 */
export function placeholderHints(text: string, positions: Positions): Diagnostic[] {
  if (!text.includes('factlint-')) return [];
  const hints: Diagnostic[] = [];
  for (const m of text.matchAll(COMMENT)) {
    const start = m.index + m[0].lastIndexOf(m[1]!);
    hints.push({
      range: rangeOf(positions, start, start + m[1]!.length),
      severity: DiagnosticSeverity.Hint,
      source: 'factlint',
      code: 'suppression-reason',
      message: 'Say why this finding does not apply here: the reason is still the placeholder.',
    });
  }
  return hints;
}
