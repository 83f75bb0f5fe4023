import * as path from 'node:path';
import { workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node.js';

let client: LanguageClient | undefined;

/** Starts the factlint language server (bundled as server/out/server.cjs) over IPC for Markdown drafts and fact-base YAML. */
export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('server', 'out', 'server.cjs'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'markdown' },
      { language: 'yaml', pattern: '**/*.facts.{yaml,yml}' },
    ],
    // Fact-base files and project configuration files (.factlint.yaml).
    synchronize: { fileEvents: workspace.createFileSystemWatcher('**/{*.facts.yaml,*.facts.yml,.factlint.yaml}') },
    // In an untrusted workspace the server reads no fact-base file outside it that a draft's front matter names.
    initializationOptions: () => ({ workspaceTrusted: workspace.isTrusted }),
  };
  client = new LanguageClient('factlint', 'factlint', serverOptions, clientOptions);
  context.subscriptions.push(workspace.onDidGrantWorkspaceTrust(() => void client?.restart()));
  await client.start();
}

/** Stops the server; VS Code waits for the returned promise. */
export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
