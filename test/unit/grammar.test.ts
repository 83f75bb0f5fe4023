import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import oniguruma from 'vscode-oniguruma';
import textmate from 'vscode-textmate';
import { ROOT } from './paths.js';

const SCOPE = 'markdown.factlint.suppression';
const GRAMMAR = join(ROOT, 'syntaxes', 'factlint-suppression.tmLanguage.json');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  contributes: { grammars: { scopeName: string; path: string; injectTo: string[] }[] };
};

/**
 * A stand-in for VS Code's Markdown grammar (none is installed here): the two rules the injection must
 * interact with — its HTML comment rule, which the injection must win against, and fenced code, where it
 * must not apply.
 */
const HOST = {
  scopeName: 'text.html.markdown',
  patterns: [
    { name: 'markup.fenced_code.block.markdown', begin: '^```', end: '^```' },
    { name: 'comment.block.html', begin: '(^|\\G)\\s*(<!--)', end: '-->' },
  ],
};

const onig = (async () => {
  await oniguruma.loadWASM(readFileSync(createRequire(import.meta.url).resolve('vscode-oniguruma/release/onig.wasm')).buffer);
  return { createOnigScanner: (s: string[]) => new oniguruma.OnigScanner(s), createOnigString: (s: string) => new oniguruma.OnigString(s) };
})();

const registry = new textmate.Registry({
  onigLib: onig,
  loadGrammar: async (scope) =>
    scope === SCOPE
      ? textmate.parseRawGrammar(readFileSync(GRAMMAR, 'utf8'), GRAMMAR)
      : scope === HOST.scopeName
        ? textmate.parseRawGrammar(JSON.stringify(HOST), 'host.json')
        : null,
  getInjections: (scope) => (scope === HOST.scopeName ? [SCOPE] : undefined),
});

/** Tokenizes lines; returns each token's text with its innermost scopes (the root scope left out). */
async function tokens(scope: string, lines: string[]): Promise<[string, string][]> {
  const grammar = await registry.loadGrammar(scope);
  assert.ok(grammar, `grammar ${scope} loads`);
  const out: [string, string][] = [];
  let stack = textmate.INITIAL;
  for (const line of lines) {
    const result = grammar.tokenizeLine(line, stack);
    for (const t of result.tokens) out.push([line.slice(t.startIndex, t.endIndex), t.scopes.slice(1).join(' ')]);
    stack = result.ruleStack;
  }
  return out;
}

const scopeOf = (found: [string, string][], text: string) => found.find(([t]) => t === text)?.[1];
const COMMENT = 'comment.block.html meta.directive.suppression.factlint';

test('the manifest injects the grammar into Markdown', () => {
  const entry = manifest.contributes.grammars.find((g) => g.scopeName === SCOPE);
  assert.deepEqual(entry, { scopeName: SCOPE, path: './syntaxes/factlint-suppression.tmLanguage.json', injectTo: ['text.html.markdown'] });
});

test('a disable-next-line comment: directive, rule ids, separator and reason', async () => {
  const found = await tokens(SCOPE, ['<!-- factlint-disable-next-line date-mismatch, name-misspelt -- quoted from the source -->']);
  assert.deepEqual(found, [
    ['<!--', `${COMMENT} punctuation.definition.comment.begin.html`],
    [' ', COMMENT],
    ['factlint-disable-next-line', `${COMMENT} keyword.control.directive.factlint`],
    [' ', COMMENT],
    ['date-mismatch', `${COMMENT} constant.other.rule-id.factlint`],
    [',', `${COMMENT} punctuation.separator.comma.factlint`],
    [' ', COMMENT],
    ['name-misspelt', `${COMMENT} constant.other.rule-id.factlint`],
    [' ', COMMENT],
    ['--', `${COMMENT} punctuation.separator.reason.factlint`],
    [' quoted from the source ', `${COMMENT} string.unquoted.reason.factlint`],
    ['-->', `${COMMENT} punctuation.definition.comment.end.html`],
  ]);
});

test('disable, enable and disable-line; no rules; a reason running over two lines', async () => {
  const found = await tokens(SCOPE, [
    '<!-- factlint-disable -->',
    '<!-- factlint-enable office-not-held -->',
    'Text <!-- factlint-disable-line date-mismatch -- the PISM',
    'wording, quoted -->',
  ]);
  assert.equal(scopeOf(found, 'factlint-disable'), `${COMMENT} keyword.control.directive.factlint`);
  assert.equal(scopeOf(found, 'factlint-enable'), `${COMMENT} keyword.control.directive.factlint`);
  assert.equal(scopeOf(found, 'factlint-disable-line'), `${COMMENT} keyword.control.directive.factlint`);
  assert.equal(scopeOf(found, 'office-not-held'), `${COMMENT} constant.other.rule-id.factlint`);
  assert.equal(scopeOf(found, 'Text '), '', 'prose before the comment is not part of it');
  assert.equal(scopeOf(found, ' the PISM'), `${COMMENT} string.unquoted.reason.factlint`);
  assert.equal(scopeOf(found, 'wording, quoted '), `${COMMENT} string.unquoted.reason.factlint`, 'the reason continues on the next line');
});

test('other comments and look-alikes are not directives', async () => {
  const found = await tokens(SCOPE, [
    '<!-- a note about factlint-disable -->',
    '<!-- factlint-disabled x -->',
    '<!-- markdownlint-disable MD013 -->',
  ]);
  assert.ok(
    found.every(([, scope]) => scope === ''),
    JSON.stringify(found),
  );
});

test('injected into Markdown: wins over the comment rule, stays out of fenced code', async () => {
  const found = await tokens(HOST.scopeName, [
    '<!-- factlint-disable date-mismatch -->',
    '```',
    '<!-- factlint-disable-line x -->',
    '```',
    '<!-- an ordinary comment -->',
  ]);
  assert.equal(scopeOf(found, 'date-mismatch'), `${COMMENT} constant.other.rule-id.factlint`);
  assert.equal(scopeOf(found, 'factlint-disable-line'), undefined, 'no directive token inside fenced code');
  assert.ok(found.some(([text, scope]) => text.includes('factlint-disable-line') && scope === 'markup.fenced_code.block.markdown'));
  assert.ok(found.some(([text, scope]) => text.includes('an ordinary comment') && scope === 'comment.block.html'));
});
