import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { check, MAX_DRAFT } from '../../server/src/check.js';
import { main } from '../../server/src/cli.js';
import { parseConfig } from '../../server/src/facts/config.js';
import { bundledFactsDir, readFactFiles } from '../../server/src/facts/files.js';
import { loadFactBase } from '../../server/src/facts/load.js';
import { compile } from '../../server/src/match/compile.js';
import { toJson, toSarif, toStylish } from '../../server/src/report.js';
import { REPOSITORY, ruleDocs, rules } from '../../server/src/rules/index.js';
import { ROOT } from './paths.js';

const DOCS = join(ROOT, 'docs');
const RULE_DOCS = join(DOCS, 'rules');
/** The sections of a rule's page, in order. */
const SECTIONS = ['What it flags', 'Why', 'Flagged', 'Not flagged', 'Fix'];

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

/** The documents a reader follows: README, CONTRIBUTING, BENCHMARKS and everything under docs/. */
const MARKETPLACE = join(DOCS, 'marketplace.md');
const documents = [join(ROOT, 'README.md'), join(ROOT, 'CONTRIBUTING.md'), join(ROOT, 'BENCHMARKS.md'), ...markdownFiles(DOCS)];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchors(text: string): Set<string> {
  const outside = text.replace(/^```[\s\S]*?^```/gm, '');
  return new Set([...outside.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchor(m[1]!)));
}

/** Links outside code: `[text](target)` and `![alt](target)`. */
function links(text: string): string[] {
  const outside = text.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '``');
  return [...outside.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
}

test('every relative link in the README, CONTRIBUTING and docs/ resolves to a file, and every #anchor to a heading', () => {
  const broken: string[] = [];
  for (const file of documents) {
    const text = readFileSync(file, 'utf8');
    for (const target of links(text)) {
      if (/^[a-z]+:/i.test(target)) continue;
      const [path, hash] = target.split('#') as [string, string | undefined];
      // The marketplace README is packaged as the VSIX's README.md, at the extension's root.
      const base = file === MARKETPLACE ? ROOT : dirname(file);
      const resolved = path === '' ? file : join(base, decodeURIComponent(path));
      const where = `${relative(ROOT, file)}: ${target}`;
      if (!existsSync(resolved)) broken.push(`${where} (no such file)`);
      else if (hash !== undefined && resolved.endsWith('.md') && !anchors(readFileSync(resolved, 'utf8')).has(hash)) {
        broken.push(`${where} (no such heading)`);
      }
    }
  }
  assert.deepEqual(broken, []);
});

test("the README is at most 10 KB, links every rule to its page, and shows the CLI's help as the CLI prints it", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  assert.ok(Buffer.byteLength(readme) <= 10_000, `README.md is ${Buffer.byteLength(readme)} bytes`);
  for (const rule of rules) assert.ok(readme.includes(`[${rule.id}](docs/rules/${rule.id}.md)`), `README links ${rule.id}`);
  let help = '';
  assert.equal(
    main(
      ['--help'],
      (s) => {
        help += s;
      },
      () => {},
    ),
    0,
  );
  assert.ok(readme.includes(`\n$ factlint --help\n${help.trimEnd()}\n\`\`\`\n`), help);
});

/** A page's `## ` sections by title. */
function sections(text: string): Map<string, string> {
  const parts = text.split(/^## /m).slice(1);
  return new Map(parts.map((part) => [part.slice(0, part.indexOf('\n')).trim(), part.slice(part.indexOf('\n') + 1)]));
}

test('every rule has a page in the template, agreeing with the rule on category, severity and fixable', () => {
  const pages = readdirSync(RULE_DOCS)
    .filter((f) => f !== 'README.md')
    .map((f) => f.replace(/\.md$/, ''));
  assert.deepEqual(pages.sort(), rules.map((r) => r.id).sort(), 'one page per rule, no page without a rule');
  for (const rule of rules) {
    const text = readFileSync(join(RULE_DOCS, `${rule.id}.md`), 'utf8');
    assert.ok(text.startsWith(`# ${rule.id}\n\n${rule.description}\n`), `${rule.id}.md opens with its id and description`);
    const severity = rule.off ? `off (${rule.severity})` : rule.severity;
    const fixable = rule.fixable ? /\| (yes|alternatives) \|$/m : /\| no \|$/m;
    assert.match(
      text,
      new RegExp(`^\\| ${rule.category} \\| ${severity.replace(/[()]/g, '\\$&')} \\| (yes|no|alternatives) \\|$`, 'm'),
      `${rule.id}.md gives category ${rule.category} and severity ${severity}`,
    );
    assert.match(text, fixable, `${rule.id}.md says whether it is fixable`);
    assert.deepEqual([...sections(text).keys()], SECTIONS, `${rule.id}.md has the template's sections`);
    for (const [title, body] of sections(text)) assert.ok(body.trim().length > 0, `${rule.id}.md: ${title} is empty`);
  }
});

/** The quoted examples of a section: each `> ` paragraph, with the message in backticks after `→` when given. */
function examples(body: string): { text: string; message?: string }[] {
  const found: { text: string; message?: string }[] = [];
  for (const line of body.split('\n')) {
    if (line.startsWith('> ')) found.push({ text: line.slice(2) });
    const message = /^→ `(.+)`$/.exec(line)?.[1];
    if (message && found.length > 0) found[found.length - 1]!.message = message;
  }
  return found;
}

test("every example on a prose rule's page is flagged, or not, as the page says, with the message it gives", () => {
  const loaded = loadFactBase(readFactFiles([bundledFactsDir()]));
  assert.ok(loaded.facts);
  const index = compile(loaded.facts);
  for (const rule of rules.filter((r) => r.check)) {
    const page = sections(readFileSync(join(RULE_DOCS, `${rule.id}.md`), 'utf8'));
    const flagged = examples(page.get('Flagged') ?? ''),
      clean = examples(page.get('Not flagged') ?? '');
    assert.ok(flagged.length > 0 && clean.length > 0, `${rule.id}.md quotes examples that are flagged and that are not`);
    const own = (text: string) => check(`${text}\n`, index, { severity: { [rule.id]: rule.severity } }).filter((f) => f.rule === rule.id);
    for (const example of flagged) {
      const messages = own(example.text).map((f) => f.message);
      assert.ok(messages.length > 0, `${rule.id}.md: "${example.text}" is flagged`);
      if (example.message)
        assert.ok(messages.includes(example.message), `${rule.id}.md: "${example.text}" gives ${JSON.stringify(messages)}`);
    }
    for (const example of clean) assert.deepEqual(own(example.text), [], `${rule.id}.md: "${example.text}" is not flagged`);
  }
});

test("every finding links to its rule's page: the repository of package.json, docs/rules/<id>.md on main", () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { repository: { url: string } };
  assert.equal(REPOSITORY, pkg.repository.url);
  for (const rule of rules) {
    assert.equal(ruleDocs(rule.id), `${pkg.repository.url}/blob/main/docs/rules/${rule.id}.md`);
    assert.ok(existsSync(join(RULE_DOCS, `${rule.id}.md`)), `docs/rules/${rule.id}.md`);
  }
  const loaded = loadFactBase(readFactFiles([bundledFactsDir()]));
  const text = 'Lukashenka held talks with Xi Jinping on 3 March.\n';
  const findings = check(text, compile(loaded.facts!));
  const json = toJson([{ file: 'draft.md', text, findings }]) as { rule: string; docs: string }[];
  assert.deepEqual(
    json.map((f) => [f.rule, f.docs]),
    [['date-mismatch', 'https://github.com/factlint/factlint/blob/main/docs/rules/date-mismatch.md']],
  );
  const sarif = toSarif([{ file: 'draft.md', text, findings }], '0') as {
    runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } } }[];
  };
  for (const r of sarif.runs[0]!.tool.driver.rules) assert.equal(r.helpUri, ruleDocs(r.id));
});

/** The YAML blocks of a section, with the message given in a `# …` comment when there is one. */
function yamlExamples(body: string): { text: string; message?: string }[] {
  return [...body.matchAll(/^```yaml\n([\s\S]*?)^```/gm)].map((m) => {
    const text = m[1]!;
    const message = /#\s+(.+)$/m.exec(text.replace(/^# yaml-language-server.*$/m, ''))?.[1]?.trim();
    return message ? { text, message } : { text };
  });
}

test('every YAML example on the pages of the fact-base and configuration rules is reported, or not, as the page says', () => {
  const problems = (id: string, text: string) =>
    (id === 'config-invalid'
      ? parseConfig('.factlint.yaml', text).problems
      : ((loaded) => [...loaded.problems, ...loaded.hints])(loadFactBase([{ path: 'example.facts.yaml', text }]))
    ).filter((p) => p.rule === id);
  for (const id of ['factbase-syntax', 'factbase-schema', 'factbase-reference', 'factbase-review', 'config-invalid']) {
    const page = sections(readFileSync(join(RULE_DOCS, `${id}.md`), 'utf8'));
    const flagged = yamlExamples(page.get('Flagged') ?? ''),
      clean = yamlExamples(page.get('Not flagged') ?? '');
    assert.ok(flagged.length > 0 && clean.length > 0, `${id}.md shows YAML that is reported and YAML that is not`);
    for (const example of flagged) {
      const messages = problems(id, example.text).map((p) => p.message);
      assert.ok(messages.length > 0, `${id}.md: ${example.text} is reported`);
      if (example.message)
        assert.ok(messages.includes(example.message), `${id}.md: ${JSON.stringify(messages)} includes "${example.message}"`);
    }
    for (const example of clean) assert.deepEqual(problems(id, example.text), [], `${id}.md: ${example.text} is not reported`);
  }
});

test('the draft-too-large page gives the message of a draft one character over the limit', () => {
  const page = readFileSync(join(RULE_DOCS, 'draft-too-large.md'), 'utf8');
  const [finding] = check('x'.repeat(MAX_DRAFT + 1), compile(loadFactBase(readFactFiles([bundledFactsDir()])).facts!));
  assert.equal(finding?.rule, 'draft-too-large');
  assert.ok(page.includes(`→ \`${finding.message}\``), finding.message);
});

test("the README's sample of the CLI's output is what the CLI prints for that example draft", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const sample = /^```\n\$ factlint check (\S+)\n([\s\S]*?)^```/m.exec(readme);
  assert.ok(sample, 'README shows a run of factlint check');
  const file = sample[1]!;
  const text = readFileSync(join(ROOT, file), 'utf8');
  const findings = check(text, compile(loadFactBase(readFactFiles([bundledFactsDir()])).facts!));
  const printed = toStylish([{ file, text, findings }], false).split('\n');
  for (const line of sample[2]!.split('\n').filter((l) => l !== '' && l.trim() !== '…')) assert.ok(printed.includes(line), line);
});
