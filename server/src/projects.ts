import { relative, resolve } from 'node:path';
import type { CheckOptions } from './check.js';
import { includes, type ConfigResult } from './facts/config.js';
import { Discovery } from './facts/discover.js';
import { readFactFile } from './facts/files.js';
import { loadFactBase } from './facts/load.js';
import { asUnreadable } from './facts/textfile.js';
import type { FactFile, FactProblem } from './facts/types.js';
import { factBaseFindings } from './findings.js';
import { compile, type FactIndex } from './match/compile.js';
import { toLines } from './report.js';

/** What the CLI checks a draft with, or why it cannot be checked. */
export type DraftSetup = { index: FactIndex; options: CheckOptions } | { problem: string };

/** A draft's configuration file, if any; `skip` when its globs leave the draft out, `problem` when it is broken. */
export interface DraftConfig {
  config?: ConfigResult;
  skip?: boolean;
  problem?: string;
}

/**
 * The fact base and settings of each draft the CLI checks, found as the language server finds them (see
 * {@link Discovery}), with the current folder as the project root. A configuration file gives rule severities, house
 * style, include/exclude globs and fact-base paths; `--facts` replaces every fact base found. Each fact base and
 * configuration file is read once; the problems of a broken one are listed once, in {@link problems}.
 */
export class Projects {
  readonly #discovery = new Discovery(() => [process.cwd()]);
  readonly #bases = new Map<string, FactIndex | undefined>();
  readonly #shown = new Set<string>();
  /** Problems of fact bases and configuration files, as `file:line:column:severity:rule:message` blocks. */
  readonly problems: string[] = [];

  /** `fixed` is the fact base given with `--facts`, used for every draft; `houseStyle` false is `--no-style`. */
  constructor(
    readonly fixed: FactIndex | undefined,
    readonly houseStyle: boolean,
  ) {}

  /** The configuration file that applies to a draft (checked before the draft is read: it may leave the draft out). */
  configFor(draft: string): DraftConfig {
    const config = this.#discovery.configFor(resolve(draft));
    if (config && !config.config) {
      this.#show(
        config.path,
        `The configuration file ${config.path} has ${count(config.problems)}:`,
        config.problems,
        new Map([[config.path, config.text]]),
      );
      return { config, problem: `Cannot check the draft ${draft}: its configuration file ${config.path} has problems (listed above).` };
    }
    if (config?.config && !includes(config.config, resolve(draft))) return { config, skip: true };
    return { config };
  }

  /** What a draft whose text has been read is checked with. */
  checkWith(draft: string, text: string, config: ConfigResult | undefined): DraftSetup {
    const options: CheckOptions = {
      severity: config?.config?.rules ?? {},
      houseStyle: this.houseStyle && (config?.config?.houseStyle ?? true),
    };
    if (this.fixed) return { index: this.fixed, options };
    const { files } = this.#discovery.filesFor(resolve(draft), text, {
      configured: config?.config?.factBase ?? [],
      configuredInProject: true,
    });
    const key = files.join('\n');
    if (!this.#bases.has(key)) this.#bases.set(key, this.#load(files));
    const index = this.#bases.get(key);
    return index ? { index, options } : { problem: `Cannot check the draft ${draft}: its fact base has problems (listed above).` };
  }

  #load(paths: string[]): FactIndex | undefined {
    const files: FactFile[] = [];
    const problems: FactProblem[] = [];
    for (const path of paths) {
      try {
        files.push({ path, text: readFactFile(path) });
      } catch (error) {
        problems.push({
          rule: 'factbase-syntax',
          file: path,
          start: 0,
          end: 0,
          message: `Cannot read the fact-base file ${path}: ${asUnreadable(path, error).reason}`,
        });
      }
    }
    const loaded = problems.length > 0 ? { problems, facts: undefined } : loadFactBase(files);
    if (loaded.facts) return compile(loaded.facts);
    this.#show(
      paths.join('\n'),
      `The fact base has ${count(loaded.problems)}:`,
      loaded.problems,
      new Map(files.map((f) => [f.path, f.text])),
    );
    return undefined;
  }

  #show(key: string, heading: string, problems: FactProblem[], texts: Map<string, string>): void {
    if (this.#shown.has(key)) return;
    this.#shown.add(key);
    this.problems.push(`${heading}\n${problemLines(problems, texts)}`);
  }
}

/** Problems in fact-base or configuration files as `file:line:column:severity:rule:message` lines (paths relative to the current folder). */
export function problemLines(problems: FactProblem[], texts: Map<string, string>): string {
  return toLines(
    [...factBaseFindings(problems)].map(([file, findings]) => ({
      file: relative(process.cwd(), file) || file,
      text: texts.get(file) ?? '',
      findings,
    })),
  );
}

const count = (problems: unknown[]) => `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
