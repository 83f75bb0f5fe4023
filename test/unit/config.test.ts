import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { includes, parseConfig } from '../../server/src/facts/config.js';
import { DEFAULT_SETTINGS, withConfig } from '../../server/src/lsp/settings.js';

// The project configuration file (.factlint.yaml): what it may hold, and how the editor's settings combine with it.

const PATH = join('/project', 'docs', '.factlint.yaml');

test('a valid .factlint.yaml: paths relative to its folder, severities, house style, globs', () => {
  const { config, problems } = parseConfig(
    PATH,
    'factBase: [../facts, one.facts.yaml]\nrules: { event-kind: "off", date-mismatch: warning }\n' +
      'houseStyle: false\ninclude: "**/*.md"\nexclude: [drafts/old/**]\n',
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(config?.factBase, [join('/project', 'facts'), join('/project', 'docs', 'one.facts.yaml')]);
  assert.deepEqual(config?.rules, { 'event-kind': 'off', 'date-mismatch': 'warning' });
  assert.equal(config?.houseStyle, false);
  assert.equal(includes(config!, join('/project', 'docs', 'brief.md')), true);
  assert.equal(includes(config!, join('/project', 'docs', 'drafts', 'old', 'a.md')), false, 'excluded');
  assert.equal(includes(config!, join('/project', 'docs', 'notes.txt')), false, 'not included');
});

test('an empty .factlint.yaml is valid; YAML errors, custom tags, a list at the top and wrong types are located problems', () => {
  assert.deepEqual(parseConfig(PATH, '').problems, []);
  const cases: [string, RegExp, string][] = [
    ['rules: [\n', /^YAML: /, ''],
    ['houseStyle: !!js/function "f()"\n', /tag/i, '!!js/function'],
    ['- factBase\n', /must be a map of settings/, '- factBase\n'],
    ['factBase: 3\n', /factBase must be a path or a list of paths/, '3'],
    ['include: [a, 2]\n', /include must be a glob or a list of globs/, '[a, 2]'],
    ['rules: warning\n', /rules must be a map of rule ids/, 'warning'],
    ['factBase: a\nfactBase: b\n', /unique/, ''],
  ];
  for (const [text, message, located] of cases) {
    const { config, problems } = parseConfig(PATH, text);
    assert.equal(config, undefined, text);
    assert.match(problems[0]?.message ?? '', message, text);
    assert.equal(problems[0]?.rule, 'config-invalid');
    if (located) assert.ok(text.slice(problems[0]!.start, problems[0]!.end).startsWith(located), `${text}: ${JSON.stringify(problems[0])}`);
  }
});

test("the editor's settings win rule by rule; house-style hints are off when either turns them off", () => {
  const { config } = parseConfig(PATH, 'rules: { event-kind: "off", date-mismatch: warning }\nhouseStyle: false\n');
  const editor = { ...DEFAULT_SETTINGS, rules: { 'date-mismatch': 'hint' as const } };
  assert.deepEqual(withConfig(editor, config), {
    ...DEFAULT_SETTINGS,
    factBase: [],
    rules: { 'event-kind': 'off', 'date-mismatch': 'hint' },
    houseStyle: false,
  });
  assert.equal(withConfig({ ...DEFAULT_SETTINGS, houseStyle: false }, parseConfig(PATH, 'houseStyle: true\n').config).houseStyle, false);
  assert.deepEqual(withConfig(editor, undefined), editor, 'no configuration file');
});
