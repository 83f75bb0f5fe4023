import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, Hover, Location, MarkupContent, TextDocumentEdit } from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ROOT } from '../unit/paths.js';
import { dateErrors, DRAFT } from './drafts.js';
import { start, type Server } from './harness.js';

const BUNDLED_PATH = join(ROOT, 'facts', 'lukashenka-china-2023.facts.yaml');
const BUNDLED = pathToFileURL(BUNDLED_PATH).href;
let server: Server;
let n = 0;
const nextUri = () => `untitled:draft-${++n}.md`;

before(async () => {
  server = start();
  await server.initialize();
});
after(() => server.stop());

/** Opens a draft and returns its first diagnostics. */
async function open(text: string): Promise<{ uri: string; diagnostics: Diagnostic[]; doc: TextDocument }> {
  const uri = nextUri();
  await server.open(uri, text);
  const { diagnostics } = await server.waitForDiagnostics(uri, 1);
  return { uri, diagnostics, doc: TextDocument.create(uri, 'markdown', 1, text) };
}

/** Applies an action's versioned edit to the client's copy, sends the new text, and returns the re-check's diagnostics. */
async function apply(doc: TextDocument, action: CodeAction): Promise<{ text: string; diagnostics: Diagnostic[] }> {
  const [change] = action.edit!.documentChanges! as TextDocumentEdit[];
  assert.deepEqual(change!.textDocument, { uri: doc.uri, version: doc.version });
  const text = TextDocument.applyEdits(doc, change!.edits);
  await server.change(doc.uri, doc.version + 1, text);
  return { text, diagnostics: (await server.waitForDiagnostics(doc.uri, doc.version + 1)).diagnostics };
}

const codeActions = (uri: string, diagnostics: Diagnostic[], only?: string[], range = diagnostics[0]!.range) =>
  server.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only } });

test('initialize answers the whole capabilities object', async () => {
  const other = start();
  try {
    assert.deepEqual(await other.initialize(), {
      capabilities: {
        textDocumentSync: 2,
        hoverProvider: true,
        definitionProvider: true,
        completionProvider: {},
        codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll.factlint'] },
        executeCommandProvider: { commands: ['factlint.checkWorkspace', 'factlint.selectReason', 'factlint.extractFactsInto'] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'factlint' },
    });
  } finally {
    await other.stop();
  }
});

test('open: a wrong date for the talks is published as an error, for version 1, with the fact it relies on', async () => {
  const { diagnostics } = await open(DRAFT);
  const [d] = dateErrors(diagnostics);
  assert.ok(d, JSON.stringify(diagnostics));
  assert.deepEqual(d.range, { start: { line: 0, character: 52 }, end: { line: 0, character: 64 } });
  assert.equal(d.severity, 1);
  assert.equal(d.source, 'factlint');
  assert.equal(d.codeDescription?.href, 'https://github.com/factlint/factlint/blob/main/docs/rules/date-mismatch.md');
  assert.match(d.message, /1 March 2023, not 3 March 2023/);
  assert.equal(d.relatedInformation?.[0]?.location.uri, BUNDLED);
  assert.match(d.relatedInformation[0]!.message, /^event \S+: /);
  assert.doesNotMatch(d.relatedInformation[0]!.message, /source/, 'the sources are on the hover card, not repeated here');
  assert.deepEqual((d.data as { version: number }).version, 1);
});

test('edit: incremental changes are re-checked and published for the new version', async () => {
  const { uri, diagnostics } = await open(DRAFT);
  assert.equal(dateErrors(diagnostics).length, 1);
  await server.change(uri, 2, [{ range: { start: { line: 0, character: 52 }, end: { line: 0, character: 53 } }, text: '1' }]);
  assert.deepEqual(dateErrors((await server.waitForDiagnostics(uri, 2)).diagnostics), []);
  await server.change(uri, 3, [
    {
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
      text: '\nThe talks with Xi Jinping took place on 2 March 2023.\n',
    },
  ]);
  const [d, ...rest] = dateErrors((await server.waitForDiagnostics(uri, 3)).diagnostics);
  assert.equal(rest.length, 0);
  assert.equal(d?.range.start.line, 2);
  assert.match(d!.message, /not 2 March 2023/);
});

test('typing: a draft that is cheap to check is re-checked at every change, and the versions are published in order', async () => {
  const { uri } = await open(DRAFT);
  const mark = server.mark();
  for (const [version, day] of [
    [2, '4'],
    [3, '5'],
    [4, '6'],
  ] as const) {
    await server.change(uri, version, [{ range: { start: { line: 0, character: 52 }, end: { line: 0, character: 53 } }, text: day }]);
  }
  assert.match(dateErrors((await server.waitForDiagnostics(uri, 4, mark)).diagnostics)[0]?.message ?? '', /not 6 March 2023/);
  const versions = server.published
    .slice(mark)
    .filter((p) => p.uri === uri)
    .map((p) => p.version);
  assert.deepEqual(versions, [...versions].sort(), 'never an older version after a newer one');
  assert.equal(versions.at(-1), 4);
});

test('hover: a date shows the event it is about, its dates, and sources as links', async () => {
  const { uri } = await open(DRAFT);
  const hover = await server.connection.sendRequest<Hover>('textDocument/hover', {
    textDocument: { uri },
    position: { line: 0, character: 55 },
  });
  const contents = hover.contents as MarkupContent;
  assert.equal(contents.kind, 'markdown');
  assert.match(contents.value, /^\*\*3 March 2023\*\* — date/);
  assert.match(contents.value, /When: 1 March 2023/);
  assert.match(contents.value, /Part of: .*\(28 February – 2 March 2023\)/);
  assert.match(contents.value, /Sources:\n- \[[^\]]+\]\(https?:\/\/[^)]+\)/);
  assert.deepEqual(hover.range, { start: { line: 0, character: 52 }, end: { line: 0, character: 64 } });
});

test('hover: a name shows the offices held on the date in question; an office shows who held it', async () => {
  const { uri } = await open('Premier Li Qiang met Lukashenka and Xi Jinping on 1 March 2023.\n');
  const at = async (character: number) =>
    (
      (await server.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character } }))
        .contents as MarkupContent
    ).value;
  assert.match(
    await at(38),
    /\*\*Xi Jinping\*\* — person[\s\S]*Offices held on 1 March 2023:\n(- .*\n)*- President of the People's Republic of China \(since 14 March 2013\)/,
  );
  assert.match(await at(2), /Held on 1 March 2023 by:\n- Li Keqiang \(15 March 2013 – 11 March 2023\)/);
  assert.match(await at(10), /On 1 March 2023: no office in the fact base/);
});

test('definition: from a name to its fact in the YAML', async () => {
  const { uri } = await open(DRAFT);
  const [location, ...more] = await server.connection.sendRequest<Location[]>('textDocument/definition', {
    textDocument: { uri },
    position: { line: 0, character: 30 },
  });
  assert.equal(more.length, 0);
  assert.equal(location?.uri, BUNDLED);
  const lines = readFileSync(BUNDLED_PATH, 'utf8').split('\n');
  const line = lines.findIndex((l) => /^ {2}- id: xi-jinping$/.test(l));
  assert.ok(line > 0);
  assert.deepEqual(location?.range.start, { line, character: 4 });
  assert.match(lines[line + 1]!, /name: Xi Jinping/);
});

test('code action: the quick fix is preferred, versioned, and applying it leaves the rule clean', async () => {
  const { diagnostics, doc } = await open(DRAFT);
  const actions = await codeActions(doc.uri, dateErrors(diagnostics));
  const fix = actions.find((a) => a.title === 'Change the date to "1 March 2023"');
  assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
  assert.equal(fix.kind, 'quickfix');
  assert.equal(fix.isPreferred, true);
  const { text, diagnostics: after } = await apply(doc, fix);
  assert.equal(text, DRAFT.replace('3 March', '1 March'));
  assert.deepEqual(dateErrors(after), []);
});

test('fix-all: one source action fixes every fixable finding', async () => {
  const { diagnostics, doc } = await open(`${DRAFT}\nSome say the talks with Xi Jinping were on 2 March 2023.\n`);
  assert.equal(dateErrors(diagnostics).length, 2);
  const actions = await codeActions(doc.uri, [], ['source.fixAll'], { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  assert.deepEqual(
    actions.map((a) => a.kind),
    ['source.fixAll.factlint'],
  );
  const { text, diagnostics: after } = await apply(doc, actions[0]!);
  assert.equal(text, `${DRAFT.replace('3 March', '1 March')}\nSome say the talks with Xi Jinping were on 1 March 2023.\n`);
  assert.deepEqual(dateErrors(after), []);
});

test('fix-all: guesses are left alone (a finding with two alternative fixes keeps both, neither preferred)', async () => {
  const guess = 'Premier Li Qiang met Lukashenka on 1 March 2023.\n';
  const { diagnostics, doc } = await open(`${DRAFT}\n${guess}`);
  const office = diagnostics.filter((d) => d.code === 'office-not-held');
  assert.equal(office.length, 1);
  const alternatives = (await codeActions(doc.uri, office)).filter((a) => a.kind === 'quickfix' && !a.title.startsWith('Disable'));
  assert.deepEqual(
    alternatives.map((a) => [a.title, a.isPreferred ?? false]),
    [
      ['Replace the name with "Li Keqiang"', false],
      ['Remove the title "Premier"', false],
    ],
  );
  const [all] = await codeActions(doc.uri, [], ['source.fixAll'], { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  const { text, diagnostics: after } = await apply(doc, all!);
  assert.equal(text, `${DRAFT.replace('3 March', '1 March')}\n${guess}`, 'the date is fixed, the office line untouched');
  assert.deepEqual(
    after.filter((d) => d.code === 'office-not-held').map((d) => d.message),
    office.map((d) => d.message),
  );
});

test('disable: a comment with a reason above a paragraph, or at the end of a line inside one', async () => {
  const first = await open(DRAFT);
  const above = (await codeActions(first.uri, dateErrors(first.diagnostics))).find((a) => a.title.startsWith('Disable date-mismatch'));
  const done = await apply(first.doc, above!);
  assert.equal(done.text, `<!-- factlint-disable-next-line date-mismatch -- reason -->\n${DRAFT}`);
  assert.deepEqual(dateErrors(done.diagnostics), []);

  const second = await open(`Intro line.\n${DRAFT}`);
  const inline = (await codeActions(second.uri, dateErrors(second.diagnostics))).find((a) => a.title.startsWith('Disable date-mismatch'));
  const kept = await apply(second.doc, inline!);
  assert.equal(kept.text, `Intro line.\n${DRAFT.trimEnd()} <!-- factlint-disable-line date-mismatch -- reason -->\n`);
  assert.deepEqual(dateErrors(kept.diagnostics), []);
});

test('a code action for diagnostics of an older version offers no edit', async () => {
  const { uri, diagnostics } = await open(DRAFT);
  await server.change(uri, 2, `${DRAFT}\nAnother paragraph.\n`);
  await server.waitForDiagnostics(uri, 2);
  assert.deepEqual(await codeActions(uri, dateErrors(diagnostics)), []);
});

test("close: the draft's diagnostics are cleared", async () => {
  const { uri } = await open(DRAFT);
  const mark = server.mark();
  await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  assert.deepEqual((await server.waitForDiagnostics(uri, undefined, mark)).diagnostics, []);
});
