import { IMPORT_USAGE } from './facts/import/command.js';

/** The CLI's help: the overview (`factlint --help`) and each command's own (`factlint facts extract --help`). */

const CHECK_LINE = 'factlint check [files or folders…] [--facts FILE…] [--format stylish|json|sarif|lines] [--fix] [--no-style]';

const CHECK_TEXT = `Checks Markdown drafts against a fact base: each draft's own, found as the editor finds it (front matter, .factlint.yaml,
the nearest *.facts.yaml, the bundled one), or the one given with --facts.
  --facts FILE     a fact-base file or folder of *.facts.yaml (repeatable), used for every draft
  --format NAME    stylish (default), json, sarif, or lines (file:line:col:severity:rule:message)
  --fix            apply every certain fix (a finding's only fix) to the files, then report what remains
  --no-style       leave out house-style hints
  --show-unchecked list the dates factlint did not check (in sentences not shown to be about a known event)`;

const EXIT = 'Exit codes: 0 no error found, 1 an error found, 2 bad usage, an unreadable fact base, or a draft that could not be read.';

export const USAGE = `Usage: ${CHECK_LINE}
       factlint facts check [fact-base files or folders…] [--format NAME]
       factlint facts migrate [fact-base files or folders…] [--write]
       factlint facts import wikidata Q…|FILE… [-o FILE] [--lang CODE]
       factlint facts extract SOURCE… [--url URL] [--date YYYY-MM-DD] [-o FILE]

${CHECK_TEXT}
\`facts check\` lints fact bases, \`migrate\` rewrites v1 forms, \`extract\`/\`import\` write candidates; each has --help.
${EXIT}`;

const CHECK = `Usage: ${CHECK_LINE}

${CHECK_TEXT}
${EXIT}`;

const FACTS_CHECK = `Usage: factlint facts check [fact-base files or folders…] [--format stylish|json|sarif|lines]

Lints fact-base files (*.facts.yaml) without a draft: the files named, or every one below the folders given (by
default the current folder). The files of one folder are one fact base, loaded together as the editor loads them.
Problems are located in the YAML files; rule severities come from the nearest .factlint.yaml (factbase-review: off
hides the hints on candidates not reviewed yet).
Exit codes: 0 no error, 1 an error, 2 bad usage, a path that cannot be read, or no fact-base file found.`;

const FACTS_MIGRATE = `Usage: factlint facts migrate [fact-base files or folders…] [--write]

Rewrites the forms of fact-base format v1 that v2 replaces (a claim without a kind, reporting words in an
attribution). Prints a unified diff of each file that would change; --write rewrites the files in place instead,
keeping comments, quotes and layout.
Exit codes: 0 done or nothing to do, 1 a file is not well-formed YAML (left alone), 2 bad usage or a path that cannot be
read or written.`;

const FACTS_EXTRACT = `Usage: factlint facts extract SOURCE… [--url URL] [--date YYYY-MM-DD …] [-o FILE]

Reads source articles (Markdown, plain text, or a saved web page) and writes a candidate fact base: people and the
titles the sources give them, events and their parts with dates, places and participants, documents signed (binding
or not), counts of documents, and figures with who stated them. Every fact is marked "review: candidate" and keeps
the exact sentence it came from; check each against its source, then delete the mark.
  --url URL        the web address of the source (one source); otherwise the source names its file
  --date DAY       the day the sources were published: one for all, or one per source in the order given
                   (a.md b.md --date 2024-05-15 --date 2024-05-16); it dates titles and completes dates without a year
  -o FILE          write to this *.facts.yaml; if it exists, merge into it: facts already there gain the new source,
                   and a value that differs (another date, another count) is listed as a conflict, never overwritten
Next: factlint facts check FILE lists the candidates to review. A term of office is written "from: unknown, to: unknown"
with "on:" the source's date (with --date or a date the source gives): another person given a single-holder office that
day is flagged; on other days, until its start is known (from a source, or factlint facts import wikidata), it is not.
See docs/fact-base.md, "Reviewing candidates".
Exit codes: 0 written, 2 bad usage, a source that cannot be read, or a FILE that is not well-formed YAML (left untouched).`;

/** The help for the command the positionals name (`facts extract`, `check`…), or the overview. */
export function helpFor(positionals: string[]): string {
  const [command, sub] = positionals;
  if (command === 'check') return CHECK;
  if (command !== 'facts') return USAGE;
  return { check: FACTS_CHECK, migrate: FACTS_MIGRATE, import: IMPORT_USAGE, extract: FACTS_EXTRACT }[sub ?? ''] ?? USAGE;
}
