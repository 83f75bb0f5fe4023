import type { Connection } from 'vscode-languageserver';
import type { ProjectConfig } from '../facts/config.js';
import type { Severity } from '../finding.js';

/** The `factlint.*` settings the server reads for one draft. */
export interface Settings {
  /** Fact-base files or folders, relative to the workspace folder (or absolute). */
  factBase: string[];
  /** Severity per rule id, or `off`. */
  rules: Record<string, Severity | 'off'>;
  /** Whether house-style hints are reported. */
  houseStyle: boolean;
  /** Whether drafts are checked at all. */
  enable: boolean;
  /** Globs relative to the workspace folder: the drafts checked (all, when empty) and those left out. */
  include: string[];
  exclude: string[];
}

/** What a client that sends no settings (or `null` for the section) gets. */
export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  factBase: [],
  rules: {},
  houseStyle: true,
  enable: true,
  include: [],
  exclude: [],
});

const LEVELS = new Set(['error', 'warning', 'information', 'hint', 'off']);
/** How long to wait for a client's answer to `workspace/configuration` before using the defaults. */
const CONFIGURATION_TIMEOUT = 2000;

/** Reads settings from anything a client may answer (null, a partial object, wrong types), keeping only valid values. */
export function normalise(raw: unknown): Settings {
  const settings: Settings = { factBase: [], rules: {}, houseStyle: true, enable: true, include: [], exclude: [] };
  if (typeof raw !== 'object' || raw === null) return settings;
  const { factBase, rules, houseStyle, enable, include, exclude } = raw as Record<string, unknown>;
  settings.factBase = strings(factBase);
  settings.include = strings(include);
  settings.exclude = strings(exclude);
  if (typeof rules === 'object' && rules !== null) {
    for (const [id, level] of Object.entries(rules))
      if (typeof level === 'string' && LEVELS.has(level)) settings.rules[id] = level as Severity | 'off';
  }
  if (typeof houseStyle === 'boolean') settings.houseStyle = houseStyle;
  if (typeof enable === 'boolean') settings.enable = enable;
  return settings;
}

/** A string or the strings of a list, non-empty ones only. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value];
  return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string' && p !== '') : [];
}

/**
 * The editor's settings over a project configuration file's (`.factlint.yaml`): a rule severity set in the editor wins
 * for that rule, the others come from the file; house-style hints are left out when either turns them off (the
 * editor's `true` is its default, so it cannot override the file). Fact-base paths are chosen in `FactBases.filesFor`.
 */
export function withConfig(settings: Settings, config: ProjectConfig | undefined): Settings {
  if (!config) return settings;
  return { ...settings, rules: { ...config.rules, ...settings.rules }, houseStyle: settings.houseStyle && (config.houseStyle ?? true) };
}

/**
 * Per-resource settings: asked with `workspace/configuration` when the client supports it (cached until the
 * configuration changes), else whatever the client last pushed with `didChangeConfiguration`, else the defaults.
 */
export class SettingsStore {
  readonly #cache = new Map<string, Promise<Settings>>();
  #pushed: Settings = normalise(undefined);

  constructor(
    readonly connection: Connection,
    readonly canAsk: boolean,
  ) {}

  /** The settings for a document. */
  get(uri: string): Promise<Settings> {
    if (!this.canAsk) return Promise.resolve(this.#pushed);
    let settings = this.#cache.get(uri);
    if (!settings) {
      settings = this.#ask(uri);
      this.#cache.set(uri, settings);
    }
    return settings;
  }

  /** Forgets cached settings; `pushed` is the `settings` of a `didChangeConfiguration` notification. */
  changed(pushed: unknown): void {
    this.#cache.clear();
    const section = typeof pushed === 'object' && pushed !== null ? (pushed as Record<string, unknown>).factlint : undefined;
    if (section !== undefined) this.#pushed = normalise(section);
  }

  /** Forgets one document's settings (on close). */
  forget(uri: string): void {
    this.#cache.delete(uri);
  }

  async #ask(uri: string): Promise<Settings> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), CONFIGURATION_TIMEOUT)));
    try {
      const answer: unknown = await Promise.race([
        this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'factlint' }),
        timeout,
      ]);
      return normalise(answer);
    } catch {
      return normalise(undefined);
    } finally {
      clearTimeout(timer);
    }
  }
}
