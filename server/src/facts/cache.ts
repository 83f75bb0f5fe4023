import { statSync } from 'node:fs';
import { compile, type FactIndex } from '../match/compile.js';
import { factCount } from './count.js';
import { readFactFile } from './files.js';
import { loadFactBase, MAX_FACT_FILE, type LoadResult } from './load.js';
import { asUnreadable, readTextFile } from './textfile.js';
import type { FactFile, FactProblem } from './types.js';

/** One fact base: the files it is made of, its compiled index (the last good one, else its well-formed part) and its current problems. */
export interface FactBaseEntry {
  files: string[];
  /** Compiled from the last load without problems; kept while the files are broken. */
  index?: FactIndex;
  problems: FactProblem[];
  /** Hints that do not stop it loading: candidate facts not yet reviewed. */
  hints: FactProblem[];
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
  /** Loaded ahead of any draft ({@link FactBaseCache.preload}): the first draft to get it is told it was (re)loaded. */
  preloaded?: boolean;
}

/** What a load did, for the log: the fact base, how long it took, and whether it replaced an earlier load. */
export interface LoadEvent {
  entry: FactBaseEntry;
  ms: number;
  reload: boolean;
}

/**
 * The fact bases in use, each a set of files loaded and compiled once, and again only when one of its files changes
 * (on disk, by time stamp and size, or in an open editor, whose text `openText` gives). `loaded` hears of every load.
 */
export class FactBaseCache {
  readonly #entries = new Map<string, FactBaseEntry>();
  /** Paths never read (a project named them where it may not): a fact base made of one reports it unreadable. */
  protected readonly refused = new Set<string>();

  constructor(
    readonly openText: (path: string) => string | undefined,
    readonly loaded: (event: LoadEvent) => void = () => {},
  ) {}

  /** The fact base made of `files`, loaded on first use and reloaded when a file changed; `reloaded` says whether it was. */
  get(files: string[]): { entry: FactBaseEntry; reloaded: boolean } {
    const key = files.join('\n');
    let entry = this.#entries.get(key);
    if (!entry) {
      entry = { files, problems: [], hints: [], texts: new Map(), stamps: new Map() };
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

  /** Forgets the fact bases made of a file that is gone (drafts then find another; its problems are no longer shown). */
  forgetGone(): void {
    for (const [key, entry] of this.#entries) {
      if (entry.files.some((path) => this.openText(path) === undefined && !exists(path))) this.#entries.delete(key);
    }
  }

  /** Forgets every fact base whose key (its files, one per line) is not in `used`; returns whether one was forgotten. */
  protected keep(used: ReadonlySet<string>): boolean {
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

  /** Problems by fact-base file over every known fact base (an empty list for a clean file), with the text they are in. */
  problemsByFile(): Map<string, { text: string; problems: FactProblem[] }> {
    const byFile = new Map<string, { text: string; problems: FactProblem[] }>();
    for (const entry of this.#entries.values()) {
      for (const file of entry.files) if (!byFile.has(file)) byFile.set(file, { text: entry.texts.get(file) ?? '', problems: [] });
      for (const p of [...entry.problems, ...entry.hints]) {
        const slot = byFile.get(p.file) ?? { text: entry.texts.get(p.file) ?? '', problems: [] };
        if (!slot.problems.some((q) => q.message === p.message && q.start === p.start && q.end === p.end)) slot.problems.push(p);
        byFile.set(p.file, slot);
      }
    }
    return byFile;
  }

  #load(entry: FactBaseEntry, reload: boolean): void {
    const started = performance.now();
    const files: FactFile[] = [];
    const unreadable: FactProblem[] = [];
    for (const path of entry.files) {
      const read = this.#read(entry, path);
      entry.texts.set(path, read.text ?? '');
      if (read.text === undefined)
        unreadable.push({
          rule: 'factbase-syntax',
          file: path,
          start: 0,
          end: 0,
          message: `Cannot read the fact-base file ${path}: ${read.reason}`,
        });
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
    if (this.refused.has(path)) {
      entry.stamps.set(path, 'refused');
      return {
        reason: 'it is outside the workspace folder, and a draft in an untrusted workspace may only name fact-base files inside it',
      };
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
      if (this.refused.has(path)) return false;
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
