import { parseArgs } from 'node:util';
import { check, MAX_DRAFT } from './check.js';
import { isFactFile, readFactFiles } from './facts/files.js';
import { loadFactBase } from './facts/load.js';
import { readTextFile, UnreadableFile, writeTextFile, type TextFile } from './facts/textfile.js';
import { collectFiles } from './collect.js';
import { checkFactFiles, migrateFactFiles } from './facts-command.js';
import { extractCommand } from './extract-command.js';
import { helpFor, USAGE } from './help.js';
import { applyEdits, certainEdits, type Finding } from './finding.js';
import { compile } from './match/compile.js';
import { Projects, problemLines } from './projects.js';
import { toJson, toLines, toSarif, toStylish, type FileReport } from './report.js';

const VERSION = '0.1.0';
/** Runs the CLI; returns the exit code. Output goes through the given writers so tests can capture it. */
export function main(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        facts: { type: 'string', multiple: true },
        format: { type: 'string', default: 'stylish' },
        fix: { type: 'boolean', default: false },
        'no-style': { type: 'boolean', default: false },
        'show-unchecked': { type: 'boolean', default: false },
        write: { type: 'boolean', default: false },
        url: { type: 'string' },
        date: { type: 'string', multiple: true },
        output: { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    err(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (args.values.help) return (out(helpFor(args.positionals)), 0);
  if (args.values.version) return (out(VERSION), 0);
  const [command, ...targets] = args.positionals;
  if (command === 'facts' && targets[0] === 'extract') {
    const { url, date, output } = args.values;
    return extractCommand(targets.slice(1), { url, date, output }, out, err);
  }
  const format = args.values.format!;
  const facts = command === 'facts' && targets[0] === 'check';
  if (command === 'facts' && targets[0] === 'migrate') {
    const { output, failed, unreadable } = migrateFactFiles(targets.slice(1), args.values.write!);
    if (output.length > 0) out(output.join('\n'));
    if (unreadable.length > 0) return (err([...failed, ...unreadable].join('\n')), 2);
    if (failed.length > 0) return (err(failed.join('\n')), 1);
    return 0;
  }
  if ((command !== 'check' && !facts) || !['stylish', 'json', 'sarif', 'lines'].includes(format)) {
    err(
      command === undefined
        ? USAGE
        : command === 'facts'
          ? `Unknown command "facts ${targets[0] ?? ''}".\n\n${USAGE}`
          : command !== 'check'
            ? `Unknown command "${command}".\n\n${USAGE}`
            : `Unknown format "${format}".\n\n${USAGE}`,
    );
    return 2;
  }
  if (facts) {
    const { reports, unreadable } = checkFactFiles(targets.slice(1));
    print(reports, format, out, unreadable.length);
    if (unreadable.length > 0) return (err(unreadable.join('\n')), 2);
    if (reports.length === 0) return (err('No *.facts.yaml files found.'), 2);
    return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
  }

  // With --facts, one fact base for every draft, read before any draft; without, each draft's own, found as the editor finds it.
  let given;
  if (args.values.facts?.length) {
    let factFiles;
    try {
      factFiles = readFactFiles(args.values.facts);
    } catch (error) {
      err(
        error instanceof UnreadableFile
          ? `Cannot read the fact-base file ${error.path}: ${error.reason}`
          : `Cannot read the fact base: ${error instanceof Error ? error.message : String(error)}`,
      );
      return 2;
    }
    if (factFiles.length === 0) return (err(`No *.facts.yaml files found in ${args.values.facts.join(', ')}.`), 2);
    const loaded = loadFactBase(factFiles);
    if (!loaded.facts) {
      const texts = new Map(factFiles.map((f) => [f.path, f.text]));
      err(
        `The fact base has ${loaded.problems.length} problem${loaded.problems.length === 1 ? '' : 's'}:\n${problemLines(loaded.problems, texts)}`,
      );
      return 2;
    }
    given = compile(loaded.facts);
  }
  const projects = new Projects(given, !args.values['no-style']);

  // The dates factlint abstained on (the not-checked rule) are always counted, and listed only when asked for
  // (--show-unchecked, or a severity for the rule in .factlint.yaml).
  const listUnchecked = args.values['show-unchecked'] === true;
  const split = (findings: Finding[], listed: boolean) => ({
    findings: listed ? findings : findings.filter((f) => f.rule !== 'not-checked'),
    unchecked: findings.filter((f) => f.rule === 'not-checked').length,
  });
  // A path that cannot be read (a draft, or a folder to search) or written back, or a draft whose fact base or
  // configuration file is broken, is named on stderr and the others are still checked; the exit code is 2.
  const unreadable: string[] = [];
  const drafts = collectFiles(
    targets.length > 0 ? targets : ['.'],
    unreadable,
    (name) => /\.(md|markdown)$/i.test(name) && !isFactFile(name),
    'draft',
  );
  const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));
  const reports: FileReport[] = drafts.flatMap((file) => {
    const { config, skip, problem } = projects.configFor(file);
    if (skip) return [];
    if (problem) return (unreadable.push(problem), []);
    let read: TextFile;
    try {
      read = readTextFile(file, MAX_DRAFT);
    } catch (error) {
      unreadable.push(`Cannot read the draft ${file}: ${error instanceof UnreadableFile ? error.reason : reason(error)}`);
      return [];
    }
    const setup = projects.checkWith(file, read.text, config);
    if ('problem' in setup) return (unreadable.push(setup.problem), []);
    const { index } = setup;
    const asked = setup.options.severity?.['not-checked'];
    const options = { ...setup.options, severity: { ...setup.options.severity, 'not-checked': asked ?? 'information' } };
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
    return [{ file, text, ...split(findings, listUnchecked || (asked !== undefined && asked !== 'off')) }];
  });

  print(reports, format, out, unreadable.length);
  if (unreadable.length > 0) return (err([...projects.problems, ...unreadable].join('\n')), 2);
  return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

/** Prints reports in a format of `check`. */
function print(reports: FileReport[], format: string, out: (s: string) => void, notChecked = 0): void {
  if (format === 'json') out(JSON.stringify(toJson(reports), null, 2));
  else if (format === 'sarif') out(JSON.stringify(toSarif(reports, VERSION), null, 2));
  else if (format === 'lines') out(toLines(reports));
  else out(toStylish(reports, process.stdout.isTTY === true && !process.env.NO_COLOR, notChecked));
}
