import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadFactBase } from '../../server/src/facts/load.js';
import { migrate } from '../../server/src/facts/migrate.js';
import type { FactBase } from '../../server/src/facts/types.js';
import { FIXTURES, ROOT } from './paths.js';

const dir = mkdtempSync(join(tmpdir(), 'factlint-migrate-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Every fact-base file shipped or used by the tests: all written before v2, or in v2. */
function factFiles(): string[] {
  const rules = join(FIXTURES, 'rules');
  const own = readdirSync(rules)
    .filter((name) => readdirSync(join(rules, name)).includes('facts.yaml'))
    .map((name) => join(rules, name, 'facts.yaml'));
  const inFolder = (folder: string) =>
    readdirSync(folder)
      .filter((f) => f.endsWith('.facts.yaml'))
      .map((f) => join(folder, f));
  return [...inFolder(join(ROOT, 'facts')), ...inFolder(join(FIXTURES, 'factbases')), ...own];
}

/** A fact base's facts as plain data, without where they are in the file (migrating moves them). */
function plain(facts: FactBase): unknown {
  const { files: _files, ...rest } = facts;
  return JSON.parse(
    JSON.stringify(rest, (key, value: unknown) => (key === 'origin' ? undefined : value instanceof Map ? [...value.entries()] : value)),
  );
}

const text = (migrated: ReturnType<typeof migrate>) => {
  assert.ok(!('error' in migrated), 'error' in migrated ? migrated.error : '');
  return migrated.text;
};

test('facts migrate round trip: every fact base in the repository, migrated, loads with no hint and the same facts; twice is once', () => {
  let rewritten = 0;
  for (const path of factFiles()) {
    const before = readFileSync(path, 'utf8');
    const v1 = loadFactBase([{ path, text: before }]);
    assert.deepEqual(v1.problems, [], path);
    const after = text(migrate(before));
    if (after !== before) rewritten++;
    assert.equal(after === before, v1.hints.length === 0, `${path}: rewritten exactly when it has hints`);
    const v2 = loadFactBase([{ path, text: after }]);
    assert.deepEqual([v2.problems, v2.hints], [[], []], path);
    assert.deepEqual(plain(v2.facts!), plain(v1.facts!), path);
    assert.equal(text(migrate(after)), after, `${path}: migrating twice is migrating once`);
  }
  assert.ok(rewritten >= 1, 'the summit fixture keeps its v1 forms (the bundled fact base was migrated with facts migrate)');
});

const V1 = `# A v1 file: comments, quotes and layout are kept
sources:
  - { id: s1, title: A report, publisher: An outlet, url: "https://example.org/a" }
people:
  - { id: ada, name: Ada Sepp, sources: [s1] }
claims:
  - id: effect                 # the minister's figure
    statement: The deals will bring $3 billion.
    status: claimed
    claimedBy: [{ by: ada, sources: [s1] }]
    value: 3000000000
    unit: USD
    attribution: ["according to", 'Sepp', said]   # who may be quoted
    sources: [s1]
  - { id: gas, statement: Ten billion cubic metres a year., status: claimed, claimedBy: [{ by: ada, sources: [s1] }],
      value: 10000000000, unit: cubic metres, attribution: [said], sources: [s1] }
  - id: plan
    statement: The plan will end the dispute.
    status: assessed
    claimedBy: [{ by: ada, sources: [s1] }]
    attribution:
      - according to
      - the minister
    sources: [s1]
`;

test('facts migrate rewrites each v1 form in place, keeping comments, quotes and layout; the hints name the v2 form', () => {
  const loaded = loadFactBase([{ path: 'v1.facts.yaml', text: V1 }]);
  assert.deepEqual(loaded.problems, []);
  assert.deepEqual(
    loaded.hints.map((h) => [h.rule, V1.slice(0, h.start).split('\n').length, h.message]),
    [
      [
        'factbase-outdated',
        7,
        'claim effect: a v1 claim, without a kind; write what it measures, kind: money (factlint facts migrate does)',
      ],
      [
        'factbase-outdated',
        13,
        'claim effect \u203a attribution: "according to" and "said" attribute a claim only to its claimant or those who reported it, without being listed; remove them (factlint facts migrate does)',
      ],
      [
        'factbase-outdated',
        15,
        'claim gas: a v1 claim, without a kind; write what it measures, kind: quantity (factlint facts migrate does)',
      ],
      [
        'factbase-outdated',
        16,
        'claim gas \u203a attribution: "said" attributes a claim only to its claimant or those who reported it, without being listed; remove it (factlint facts migrate does)',
      ],
      [
        'factbase-outdated',
        17,
        'claim plan: a v1 claim, without a kind; write what it measures, kind: statement (factlint facts migrate does)',
      ],
      [
        'factbase-outdated',
        22,
        'claim plan \u203a attribution: "according to" attributes a claim only to its claimant or those who reported it, without being listed; remove it (factlint facts migrate does)',
      ],
    ],
  );
  assert.equal(
    text(migrate(V1)),
    `# A v1 file: comments, quotes and layout are kept
sources:
  - { id: s1, title: A report, publisher: An outlet, url: "https://example.org/a" }
people:
  - { id: ada, name: Ada Sepp, sources: [s1] }
claims:
  - id: effect                 # the minister's figure
    kind: money
    statement: The deals will bring $3 billion.
    status: claimed
    claimedBy: [{ by: ada, sources: [s1] }]
    value: 3000000000
    unit: USD
    attribution: ['Sepp']   # who may be quoted
    sources: [s1]
  - { id: gas, kind: quantity, statement: Ten billion cubic metres a year., status: claimed, claimedBy: [{ by: ada, sources: [s1] }],
      value: 10000000000, unit: cubic metres, sources: [s1] }
  - id: plan
    kind: statement
    statement: The plan will end the dispute.
    status: assessed
    claimedBy: [{ by: ada, sources: [s1] }]
    attribution:
      - the minister
    sources: [s1]
`,
  );
});

/** Runs `factlint ARGS` in a folder. */
function cli(...args: string[]): { code: number | null; out: string; err: string } {
  const run = spawnSync(process.execPath, [join(ROOT, 'server', 'out', 'cli.cjs'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

test('factlint facts migrate FILE prints a diff; --write rewrites the file, after which there is nothing to migrate', () => {
  writeFileSync(join(dir, 'v1.facts.yaml'), V1);
  const diff = cli('facts', 'migrate', 'v1.facts.yaml');
  assert.equal(diff.code, 0);
  assert.deepEqual(diff.out.trim().split('\n').slice(0, 7), [
    '--- a/v1.facts.yaml',
    '+++ b/v1.facts.yaml',
    '@@ -7,1 +7,2 @@',
    "-  - id: effect                 # the minister's figure",
    "+  - id: effect                 # the minister's figure",
    '+    kind: money',
    '@@ -13,1 +14,1 @@',
  ]);
  assert.equal(readFileSync(join(dir, 'v1.facts.yaml'), 'utf8'), V1, 'without --write the file is left alone');
  const written = cli('facts', 'migrate', 'v1.facts.yaml', '--write');
  assert.deepEqual([written.code, written.out.trim()], [0, 'v1.facts.yaml: 6 v1 forms rewritten']);
  assert.equal(readFileSync(join(dir, 'v1.facts.yaml'), 'utf8'), text(migrate(V1)));
  assert.deepEqual(
    [cli('facts', 'migrate', 'v1.facts.yaml').out, cli('facts', 'check', 'v1.facts.yaml', '--format', 'lines').out.trim()],
    ['', ''],
  );
  writeFileSync(join(dir, 'broken.facts.yaml'), 'claims:\n  - { id: x\n');
  const broken = cli('facts', 'migrate', 'broken.facts.yaml');
  assert.deepEqual(
    [broken.code, broken.err.trim()],
    [1, 'broken.facts.yaml: line 2 is not well-formed YAML, so the file cannot be rewritten; factlint facts check says what to fix'],
  );
});
