import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CancellationToken, Connection, InitializeParams, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_DRAFT } from '../check.js';
import { CONFIG_NAME } from '../facts/config.js';
import { isFactFile } from '../facts/files.js';
import { readTextFile } from '../facts/textfile.js';
import type { Finding } from '../finding.js';
import { Rechecker } from '../incremental.js';
import { LineIndex } from '../lines.js';
import type { FactIndex } from '../match/compile.js';
import { factBaseFindings } from '../findings.js';
import { fileUri, toDiagnostic } from './convert.js';
import { diagnose, type DraftFacts } from './diagnose.js';
import type { FactBaseEntry } from '../facts/cache.js';
import { FactBases } from './factbases.js';
import { waitAfterEdit } from './pace.js';
import { STATUS_NOTIFICATION, type DocumentStatus } from './protocol.js';
import { leftOut } from './scope.js';
import { DEFAULT_SETTINGS, SettingsStore, withConfig, type Settings } from './settings.js';
import { factBaseStatus, loadLine } from './status.js';

/** The file-system path of a `file:` URI (undefined for other schemes, e.g. untitled or virtual workspaces). */
export function pathOf(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a URI names a fact-base file (`*.facts.yaml`). */
export const isFactDoc = (uri: string): boolean => isFactFile(uri.replace(/[?#].*$/, ''));
/** Whether a URI names a project configuration file (`.factlint.yaml`). */
export const isConfigFile = (uri: string): boolean => uri.replace(/[?#].*$/, '').endsWith(`/${CONFIG_NAME}`);

/** What getting a draft's facts changed, for {@link Session.settle} to act on. */
export interface FactsChange {
  /** The fact base was loaded again (its files changed). */
  reloaded: boolean;
  /** A fact base no open draft names any more was dropped. */
  dropped: boolean;
  /** A configuration file was read for the first time, or again after a change. */
  newConfig: boolean;
}

/** What the client said about itself when it started. */
interface ClientTraits {
  markdownHovers: boolean;
  folderEvents: boolean;
  canShowDocument: boolean;
  canReportProgress: boolean;
  wantsStatus: boolean;
}

/**
 * The language server's state, all of it: the open drafts' checkers and timers, what was last sent to the client,
 * the workspace folders, the client's traits, the settings and the fact bases. Each change of state is a method.
 */
export class Session {
  readonly factBases: FactBases;
  settings!: SettingsStore;
  folders: string[] = [];
  client: ClientTraits = {
    markdownHovers: false,
    folderEvents: false,
    canShowDocument: false,
    canReportProgress: false,
    wantsStatus: false,
  };
  readonly #timers = new Map<string, NodeJS.Timeout>();
  /** Drafts just opened: their first check runs at once. */
  readonly #fresh = new Set<string>();
  /** Fact-base files whose problems are shown. */
  readonly #withProblems = new Set<string>();
  /** Per open draft, what its last check parsed and analysed, so that the next check re-does only what an edit changed. */
  readonly #checkers = new Map<string, Rechecker>();
  /** Per open draft: how long its last re-checks took (ms, the last three), which sets how long to wait after an edit. */
  readonly #costs = new Map<string, number[]>();
  /** Per open document: the status last sent to the client (as JSON). */
  readonly #statuses = new Map<string, string>();
  /** Open drafts whose findings are not shown (left out by the settings, off topic, or no usable fact base). */
  readonly #unchecked = new Set<string>();
  /** Closed drafts whose findings "check all drafts" published: re-checked from disk when closed again. */
  readonly #closedChecked = new Set<string>();
  readonly #configsShown = new WeakSet<object>();

  constructor(
    readonly connection: Connection,
    readonly documents: TextDocuments<TextDocument>,
    readonly logFault: (what: string) => (error: unknown) => void,
  ) {
    this.factBases = new FactBases(
      () => this.folders,
      (path) => this.openAt(path)?.getText(),
      ({ entry, ms, reload }) => {
        const status = factBaseStatus(entry, false);
        const line = loadLine(status, ms, reload);
        if (status.state === 'loaded') connection.console.info(line);
        else connection.console.warn(line);
      },
    );
  }

  /** The open document of a file-system path. */
  openAt(path: string): TextDocument | undefined {
    return this.documents.all().find((d) => pathOf(d.uri) === path);
  }

  /** Takes in what the client says about itself and its workspace folders, then loads the likely fact base ahead. */
  initialize(params: InitializeParams): void {
    const caps = params.capabilities;
    this.settings = new SettingsStore(this.connection, caps.workspace?.configuration === true);
    // The VS Code client says whether the user trusts the workspace; other clients have no such notion.
    const options = params.initializationOptions as { workspaceTrusted?: unknown; statusNotifications?: unknown } | undefined;
    this.client = {
      markdownHovers: caps.textDocument?.hover?.contentFormat?.[0] === 'markdown',
      folderEvents: caps.workspace?.workspaceFolders === true,
      canShowDocument: caps.window?.showDocument?.support === true,
      canReportProgress: caps.window?.workDoneProgress === true,
      // Only a client that asks for them gets factlint/status notifications (other editors would log them as unknown).
      wantsStatus: options?.statusNotifications === true,
    };
    const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.folders = uris.map(pathOf).filter((p) => p !== undefined);
    this.factBases.trusted = options?.workspaceTrusted !== false;
    this.preload();
  }

  /**
   * Loads the fact base a draft at the top of the first workspace folder would get (with the default settings), before
   * the client sends its first draft: the first diagnostics then wait for the check only. A guess that turns out wrong
   * (a setting names another fact base) costs one load, dropped when the first draft is checked.
   */
  preload(): void {
    try {
      const at = this.folders[0] === undefined ? undefined : join(this.folders[0], 'draft.md');
      this.factBases.preload(this.factBases.filesFor(at, '', DEFAULT_SETTINGS).files);
    } catch (error) {
      this.logFault('loading the fact base at start-up')(error);
    }
  }

  /** The workspace folders changed: fact bases are found again and every draft is checked again. */
  foldersChanged(added: string[], removed: string[]): void {
    const gone = new Set(removed);
    this.folders = [...this.folders.filter((f) => !gone.has(f)), ...added];
    this.factBases.rediscover();
    this.recheckAll();
  }

  /** The editor's settings changed: every draft is checked again with them. */
  settingsChanged(settings: unknown): void {
    this.settings.changed(settings);
    this.recheckAll();
  }

  /**
   * The settings (the editor's over the project configuration file's) and the fact base (the last good one) for a
   * draft, and what getting them changed; `open` when the draft is open in the editor (its fact base is then kept
   * while it stays open). It publishes nothing and schedules nothing: {@link settle} acts on the change.
   */
  async factsFor(uri: string, text: string, open = true): Promise<{ draft: DraftFacts; change: FactsChange }> {
    const path = pathOf(uri);
    const read = this.factBases.configFor(path);
    const config = read?.config;
    const current = withConfig(await this.settings.get(uri), config);
    const { files, bundled } = this.factBases.filesFor(path, text, current);
    const { entry, reloaded } = this.factBases.get(files);
    // A fact base no open draft names any more (the front matter said `f` before `fa`) is dropped, and its problems with it.
    const dropped = open && this.factBases.use(uri, files);
    const newConfig = read !== undefined && !this.#configsShown.has(read);
    if (newConfig) this.#configsShown.add(read);
    const root = path === undefined ? undefined : this.factBases.discovery.rootOf(path);
    const skip = leftOut(current, config, { path, root });
    return { draft: { settings: current, entry, index: entry.index, bundled, skip }, change: { reloaded, dropped, newConfig } };
  }

  /**
   * Acts on what getting a draft's facts changed: a reloaded or dropped fact base, or a configuration file read anew,
   * shows its problems (or none); a reloaded fact base has every other open draft checked again.
   */
  settle(uri: string, change: FactsChange): void {
    if (change.reloaded || change.dropped || change.newConfig) void this.publishFactProblems();
    if (change.reloaded) this.recheckAll(uri);
  }

  /** {@link factsFor} a draft, then {@link settle} what that changed: what each request about a draft does first. */
  async useFactsFor(uri: string, text: string, open = true): Promise<DraftFacts> {
    const { draft, change } = await this.factsFor(uri, text, open);
    this.settle(uri, change);
    return draft;
  }

  /** The fact base an open fact-base file belongs to, if it has a usable version. */
  factBaseOf(uri: string): FactBaseEntry | undefined {
    const path = pathOf(uri);
    return path === undefined ? undefined : this.factBases.containing(path);
  }

  /** Whether an open draft's findings are not shown (then no hover, completion or definition either). */
  isUnchecked(uri: string): boolean {
    return this.#unchecked.has(uri);
  }

  /** The open draft's checker (made on first use). */
  checkerOf(uri: string): Rechecker {
    let checker = this.#checkers.get(uri);
    if (!checker) this.#checkers.set(uri, (checker = new Rechecker()));
    return checker;
  }

  /** The analysed blocks of an open draft's last check, if it was of this text against this fact base. */
  analysedFor(uri: string, text: string, index: FactIndex) {
    return this.#checkers.get(uri)?.analysedFor(text, index);
  }

  /** Checks a draft and publishes its diagnostics for the version checked, unless a newer version arrived meanwhile. */
  async validate(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc || isFactDoc(uri)) return;
    const version = doc.version;
    const draft = await this.useFactsFor(uri, doc.getText());
    if (this.documents.get(uri)?.version !== version) return;
    const checker = this.checkerOf(uri);
    const started = performance.now();
    // The check pauses now and then, so that requests (and their cancellation) are answered while a large draft is
    // checked; it stops once a newer version arrives (that version's own check is scheduled) or the draft is closed.
    if (draft.index && !draft.skip) {
      const documents = this.documents;
      const stale = {
        get isCancellationRequested() {
          return documents.get(uri)?.version !== version;
        },
      };
      const opts = { severity: draft.settings.rules, houseStyle: draft.settings.houseStyle };
      if (!(await checker.checkUnless(doc.getText(), draft.index, opts, stale))) return;
    }
    const reason = checker.last.reason;
    // Then the diagnostics come from what that check kept (it re-does nothing for the same text).
    const { diagnostics, status } = diagnose(uri, doc.getText(), draft, checker, version);
    // The first check parses the whole draft; what an edit costs is known from the re-checks after it.
    if (reason !== 'first') this.#costs.set(uri, [...(this.#costs.get(uri) ?? []).slice(-2), performance.now() - started]);
    if (status.checked) this.#unchecked.delete(uri);
    else this.#unchecked.add(uri);
    await this.connection.sendDiagnostics({ uri, version, diagnostics });
    this.sendStatus(status);
  }

  /** Tells the client a document's status, when it changed. */
  sendStatus(status: DocumentStatus): void {
    const json = JSON.stringify(status);
    if (this.#statuses.get(status.uri) === json) return;
    this.#statuses.set(status.uri, json);
    if (this.client.wantsStatus) void this.connection.sendNotification(STATUS_NOTIFICATION, status);
  }

  /** The status last sent for an open draft, or that of an open fact-base file. */
  statusOf(uri: string): DocumentStatus | null {
    if (!this.documents.get(uri)) return null;
    if (isFactDoc(uri)) return this.factFileStatus(uri);
    const sent = this.#statuses.get(uri);
    return sent === undefined ? null : (JSON.parse(sent) as DocumentStatus);
  }

  /** The status of an open fact-base file: the fact base it belongs to. */
  factFileStatus(uri: string): DocumentStatus {
    const entry = this.factBaseOf(uri);
    return { uri, checked: false, ...(entry ? { factBase: factBaseStatus(entry, false) } : {}) };
  }

  /** Checks a closed draft from disk and publishes its findings (for "check all drafts"); returns how many there are. */
  async checkClosed(uri: string, path: string): Promise<number> {
    let text: string;
    try {
      text = readTextFile(path, MAX_DRAFT).text;
    } catch {
      return 0;
    }
    const { diagnostics } = diagnose(uri, text, await this.useFactsFor(uri, text, false), new Rechecker(), undefined);
    this.#closedChecked.add(uri);
    await this.connection.sendDiagnostics({ uri, diagnostics });
    return diagnostics.length;
  }

  /**
   * The findings for the document's current text (the version the caller has just confirmed), re-checked
   * incrementally from the previous check of the same document; the result equals a whole check of the text.
   * Undefined when the request is cancelled meanwhile.
   */
  findingsOf(doc: TextDocument, index: FactIndex, current: Settings, token: CancellationToken): Promise<Finding[] | undefined> {
    return this.checkerOf(doc.uri).checkUnless(doc.getText(), index, { severity: current.rules, houseStyle: current.houseStyle }, token);
  }

  /** A document was opened: its first check runs as soon as its text arrives. */
  opened(uri: string): void {
    this.#fresh.add(uri);
  }

  /** A document's text changed: it is checked after a wait set by what its re-checks cost (none right after opening). */
  changed(uri: string): void {
    this.schedule(uri, this.#fresh.delete(uri) ? 0 : waitAfterEdit(this.#costs.get(uri)));
  }

  /** Checks a document (a draft, or a fact-base file: the fact bases) after `delay` ms, replacing a check pending. */
  schedule(uri: string, delay = waitAfterEdit(this.#costs.get(uri))): void {
    clearTimeout(this.#timers.get(uri));
    this.#timers.set(
      uri,
      setTimeout(() => {
        this.#timers.delete(uri);
        const run = isFactDoc(uri) ? this.factsChanged() : this.validate(uri);
        run.catch((error: unknown) =>
          this.connection.console.error(`factlint: checking ${uri} failed: ${error instanceof Error ? error.stack : String(error)}`),
        );
      }, delay),
    );
  }

  /** Checks every open draft again from scratch (but `except`), as after a new fact base or new settings. */
  recheckAll(except?: string): void {
    this.#checkers.clear();
    for (const doc of this.documents.all()) if (doc.uri !== except && !isFactDoc(doc.uri)) this.schedule(doc.uri);
  }

  /** A document was closed: everything kept for it goes; a draft's findings are cleared (or, if checked from disk, kept). */
  closed(uri: string): void {
    clearTimeout(this.#timers.get(uri));
    this.#timers.delete(uri);
    this.#checkers.delete(uri);
    this.#costs.delete(uri);
    this.#statuses.delete(uri);
    this.#unchecked.delete(uri);
    this.settings.forget(uri);
    const dropped = this.factBases.release(uri);
    if (isFactDoc(uri)) {
      this.schedule(uri);
      return;
    }
    const path = pathOf(uri);
    // A draft "check all drafts" reported on keeps its findings in the Problems panel when closed: they come from disk.
    if (this.#closedChecked.has(uri) && path !== undefined) this.checkClosed(uri, path).catch(this.logFault('checking a closed draft'));
    else void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    // The problems of a fact base only this draft used go with it (an open fact-base file keeps its own).
    if (dropped) this.factsChanged().catch(this.logFault('dropping a fact base'));
  }

  /** Files changed on disk: a fact-base or configuration file created or deleted makes fact bases be found again. */
  filesChanged(changes: { uri: string; createdOrDeleted: boolean }[]): Promise<void> {
    // A configuration file may change which fact base a draft uses, and its settings: treated as a file created or deleted.
    const createdOrDeleted = changes.some((c) => c.createdOrDeleted || isConfigFile(c.uri));
    if (createdOrDeleted) this.factBases.rediscover();
    for (const change of changes) this.factBases.touched(pathOf(change.uri) ?? change.uri);
    return this.factsChanged(createdOrDeleted);
  }

  /** A fact-base file changed (on disk or in an editor): reload what changed, show its problems, re-check the drafts. */
  async factsChanged(created = false): Promise<void> {
    // A fact-base file created or deleted may change which fact base a draft is checked against: re-check them all.
    let reloaded = this.factBases.refresh() + (created ? 1 : 0);
    for (const doc of this.documents.all()) {
      const path = pathOf(doc.uri);
      if (path === undefined || !isFactFile(path) || this.factBases.includes(path)) continue;
      // An open fact-base file no draft uses yet: load the fact base it belongs to, so its problems show while it is edited.
      const { files } = this.factBases.filesFor(path, '', await this.settings.get(doc.uri));
      const own = files.includes(path) ? files : [path];
      this.factBases.get(own);
      this.factBases.use(doc.uri, own);
      reloaded++;
    }
    void this.publishFactProblems();
    for (const doc of this.documents.all()) if (isFactDoc(doc.uri)) this.sendStatus(this.factFileStatus(doc.uri));
    if (reloaded > 0) this.recheckAll();
  }

  /**
   * Publishes fact-base problems as diagnostics of the YAML files (an empty list once a file is clean), at the severity
   * each file's settings give its rule (the editor's over the nearest `.factlint.yaml`; 'off' leaves the rule out).
   * The problems are read once the settings are known, so a later publish never sends older problems.
   */
  async publishFactProblems(): Promise<void> {
    const files = [...this.factBases.problemsByFile()].filter(([, { problems }]) => problems.length > 0).map(([file]) => file);
    const settings = await Promise.all(
      files.map(
        async (file) => [file, withConfig(await this.settings.get(fileUri(file)), this.factBases.configFor(file)?.config)] as const,
      ),
    );
    const rulesOf = new Map(settings.map(([file, s]) => [file, s.rules]));
    const byFile = this.factBases.problemsByFile();
    for (const file of this.#withProblems) {
      // A file no fact base is made of any more (deleted, or no longer used): its problems go with it.
      if (byFile.has(file)) continue;
      this.#withProblems.delete(file);
      if (!this.openAt(file)) void this.connection.sendDiagnostics({ uri: fileUri(file), diagnostics: [] });
    }
    for (const [file, { text, problems }] of byFile) {
      const uri = fileUri(file);
      const doc = this.openAt(file);
      const shown = factBaseFindings(problems, () => rulesOf.get(file)).get(file) ?? [];
      if (shown.length === 0 && !this.#withProblems.has(file) && !doc) continue;
      if (shown.length > 0) this.#withProblems.add(file);
      else this.#withProblems.delete(file);
      const same = doc !== undefined && doc.getText() === text;
      const positions = same ? doc : new LineIndex(text);
      const diagnostics = shown.map((finding) => toDiagnostic(finding, positions, same ? doc.version : 0));
      void this.connection.sendDiagnostics({ uri: doc?.uri ?? uri, version: same ? doc.version : undefined, diagnostics });
    }
  }

  /** The file-system paths of the open documents. */
  openPaths(): Set<string | undefined> {
    return new Set(this.documents.all().map((d) => pathOf(d.uri)));
  }
}
