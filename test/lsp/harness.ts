import { spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeParams,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver/node.js';
import { ROOT } from '../unit/paths.js';

/** A running factlint server (the bundle, over stdio) and what it has published. */
export interface Server {
  connection: ProtocolConnection;
  published: PublishDiagnosticsParams[];
  stderr: string[];
  /** The server process's id (its memory is read from /proc/<pid>/status). */
  pid: number;
  initialize(capabilities?: ClientCapabilities, params?: Partial<InitializeParams>): Promise<InitializeResult>;
  open(uri: string, text: string, languageId?: string, version?: number): Promise<void>;
  change(uri: string, version: number, change: string | TextDocumentContentChangeEvent[]): Promise<void>;
  /** How many publications have arrived so far (pass to {@link waitForDiagnostics} to wait for a later one). */
  mark(): number;
  waitForDiagnostics(uri: string, version?: number, since?: number, within?: number): Promise<PublishDiagnosticsParams>;
  stop(): Promise<void>;
}

/** The client capabilities VS Code would send, as far as factlint uses them. */
export const FULL_CLIENT: ClientCapabilities = {
  workspace: { configuration: true, workspaceFolders: true, workspaceEdit: { documentChanges: true } },
  textDocument: {
    hover: { contentFormat: ['markdown', 'plaintext'] },
    publishDiagnostics: { relatedInformation: true, versionSupport: true },
  },
};

/** Spawns `node server/out/server.cjs --stdio` and wraps it in a protocol connection. */
export function start(): Server {
  const child = spawn(process.execPath, [join(ROOT, 'server', 'out', 'server.cjs'), '--stdio'], { stdio: 'pipe' });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published: PublishDiagnosticsParams[] = [];
  const waiters = new Set<() => void>();
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    published.push(params);
    for (const wake of waiters) wake();
  });
  connection.listen();
  return {
    connection,
    published,
    stderr,
    pid: child.pid!,
    async initialize(capabilities = FULL_CLIENT, params = {}) {
      const result = await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        workspaceFolders: null,
        capabilities,
        ...params,
      });
      await connection.sendNotification(InitializedNotification.type, {});
      return result;
    },
    open: (uri, text, languageId = 'markdown', version = 1) =>
      connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } }),
    change: (uri, version, change) =>
      connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: typeof change === 'string' ? [{ text: change }] : change,
      }),
    mark: () => published.length,
    waitForDiagnostics(uri, version, since = 0, within = 5000) {
      const find = () => published.slice(since).find((p) => p.uri === uri && (version === undefined || p.version === version));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => (waiters.delete(check), reject(new Error(`no diagnostics for ${uri} v${version} within ${within / 1000} s`))),
          within,
        );
        const check = () => {
          const found = find();
          if (found) clearTimeout(timer), waiters.delete(check), resolve(found);
        };
        waiters.add(check);
        check();
      });
    },
    async stop() {
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));
      connection.dispose();
    },
  };
}
