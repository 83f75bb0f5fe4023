import { CST, Lexer } from 'yaml';

/** Collections nested deeper than this are refused before composing: the YAML library recurses per level (and dies hard past ~1000). */
export const MAX_FACT_DEPTH = 64;

/**
 * How deep the lexer's tokens alone may nest before the file is refused without being parsed: the YAML parser keeps
 * a stack entry per open collection, and a few million of them (a file of `[`, `{a: ` or `- `) exhaust the memory
 * before any tree exists. The estimate can only be too high (see {@link prescan}), so it is given room over
 * {@link MAX_FACT_DEPTH}, which the exact check on the parsed tokens ({@link tooDeep}) applies.
 */
const ROUGH_DEPTH = 4 * MAX_FACT_DEPTH;

/**
 * The most YAML values (scalars, collections, items and pairs) a fact-base file may hold. The YAML library, the
 * document and the data take about 1 KB of memory per value, whatever its length: this keeps a file's load under
 * about 300 MB. A typical fact base has one value per 18 characters (the bundled one, 74 KB, has 4,150), so this is
 * about 3.5 MB of it; a file of `[],` reaches it at 600 KB.
 */
export const MAX_FACT_VALUES = 300_000;

/** What a collection counts for against {@link MAX_FACT_VALUES}: it takes about three times a scalar's memory. */
const COLLECTION = 3;

/**
 * Reads a YAML text's lexical tokens in one pass, with memory bounded by the limits, before anything is parsed: the
 * offset and message of the first place where it nests more than {@link ROUGH_DEPTH} deep or holds more than
 * {@link MAX_FACT_VALUES} values. Depth is counted as the open flow brackets plus, outside them, the indentation
 * levels of the lines above that are still open and the block indicators (`-`, `?`, `:`) on the current line, so that
 * every real level of nesting is counted at least once.
 */
export function prescan(text: string): { offset: number; message: string } | undefined {
  let offset = 0;
  let flow = 0;
  let onLine = 0;
  let indent = 0;
  let values = 0;
  let lineStart = true;
  let scalar = false;
  const open: number[] = [];
  for (const lexeme of new Lexer().lex(text)) {
    const type: string | null = scalar ? 'scalar-source' : CST.tokenType(lexeme);
    scalar = type === 'scalar';
    if (type === 'scalar' || type === 'doc-mode' || type === 'flow-error-end') continue; // markers, not source text
    if (type === 'newline') {
      lineStart = true;
      indent = onLine = 0;
    } else if (type === 'space') {
      if (lineStart) indent += lexeme.length;
    } else if (type !== 'comment') {
      if (lineStart && flow === 0) {
        while (open.length > 0 && open[open.length - 1]! >= indent) open.pop();
        open.push(indent);
      }
      lineStart = false;
      const opens = type === 'flow-seq-start' || type === 'flow-map-start';
      const indicator = type === 'seq-item-ind' || type === 'explicit-key-ind' || type === 'map-value-ind';
      if (opens) flow++;
      else if (type === 'flow-seq-end' || type === 'flow-map-end') flow = Math.max(0, flow - 1);
      else if (flow === 0 && indicator) onLine++;
      if (flow + open.length + onLine > ROUGH_DEPTH) {
        return { offset, message: `YAML: collections are nested more than ${MAX_FACT_DEPTH} deep here; a fact base needs a few levels.` };
      }
      values += opens ? COLLECTION : type === 'seq-item-ind' || type === 'comma' || type === 'scalar-source' || type === 'alias' ? 1 : 0;
      if (values > MAX_FACT_VALUES) {
        return {
          offset,
          message: `The fact-base file holds more than ${MAX_FACT_VALUES} YAML values (this is the next one); split it into several files.`,
        };
      }
    }
    offset += lexeme.length;
  }
  return undefined;
}

/** The offset of the first YAML collection nested more than MAX_FACT_DEPTH deep, found on the concrete syntax tree without recursion. */
export function tooDeep(tokens: CST.Token[]): number | undefined {
  const stack: [CST.Token | undefined, number][] = tokens.map((token) => [token, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    if (!token) continue;
    if (depth > MAX_FACT_DEPTH) return token.offset;
    if (token.type === 'document') stack.push([token.value, depth]);
    else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      for (const item of token.items) {
        if ('key' in item) stack.push([item.key ?? undefined, depth + 1]);
        stack.push([item.value, depth + 1]);
      }
    }
  }
  return undefined;
}
