import assert = require('node:assert/strict');
import { join } from 'node:path';
import * as vscode from 'vscode';

const draft = vscode.Uri.file(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'workspace', 'planted.md'));
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);

/** Resolves with the draft's diagnostics once they satisfy `ready`: waits on the diagnostics event, never on a clock. */
function diagnostics(uri: vscode.Uri, ready: (ds: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve) => {
    const check = () => {
      const found = vscode.languages.getDiagnostics(uri);
      if (!ready(found)) return false;
      subscription.dispose();
      resolve(found);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    check();
  });
}

suite('factlint in VS Code', () => {
  let editor: vscode.TextEditor;

  suiteSetup(async () => {
    await vscode.extensions.getExtension('factlint.factlint')!.activate();
    editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(draft));
  });

  suiteTeardown(() => vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'));

  test('the planted date error is underlined, and the suppressed one is not', async () => {
    const found = await diagnostics(draft, (ds) => ds.some((d) => codeOf(d) === 'date-mismatch'));
    const dates = found.filter((d) => codeOf(d) === 'date-mismatch');
    assert.deepEqual(dates.map((d) => [d.range.start.line, d.range.start.character, d.severity]), [[4, 52, vscode.DiagnosticSeverity.Error]]);
    assert.equal(dates[0]!.source, 'factlint');
  });

  test('hovering the date shows the fact card with the event\'s date', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', draft, new vscode.Position(4, 55));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /When: 1 March 2023/);
  });

  test('the quick fix corrects the date and the error goes away', async () => {
    const [error] = (await diagnostics(draft, (ds) => ds.some((d) => codeOf(d) === 'date-mismatch'))).filter((d) => codeOf(d) === 'date-mismatch');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', draft, error!.range,
      vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix?.edit, actions.map((a) => a.title).join('; '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(editor.document.lineAt(4).text, /on 1 March 2023\.$/);
    await diagnostics(draft, (ds) => !ds.some((d) => codeOf(d) === 'date-mismatch'));
  });
});
