import {
  CodeActionKind,
  createConnection,
  FileChangeType,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeAction,
  type CodeActionParams,
  type CompletionItem,
  type CompletionParams,
  type DefinitionParams,
  type HoverParams,
  type InitializeResult,
  type Location,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { completions } from './complete.js';
import { definition } from './definition.js';
import { hover } from './hover.js';
import { disableActions, fixAll, FIX_ALL_KIND, quickFixes, wants } from './lsp/actions.js';
import { checkWorkspace } from './lsp/check-all.js';
import { completionItems, factLines, fileUri, rangeOf } from './lsp/convert.js';
import { idCompletionItems, idDefinition, idHover } from './lsp/fact-files.js';
import {
  checked,
  checkedDocuments,
  isCodeActionRequest,
  isConfigurationChange,
  isFoldersChange,
  isPositionRequest,
  isRange,
  isWatchedFiles,
} from './lsp/guard.js';
import { CHECK_WORKSPACE_COMMAND, EXTRACT_FACTS_COMMAND, SELECT_REASON_COMMAND, STATUS_REQUEST } from './lsp/protocol.js';
import { extractInto } from './lsp/extract.js';
import { isFactDoc, pathOf, Session } from './lsp/session.js';

// The wiring: each LSP message to the Session method that handles it. All state lives in the Session.

const connection = createConnection(ProposedFeatures.all);
// A fault in a handler or a timer is logged; the server keeps serving the other documents.
const logFault = (what: string) => (error: unknown) =>
  connection.console.error(`factlint: ${what}: ${error instanceof Error ? error.stack : String(error)}`);
process.on('uncaughtException', logFault('unexpected error'));
process.on('unhandledRejection', logFault('unexpected error in a promise'));
const documents = new TextDocuments(TextDocument);
const session = new Session(connection, documents, logFault);

connection.onInitialize((params): InitializeResult => {
  session.initialize(params);
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

connection.onInitialized(() => {
  connection.console.info(
    `factlint language server started (Node ${process.version}, pid ${process.pid}); workspace folders: ${session.folders.join(', ') || 'none'}.`,
  );
  if (!session.client.folderEvents) return;
  connection.workspace.onDidChangeWorkspaceFolders(
    checked(connection, 'workspace/didChangeWorkspaceFolders', isFoldersChange, (e) => {
      const paths = (list: { uri: string }[]) => list.map((f) => pathOf(f.uri)).filter((p) => p !== undefined);
      session.foldersChanged(paths(e.added), paths(e.removed));
    }),
  );
});

/** The answer to a request the client cancelled, as the protocol has it. */
const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'factlint: request cancelled');

documents.onDidOpen((e) => session.opened(e.document.uri));
documents.onDidChangeContent((e) => session.changed(e.document.uri));
documents.onDidClose((e) => session.closed(e.document.uri));

connection.onDidChangeConfiguration(
  checked(connection, 'workspace/didChangeConfiguration', isConfigurationChange, (change) => {
    session.settingsChanged(change.settings);
  }),
);

connection.onDidChangeWatchedFiles(
  checked(connection, 'workspace/didChangeWatchedFiles', isWatchedFiles, ({ changes }) => {
    session
      .filesChanged(changes.map((c) => ({ uri: c.uri, createdOrDeleted: c.type !== FileChangeType.Changed })))
      .catch((error: unknown) => connection.console.error(`factlint: reloading the fact base failed: ${String(error)}`));
  }),
);

connection.onHover(
  checked(
    connection,
    'textDocument/hover',
    isPositionRequest,
    async ({ textDocument, position }: HoverParams) => {
      const doc = documents.get(textDocument.uri);
      if (!doc) return null;
      if (isFactDoc(doc.uri)) {
        const index = session.factBaseOf(doc.uri)?.index;
        return index ? idHover(doc, position, index, session.client.markdownHovers) : null;
      }
      if (session.isUnchecked(doc.uri)) return null;
      const { index } = await session.useFactsFor(doc.uri, doc.getText());
      const text = doc.getText();
      const card = index && hover(text, index, doc.offsetAt(position), session.analysedFor(doc.uri, text, index));
      if (!card) return null;
      const contents = session.client.markdownHovers
        ? { kind: 'markdown' as const, value: card.markdown }
        : { kind: 'plaintext' as const, value: card.plaintext };
      return { contents, range: rangeOf(doc, card.start, card.end) };
    },
    null,
  ),
);

connection.onCompletion(
  checked(
    connection,
    'textDocument/completion',
    isPositionRequest,
    async ({ textDocument, position }: CompletionParams): Promise<CompletionItem[]> => {
      const doc = documents.get(textDocument.uri);
      if (!doc) return [];
      if (isFactDoc(doc.uri)) {
        const index = session.factBaseOf(doc.uri)?.index;
        return index ? idCompletionItems(doc, position, index) : [];
      }
      if (session.isUnchecked(doc.uri)) return [];
      const { index, skip } = await session.useFactsFor(doc.uri, doc.getText());
      if (!index || skip) return [];
      return completionItems(completions(index), doc, position);
    },
    [],
  ),
);

connection.onDefinition(
  checked(
    connection,
    'textDocument/definition',
    isPositionRequest,
    async ({ textDocument, position }: DefinitionParams): Promise<Location[]> => {
      const doc = documents.get(textDocument.uri);
      if (!doc) return [];
      if (isFactDoc(doc.uri)) {
        const index = session.factBaseOf(doc.uri)?.index;
        return index ? idDefinition(doc, position, index) : [];
      }
      if (session.isUnchecked(doc.uri)) return [];
      const { index } = await session.useFactsFor(doc.uri, doc.getText());
      if (!index) return [];
      const lines = factLines(index.facts);
      const text = doc.getText();
      return definition(text, index, doc.offsetAt(position), session.analysedFor(doc.uri, text, index)).flatMap(({ file, start, end }) => {
        const positions = lines(file);
        return positions ? [{ uri: fileUri(file), range: rangeOf(positions, start, end) }] : [];
      });
    },
    [],
  ),
);

connection.onCodeAction(
  checked(
    connection,
    'textDocument/codeAction',
    isCodeActionRequest,
    async (params: CodeActionParams, token: CancellationToken): Promise<CodeAction[] | ResponseError> => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc || isFactDoc(doc.uri)) return [];
      const only = params.context.only;
      const actions = wants(only, CodeActionKind.QuickFix)
        ? [...quickFixes(params, doc), ...disableActions(params, doc, session.client.canShowDocument)]
        : [];
      if (wants(only, FIX_ALL_KIND) && (only !== undefined || actions.length > 0)) {
        const version = doc.version;
        const { settings: current, index } = await session.useFactsFor(doc.uri, doc.getText());
        // A long check (fix-all on a large draft) stops when the client cancels the request, and then edits nothing.
        const findings =
          index && !session.isUnchecked(doc.uri) && documents.get(doc.uri)?.version === version
            ? await session.findingsOf(doc, index, current, token)
            : [];
        if (token.isCancellationRequested) return cancelled();
        // The draft may have changed while it was checked: a fix-all is offered only for the text it was computed from.
        const all = findings && documents.get(doc.uri)?.version === version ? fixAll(doc, findings) : undefined;
        if (all) actions.push(all);
      }
      return actions;
    },
    [],
  ),
);

connection.onRequest(STATUS_REQUEST, (params: unknown) => {
  const uri = typeof params === 'object' && params !== null ? (params as { uri?: unknown }).uri : undefined;
  return typeof uri === 'string' ? session.statusOf(uri) : null;
});

connection.onExecuteCommand(async ({ command, arguments: args }, token) => {
  if (command === SELECT_REASON_COMMAND) {
    const [uri, range] = args ?? [];
    if (session.client.canShowDocument && typeof uri === 'string' && isRange(range))
      await connection.window.showDocument({ uri, selection: range, takeFocus: true });
    return null;
  }
  if (command === EXTRACT_FACTS_COMMAND) {
    const [source, text, target] = args ?? [];
    if (typeof source !== 'string' || typeof text !== 'string' || typeof target !== 'string')
      return { error: 'Give the source path, its text and the fact-base path.' };
    const result = extractInto(
      source,
      text,
      target,
      documents
        .all()
        .find((d) => pathOf(d.uri) === target)
        ?.getText(),
    );
    return result;
  }
  if (command !== CHECK_WORKSPACE_COMMAND) return null;
  const progress = session.client.canReportProgress ? await connection.window.createWorkDoneProgress() : undefined;
  return checkWorkspace({
    folders: session.folders,
    open: session.openPaths(),
    check: (uri, path) => session.checkClosed(uri, path),
    token,
    progress,
    log: (line) => connection.console.info(line),
    tell: (message) => void connection.window.showInformationMessage(message),
  });
});

documents.listen(checkedDocuments(connection));
connection.listen();
