import type { ErrorObject, ValidateFunction } from 'ajv';
import {
  Composer,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  Parser,
  visit,
  YAMLParseError,
  type CST,
  type Document as YamlDocument,
  type Node,
} from 'yaml';
import validateFactBase from './factbase.validate.js';
import { MAX_FACT_DEPTH, prescan, tooDeep } from './depth.js';
import { link, type ValidFile } from './link.js';
import { schemaMessage } from './messages.js';
import { MAX_PROBLEMS, more } from './problems.js';
import { reviewHints } from './review.js';
import { syntaxProblem } from './syntax.js';
import { v1Forms } from './v1.js';
import type { FactBase, FactFile, FactProblem } from './types.js';

/**
 * The result of loading: the fact base when it has no problem, and every problem found, located. When there are
 * problems, `partial` holds the well-formed facts: every file that parses, less each fact with a problem and each fact
 * that refers to one (an editor can keep checking drafts with it, and say that the fact base is incomplete).
 */
export interface LoadResult {
  facts?: FactBase;
  partial?: FactBase;
  problems: FactProblem[];
  /**
   * Hints that do not stop the fact base loading: forms of format v1 that v2 replaces (rule factbase-outdated: they load
   * as before; `facts migrate` rewrites them), and each candidate fact not yet reviewed (facts/review.ts).
   */
  hints: FactProblem[];
}

/** A parsed file: its YAML document, its data, and the top-level keys and items (`people/3`) found to have a problem. */
interface Parsed {
  file: FactFile;
  doc: YamlDocument;
  data: Record<string, unknown>;
  bad: Set<string>;
}

/** The largest fact-base file accepted, in UTF-16 code units. */
export const MAX_FACT_FILE = 5_000_000;

/** The schema's validator, compiled by ajv at build time (server/build-validator.mjs) rather than at every start. */
const validate = (): ValidateFunction => validateFactBase as unknown as ValidateFunction;

/** Parses, validates and links fact-base files; never throws on bad input. */
export function loadFactBase(files: FactFile[]): LoadResult {
  const problems: FactProblem[] = [];
  const hints: FactProblem[] = [];
  const parsed: Parsed[] = [];
  for (const file of files) {
    if (file.text.length > MAX_FACT_FILE) {
      problems.push({
        rule: 'factbase-syntax',
        file: file.path,
        start: 0,
        end: 0,
        message: `The fact base is ${file.text.length} characters long; the limit is ${MAX_FACT_FILE}.`,
      });
      continue;
    }
    const result = parseOne(file, problems);
    if (!result) continue;
    parsed.push({ file, ...result });
    for (const form of v1Forms(result.doc, file.text)) {
      hints.push({ rule: 'factbase-outdated', file: file.path, start: form.start, end: form.end, message: form.message });
    }
  }
  if (problems.length === 0) {
    const found: FactProblem[] = [];
    const facts = link(
      parsed.map(({ file, doc, data }) => ({ file, data, locate: (path) => locate(doc, path) })),
      found,
    );
    if (found.length === 0) return { facts, problems, hints: [...hints, ...reviewHints(facts.candidates)] };
    problems.push(...found);
  }
  const partial = salvage(parsed.filter((p) => !p.bad.has('')));
  return { partial, problems, hints: [...hints, ...reviewHints(partial.candidates)] };
}

/** Where a problem's data path puts it: the top-level item (`people/3`) or key (`title`) to leave out of a partial fact base. */
const itemOf = (path: (string | number)[]) =>
  path.length >= 2 && typeof path[1] === 'number' ? `${path[0]}/${path[1]}` : String(path[0] ?? '');

/**
 * The well-formed facts of files that parse: each item or key with a problem is left out, the rest linked, and each item
 * that then refers to one left out is left out too, until no problem is left (a chain of references is cut in a few
 * rounds; the rounds are bounded, and the problems they find are not reported again).
 */
function salvage(parsed: Parsed[]): FactBase {
  for (let round = 0; ; round++) {
    const files = parsed.map(pruned);
    const found: FactProblem[] = [];
    const paths: (string | number)[][] = [];
    const facts = link(files, found, (file, path) => paths.push([file, ...path]));
    if (found.length === 0 || round >= 8) return facts;
    let added = false;
    for (const [file, ...path] of paths) {
      const i = files.findIndex((f) => f.file.path === file);
      const key = itemOf(unprune(files[i]!, path));
      if (!parsed[i]!.bad.has(key)) {
        parsed[i]!.bad.add(key);
        added = true;
      }
    }
    if (!added) return facts;
  }
}

/** A parsed file without its items and keys with problems; paths in it are mapped back to the file's own indices. */
function pruned(p: Parsed): ValidFile & { indices: Map<string, number[]> } {
  const data: Record<string, unknown> = {};
  const indices = new Map<string, number[]>();
  for (const [key, value] of Object.entries(p.data)) {
    if (p.bad.has(key)) continue;
    if (!Array.isArray(value)) {
      data[key] = value;
      continue;
    }
    const kept = value.map((_, i) => i).filter((i) => !p.bad.has(`${key}/${i}`));
    indices.set(key, kept);
    data[key] = kept.map((i) => value[i]);
  }
  const file = { file: p.file, data, indices, locate: (path: (string | number)[]) => locate(p.doc, unprune(file, path)) };
  return file;
}

function unprune(file: { indices: Map<string, number[]> }, path: (string | number)[]): (string | number)[] {
  const kept = file.indices.get(String(path[0]));
  return kept && typeof path[1] === 'number' ? [path[0]!, kept[path[1]] ?? path[1], ...path.slice(2)] : path;
}

/** The first YAML document of a file (what `parseDocument` gives), composed from tokens already parsed. */
function compose(tokens: CST.Token[], text: string): YamlDocument {
  let doc: YamlDocument | undefined;
  for (const next of new Composer({ uniqueKeys: false, prettyErrors: false, customTags: [] }).compose(tokens, true, text.length)) {
    if (!doc) doc = next as YamlDocument;
    else {
      doc.errors.push(
        new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'A fact-base file holds one YAML document; this is a second'),
      );
      break;
    }
  }
  return doc!;
}

/** The top-level keys of a fact base, as in the JSON Schema (test/unit/facts.test.ts keeps the two the same). */
export const SECTIONS = [
  'title',
  'defaultEvent',
  'sources',
  'people',
  'organisations',
  'offices',
  'events',
  'documents',
  'documentCounts',
  'claims',
  'terms',
];

/** Whether a file's top level could be a fact base: empty, or a map with no keys or with at least one fact-base section. */
function isFactBaseShaped(doc: YamlDocument): boolean {
  const top = doc.contents;
  if (top === null) return true;
  return isMap(top) && (top.items.length === 0 || top.items.some(({ key }) => isScalar(key) && SECTIONS.includes(String(key.value))));
}

function parseOne(file: FactFile, problems: FactProblem[]): Omit<Parsed, 'file'> | undefined {
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
    problems.push({
      rule: 'factbase-syntax',
      file: file.path,
      start: deep,
      end: deep + 1,
      message: `YAML: collections are nested more than ${MAX_FACT_DEPTH} deep here; a fact base needs a few levels.`,
    });
    return undefined;
  }
  // The library's own unique-key check compares each key with every earlier one (quadratic in a map's size): a Set does it here.
  const doc = compose(tokens, file.text);
  tokens = undefined; // the document holds no reference to the tree: let it go before the data is built
  if (!isFactBaseShaped(doc)) {
    // Some other file (a password file, a YAML config): one problem, quoting none of its content.
    problems.push({
      rule: 'factbase-schema',
      file: file.path,
      start: 0,
      end: 0,
      message: `${file.path} is not a fact-base file: its top level is not a map of fact-base sections (title, sources, people, events, …).`,
    });
    return undefined;
  }
  const errors = [...doc.errors, ...doc.warnings];
  if (errors.length > 0) {
    problems.push({ rule: 'factbase-syntax', file: file.path, ...syntaxProblem(file.text, errors) });
    return undefined;
  }
  let duplicates = 0;
  let firstUnlisted = 0;
  visit(doc, {
    Map: (_, map) => {
      const seen = new Map<unknown, number>();
      for (const { key } of map.items) {
        if (!isScalar(key)) continue;
        const first = seen.get(key.value);
        if (first !== undefined && key.range) {
          if (++duplicates <= MAX_PROBLEMS) {
            const line = file.text.slice(0, first).split('\n').length;
            problems.push({
              rule: 'factbase-syntax',
              file: file.path,
              start: key.range[0],
              end: key.range[1],
              message: `YAML: "${String(key.value)}" is written twice in this map (first on line ${line}); keep one.`,
            });
          } else if (duplicates === MAX_PROBLEMS + 1) firstUnlisted = key.range[0];
        }
        if (first === undefined) seen.set(key.value, key.range?.[0] ?? 0);
      }
    },
  });
  if (duplicates > MAX_PROBLEMS) problems.push(more('factbase-syntax', file.path, duplicates, firstUnlisted));
  if (duplicates > 0) return undefined;
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // The alias limit (a "billion laughs" file): locate the first alias rather than the file's start.
    let at: [number, number] = [0, 0];
    visit(doc, { Alias: (_, node) => (isAlias(node) && node.range ? ((at = [node.range[0], node.range[1]]), visit.BREAK) : undefined) });
    problems.push({
      rule: 'factbase-syntax',
      file: file.path,
      start: at[0],
      end: at[1],
      message: `YAML: ${error instanceof Error ? error.message : String(error)}`,
    });
    return undefined;
  }
  if (data === null || data === undefined) data = {};
  const check = validate();
  const bad = new Set<string>();
  if (!check(data)) {
    const errors = check.errors ?? [];
    for (const error of errors) bad.add(itemOf(pathOf(error)));
    for (const error of errors.slice(0, MAX_PROBLEMS)) problems.push(schemaProblem(file, doc, data, error));
    if (errors.length > MAX_PROBLEMS)
      problems.push(more('factbase-schema', file.path, errors.length, schemaProblem(file, doc, data, errors[MAX_PROBLEMS]!).start));
  }
  return { doc, data: data as Record<string, unknown>, bad };
}

/** An ajv error's data path, with list indices as numbers. */
function pathOf(error: ErrorObject): (string | number)[] {
  return error.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function schemaProblem(file: FactFile, doc: YamlDocument, data: unknown, error: ErrorObject): FactProblem {
  const path = pathOf(error);
  let { start, end } = locate(doc, path);
  const { message, key } = schemaMessage(data, error, path);
  const range = key === undefined ? undefined : keyRange(doc, path, key);
  if (range) ({ start, end } = range);
  // A missing field is reported on the first line of the fact that lacks it, not across the whole fact.
  const eol = file.text.indexOf('\n', start);
  if (error.keyword === 'required' && eol >= 0) end = Math.min(end, eol);
  return { rule: 'factbase-schema', file: file.path, start, end, message };
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

function keyRange(doc: YamlDocument, path: (string | number)[], key: string): { start: number; end: number } | undefined {
  const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (!isMap(node)) return undefined;
  for (const pair of node.items) {
    if (isScalar(pair.key) && pair.key.value === key && pair.key.range) return { start: pair.key.range[0], end: pair.key.range[1] };
  }
  return undefined;
}
