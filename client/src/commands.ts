import { existsSync } from 'node:fs';
import {
  commands,
  languages,
  Position,
  SnippetString,
  Uri,
  window,
  workspace,
  type Diagnostic,
  type ExtensionContext,
  type TextEditor,
} from 'vscode';
import type { DocumentStatus } from '../../server/src/lsp/protocol.js';

const codeOf = (d: Diagnostic) => String(typeof d.code === 'object' ? d.code.value : (d.code ?? ''));
const ours = (d: Diagnostic) => d.source === 'factlint' && codeOf(d) !== '';

/** The rule ids and descriptions the manifest lists under `factlint.rules`. */
export function ruleList(context: ExtensionContext): { id: string; description: string }[] {
  const rules =
    (
      context.extension.packageJSON as {
        contributes?: { configuration?: { properties?: Record<string, { properties?: Record<string, { description?: string }> }> } };
      }
    ).contributes?.configuration?.properties?.['factlint.rules']?.properties ?? {};
  return Object.entries(rules).map(([id, p]) => ({ id, description: p.description ?? '' }));
}

/** A rule id: that of the factlint finding under the cursor, else one the user picks among `choices`. */
async function pickRule(
  editor: TextEditor | undefined,
  choices: { id: string; description: string }[],
  title: string,
): Promise<string | undefined> {
  const here = editor && languages.getDiagnostics(editor.document.uri).find((d) => ours(d) && d.range.contains(editor.selection.active));
  if (here) return codeOf(here);
  const picked = await window.showQuickPick(
    choices.map((c) => ({ label: c.id, detail: c.description })),
    { title, matchOnDetail: true },
  );
  return picked?.label;
}

/** Where a file-wide comment goes: after the front matter, else at the top. */
function topOf(text: string): Position {
  const m = /^---[ \t]*\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return new Position(0, 0);
  return new Position(m[0].split('\n').length - (m[0].endsWith('\n') ? 1 : 0), 0);
}

/** "Disable a rule in this file": a `factlint-disable RULE -- reason` comment at the top, its reason selected for typing. */
export async function disableInFile(context: ExtensionContext): Promise<void> {
  const editor = window.activeTextEditor;
  if (!editor) return;
  const found = new Set(languages.getDiagnostics(editor.document.uri).filter(ours).map(codeOf));
  const all = ruleList(context);
  // The rules with findings in this file come first; any rule can be picked.
  const choices = [...all.filter((r) => found.has(r.id)), ...all.filter((r) => !found.has(r.id))];
  const rule = await pickRule(editor, choices, 'Disable which factlint rule in this file?');
  if (!rule) return;
  const at = topOf(editor.document.getText());
  await editor.insertSnippet(new SnippetString(`<!-- factlint-disable ${rule} -- `).appendPlaceholder('reason').appendText(' -->\n\n'), at);
}

/** "Show rule documentation": the rule's page shipped in docs/rules/ (else the README's section), in the Markdown preview. */
export async function showRuleDocs(context: ExtensionContext, id?: unknown): Promise<void> {
  const rule =
    typeof id === 'string' ? id : await pickRule(window.activeTextEditor, ruleList(context), 'Documentation of which factlint rule?');
  if (!rule) return;
  const page = Uri.joinPath(context.extensionUri, 'docs', 'rules', `${rule}.md`);
  const target = existsSync(page.fsPath) ? page : Uri.joinPath(context.extensionUri, 'README.md').with({ fragment: rule });
  await commands.executeCommand('markdown.showPreview', target);
}

/** "Open the fact base of this draft": its file (or the one picked among its files). */
export async function openFactBase(status: (uri: string) => Promise<DocumentStatus | undefined>): Promise<void> {
  const doc = window.activeTextEditor?.document;
  const base = doc ? (await status(doc.uri.toString()))?.factBase : undefined;
  if (!base || base.files.length === 0) {
    void window.showInformationMessage('factlint: this file is not checked against a fact base (open a Markdown draft).');
    return;
  }
  const file =
    base.files.length === 1
      ? base.files[0]
      : (
          await window.showQuickPick(
            base.files.map((f) => ({ label: workspace.asRelativePath(f), file: f })),
            { title: base.name },
          )
        )?.file;
  if (file) await window.showTextDocument(Uri.file(file));
}
