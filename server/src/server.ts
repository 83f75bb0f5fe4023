import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind, createConnection, FileChangeType, LSPErrorCodes, ProposedFeatures, ResponseError, TextDocuments, TextDocumentSyncKind,
  type CancellationToken, type CodeAction, type CodeActionParams, type CompletionItem, type CompletionParams, type DefinitionParams, type HoverParams, type InitializeResult, type Location,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_DRAFT } from './check.js';
import { completions } from './complete.js';
import { definition } from './definition.js';
import { CONFIG_NAME } from './facts/config.js';
import { isFactFile } from './facts/files.js';
import { readTextFile } from './facts/textfile.js';
import type { Finding } from './finding.js';
import { hover } from './hover.js';
import { Rechecker } from './incremental.js';
import { LineIndex } from './lines.js';
import type { FactIndex } from './match/compile.js';
import { ruleById } from './rules/index.js';
import { disableActions, fixAll, FIX_ALL_KIND, quickFixes, wants } from './lsp/actions.js';
import { checkWorkspace } from './lsp/check-all.js';
import { completionItems, factLines, fileUri, rangeOf, toDiagnostic } from './lsp/convert.js';
import { diagnose, type DraftFacts } from './lsp/diagnose.js';
import { FactBases } from './lsp/factbases.js';
import {
  checked, checkedDocuments, isCodeActionRequest, isConfigurationChange, isFoldersChange, isPositionRequest, isRange, isWatchedFiles,
} from './lsp/guard.js';
import {
  CHECK_WORKSPACE_COMMAND, EXTRACT_FACTS_COMMAND, SELECT_REASON_COMMAND, STATUS_NOTIFICATION, STATUS_REQUEST, type DocumentStatus,
} from './lsp/protocol.js';
import { waitAfterEdit } from './lsp/pace.js';
import { leftOut } from './lsp/scope.js';
import { DEFAULT_SETTINGS, SettingsStore, withConfig, type Settings } from './lsp/settings.js';
import { factBaseStatus, loadLine } from './lsp/status.js';
import { extractInto } from './lsp/extract.js';

const connection = createConnection(ProposedFeatures.all);
// A fault in a handler or a timer is logged; the server keeps serving the other documents.
const logFault = (what: string) => (error: unknown) =>
  connection.console.error(`factlint: ${what}: ${error instanceof Error ? error.stack : String(error)}`);
process.on('uncaughtException', logFault('unexpected error'));
process.on('unhandledRejection', logFault('unexpected error in a promise'));
const documents = new TextDocuments(TextDocument);
const timers = new Map<string, NodeJS.Timeout>();
const fresh = new Set<string>();
const withProblems = new Set<string>();
/** Per open draft, what its last check parsed and analysed, so that the next check re-does only what an edit changed. */
const checkers = new Map<string, Rechecker>();
/** Per open draft: how long its last re-checks took (ms, the last three), which sets how long to wait after an edit. */
const costs = new Map<string, number[]>();
/** Per open document: the status last sent to the client (as JSON), and whether a draft's findings are shown. */
const statuses = new Map<string, string>();
const unchecked = new Set<string>();
/** Closed drafts whose findings "check all drafts" published: re-checked from disk when closed again. */
const closedChecked = new Set<string>();
const configsShown = new WeakSet<object>();
let folders: string[] = [];
let markdownHovers = false;
let folderEvents = false;
let canShowDocument = false;
let canReportProgress = false;
let wantsStatus = false;
let settings: SettingsStore;
/** The file-system path of a `file:` URI (undefined for other schemes, e.g. untitled or virtual workspaces). */
function pathOf(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}
const factBases = new FactBases(() => folders, (path) => documents.all().find((d) => pathOf(d.uri) === path)?.getText(),
  ({ entry, ms, reload }) => {
    const status = factBaseStatus(entry, false);
    const line = loadLine(status, ms, reload);
    if (status.state === 'loaded') connection.console.info(line);
    else connection.console.warn(line);
  });
const isFactDoc = (uri: string) => isFactFile(uri.replace(/[?#].*$/, ''));
const isConfigFile = (uri: string) => uri.replace(/[?#].*$/, '').endsWith(`/${CONFIG_NAME}`);

connection.onInitialize((params): InitializeResult => {
  const caps = params.capabilities;
  settings = new SettingsStore(connection, caps.workspace?.configuration === true);
  markdownHovers = caps.textDocument?.hover?.contentFormat?.[0] === 'markdown';
  folderEvents = caps.workspace?.workspaceFolders === true;
  canShowDocument = caps.window?.showDocument?.support === true;
  canReportProgress = caps.window?.workDoneProgress === true;
  const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  folders = uris.map(pathOf).filter((p) => p !== undefined);
  // The VS Code client says whether the user trusts the workspace; other clients have no such notion.
  const options = params.initializationOptions as { workspaceTrusted?: unknown; statusNotifications?: unknown } | undefined;
  factBases.trusted = options?.workspaceTrusted !== false;
  // Only a client that asks for them gets factlint/status notifications (other editors would log them as unknown).
  wantsStatus = options?.statusNotifications === true;
  preload();
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      definitionProvider: true,
      completionProvider: {},
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      executeCommandProvider: { commands: [CHECK_WORKSPACE_COMMAND, SELECT_REASON_COMMAND, EXTRACT_FACTS_COMMAND] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'factlint' },
  };
});

/**
 * Loads the fact base a draft at the top of the first workspace folder would get (with the default settings), before
 * the client sends its first draft: the first diagnostics then wait for the check only. A guess that turns out wrong
 * (a setting names another fact base) costs one load, dropped when the first draft is checked.
 */
function preload(): void {
  try {
    const at = folders[0] === undefined ? undefined : join(folders[0], 'draft.md');
    factBases.preload(factBases.filesFor(at, '', DEFAULT_SETTINGS).files);
  } catch (error) {
    logFault('loading the fact base at start-up')(error);
  }
}

connection.onInitialized(() => {
  connection.console.info(`factlint language server started (Node ${process.version}, pid ${process.pid}); workspace folders: ${folders.join(', ') || 'none'}.`);
  if (!folderEvents) return;
  connection.workspace.onDidChangeWorkspaceFolders(checked(connection, 'workspace/didChangeWorkspaceFolders', isFoldersChange, (e) => {
    const removed = new Set(e.removed.map((f) => pathOf(f.uri)));
    folders = [...folders.filter((f) => !removed.has(f)), ...e.added.map((f) => pathOf(f.uri)).filter((p) => p !== undefined)];
    factBases.rediscover();
    checkers.clear();
    recheckAll();
  }));
});

/**
 * The settings (the editor's over the project configuration file's) and the fact base (the last good one) for a
 * draft; `open` when the draft is open in the editor (its fact base is then kept while it stays open).
 */
async function factsFor(uri: string, text: string, open = true): Promise<DraftFacts> {
  const path = pathOf(uri);
  const read = factBases.configFor(path);
  const config = read?.config;
  const current = withConfig(await settings.get(uri), config);
  const { files, bundled } = factBases.filesFor(path, text, current);
  const { entry, reloaded } = factBases.get(files);
  // A fact base no open draft names any more (the front matter said `f` before `fa`) is dropped, and its problems with it.
  const dropped = open && factBases.use(uri, files);
  // A configuration file read for the first time, or again after a change: its problems (or none) are shown.
  const newConfig = read !== undefined && !configsShown.has(read);
  if (newConfig) configsShown.add(read);
  if (reloaded || dropped || newConfig) publishFactProblems();
  if (reloaded) {
    checkers.clear();
    recheckAll(uri);
  }
  const root = path === undefined ? undefined : factBases.discovery.rootOf(path);
  const skip = leftOut(current, config, { path, root });
  return { settings: current, entry, index: entry.index, bundled, skip };
}

/** Checks a draft and publishes its diagnostics for the version checked, unless a newer version arrived meanwhile. */
async function validate(uri: string): Promise<void> {
  const doc = documents.get(uri);
  if (!doc || isFactDoc(uri)) return;
  const version = doc.version;
  const draft = await factsFor(uri, doc.getText());
  if (documents.get(uri)?.version !== version) return;
  let checker = checkers.get(uri);
  if (!checker) checkers.set(uri, (checker = new Rechecker()));
  const started = performance.now();
  // The check pauses now and then, so that requests (and their cancellation) are answered while a large draft is
  // checked; it stops once a newer version arrives (that version's own check is scheduled) or the draft is closed.
  if (draft.index && !draft.skip) {
    const stale = { get isCancellationRequested() { return documents.get(uri)?.version !== version; } };
    const opts = { severity: draft.settings.rules, houseStyle: draft.settings.houseStyle };
    if (!await checker.checkUnless(doc.getText(), draft.index, opts, stale)) return;
  }
  const reason = checker.last.reason;
  // Then the diagnostics come from what that check kept (it re-does nothing for the same text).
  const { diagnostics, status } = diagnose(uri, doc.getText(), draft, checker, version);
  // The first check parses the whole draft; what an edit costs is known from the re-checks after it.
  if (reason !== 'first') costs.set(uri, [...(costs.get(uri) ?? []).slice(-2), performance.now() - started]);
  if (status.checked) unchecked.delete(uri);
  else unchecked.add(uri);
  await connection.sendDiagnostics({ uri, version, diagnostics });
  sendStatus(status);
}

/** Tells the client a document's status, when it changed. */
function sendStatus(status: DocumentStatus): void {
  const json = JSON.stringify(status);
  if (statuses.get(status.uri) === json) return;
  statuses.set(status.uri, json);
  if (wantsStatus) void connection.sendNotification(STATUS_NOTIFICATION, status);
}

/** The status of an open fact-base file: the fact base it belongs to. */
function factFileStatus(uri: string): DocumentStatus {
  const path = pathOf(uri);
  const entry = path === undefined ? undefined : factBases.containing(path);
  return { uri, checked: false, ...(entry ? { factBase: factBaseStatus(entry, false) } : {}) };
}

/** Checks a closed draft from disk and publishes its findings (for "check all drafts"); returns how many there are. */
async function checkClosed(uri: string, path: string): Promise<number> {
  let text: string;
  try {
    text = readTextFile(path, MAX_DRAFT).text;
  } catch {
    return 0;
  }
  const { diagnostics } = diagnose(uri, text, await factsFor(uri, text, false), new Rechecker(), undefined);
  closedChecked.add(uri);
  await connection.sendDiagnostics({ uri, diagnostics });
  return diagnostics.length;
}

/**
 * The findings for the document's current text (the version the caller has just confirmed), re-checked
 * incrementally from the previous check of the same document; the result equals a whole check of the text.
 * Undefined when the request is cancelled meanwhile.
 */
function findingsOf(doc: TextDocument, index: FactIndex, current: Settings, token: CancellationToken): Promise<Finding[] | undefined> {
  let checker = checkers.get(doc.uri);
  if (!checker) checkers.set(doc.uri, (checker = new Rechecker()));
  return checker.checkUnless(doc.getText(), index, { severity: current.rules, houseStyle: current.houseStyle }, token);
}

/** The answer to a request the client cancelled, as the protocol has it. */
const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'factlint: request cancelled');

const delayFor = (uri: string) => waitAfterEdit(costs.get(uri));

function schedule(uri: string, delay = delayFor(uri)): void {
  clearTimeout(timers.get(uri));
  timers.set(uri, setTimeout(() => {
    timers.delete(uri);
    const run = isFactDoc(uri) ? factsChanged() : validate(uri);
    run.catch((error: unknown) => connection.console.error(`factlint: checking ${uri} failed: ${error instanceof Error ? error.stack : String(error)}`));
  }, delay));
}

function recheckAll(except?: string): void {
  for (const doc of documents.all()) if (doc.uri !== except && !isFactDoc(doc.uri)) schedule(doc.uri);
}

/** A fact-base file changed (on disk or in an editor): reload what changed, show its problems, re-check the drafts. */
async function factsChanged(created = false): Promise<void> {
  // A fact-base file created or deleted may change which fact base a draft is checked against: re-check them all.
  let reloaded = factBases.refresh() + (created ? 1 : 0);
  for (const doc of documents.all()) {
    const path = pathOf(doc.uri);
    if (path === undefined || !isFactFile(path) || factBases.includes(path)) continue;
    // An open fact-base file no draft uses yet: load the fact base it belongs to, so its problems show while it is edited.
    const { files } = factBases.filesFor(path, '', await settings.get(doc.uri));
    const own = files.includes(path) ? files : [path];
    factBases.get(own);
    factBases.use(doc.uri, own);
    reloaded++;
  }
  publishFactProblems();
  for (const doc of documents.all()) if (isFactDoc(doc.uri)) sendStatus(factFileStatus(doc.uri));
  if (reloaded > 0) {
    checkers.clear();
    recheckAll();
  }
}

/** Publishes fact-base problems as diagnostics of the YAML files (an empty list once a file is clean). */
function publishFactProblems(): void {
  const byFile = factBases.problemsByFile();
  for (const file of withProblems) {
    // A file no fact base is made of any more (deleted, or no longer used): its problems go with it.
    if (byFile.has(file)) continue;
    withProblems.delete(file);
    if (!documents.all().some((d) => pathOf(d.uri) === file)) void connection.sendDiagnostics({ uri: fileUri(file), diagnostics: [] });
  }
  for (const [file, { text, problems }] of byFile) {
    const uri = fileUri(file);
    const doc = documents.all().find((d) => pathOf(d.uri) === file);
    if (problems.length === 0 && !withProblems.has(file) && !doc) continue;
    if (problems.length > 0) withProblems.add(file);
    else withProblems.delete(file);
    const same = doc !== undefined && doc.getText() === text;
    const positions = same ? doc : new LineIndex(text);
    const diagnostics = problems.map((p) => toDiagnostic({
      rule: p.rule, category: 'factbase', severity: ruleById.get(p.rule)?.severity ?? 'error', start: p.start, end: p.end,
      message: p.message, fixes: [], facts: [],
    }, positions, same ? doc.version : 0));
    void connection.sendDiagnostics({ uri: doc?.uri ?? uri, version: same ? doc.version : undefined, diagnostics });
  }
}

documents.onDidOpen((e) => fresh.add(e.document.uri));
documents.onDidChangeContent((e) => schedule(e.document.uri, fresh.delete(e.document.uri) ? 0 : delayFor(e.document.uri)));
documents.onDidClose((e) => {
  const uri = e.document.uri;
  clearTimeout(timers.get(uri));
  timers.delete(uri);
  checkers.delete(uri);
  costs.delete(uri);
  statuses.delete(uri);
  unchecked.delete(uri);
  settings.forget(uri);
  const dropped = factBases.release(uri);
  if (isFactDoc(uri)) schedule(uri);
  else {
    const path = pathOf(uri);
    // A draft "check all drafts" reported on keeps its findings in the Problems panel when closed: they come from disk.
    if (closedChecked.has(uri) && path !== undefined) checkClosed(uri, path).catch(logFault('checking a closed draft'));
    else void connection.sendDiagnostics({ uri, diagnostics: [] });
    // The problems of a fact base only this draft used go with it (an open fact-base file keeps its own).
    if (dropped) factsChanged().catch(logFault('dropping a fact base'));
  }
});

connection.onDidChangeConfiguration(checked(connection, 'workspace/didChangeConfiguration', isConfigurationChange, (change) => {
  settings.changed(change.settings);
  checkers.clear();
  recheckAll();
}));

connection.onDidChangeWatchedFiles(checked(connection, 'workspace/didChangeWatchedFiles', isWatchedFiles, ({ changes }) => {
  // A configuration file may change which fact base a draft uses, and its settings: treated as a file created or deleted.
  const createdOrDeleted = changes.some((c) => c.type !== FileChangeType.Changed || isConfigFile(c.uri));
  if (createdOrDeleted) factBases.rediscover();
  for (const change of changes) factBases.touched(pathOf(change.uri) ?? change.uri);
  factsChanged(createdOrDeleted).catch((error: unknown) => connection.console.error(`factlint: reloading the fact base failed: ${String(error)}`));
}));

connection.onHover(checked(connection, 'textDocument/hover', isPositionRequest, async ({ textDocument, position }: HoverParams) => {
  const doc = documents.get(textDocument.uri);
  if (!doc || isFactDoc(doc.uri) || unchecked.has(doc.uri)) return null;
  const { index } = await factsFor(doc.uri, doc.getText());
  const text = doc.getText();
  const card = index && hover(text, index, doc.offsetAt(position), checkers.get(doc.uri)?.analysedFor(text, index));
  if (!card) return null;
  const contents = markdownHovers ? { kind: 'markdown' as const, value: card.markdown } : { kind: 'plaintext' as const, value: card.plaintext };
  return { contents, range: rangeOf(doc, card.start, card.end) };
}, null));

connection.onCompletion(checked(connection, 'textDocument/completion', isPositionRequest, async ({ textDocument, position }: CompletionParams): Promise<CompletionItem[]> => {
  const doc = documents.get(textDocument.uri);
  if (!doc || isFactDoc(doc.uri) || unchecked.has(doc.uri)) return [];
  const { index, skip } = await factsFor(doc.uri, doc.getText());
  if (!index || skip) return [];
  return completionItems(completions(index), doc, position);
}, []));

connection.onDefinition(checked(connection, 'textDocument/definition', isPositionRequest, async ({ textDocument, position }: DefinitionParams): Promise<Location[]> => {
  const doc = documents.get(textDocument.uri);
  if (!doc || isFactDoc(doc.uri) || unchecked.has(doc.uri)) return [];
  const { index } = await factsFor(doc.uri, doc.getText());
  if (!index) return [];
  const lines = factLines(index.facts);
  const text = doc.getText();
  return definition(text, index, doc.offsetAt(position), checkers.get(doc.uri)?.analysedFor(text, index)).flatMap(({ file, start, end }) => {
    const positions = lines(file);
    return positions ? [{ uri: fileUri(file), range: rangeOf(positions, start, end) }] : [];
  });
}, []));

connection.onCodeAction(checked(connection, 'textDocument/codeAction', isCodeActionRequest, async (params: CodeActionParams, token: CancellationToken):
  Promise<CodeAction[] | ResponseError> => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc || isFactDoc(doc.uri)) return [];
  const only = params.context.only;
  const actions = wants(only, CodeActionKind.QuickFix) ? [...quickFixes(params, doc), ...disableActions(params, doc, canShowDocument)] : [];
  if (wants(only, FIX_ALL_KIND) && (only !== undefined || actions.length > 0)) {
    const version = doc.version;
    const { settings: current, index } = await factsFor(doc.uri, doc.getText());
    // A long check (fix-all on a large draft) stops when the client cancels the request, and then edits nothing.
    const findings = index && !unchecked.has(doc.uri) && documents.get(doc.uri)?.version === version
      ? await findingsOf(doc, index, current, token) : [];
    if (token.isCancellationRequested) return cancelled();
    // The draft may have changed while it was checked: a fix-all is offered only for the text it was computed from.
    const all = findings && documents.get(doc.uri)?.version === version ? fixAll(doc, findings) : undefined;
    if (all) actions.push(all);
  }
  return actions;
}, []));

connection.onRequest(STATUS_REQUEST, (params: unknown) => {
  const uri = typeof params === 'object' && params !== null ? (params as { uri?: unknown }).uri : undefined;
  if (typeof uri !== 'string' || !documents.get(uri)) return null;
  if (isFactDoc(uri)) return factFileStatus(uri);
  const sent = statuses.get(uri);
  return sent === undefined ? null : JSON.parse(sent) as DocumentStatus;
});

connection.onExecuteCommand(async ({ command, arguments: args }, token) => {
  if (command === SELECT_REASON_COMMAND) {
    const [uri, range] = args ?? [];
    if (canShowDocument && typeof uri === 'string' && isRange(range)) await connection.window.showDocument({ uri, selection: range, takeFocus: true });
    return null;
  }
  if (command === EXTRACT_FACTS_COMMAND) {
    const [source, text, target] = args ?? [];
    if (typeof source !== 'string' || typeof text !== 'string' || typeof target !== 'string') return { error: 'Give the source path, its text and the fact-base path.' };
    const result = extractInto(source, text, target, documents.all().find((d) => pathOf(d.uri) === target)?.getText());
    return result;
  }
  if (command !== CHECK_WORKSPACE_COMMAND) return null;
  const progress = canReportProgress ? await connection.window.createWorkDoneProgress() : undefined;
  const open = new Set(documents.all().map((d) => pathOf(d.uri)));
  return checkWorkspace({ folders, open, check: checkClosed, token, progress, log: (line) => connection.console.info(line),
    tell: (message) => void connection.window.showInformationMessage(message) });
});

documents.listen(checkedDocuments(connection));
connection.listen();
