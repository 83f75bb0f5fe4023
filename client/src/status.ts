import { basename } from 'node:path';
import { languages, LanguageStatusSeverity, window, type Disposable, type DocumentSelector, type LanguageStatusItem } from 'vscode';
import type { DocumentStatus, FactBaseStatus } from '../../server/src/lsp/protocol.js';

const STATE: Record<FactBaseStatus['state'], string> = {
  loaded: 'loaded',
  'last-good': 'has problems: last good version in use',
  partial: 'has problems: well-formed part in use',
  broken: 'has problems: not usable',
};

/**
 * Two language status items for drafts and fact-base files, fed by the server's `factlint/status` notifications: the
 * fact base in use (opens it) and whether the file is checked (shows the output).
 */
export class StatusItems implements Disposable {
  readonly #byUri = new Map<string, DocumentStatus>();
  readonly #factBase: LanguageStatusItem;
  readonly #checked: LanguageStatusItem;
  readonly #listener: Disposable;

  constructor(selector: DocumentSelector) {
    this.#factBase = languages.createLanguageStatusItem('factlint.factBase', selector);
    this.#factBase.name = 'factlint: fact base';
    this.#factBase.command = { title: 'Open', command: 'factlint.openFactBase', tooltip: 'Open the fact base of this file' };
    this.#checked = languages.createLanguageStatusItem('factlint.checked', selector);
    this.#checked.name = 'factlint';
    this.#checked.command = { title: 'Show output', command: 'factlint.showOutput' };
    this.#listener = window.onDidChangeActiveTextEditor(() => this.#show());
    this.#show();
  }

  /** The last status the server sent for a document. */
  get(uri: string): DocumentStatus | undefined {
    return this.#byUri.get(uri);
  }

  update(status: DocumentStatus): void {
    this.#byUri.set(status.uri, status);
    this.#show();
  }

  clear(): void {
    this.#byUri.clear();
    this.#show();
  }

  #show(): void {
    const uri = window.activeTextEditor?.document.uri.toString();
    const status = uri === undefined ? undefined : this.#byUri.get(uri);
    const base = status?.factBase;
    this.#factBase.text = base ? `$(book) ${base.name.length > 40 ? `${base.name.slice(0, 39)}…` : base.name}` : 'No fact base';
    this.#factBase.detail = base
      ? `${base.bundled ? 'bundled, ' : ''}${base.files.length === 1 ? basename(base.files[0]!) : `${base.files.length} files`}, ${base.facts} facts, ${STATE[base.state]}`
      : 'factlint has not looked at this file yet';
    this.#factBase.severity =
      !base || base.state === 'loaded'
        ? LanguageStatusSeverity.Information
        : base.state === 'broken'
          ? LanguageStatusSeverity.Error
          : LanguageStatusSeverity.Warning;
    this.#checked.text = !status ? 'factlint' : status.checked ? 'factlint: checked' : 'factlint: not checked';
    this.#checked.detail = status?.reason ?? '';
  }

  dispose(): void {
    this.#factBase.dispose();
    this.#checked.dispose();
    this.#listener.dispose();
  }
}
