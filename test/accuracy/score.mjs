#!/usr/bin/env node
// Measures factlint's recall and precision on labelled drafts (npm run accuracy).
//
//   node test/accuracy/score.mjs [--markdown | --json] [SET_DIR...]
//
// A set is a folder of NAME.md drafts, each with NAME.expect.json: the planted errors,
// [{ "match": "text on one line", "category": "date" | "official" | "claim", "kind"?: "…", "note"?: "…" }].
// The set's factbase.txt names its fact base: "bundled", or a path from the repository root.
// Without SET_DIR: every folder in test/accuracy/, then ../shared/eval/dev when it exists (bundled fact base).
// The CLI must be built first (server/out/cli.cjs); npm run accuracy builds it.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CATEGORIES = ['date', 'official', 'claim'];
const BUNDLED = join(ROOT, 'facts', 'lukashenka-china-2023.facts.yaml');
const CLI = join(ROOT, 'server', 'out', 'cli.cjs');

/** Counts a finding only when it is a date, official or claim error or warning. */
export function counted(finding) {
  return CATEGORIES.includes(finding.category) && (finding.severity === 'error' || finding.severity === 'warning');
}

/** Places each planted error on the first line of the draft that holds its `match` (1-based, end exclusive). */
export function locate(name, text, expected) {
  const lines = text.split(/\r?\n/);
  return expected.map((e) => {
    if (!CATEGORIES.includes(e.category)) throw new Error(`${name}: "${e.match}" has category ${e.category}`);
    const line = lines.findIndex((l) => l.includes(e.match));
    if (line < 0) throw new Error(`${name}: "${e.match}" is not on any line`);
    const start = lines[line].indexOf(e.match) + 1;
    return { ...e, line: line + 1, start, end: start + e.match.length };
  });
}

/** Whether a finding's range touches the planted error's characters. */
export function overlaps(f, e) {
  const endLine = f.endLine ?? f.line,
    endColumn = f.endColumn ?? f.column + 1;
  if (f.line > e.line || endLine < e.line) return false;
  const startsBefore = f.line < e.line || f.column < e.end;
  const endsAfter = endLine > e.line || endColumn > e.start;
  return startsBefore && endsAfter;
}

/**
 * Scores one draft: each planted error overlapped by a counted finding of its category is found (once); a counted
 * finding that overlaps no planted error of its category is a false positive.
 */
export function scoreDraft(name, planted, findings) {
  const hit = new Set(),
    falsePositives = [];
  for (const f of findings.filter(counted)) {
    const same = planted.filter((e) => e.category === f.category && overlaps(f, e));
    if (same.length === 0) falsePositives.push({ draft: name, ...f });
    else hit.add(same.find((e) => !hit.has(e)) ?? same[0]);
  }
  return {
    found: planted.filter((e) => hit.has(e)).map((e) => ({ draft: name, ...e })),
    missed: planted.filter((e) => !hit.has(e)).map((e) => ({ draft: name, ...e })),
    falsePositives,
  };
}

/** The fact base a set folder names in factbase.txt; the bundled one without it. */
export function factBaseOf(dir) {
  const file = join(dir, 'factbase.txt');
  const named = existsSync(file) ? readFileSync(file, 'utf8').trim() : 'bundled';
  return named === 'bundled' ? BUNDLED : resolve(ROOT, named);
}

/** Runs the built CLI on the drafts with one fact base; returns its findings by absolute path. */
export function runCli(files, factBase) {
  let out;
  try {
    out = execFileSync(process.execPath, [CLI, 'check', '--format', 'json', '--facts', factBase, ...files], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 << 20,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    if (err.status !== 1) throw new Error(`factlint failed (exit ${err.status}): ${err.stderr || err.message}`);
    out = err.stdout; // exit 1: errors were found
  }
  const byFile = new Map(files.map((f) => [f, []]));
  for (const f of JSON.parse(out)) byFile.get(resolve(ROOT, f.file))?.push(f);
  return byFile;
}

/** Scores every labelled draft of a set folder. */
export function scoreSet(dir) {
  const drafts = readdirSync(dir)
    .filter((n) => n.endsWith('.md') && existsSync(join(dir, n.replace(/\.md$/, '.expect.json'))))
    .sort()
    .map((n) => join(dir, n));
  const factBase = factBaseOf(dir);
  const findings = runCli(drafts, factBase);
  const result = { name: basename(dir), dir, factBase, drafts: drafts.length, found: [], missed: [], falsePositives: [] };
  for (const file of drafts) {
    const name = basename(file);
    const planted = locate(name, readFileSync(file, 'utf8'), JSON.parse(readFileSync(file.replace(/\.md$/, '.expect.json'), 'utf8')));
    const draft = scoreDraft(name, planted, findings.get(file));
    for (const key of ['found', 'missed', 'falsePositives']) result[key].push(...draft[key]);
  }
  return result;
}

/** Recall, precision and counts per category, and for all categories together ('all'). */
export function tally(result) {
  const rows = {};
  for (const category of [...CATEGORIES, 'all']) {
    const of = (list) => list.filter((x) => category === 'all' || x.category === category).length;
    const tp = of(result.found),
      fn = of(result.missed),
      fp = of(result.falsePositives);
    rows[category] = { planted: tp + fn, tp, fn, fp, recall: tp + fn ? tp / (tp + fn) : null, precision: tp + fp ? tp / (tp + fp) : null };
  }
  return rows;
}

/** Found and planted per kind of planted error (drafts whose labels give a `kind`). */
export function byKind(results) {
  const kinds = new Map();
  for (const r of results)
    for (const [key, list] of [
      ['tp', r.found],
      ['fn', r.missed],
    ]) {
      for (const e of list)
        if (e.kind) {
          const k = kinds.get(e.kind) ?? { tp: 0, fn: 0 };
          k[key]++;
          kinds.set(e.kind, k);
        }
    }
  return [...kinds].sort(([a], [b]) => a.localeCompare(b));
}

const ratio = (n, d) => (d ? `${Math.round((n / d) * 100)}% (${n}/${d})` : '–');

/**
 * The tables: a row per set and one for all sets, with recall (found/planted) and precision (found/flagged) per
 * category and for all categories; then recall per kind of planted error.
 */
export function table(results, markdown) {
  const columns = [...CATEGORIES, 'all'];
  const head = ['Set', 'Drafts', ...columns.flatMap((c) => [`${c} recall`, `${c} precision`])];
  const row = (name, drafts, t) => [
    name,
    drafts,
    ...columns.flatMap((c) => [ratio(t[c].tp, t[c].planted), ratio(t[c].tp, t[c].tp + t[c].fp)]),
  ];
  const total = { found: [], missed: [], falsePositives: [] };
  const body = results.map((r) => {
    for (const key of Object.keys(total)) total[key].push(...r[key]);
    return row(r.name, r.drafts, tally(r));
  });
  body.push(
    row(
      'total',
      results.reduce((n, r) => n + r.drafts, 0),
      tally(total),
    ),
  );
  const kindHead = ['Kind of planted error', 'Recall'];
  const kindBody = byKind(results).map(([kind, k]) => [kind, ratio(k.tp, k.tp + k.fn)]);
  const format = markdown ? markdownTable : textTable;
  return [format(head, body), '', format(kindHead, kindBody)].join('\n');
}

function markdownTable(head, body) {
  const numeric = head.map((_, i) => body.every((row) => /^[\d–]/.test(String(row[i]))));
  return [
    `| ${head.join(' | ')} |`,
    `|${numeric.map((n) => (n ? '---:' : '---')).join('|')}|`,
    ...body.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

function textTable(head, body) {
  const width = head.map((h, i) => Math.max(h.length, ...body.map((row) => String(row[i]).length)));
  const line = (row) => row.map((cell, i) => (i === 0 ? String(cell).padEnd(width[i]) : String(cell).padStart(width[i]))).join('  ');
  return [line(head), ...body.map(line)].join('\n');
}

/** The sets scored without arguments: each folder of test/accuracy, then ../shared/eval/dev if present. */
export function defaultSets() {
  const here = join(ROOT, 'test', 'accuracy');
  const sets = readdirSync(here)
    .map((n) => join(here, n))
    .filter((d) => statSync(d).isDirectory())
    .sort();
  const shared = resolve(ROOT, '..', 'shared', 'eval', 'dev');
  return existsSync(shared) ? [...sets, shared] : sets;
}

function main(argv) {
  const markdown = argv.includes('--markdown'),
    json = argv.includes('--json');
  const dirs = argv.filter((a) => !a.startsWith('--')).map((d) => resolve(d));
  const results = (dirs.length ? dirs : defaultSets()).map(scoreSet);
  if (json) {
    console.log(
      JSON.stringify(
        results.map((r) => ({ ...r, tally: tally(r) })),
        null,
        2,
      ),
    );
    return;
  }
  console.log(table(results, markdown));
  if (markdown) return;
  for (const r of results) {
    const where = (e) => `${relative(ROOT, join(r.dir, e.draft))}:${e.line}`;
    if (r.missed.length)
      console.log(
        `\n${r.name}: missed\n` +
          r.missed.map((e) => `  ${where(e)} [${e.category}${e.kind ? `, ${e.kind}` : ''}] "${e.match}"`).join('\n'),
      );
    if (r.falsePositives.length) {
      console.log(
        `\n${r.name}: false positives\n` +
          r.falsePositives.map((f) => `  ${where(f)}:${f.column} [${f.category}/${f.rule}] ${f.message}`).join('\n'),
      );
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
