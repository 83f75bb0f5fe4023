import { Uri, ViewColumn, window, workspace } from 'vscode';

type Result = { target: string; facts: number; conflicts: string[] } | { error: string };

/**
 * "factlint: Extract facts from this file": reads candidate facts from the open source article (Markdown, text or a
 * saved HTML page) into a chosen `*.facts.yaml` (merged when it exists), and opens it beside the article.
 */
export async function extractFacts(run: (args: unknown[]) => Promise<Result | null>, log: (line: string) => void): Promise<void> {
  const doc = window.activeTextEditor?.document;
  if (doc?.uri.scheme !== 'file') {
    void window.showInformationMessage('factlint: open a source article saved on disk (Markdown, text or HTML) to extract facts from it.');
    return;
  }
  const found = await workspace.findFiles('**/*.facts.yaml', '**/node_modules/**', 200);
  const NEW = '$(new-file) New fact base…';
  const picked = await window.showQuickPick([NEW, ...found.map((u) => workspace.asRelativePath(u))], {
    title: 'Extract facts into which fact base?',
  });
  if (!picked) return;
  const target =
    picked === NEW
      ? (
          await window.showSaveDialog({
            defaultUri: Uri.joinPath(doc.uri, '..', 'candidates.facts.yaml'),
            filters: { 'Fact base': ['facts.yaml'] },
          })
        )?.fsPath
      : found[[NEW, ...found.map((u) => workspace.asRelativePath(u))].indexOf(picked) - 1]!.fsPath;
  if (!target) return;
  const result = await run([doc.uri.fsPath, doc.getText(), target]);
  if (!result || 'error' in result) {
    void window.showErrorMessage(`factlint: ${result?.error ?? 'the server did not answer'}`);
    return;
  }
  for (const c of result.conflicts) log(`conflict: ${c}`);
  await window.showTextDocument(Uri.file(result.target), { viewColumn: ViewColumn.Beside, preview: false });
  void window.showInformationMessage(
    `factlint: ${result.facts} candidate facts read into ${workspace.asRelativePath(result.target)}` +
      `${result.conflicts.length > 0 ? `; ${result.conflicts.length} conflicts listed in the output` : ''}. Review each "review: candidate".`,
  );
}
