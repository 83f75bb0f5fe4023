import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document as YamlDocument, type Node } from 'yaml';
import schema from './factbase.schema.json' with { type: 'json' };
import { link } from './link.js';
import type { FactBase, FactProblem } from './types.js';

/** A fact-base file as read from disk or from an editor buffer. */
export interface FactFile {
  path: string;
  text: string;
}

/** The result of loading: the fact base when it is usable, and every problem found, located. */
export interface LoadResult {
  facts?: FactBase;
  problems: FactProblem[];
}

/** The largest fact-base file accepted, in UTF-16 code units. */
export const MAX_FACT_FILE = 5_000_000;

// ajv is CommonJS with a default export; under NodeNext its class sits on `.default`.
const Ajv = (AjvModule as unknown as { default: typeof AjvModule }).default ?? AjvModule;
let validator: ValidateFunction | undefined;
function validate(): ValidateFunction {
  if (!validator) validator = new (Ajv as unknown as new (o: object) => { compile(s: object): ValidateFunction })({ allErrors: true, strict: false }).compile(schema);
  return validator;
}

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

function parseOne(file: FactFile, problems: FactProblem[]): { doc: YamlDocument; data: Record<string, unknown> } | undefined {
  const doc = parseDocument(file.text, { lineCounter: new LineCounter(), uniqueKeys: true, prettyErrors: false, customTags: [] });
  const errors = [...doc.errors, ...doc.warnings];
  for (const error of errors) {
    problems.push({ rule: 'factbase-syntax', file: file.path, start: error.pos[0], end: Math.max(error.pos[1], error.pos[0]),
      message: `YAML: ${error.message.split('\n')[0]}` });
  }
  if (errors.length > 0) return undefined;
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    problems.push({ rule: 'factbase-syntax', file: file.path, start: 0, end: 0,
      message: `YAML: ${error instanceof Error ? error.message : String(error)}` });
    return undefined;
  }
  if (data === null || data === undefined) data = {};
  const check = validate();
  if (!check(data)) {
    for (const error of check.errors ?? []) problems.push(schemaProblem(file.path, doc, error));
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
