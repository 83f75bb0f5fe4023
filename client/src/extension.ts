import * as path from 'node:path';
import { commands, window, workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node.js';
import { EXTRACT_FACTS_COMMAND, type DocumentStatus } from '../../server/src/lsp/protocol.js';
import { disableInFile, openFactBase, showRuleDocs } from './commands.js';
import { extractFacts } from './extract.js';
import { StatusItems } from './status.js';

let client: LanguageClient | undefined;

const SELECTOR = [{ language: 'markdown' }, { language: 'yaml', pattern: '**/*.facts.{yaml,yml}' }];

/**
 * Starts the factlint language server (bundled as server/out/server.cjs) over IPC for Markdown drafts and fact-base
 * YAML, with an output channel, language status items and the palette's "factlint: …" commands.
 */
export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('server', 'out', 'server.cjs'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const output = window.createOutputChannel('factlint');
  output.appendLine(`factlint ${String((context.extension.packageJSON as { version?: unknown }).version)} activated.`);
  const clientOptions: LanguageClientOptions = {
    documentSelector: SELECTOR,
    outputChannel: output,
    // Fact-base files and project configuration files (.factlint.yaml).
    synchronize: { fileEvents: workspace.createFileSystemWatcher('**/{*.facts.yaml,*.facts.yml,.factlint.yaml}') },
    // In an untrusted workspace the server reads no fact-base file outside it that a draft's front matter names.
    initializationOptions: () => ({ workspaceTrusted: workspace.isTrusted, statusNotifications: true }),
  };
  const lsp = new LanguageClient('factlint', 'factlint', serverOptions, clientOptions);
  client = lsp;
  const items = new StatusItems(SELECTOR);
  lsp.onNotification('factlint/status', (status: DocumentStatus) => items.update(status));
  const status = async (uri: string) =>
    items.get(uri) ?? (await lsp.sendRequest<DocumentStatus | null>('factlint/documentStatus', { uri })) ?? undefined;
  context.subscriptions.push(
    output,
    items,
    workspace.onDidGrantWorkspaceTrust(() => void lsp.restart()),
    commands.registerCommand('factlint.restartServer', async () => {
      items.clear();
      output.appendLine('Restarting the language server.');
      await lsp.restart();
    }),
    commands.registerCommand('factlint.showOutput', () => output.show(true)),
    commands.registerCommand('factlint.openFactBase', () => openFactBase(status)),
    commands.registerCommand('factlint.disableRuleInFile', () => disableInFile(context)),
    commands.registerCommand('factlint.showRuleDocs', (id?: unknown) => showRuleDocs(context, id)),
    commands.registerCommand('factlint.extractFacts', () =>
      extractFacts(
        (args) => lsp.sendRequest('workspace/executeCommand', { command: EXTRACT_FACTS_COMMAND, arguments: args }),
        (line) => output.appendLine(line),
      ),
    ),
  );
  await lsp.start();
}

/** Stops the server; VS Code waits for the returned promise. */
export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
