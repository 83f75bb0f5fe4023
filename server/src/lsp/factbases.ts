import { statSync } from 'node:fs';
import { dirname, isAbsolute, resolve, sep } from 'node:path';
import type { ConfigResult } from '../facts/config.js';
import { factCount } from '../facts/count.js';
import { Discovery, realPath } from '../facts/discover.js';
import { readFactFile } from '../facts/files.js';
import { loadFactBase, MAX_FACT_FILE, type LoadResult } from '../facts/load.js';
import { asUnreadable, readTextFile } from '../facts/textfile.js';
import type { FactFile, FactProblem } from '../facts/types.js';
import { compile, type FactIndex } from '../match/compile.js';
import type { Settings } from './settings.js';

/** One fact base: the files it is made of, its compiled index (the last good one, else its well-formed part) and its current problems. */
export interface FactBaseEntry {
  files: string[];
  /** Compiled from the last load without problems; kept while the files are broken. */
  index?: FactIndex;
  problems: FactProblem[];
  /** Forms of format v1 that v2 replaces (hints on the fact-base files; not problems: the facts load as before). */
  hints?: FactProblem[];
  /** The texts last loaded, by path (problems are located in these). */
  texts: Map<string, string>;
  /** `mtime:size` of each file when read from disk, or `buffer` when read from an open editor. */
  stamps: Map<string, string>;
  /**
   * Whether `index` holds the well-formed part of files that have problems (rather than the last good version): used
   * when there is no good version to keep.
   */
  partial?: boolean;
  /** When `index` was compiled (ms since 1970). */
  loadedAt?: number;
  /** Loaded ahead of any draft ({@link FactBases.preload}): the first draft to get it is told it was (re)loaded. */
  preloaded?: boolean;
}

/** What a load did, for the log: the fact base, how long it took, and whether it replaced an earlier load. */
export interface LoadEvent {
  entry: FactBaseEntry;
  ms: number;
  reload: boolean;
}

/**
 * Loads and caches the fact bases drafts are checked against, found by {@link Discovery} (in the manner the CLI finds
 * them), with the editor's `factlint.factBase` setting before a configuration file's `factBase`. Each distinct set of
 * files is loaded and compiled once, and again only when one of its files changes.
 */
export class FactBases {
  readonly #entries = new Map<string, FactBaseEntry>();
  readonly discovery: Discovery;
  /** Per open document (URI), the key of the fact base it was last checked against. */
  readonly #users = new Map<string, string>();
  /** Front-matter paths outside every workspace folder, named while the workspace is not trusted: never read. */
  readonly #refused = new Set<string>();
  /** False in a workspace the user has not trusted (the client says so when it starts the server). */
  trusted = true;

  /**
   * `folders` are the workspace folders' paths; `openText` gives an open editor's text for a path; `loaded` hears of
   * every load.
   */
  constructor(readonly folders: () => string[], readonly openText: (path: string) => string | undefined,
    readonly loaded: (event: LoadEvent) => void = () => {}) {
    this.discovery = new Discovery(folders);
  }

  /** The configuration file that applies to a draft, if any (with its problems when it is not valid). */
  configFor(draftPath: string | undefined): ConfigResult | undefined {
    return this.discovery.configFor(draftPath);
  }

  /**
   * The fact-base files a draft at `draftPath` (undefined when it is not a file) is checked against. The editor's
   * setting (relative to the workspace folder) comes before the configuration file's `factBase`; in an untrusted
   * workspace, paths the project names (front matter, configuration file) outside the workspace folders are refused.
   * `bundled` says that nothing chose a fact base for the draft, so the bundled one is used.
   */
  filesFor(draftPath: string | undefined, draftText: string, settings: Settings): { files: string[]; bundled: boolean } {
    const here = draftPath === undefined ? undefined : dirname(draftPath);
    const root = (draftPath === undefined ? undefined : this.discovery.rootOf(draftPath)) ?? here ?? this.folders()[0];
    const editor = root === undefined ? settings.factBase.filter((p) => isAbsolute(p)) : settings.factBase.map((p) => resolve(root, p));
    const config = editor.length > 0 ? undefined : this.configFor(draftPath)?.config;
    const found = this.discovery.filesFor(draftPath, draftText, {
      configured: config?.factBase ?? editor, configuredInProject: config !== undefined,
      allowed: this.trusted ? undefined : (path) => this.#inWorkspace(path),
    });
    for (const path of found.refused) this.#refused.add(path);
    return { files: found.files, bundled: found.bundled === true };
  }

  /** The fact base made of `files`, loaded on first use and reloaded when a file changed; `reloaded` says whether it was. */
  get(files: string[]): { entry: FactBaseEntry; reloaded: boolean } {
    const key = files.join('\n');
    let entry = this.#entries.get(key);
    if (!entry) {
      entry = { files, problems: [], texts: new Map(), stamps: new Map() };
      this.#entries.set(key, entry);
      this.#load(entry, false);
      return { entry, reloaded: true };
    }
    const reloaded = this.#changed(entry);
    if (reloaded) this.#load(entry, true);
    if (entry.preloaded) {
      entry.preloaded = false;
      return { entry, reloaded: true };
    }
    return { entry, reloaded };
  }

  /** Loads the fact base made of `files` before any draft asks for it (at start-up, so that the first draft waits less). */
  preload(files: string[]): void {
    if (this.#entries.has(files.join('\n'))) return;
    this.get(files).entry.preloaded = true;
  }

  /** Reloads every known fact base whose files changed (on disk or in an editor); returns how many were. */
  refresh(): number {
    let count = 0;
    for (const entry of this.#entries.values()) {
      if (this.#changed(entry)) {
        this.#load(entry, true);
        count++;
      }
    }
    return count;
  }

  /** Makes the next look at a file read it again, whatever its time stamp says (a watcher reported a change). */
  touched(path: string): void {
    for (const entry of this.#entries.values()) entry.stamps.delete(path);
  }

  /**
   * Forgets what is known about folders' contents, after a fact-base file was created or deleted, and the fact
   * bases made of a file that is gone (drafts then find another; its problems are no longer shown).
   */
  rediscover(): void {
    this.discovery.rediscover();
    for (const [key, entry] of this.#entries) {
      if (entry.files.some((path) => this.openText(path) === undefined && !exists(path))) this.#entries.delete(key);
    }
  }

  /**
   * Records that an open document is checked against the fact base made of `files` (loaded with {@link get}), and
   * forgets every fact base no open document uses any more; returns whether one was forgotten (its problems should go).
   */
  use(uri: string, files: string[]): boolean {
    this.#users.set(uri, files.join('\n'));
    return this.#prune();
  }

  /** A document was closed: forgets the fact bases only it used; returns whether one was forgotten. */
  release(uri: string): boolean {
    return this.#users.delete(uri) && this.#prune();
  }

  #prune(): boolean {
    const used = new Set(this.#users.values());
    let pruned = false;
    for (const key of this.#entries.keys()) {
      if (!used.has(key)) pruned = this.#entries.delete(key);
    }
    return pruned;
  }

  /** Whether a known fact base includes the file. */
  includes(path: string): boolean {
    return this.containing(path) !== undefined;
  }

  /** The first known fact base that includes the file. */
  containing(path: string): FactBaseEntry | undefined {
    return [...this.#entries.values()].find((e) => e.files.includes(path));
  }

  /**
   * Problems by fact-base file over every known fact base, and by configuration file read (an empty list for a clean
   * file), with the text they are in.
   */
  problemsByFile(): Map<string, { text: string; problems: FactProblem[] }> {
    const byFile = new Map<string, { text: string; problems: FactProblem[] }>();
    for (const entry of this.#entries.values()) {
      for (const file of entry.files) if (!byFile.has(file)) byFile.set(file, { text: entry.texts.get(file) ?? '', problems: [] });
      for (const p of [...entry.problems, ...(entry.hints ?? [])]) {
        const slot = byFile.get(p.file) ?? { text: entry.texts.get(p.file) ?? '', problems: [] };
        if (!slot.problems.some((q) => q.message === p.message && q.start === p.start && q.end === p.end)) slot.problems.push(p);
        byFile.set(p.file, slot);
      }
    }
    for (const { path, text, problems } of this.discovery.configs()) byFile.set(path, { text, problems });
    return byFile;
  }

  #load(entry: FactBaseEntry, reload: boolean): void {
    const started = performance.now();
    const files: FactFile[] = [];
    const unreadable: FactProblem[] = [];
    for (const path of entry.files) {
      const read = this.#read(entry, path);
      entry.texts.set(path, read.text ?? '');
      if (read.text === undefined) unreadable.push({ rule: 'factbase-syntax', file: path, start: 0, end: 0, message: `Cannot read the fact-base file ${path}: ${read.reason}` });
      else files.push({ path, text: read.text });
    }
    const loaded: LoadResult = unreadable.length > 0 ? { problems: unreadable, hints: [] } : loadFactBase(files);
    entry.problems = loaded.problems;
    entry.hints = loaded.hints;
    // A fact base with problems keeps its last good version; without one, its well-formed facts are used, if any.
    const partial = loaded.partial && factCount(loaded.partial) > 0 && (!entry.index || entry.partial) ? loaded.partial : undefined;
    const usable = loaded.facts ?? partial;
    if (usable) {
      entry.index = compile(usable);
      entry.partial = partial !== undefined;
      entry.loadedAt = Date.now();
    } else if (entry.partial) {
      // The well-formed part of an earlier broken load is no last good version.
      entry.index = undefined;
      entry.partial = false;
    }
    this.loaded({ entry, ms: performance.now() - started, reload });
  }

  #read(entry: FactBaseEntry, path: string): { text: string; reason?: undefined } | { text?: undefined; reason: string } {
    if (this.#refused.has(path)) {
      entry.stamps.set(path, 'refused');
      return { reason: 'it is outside the workspace folder, and a draft in an untrusted workspace may only name fact-base files inside it' };
    }
    const open = this.openText(path);
    if (open !== undefined) {
      entry.stamps.set(path, 'buffer');
      return { text: open };
    }
    // A file that exists but cannot be read keeps its time stamp, so that it is tried again only once it changes.
    try {
      entry.stamps.set(path, stamp(path));
    } catch {
      entry.stamps.set(path, 'missing');
    }
    try {
      return { text: readFactFile(path) };
    } catch (error) {
      return { reason: asUnreadable(path, error).reason };
    }
  }

  #changed(entry: FactBaseEntry): boolean {
    return entry.files.some((path) => {
      if (this.#refused.has(path)) return false;
      const open = this.openText(path);
      if (open !== undefined) return open !== entry.texts.get(path);
      let now: string;
      try {
        now = stamp(path);
      } catch {
        return entry.stamps.get(path) !== 'missing';
      }
      if (now === entry.stamps.get(path)) return false;
      try {
        const { text } = readTextFile(path, MAX_FACT_FILE);
        if (text !== entry.texts.get(path)) return true;
        entry.stamps.set(path, now);
        return false;
      } catch {
        return true;
      }
    });
  }

  /** Whether a path, with its symbolic links followed, lies inside a workspace folder. */
  #inWorkspace(path: string): boolean {
    const real = realPath(path);
    return this.folders().some((folder) => real.startsWith(realPath(folder) + sep));
  }
}

function stamp(path: string): string {
  const s = statSync(path);
  return `${s.mtimeMs}:${s.size}`;
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
