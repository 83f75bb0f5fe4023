import { dirname, isAbsolute, resolve, sep } from 'node:path';
import { FactBaseCache, type LoadEvent } from '../facts/cache.js';
import type { ConfigResult } from '../facts/config.js';
import { Discovery, realPath } from '../facts/discover.js';
import type { FactProblem } from '../facts/types.js';
import type { Settings } from './settings.js';

/**
 * The fact bases of the open drafts, found by {@link Discovery} (in the manner the CLI finds them), with the editor's
 * `factlint.factBase` setting before a configuration file's `factBase`, loaded and kept by {@link FactBaseCache}; a
 * fact base no open draft uses any more is forgotten.
 */
export class FactBases extends FactBaseCache {
  readonly discovery: Discovery;
  /** Per open document (URI), the key of the fact base it was last checked against. */
  readonly #users = new Map<string, string>();
  /** False in a workspace the user has not trusted (the client says so when it starts the server). */
  trusted = true;

  /**
   * `folders` are the workspace folders' paths; `openText` gives an open editor's text for a path; `loaded` hears of
   * every load.
   */
  constructor(
    readonly folders: () => string[],
    openText: (path: string) => string | undefined,
    loaded: (event: LoadEvent) => void = () => {},
  ) {
    super(openText, loaded);
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
      configured: config?.factBase ?? editor,
      configuredInProject: config !== undefined,
      allowed: this.trusted ? undefined : (path) => this.#inWorkspace(path),
    });
    for (const path of found.refused) this.refused.add(path);
    return { files: found.files, bundled: found.bundled === true };
  }

  /**
   * Forgets what is known about folders' contents, after a fact-base file was created or deleted, and the fact
   * bases made of a file that is gone (drafts then find another; its problems are no longer shown).
   */
  rediscover(): void {
    this.discovery.rediscover();
    this.forgetGone();
  }

  /**
   * Records that an open document is checked against the fact base made of `files` (loaded with {@link get}), and
   * forgets every fact base no open document uses any more; returns whether one was forgotten (its problems should go).
   */
  use(uri: string, files: string[]): boolean {
    this.#users.set(uri, files.join('\n'));
    return this.keep(new Set(this.#users.values()));
  }

  /** A document was closed: forgets the fact bases only it used; returns whether one was forgotten. */
  release(uri: string): boolean {
    return this.#users.delete(uri) && this.keep(new Set(this.#users.values()));
  }

  /**
   * Problems by fact-base file over every known fact base, and by configuration file read (an empty list for a clean
   * file), with the text they are in.
   */
  override problemsByFile(): Map<string, { text: string; problems: FactProblem[] }> {
    const byFile = super.problemsByFile();
    for (const { path, text, problems } of this.discovery.configs()) byFile.set(path, { text, problems });
    return byFile;
  }

  /** Whether a path, with its symbolic links followed, lies inside a workspace folder. */
  #inWorkspace(path: string): boolean {
    const real = realPath(path);
    return this.folders().some((folder) => real.startsWith(realPath(folder) + sep));
  }
}
