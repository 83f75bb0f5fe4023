import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { check, factBaseFindings, MAX_DRAFT } from './check.js';
import { bundledFactsDir, isFactFile, readFactFiles } from './facts/files.js';
import { loadFactBase } from './facts/load.js';
import { asUnreadable, readTextFile, UnreadableFile, writeTextFile, type TextFile } from './facts/textfile.js';
import { applyEdits, certainEdits, type Finding } from './finding.js';
import { compile } from './match/compile.js';
import { toJson, toLines, toSarif, toStylish, type FileReport } from './report.js';

const VERSION = '0.1.0';
const USAGE = `Usage: factlint check [files or folders…] [--facts FILE…] [--format stylish|json|sarif|lines] [--fix] [--no-style]

Checks Markdown drafts against a fact base (default: the bundled one).
  --facts FILE     a fact-base file or folder of *.facts.yaml (repeatable)
  --format NAME    stylish (default), json, sarif, or lines (file:line:col:severity:rule:message)
  --fix            apply every certain fix (a finding's only fix) to the files, then report what remains
  --no-style       leave out house-style hints
  --show-unchecked list the dates factlint did not check (in sentences not shown to be about a known event)
Exit codes: 0 no error found, 1 an error found, 2 bad usage, an unreadable fact base, or a draft that could not be read.`;

/** Runs the CLI; returns the exit code. Output goes through the given writers so tests can capture it. */
export function main(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  let args;
  try {
    args = parseArgs({ args: argv, allowPositionals: true, options: {
      facts: { type: 'string', multiple: true }, format: { type: 'string', default: 'stylish' },
      fix: { type: 'boolean', default: false }, 'no-style': { type: 'boolean', default: false },
      'show-unchecked': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false }, version: { type: 'boolean', default: false },
    } });
  } catch (error) {
    err(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (args.values.help) return (out(USAGE), 0);
  if (args.values.version) return (out(VERSION), 0);
  const [command, ...targets] = args.positionals;
  const format = args.values.format!;
  if (command !== 'check' || !['stylish', 'json', 'sarif', 'lines'].includes(format)) {
    err(command === undefined ? USAGE : command !== 'check' ? `Unknown command "${command}".\n\n${USAGE}` : `Unknown format "${format}".\n\n${USAGE}`);
    return 2;
  }

  let factFiles;
  try {
    factFiles = readFactFiles(args.values.facts?.length ? args.values.facts : [bundledFactsDir()]);
  } catch (error) {
    err(error instanceof UnreadableFile ? `Cannot read the fact-base file ${error.path}: ${error.reason}`
      : `Cannot read the fact base: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  if (factFiles.length === 0) return (err('No *.facts.yaml files found in the fact base paths given.'), 2);
  const loaded = loadFactBase(factFiles);
  if (!loaded.facts) {
    const reports = [...factBaseFindings(loaded.problems)].map(([file, findings]) => ({
      file: relative(process.cwd(), file) || file, text: factFiles.find((f) => f.path === file)?.text ?? '', findings }));
    err(`The fact base has ${loaded.problems.length} problem${loaded.problems.length === 1 ? '' : 's'}:\n${toLines(reports)}`);
    return 2;
  }
  const index = compile(loaded.facts);

  // The dates factlint abstained on are always counted, and listed only when asked for.
  const options = { houseStyle: !args.values['no-style'], severity: { 'not-checked': 'information' as const } };
  const listUnchecked = args.values['show-unchecked'] === true;
  const split = (findings: Finding[]) => ({ findings: listUnchecked ? findings : findings.filter((f) => f.rule !== 'not-checked'),
    unchecked: findings.filter((f) => f.rule === 'not-checked').length });
  // A path that cannot be read (a draft, or a folder to search) or written back is named on stderr and the others are
  // still checked; the exit code is 2.
  const unreadable: string[] = [];
  const drafts = collectDrafts(targets.length > 0 ? targets : ['.'], unreadable);
  const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));
  const reports: FileReport[] = drafts.flatMap((file) => {
    let read: TextFile;
    try {
      read = readTextFile(file, MAX_DRAFT);
    } catch (error) {
      unreadable.push(`Cannot read the draft ${file}: ${error instanceof UnreadableFile ? error.reason : reason(error)}`);
      return [];
    }
    let text = read.text;
    let findings = check(text, index, options);
    if (args.values.fix) {
      const fixed = applyEdits(text, certainEdits(findings));
      if (fixed !== text) {
        try {
          // Written in the encoding it was read in (byte order mark and line ends kept), through a temporary file.
          writeTextFile(file, fixed, read.encoding);
          text = fixed;
          findings = check(text, index, options);
        } catch (error) {
          unreadable.push(`Cannot write the fixes to ${file}: ${reason(error)}`);
        }
      }
    }
    return [{ file, text, ...split(findings) }];
  });

  if (format === 'json') out(JSON.stringify(toJson(reports), null, 2));
  else if (format === 'sarif') out(JSON.stringify(toSarif(reports, VERSION), null, 2));
  else if (format === 'lines') out(toLines(reports));
  else out(toStylish(reports, process.stdout.isTTY === true && !process.env.NO_COLOR));
  if (unreadable.length > 0) return (err(unreadable.join('\n')), 2);
  return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

/**
 * Markdown files named, or found below named folders (skipping dot-folders and node_modules), sorted. A named path that
 * does not exist, or a folder that cannot be listed, is added to `unreadable` and the rest are still collected.
 */
function collectDrafts(targets: string[], unreadable: string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    } catch (error) {
      unreadable.push(`Cannot read the folder ${dir}: ${asUnreadable(dir, error).reason}`);
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(md|markdown)$/i.test(entry.name) && !isFactFile(entry.name)) found.push(path);
    }
  };
  for (const target of targets) {
    let folder: boolean;
    try {
      folder = statSync(target).isDirectory();
    } catch (error) {
      unreadable.push(`Cannot read the draft ${target}: ${asUnreadable(target, error).reason}`);
      continue;
    }
    if (folder) walk(target);
    else found.push(target);
  }
  return found;
}
