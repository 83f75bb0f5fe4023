import { dirname, resolve } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import type { Severity } from '../finding.js';
import { ruleById } from '../rules/index.js';
import { inGlobs } from '../scope.js';
import type { FactProblem } from './types.js';

/** The name of a project configuration file, looked for in the draft's folder and each folder above it in the project. */
export const CONFIG_NAME = '.factlint.yaml';

/** The largest configuration file read, in characters. */
export const MAX_CONFIG = 100_000;

/** A project configuration file: what the editor's `factlint.*` settings hold, for every draft below its folder. */
export interface ProjectConfig {
  path: string;
  /** Fact-base files or folders, absolute (written relative to the configuration file's folder). */
  factBase: string[];
  rules: Record<string, Severity | 'off'>;
  houseStyle?: boolean;
  /** Globs relative to the configuration file's folder: the drafts checked (all, when empty) and those left out. */
  include: string[];
  exclude: string[];
}

/** A configuration file read: the configuration when it is valid, else its problems, located. */
export interface ConfigResult {
  path: string;
  text: string;
  config?: ProjectConfig;
  problems: FactProblem[];
}

const LEVELS = ['error', 'warning', 'information', 'hint', 'off'];
const KEYS = ['factBase', 'rules', 'houseStyle', 'include', 'exclude'];

/** Reads and validates a configuration file's text; unknown keys and bad values are problems located on them. */
export function parseConfig(path: string, text: string): ConfigResult {
  const problems: FactProblem[] = [];
  const problem = (node: { range?: [number, number, number?] | null } | null | undefined, message: string) =>
    problems.push({ rule: 'config-invalid', file: path, start: node?.range?.[0] ?? 0, end: node?.range?.[1] ?? 0, message });
  if (text.length > MAX_CONFIG) {
    problem(undefined, `${CONFIG_NAME} is ${text.length} characters long; the limit is ${MAX_CONFIG}.`);
    return { path, text, problems };
  }
  const doc = parseDocument(text, { customTags: [], uniqueKeys: true, prettyErrors: false });
  for (const error of [...doc.errors, ...doc.warnings].slice(0, 10)) {
    const [start, end] = error.pos.map((p) => Math.min(p, text.length)) as [number, number];
    problems.push({
      rule: 'config-invalid',
      file: path,
      start,
      end: Math.max(start, end),
      message: `YAML: ${error.message.split('\n')[0]}`,
    });
  }
  if (problems.length > 0) return { path, text, problems };
  const config: ProjectConfig = { path, factBase: [], rules: {}, include: [], exclude: [] };
  const top = doc.contents;
  if (top !== null && !isMap(top)) {
    problem(top, `${CONFIG_NAME} must be a map of settings (${KEYS.join(', ')}).`);
    return { path, text, problems };
  }
  const here = dirname(path);
  for (const pair of (top?.items ?? []) as Pair<Node, Node | null>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    const value = pair.value;
    if (key === 'factBase') {
      const paths = strings(value);
      if (paths) config.factBase = paths.map((p) => resolve(here, p));
      else problem(value ?? pair.key, 'factBase must be a path or a list of paths (fact-base files or folders, relative to this file).');
    } else if (key === 'include' || key === 'exclude') {
      const globs = strings(value);
      if (globs) config[key] = globs;
      else problem(value ?? pair.key, `${key} must be a glob or a list of globs (relative to this file), such as "drafts/**/*.md".`);
    } else if (key === 'houseStyle') {
      if (isScalar(value) && typeof value.value === 'boolean') config.houseStyle = value.value;
      else problem(value ?? pair.key, 'houseStyle must be true or false.');
    } else if (key === 'rules') {
      if (!isMap(value)) {
        problem(value ?? pair.key, 'rules must be a map of rule ids to a severity, such as "date-mismatch: warning".');
        continue;
      }
      for (const rule of value.items as Pair<Node, Node | null>[]) {
        const id = isScalar(rule.key) ? String(rule.key.value) : '';
        const level = isScalar(rule.value) ? rule.value.value : undefined;
        if (!ruleById.has(id)) problem(rule.key, `Unknown rule "${id}" in rules; the rules are listed in the README.`);
        else if (typeof level !== 'string' || !LEVELS.includes(level))
          problem(rule.value ?? rule.key, `The severity of ${id} must be one of ${LEVELS.join(', ')}.`);
        else config.rules[id] = level as Severity | 'off';
      }
    } else {
      problem(pair.key, `Unknown key "${key ?? '?'}" in ${CONFIG_NAME}; the keys are ${KEYS.join(', ')}.`);
    }
  }
  return problems.length > 0 ? { path, text, problems } : { path, text, config, problems };
}

/** A string or a list of non-empty strings, else undefined. */
function strings(node: Node | null): string[] | undefined {
  if (isScalar(node) && typeof node.value === 'string' && node.value !== '') return [node.value];
  if (!isSeq(node)) return undefined;
  const list = node.items.map((item) => (isScalar(item) && typeof item.value === 'string' && item.value !== '' ? item.value : undefined));
  return list.every((s) => s !== undefined) ? (list as string[]) : undefined;
}

/** Whether a configuration's `include` and `exclude` globs let a draft be checked. */
export function includes(config: ProjectConfig, draftPath: string): boolean {
  return inGlobs({ base: dirname(config.path), include: config.include, exclude: config.exclude }, draftPath);
}
