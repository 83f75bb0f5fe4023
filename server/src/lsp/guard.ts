import type { CancellationToken, Connection, Disposable, NotificationHandler, TextDocuments } from 'vscode-languageserver';

/** What `TextDocuments.listen` needs of a connection. */
type TextDocumentConnection = Parameters<TextDocuments<never>['listen']>[0];

// Incoming messages are checked for the shape factlint relies on before anything uses them: a client that sends a
// number for a URI, or no text, is logged and ignored instead of poisoning the open documents or a timer.

type Check = (params: unknown) => boolean;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInteger = (v: unknown) => typeof v === 'number' && Number.isInteger(v);
const isPosition = (v: unknown) => isObject(v) && isInteger(v.line) && isInteger(v.character);
/** An LSP range. */
export const isRange = (v: unknown): boolean => isObject(v) && isPosition(v.start) && isPosition(v.end);
const hasUri = (v: unknown) => isObject(v) && typeof v.uri === 'string';
/** Params whose `textDocument` names a document by URI. */
const namesDocument: Check = (p) => isObject(p) && hasUri(p.textDocument);

const isOpen: Check = (p) =>
  isObject(p) &&
  isObject(p.textDocument) &&
  typeof p.textDocument.uri === 'string' &&
  typeof p.textDocument.languageId === 'string' &&
  isInteger(p.textDocument.version) &&
  typeof p.textDocument.text === 'string';
const isChange: Check = (p) =>
  isObject(p) &&
  hasUri(p.textDocument) &&
  isInteger((p.textDocument as Record<string, unknown>).version) &&
  Array.isArray(p.contentChanges) &&
  p.contentChanges.every(
    (c) =>
      isObject(c) &&
      typeof c.text === 'string' &&
      (c.range === undefined || isRange(c.range)) &&
      (c.rangeLength === undefined || isInteger(c.rangeLength)),
  );

/** A request about a position in a document (hover, definition). */
export const isPositionRequest: Check = (p) => namesDocument(p) && isPosition((p as Record<string, unknown>).position);
/** A code-action request. */
export const isCodeActionRequest: Check = (p) =>
  namesDocument(p) &&
  isRange((p as Record<string, unknown>).range) &&
  isObject((p as Record<string, unknown>).context) &&
  Array.isArray(((p as Record<string, unknown>).context as Record<string, unknown>).diagnostics);
/** A `workspace/didChangeWatchedFiles` notification. */
export const isWatchedFiles: Check = (p) =>
  isObject(p) && Array.isArray(p.changes) && p.changes.every((c) => hasUri(c) && isInteger((c as Record<string, unknown>).type));
/** The event of a `workspace/didChangeWorkspaceFolders` notification. */
export const isFoldersChange: Check = (e) => isObject(e) && [e.added, e.removed].every((list) => Array.isArray(list) && list.every(hasUri));
/** A `workspace/didChangeConfiguration` notification (its settings may be anything). */
export const isConfigurationChange: Check = isObject;

/**
 * The handler, run only for params that pass the check (with a request's cancellation token); others are logged (with
 * the method) and answered with `fallback`.
 */
export function checked<P, R>(
  connection: Connection,
  method: string,
  check: Check,
  handler: (params: P, token: CancellationToken) => R,
  fallback: Awaited<R>,
): (params: P, token: CancellationToken) => R | Awaited<R>;
export function checked<P>(connection: Connection, method: string, check: Check, handler: NotificationHandler<P>): NotificationHandler<P>;
export function checked<P, R>(
  connection: Connection,
  method: string,
  check: Check,
  handler: (params: P, token: CancellationToken) => R,
  fallback?: Awaited<R>,
) {
  return (params: P, token: CancellationToken) => {
    if (check(params)) return handler(params, token);
    connection.console.error(`factlint: ignored a ${method} message of the wrong shape: ${preview(params)}`);
    return fallback;
  };
}

/** The text-document half of the connection, for `TextDocuments.listen`, with every notification checked first. */
export function checkedDocuments(connection: Connection): TextDocumentConnection {
  const wrap =
    <P>(method: string, check: Check, on: (h: NotificationHandler<P>) => Disposable) =>
    (handler: NotificationHandler<P>) =>
      on(checked(connection, method, check, handler));
  return {
    onDidOpenTextDocument: wrap('textDocument/didOpen', isOpen, (h) => connection.onDidOpenTextDocument(h)),
    onDidChangeTextDocument: wrap('textDocument/didChange', isChange, (h) => connection.onDidChangeTextDocument(h)),
    onDidCloseTextDocument: wrap('textDocument/didClose', namesDocument, (h) => connection.onDidCloseTextDocument(h)),
    onWillSaveTextDocument: wrap('textDocument/willSave', namesDocument, (h) => connection.onWillSaveTextDocument(h)),
    onWillSaveTextDocumentWaitUntil: (handler) =>
      connection.onWillSaveTextDocumentWaitUntil((params, token) => (namesDocument(params) ? handler(params, token) : [])),
    onDidSaveTextDocument: wrap('textDocument/didSave', namesDocument, (h) => connection.onDidSaveTextDocument(h)),
  };
}

/** A short, single-line rendering of what arrived, for the log. */
function preview(params: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(params) ?? String(params);
  } catch {
    text = String(params);
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
