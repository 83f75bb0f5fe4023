import type { ErrorObject, ValidateFunction } from 'ajv';
import { Composer, isAlias, isMap, isScalar, isSeq, Parser, visit, YAMLParseError, type CST, type Document as YamlDocument, type Node } from 'yaml';
import validateFactBase from './factbase.validate.js';
import { MAX_FACT_DEPTH, prescan, tooDeep } from './depth.js';
import { link } from './link.js';
import { MAX_PROBLEMS, more } from './problems.js';
import type { FactBase, FactFile, FactProblem } from './types.js';

/** The result of loading: the fact base when it is usable, and every problem found, located. */
export interface LoadResult {
  facts?: FactBase;
  problems: FactProblem[];
}

/** The largest fact-base file accepted, in UTF-16 code units. */
export const MAX_FACT_FILE = 5_000_000;

/** The schema's validator, compiled by ajv at build time (server/build-validator.mjs) rather than at every start. */
const validate = (): ValidateFunction => validateFactBase as unknown as ValidateFunction;

/** Parses, validates and links fact-base files; never throws on bad input. */
export function loadFactBase(files: FactFile[]): LoadResult {
  const problems: FactProblem[] = [];
  const parsed: { file: FactFile; doc: YamlDocument; data: Record<string, unknown> }[] = [];
  for (const file of files) {
    if (file.text.length > MAX_FACT_FILE) {
      problems.push({ rule: 'factbase-syntax', file: file.path, start: 0, end: 0,
        message: `The fact base is ${file.text.length} characters long; the limit is ${MAX_FACT_FILE}.` });
      continue;
    }
    const result = parseOne(file, problems);
    if (result) parsed.push({ file, ...result });
  }
  if (problems.length > 0) return { problems };
  const facts = link(parsed.map(({ file, doc, data }) => ({ file, data, locate: (path) => locate(doc, path) })), problems);
  return problems.length > 0 ? { problems } : { facts, problems };
}

/** The first YAML document of a file (what `parseDocument` gives), composed from tokens already parsed. */
function compose(tokens: CST.Token[], text: string): YamlDocument {
  let doc: YamlDocument | undefined;
  for (const next of new Composer({ uniqueKeys: false, prettyErrors: false, customTags: [] }).compose(tokens, true, text.length)) {
    if (!doc) doc = next as YamlDocument;
    else {
      doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'A fact-base file holds one YAML document; this is a second'));
      break;
    }
  }
  return doc!;
}

/** The top-level keys of a fact base, as in the JSON Schema (test/unit/facts.test.ts keeps the two the same). */
export const SECTIONS = ['title', 'defaultEvent', 'sources', 'people', 'organisations', 'offices', 'events', 'documents',
  'documentCounts', 'claims', 'terms'];

/** Whether a file's top level could be a fact base: empty, or a map with no keys or with at least one fact-base section. */
function isFactBaseShaped(doc: YamlDocument): boolean {
  const top = doc.contents;
  if (top === null) return true;
  return isMap(top) && (top.items.length === 0 || top.items.some(({ key }) => isScalar(key) && SECTIONS.includes(String(key.value))));
}


function parseOne(file: FactFile, problems: FactProblem[]): { doc: YamlDocument; data: Record<string, unknown> } | undefined {
  // Nesting and size are bounded before the concrete syntax tree is built; nesting is then checked exactly on it.
  const over = prescan(file.text);
  if (over) {
    problems.push({ rule: 'factbase-syntax', file: file.path, start: over.offset, end: over.offset + 1, message: over.message });
    return undefined;
  }
  // The tree is built once, and composed into the document.
  let tokens: CST.Token[] | undefined = [...new Parser().parse(file.text)];
  const deep = tooDeep(tokens);
  if (deep !== undefined) {
    problems.push({ rule: 'factbase-syntax', file: file.path, start: deep, end: deep + 1,
      message: `YAML: collections are nested more than ${MAX_FACT_DEPTH} deep here; a fact base needs a few levels.` });
    return undefined;
  }
  // The library's own unique-key check compares each key with every earlier one (quadratic in a map's size): a Set does it here.
  const doc = compose(tokens, file.text);
  tokens = undefined; // the document holds no reference to the tree: let it go before the data is built
  if (!isFactBaseShaped(doc)) {
    // Some other file (a password file, a YAML config): one problem, quoting none of its content.
    problems.push({ rule: 'factbase-schema', file: file.path, start: 0, end: 0,
      message: `${file.path} is not a fact-base file: its top level is not a map of fact-base sections (title, sources, people, events, …).` });
    return undefined;
  }
  const errors = [...doc.errors, ...doc.warnings];
  for (const error of errors.slice(0, MAX_PROBLEMS)) {
    // An error at the end of the input is placed one past it: clamp so that the range stays inside the file.
    const [start, end] = error.pos.map((p) => Math.min(p, file.text.length)) as [number, number];
    problems.push({ rule: 'factbase-syntax', file: file.path, start, end: Math.max(end, start), message: `YAML: ${error.message.split('\n')[0]}` });
  }
  if (errors.length > MAX_PROBLEMS) problems.push(more('factbase-syntax', file.path, errors.length, Math.min(errors[MAX_PROBLEMS]!.pos[0], file.text.length)));
  let duplicates = 0;
  let firstUnlisted = 0;
  visit(doc, {
    Map: (_, map) => {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        if (!isScalar(key)) continue;
        if (seen.has(key.value) && key.range) {
          if (++duplicates <= MAX_PROBLEMS) {
            problems.push({ rule: 'factbase-syntax', file: file.path, start: key.range[0], end: key.range[1], message: 'YAML: Map keys must be unique' });
          } else if (duplicates === MAX_PROBLEMS + 1) firstUnlisted = key.range[0];
        }
        seen.add(key.value);
      }
    },
  });
  if (duplicates > MAX_PROBLEMS) problems.push(more('factbase-syntax', file.path, duplicates, firstUnlisted));
  if (errors.length > 0 || duplicates > 0) return undefined;
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // The alias limit (a "billion laughs" file): locate the first alias rather than the file's start.
    let at: [number, number] = [0, 0];
    visit(doc, { Alias: (_, node) => (isAlias(node) && node.range ? ((at = [node.range[0], node.range[1]]), visit.BREAK) : undefined) });
    problems.push({ rule: 'factbase-syntax', file: file.path, start: at[0], end: at[1],
      message: `YAML: ${error instanceof Error ? error.message : String(error)}` });
    return undefined;
  }
  if (data === null || data === undefined) data = {};
  const check = validate();
  if (!check(data)) {
    const errors = check.errors ?? [];
    for (const error of errors.slice(0, MAX_PROBLEMS)) problems.push(schemaProblem(file.path, doc, error));
    if (errors.length > MAX_PROBLEMS) problems.push(more('factbase-schema', file.path, errors.length, schemaProblem(file.path, doc, errors[MAX_PROBLEMS]!).start));
    return undefined;
  }
  return { doc, data: data as Record<string, unknown> };
}

function schemaProblem(file: string, doc: YamlDocument, error: ErrorObject): FactProblem {
  const path = error.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let { start, end } = locate(doc, path);
  let message = `${path.length ? path.join('.') : 'the fact base'} ${error.message ?? 'is invalid'}`;
  const extra = (error.params as { additionalProperty?: string }).additionalProperty;
  if (error.keyword === 'additionalProperties' && extra !== undefined) {
    message = `Unknown field "${extra}" in ${path.length ? path.join('.') : 'the fact base'}`;
    const key = keyRange(doc, path, extra);
    if (key) ({ start, end } = key);
  } else if (error.keyword === 'enum') {
    message += `: ${((error.params as { allowedValues?: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return { rule: 'factbase-schema', file, start, end, message };
}

/** The source range of the YAML node at a data path; the nearest existing ancestor when it is missing. */
export function locate(doc: YamlDocument, path: (string | number)[]): { start: number; end: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const keys = path.slice(0, depth).map((p) => (typeof p === 'string' && /^\d+$/.test(p) ? Number(p) : p));
    const node = (depth === 0 ? doc.contents : doc.getIn(keys, true)) as Node | null | undefined;
    if (node && (isMap(node) || isSeq(node) || isScalar(node)) && node.range) {
      return { start: node.range[0], end: node.range[1] };
    }
  }
  return { start: 0, end: 0 };
}

function keyRange(doc: YamlDocument, path: string[], key: string): { start: number; end: number } | undefined {
  const keys = path.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const node = keys.length === 0 ? doc.contents : doc.getIn(keys, true);
  if (!isMap(node)) return undefined;
  for (const pair of node.items) {
    if (isScalar(pair.key) && pair.key.value === key && pair.key.range) return { start: pair.key.range[0], end: pair.key.range[1] };
  }
  return undefined;
}
