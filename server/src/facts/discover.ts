import { readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CONFIG_NAME, MAX_CONFIG, parseConfig, type ConfigResult } from './config.js';
import { bundledFactsDir, isFactFile } from './files.js';
import { asUnreadable, readTextFile } from './textfile.js';

/** What a draft's fact base is looked for with, besides the draft itself. */
export interface Where {
  /** Fact-base files or folders set for the draft (by the editor's settings or a configuration file), absolute. */
  configured: string[];
  /** Whether `configured` was written in the project (a configuration file), so that `allowed` applies to it. */
  configuredInProject?: boolean;
  /** Which paths written in the project (front matter, a configuration file) may be read; all when undefined. */
  allowed?: (path: string) => boolean;
}

/** The fact-base files a draft is checked against, and those of them that may not be read (see {@link Where.allowed}). */
export interface Found {
  files: string[];
  refused: string[];
  /** Set when no fact base applies to the draft and the bundled one is used in its place. */
  bundled?: boolean;
}

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
const SCAN_LIMIT = 20_000;

/**
 * Finds the fact base and the configuration file of a draft, the same way for the language server and the CLI.
 * A draft's project root is the deepest of `roots` it lies in (the workspace folders; the CLI's current folder). The
 * fact base is the first of: the `facts:` paths in the draft's front matter (relative to the draft); the configured
 * paths (editor settings, else the configuration file); the nearest folder at or above the draft, up to its project
 * root, holding `*.facts.yaml` itself or in a `facts/` subfolder; every `*.facts.yaml` in the project root; the
 * bundled fact base. Folder listings are cached until {@link rediscover}.
 */
export class Discovery {
  readonly #listings = new Map<string, string[]>();
  readonly #scans = new Map<string, string[]>();
  readonly #configs = new Map<string, { stamp: string; result: ConfigResult }>();
  #frontMatter: { text: string; facts: string[] } = { text: '', facts: [] };

  constructor(readonly roots: () => string[]) {}

  /** The project root a path lies in: the deepest root that holds it, or undefined. */
  rootOf(path: string): string | undefined {
    return this.roots()
      .filter((root) => path.startsWith(root.endsWith(sep) ? root : root + sep))
      .sort((a, b) => b.length - a.length)[0];
  }

  /**
   * The nearest configuration file ({@link CONFIG_NAME}) in the draft's folder or a folder above it, up to its project
   * root (only the draft's own folder outside every root); read again whenever it changed on disk.
   */
  configFor(draftPath: string | undefined): ConfigResult | undefined {
    if (draftPath === undefined) return undefined;
    const root = this.rootOf(draftPath);
    for (let dir = dirname(draftPath); ; dir = dirname(dir)) {
      const result = this.#config(join(dir, CONFIG_NAME));
      if (result) return result;
      if (root === undefined || dir === root || dirname(dir) === dir) return undefined;
    }
  }

  /** Every configuration file read so far that still exists, with its problems. */
  configs(): ConfigResult[] {
    return [...this.#configs.values()].map((c) => c.result);
  }

  /** The fact-base files a draft at `draftPath` (undefined when it is not a file) is checked against. */
  filesFor(draftPath: string | undefined, draftText: string, where: Where): Found {
    const here = draftPath === undefined ? undefined : dirname(draftPath);
    const allowed = where.allowed ?? (() => true);
    const named = this.frontMatterFacts(draftText);
    if (named.length > 0 && here !== undefined)
      return this.#checked(
        named.map((p) => resolve(here, p)),
        allowed,
      );
    if (where.configured.length > 0) {
      const found = where.configuredInProject
        ? this.#checked(where.configured, allowed)
        : { files: this.#expand(where.configured), refused: [] };
      if (found.files.length > 0) return found;
    }
    const root = draftPath === undefined ? undefined : this.rootOf(draftPath);
    for (let dir = here; dir !== undefined; dir = dirname(dir)) {
      const near = [...this.#list(dir), ...this.#list(join(dir, 'facts'))];
      if (near.length > 0) return { files: near, refused: [] };
      if (root === undefined || dir === root || dirname(dir) === dir) break;
    }
    const all = root === undefined ? [] : this.#scan(root);
    return all.length > 0 ? { files: all, refused: [] } : { files: this.#list(bundledFactsDir()), refused: [], bundled: true };
  }

  /** Forgets folder listings (a fact-base file was created or deleted) and configuration files read. */
  rediscover(): void {
    this.#listings.clear();
    this.#scans.clear();
    this.#configs.clear();
  }

  /** The `facts:` path(s) in a draft's YAML front matter (the last front matter's answer is kept: drafts are re-read per keystroke). */
  frontMatterFacts(text: string): string[] {
    if (!text.startsWith('---')) return [];
    const m = FRONT_MATTER.exec(text);
    if (!m) return [];
    if (m[1] !== this.#frontMatter.text) this.#frontMatter = { text: m[1]!, facts: frontMatterFacts(m[1]!) };
    return this.#frontMatter.facts;
  }

  /** Paths written in the project: those `allowed` refuses are listed as files (so that they get a problem) and as refused. */
  #checked(paths: string[], allowed: (path: string) => boolean): Found {
    const refused = paths.filter((p) => !allowed(p));
    return { files: [...new Set([...refused, ...this.#expand(paths.filter((p) => !refused.includes(p)))])], refused };
  }

  #config(path: string): ConfigResult | undefined {
    let stamp: string;
    try {
      const s = statSync(path);
      stamp = `${s.mtimeMs}:${s.size}`;
    } catch {
      this.#configs.delete(path);
      return undefined;
    }
    const cached = this.#configs.get(path);
    if (cached?.stamp === stamp) return cached.result;
    let result: ConfigResult;
    try {
      result = parseConfig(path, readTextFile(path, MAX_CONFIG).text);
    } catch (error) {
      result = {
        path,
        text: '',
        problems: [
          { rule: 'config-invalid', file: path, start: 0, end: 0, message: `Cannot read ${path}: ${asUnreadable(path, error).reason}` },
        ],
      };
    }
    this.#configs.set(path, { stamp, result });
    return result;
  }

  /** Named paths with each folder replaced by its fact-base files; a folder with none is kept, so that it gets a problem. */
  #expand(paths: string[]): string[] {
    return [
      ...new Set(
        paths.flatMap((p) => {
          if (!isDirectory(p)) return [p];
          const listed = this.#list(p);
          return listed.length > 0 ? listed : [p];
        }),
      ),
    ];
  }

  /** The fact-base files directly in a folder, sorted (none when it does not exist). */
  #list(dir: string): string[] {
    let files = this.#listings.get(dir);
    if (!files) {
      try {
        files = readdirSync(dir, { withFileTypes: true })
          .filter((e) => e.isFile() && isFactFile(e.name))
          .map((e) => join(dir, e.name))
          .sort();
      } catch {
        files = [];
      }
      this.#listings.set(dir, files);
    }
    return files;
  }

  /** Every fact-base file below a project root, skipping dot-folders and node_modules. */
  #scan(root: string): string[] {
    let found = this.#scans.get(root);
    if (found) return found;
    found = [];
    const queue = [root];
    for (let seen = 0; seen < queue.length && seen < SCAN_LIMIT; seen++) {
      const dir = queue[seen]!;
      try {
        for (const e of readdirSync(dir, { withFileTypes: true })) {
          if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') queue.push(join(dir, e.name));
          else if (e.isFile() && isFactFile(e.name)) found.push(join(dir, e.name));
        }
      } catch {
        // An unreadable folder holds no fact base we can use.
      }
    }
    found.sort();
    this.#scans.set(root, found);
    return found;
  }
}

/** The `facts:` path(s) in the YAML of a front matter. */
function frontMatterFacts(yaml: string): string[] {
  try {
    // uniqueKeys off: the library compares each key with every earlier one, quadratic in a front matter of many keys.
    const facts = (parseYaml(yaml, { uniqueKeys: false, maxAliasCount: 100 }) as { facts?: unknown } | null)?.facts;
    if (typeof facts === 'string') return [facts];
    return Array.isArray(facts) ? facts.filter((f): f is string => typeof f === 'string') : [];
  } catch {
    return [];
  }
}

/** The path with its symbolic links followed, as far as it exists. */
export function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return dirname(path) === path ? path : join(realPath(dirname(path)), basename(path));
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
