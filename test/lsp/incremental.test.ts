import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CodeAction, Diagnostic, TextDocumentEdit } from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { check } from '../../server/src/check.js';
import { bundledFactsDir, readFactFiles } from '../../server/src/facts/files.js';
import { loadFactBase } from '../../server/src/facts/load.js';
import { fixAll } from '../../server/src/lsp/actions.js';
import { compile } from '../../server/src/match/compile.js';
import { start, type Server } from './harness.js';

/** The server re-checks each draft incrementally: after every edit its diagnostics must be those of a whole check. */
const index = compile(loadFactBase(readFactFiles([bundledFactsDir()])).facts!);
let server: Server;

before(async () => {
  server = start();
  await server.initialize();
});
after(() => server.stop());

const PARAGRAPHS = Array.from(
  { length: 12 },
  (_, i) => `Paragraph ${i}: Alexandr Lukashenko met Xi Jinping in Beijing on 3 March 2023.`,
).join('\n\n');

/** What a whole check of the text would publish, as comparable tuples. */
function expected(text: string): string[] {
  const doc = TextDocument.create('untitled:x', 'markdown', 1, text);
  return check(text, index)
    .map((f) => JSON.stringify([f.rule, doc.positionAt(f.start), doc.positionAt(f.end), f.message]))
    .sort();
}
const published = (diagnostics: Diagnostic[]) =>
  diagnostics.map((d) => JSON.stringify([d.code, d.range.start, d.range.end, d.message])).sort();

test('incremental edits (a word, an opened and closed fence, a definition, a paragraph split) publish what a whole check finds', async () => {
  const uri = 'untitled:incremental.md';
  let doc = TextDocument.create(uri, 'markdown', 1, `${PARAGRAPHS}\n\nSee [the president][who].[^1]\n`);
  await server.open(uri, doc.getText());
  assert.deepEqual(published((await server.waitForDiagnostics(uri, 1)).diagnostics), expected(doc.getText()));
  const at = (needle: string) => doc.positionAt(doc.getText().indexOf(needle));
  const edits: [string, string, string][] = [
    // [where, replaced text, new text]
    ['Lukashenko met Xi Jinping in Beijing on 3 March 2023.\n\nParagraph 5', 'Lukashenko', 'Lukashenka'],
    ['Paragraph 7', '', '```\n'],
    ['Paragraph 10', '', '```\n\n'],
    ['Paragraph 3', '', '[who]: https://example.org\n\n[^1]: Alexandr Lukashenko.\n\n'],
    ['in Beijing on 3 March 2023.\n\nParagraph 9', 'in Beijing', 'in\n\nBeijing'],
  ];
  for (const [version, [where, old, text]] of edits.entries()) {
    const start = at(where);
    const end = doc.positionAt(doc.offsetAt(start) + old.length);
    const change = { range: { start, end }, text };
    doc = TextDocument.update(doc, [change], version + 2);
    await server.change(uri, version + 2, [change]);
    const { diagnostics } = await server.waitForDiagnostics(uri, version + 2);
    assert.deepEqual(published(diagnostics), expected(doc.getText()), `after edit ${version + 1} (${JSON.stringify(text)})`);
  }
  // Fix-all uses the findings of the current version: the same edits as from a whole check of it.
  const actions = await server.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll'] },
  });
  const [change] = actions[0]!.edit!.documentChanges! as TextDocumentEdit[];
  assert.equal(change!.textDocument.version, doc.version);
  const whole = fixAll(doc, check(doc.getText(), index))!.edit!.documentChanges![0] as TextDocumentEdit;
  assert.ok(change!.edits.length > 0);
  assert.deepEqual(change!.edits, whole.edits);
});
