import { CST, Lexer, type YAMLError } from 'yaml';

/** A YAML syntax problem: where it is, and what to do about it. */
export interface SyntaxProblem {
  start: number;
  end: number;
  message: string;
}

const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;
const lineEnd = (text: string, at: number) => (text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at));
const lineOf = (text: string, at: number) => text.slice(0, at).split('\n').length;

/**
 * The one YAML syntax problem to report for a file, in plain words and on the line to fix. A parser's first error often
 * sets off others, and its place is where the parser gave up rather than where the mistake is (an unclosed quote is
 * noticed at the end of the file; a tab, seven times): the first error alone is reported, moved to the quote or bracket
 * that was opened and never closed when there is one.
 */
export function syntaxProblem(text: string, errors: YAMLError[]): SyntaxProblem {
  const first = [...errors].sort((a, b) => a.pos[0] - b.pos[0])[0]!;
  const [start, end] = first.pos.map((p) => Math.min(p, text.length)) as [number, number];
  const unclosed = first.code === 'TAG_RESOLVE_FAILED' || first.code === 'MULTIPLE_DOCS' ? undefined : unclosedAt(text, start);
  if (unclosed) return unclosed;
  const line = text.slice(lineStart(text, start), lineEnd(text, start));
  const at = (message: string, from = start, to = Math.max(end, start)) => ({ start: from, end: to, message: `YAML: ${message}` });
  if (first.code === 'TAB_AS_INDENT' || (first.code === 'BAD_INDENT' && /^ *\t/.test(line))) {
    const tab = lineStart(text, start) + line.indexOf('\t');
    return at('this line is indented with a tab; indent with spaces only.', tab, tab + 1);
  }
  if (first.code === 'BLOCK_AS_IMPLICIT_KEY' || first.code === 'MULTILINE_IMPLICIT_KEY') return implicitKey(text, errors, at);
  if (first.code === 'BAD_INDENT' && /same column/.test(first.message)) {
    return at('this field does not line up with the fields above it; indent it by the same number of spaces.');
  }
  if (first.code === 'MISSING_CHAR' && /without - indicator/.test(first.message)) {
    return at('this line is indented less than the fields of the list item above; line it up with them, or start a new item with "- ".');
  }
  if (first.code === 'UNEXPECTED_TOKEN' && /^\s*["']/.test(text.slice(Math.max(0, text.lastIndexOf(':', start)) + 1, start))) {
    return at(
      'more text follows a closing quote; put the whole value in the other kind of quotes ("…" or \'…\'), or leave the inner quotes out.',
    );
  }
  return at(first.message.split('\n')[0]!);
}

type At = (message: string, from?: number, to?: number) => SyntaxProblem;

/**
 * A key the parser could not read because the text before it runs on: a line indented further than the fields above
 * it, a colon with no space after it, a list dash with no space after it, or a value holding ": ".
 */
function implicitKey(text: string, errors: YAMLError[], at: At): SyntaxProblem {
  const multi = errors.find((e) => e.code === 'MULTILINE_IMPLICIT_KEY' && text.slice(e.pos[0], e.pos[1]).includes('\n'));
  const start = multi?.pos[0] ?? errors.find((e) => e.code === 'BLOCK_AS_IMPLICIT_KEY')?.pos[0] ?? errors[0]!.pos[0];
  const firstLine = text.slice(lineStart(text, start), lineEnd(text, start));
  if (/^\s*-[^\s-]/.test(firstLine)) {
    const dash = lineStart(text, start) + firstLine.indexOf('-');
    return at('write a space after the dash that starts a list item.', dash, dash + 1);
  }
  if (!multi)
    return at('a colon followed by a space inside a value starts a new field; put the value in quotes.', start, lineEnd(text, start));
  const end = multi.pos[1];
  const colon = /^\s*(?:- +)?[\w-]+:(?=\S)/.exec(firstLine);
  if (colon) {
    const after = lineStart(text, start) + colon[0].length;
    return at("write a space after the colon that ends a field's name.", after - 1, after);
  }
  const last = lineStart(text, end);
  const next = text.slice(last, lineEnd(text, last));
  return at(
    `this line is indented further than the fields above it, so it reads as part of the value on line ${lineOf(text, start)}; line it up with them.`,
    last + next.search(/\S|$/),
    lineEnd(text, last),
  );
}

const DOUBLE = /^"(?:[^"\\]|\\[\s\S])*"$/;
const SINGLE = /^'(?:[^']|'')*'$/;

/**
 * The first quote or bracket that is opened and not closed on its line, from the YAML library's own lexer. A quoted
 * text may run over several lines in YAML: one that does is taken for the mistake only when the error is inside it or
 * on the line after it.
 */
function unclosedAt(text: string, error: number): SyntaxProblem | undefined {
  let offset = 0;
  const open: number[] = [];
  for (const lexeme of new Lexer().lex(text)) {
    const type = CST.tokenType(lexeme);
    if (type === 'double-quoted-scalar' || type === 'single-quoted-scalar') {
      const closed = (type === 'double-quoted-scalar' ? DOUBLE : SINGLE).test(lexeme);
      if (!closed || (lexeme.includes('\n') && offset < error && error <= lineEnd(text, offset + lexeme.length) + 1)) {
        const quote = lexeme[0]!;
        return {
          start: offset,
          end: lineEnd(text, offset),
          message: `YAML: the ${quote === '"' ? 'double' : 'single'} quote opened here is not closed on this line; end the text with ${quote}.`,
        };
      }
    } else if (type === 'flow-seq-start' || type === 'flow-map-start') open.push(offset);
    else if (type === 'flow-seq-end' || type === 'flow-map-end') open.pop();
    else if (type === 'flow-error-end' && open.length > 0) {
      const from = open[0]!;
      const bracket = text[from]!;
      return {
        start: from,
        end: from + 1,
        message: `YAML: the ${bracket === '[' ? 'list' : 'map'} opened with ${bracket} here is not closed; end it with ${bracket === '[' ? ']' : '}'}.`,
      };
    }
    if (type !== 'scalar' && type !== 'doc-mode' && type !== 'flow-error-end') offset += lexeme.length;
  }
  return undefined;
}
