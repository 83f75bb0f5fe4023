import { existsSync, writeFileSync } from 'node:fs';
import { extractFacts, type SourceInput } from './extract/extract.js';
import { MAX_FACT_FILE } from './facts/load.js';
import { asUnreadable, readTextFile, writeTextFile, type Encoding } from './facts/textfile.js';

/** The largest source article read, in UTF-16 code units (a saved page with its scripts and styles). */
const MAX_SOURCE = 20_000_000;

export interface ExtractOptions {
  url?: string;
  /** One date for every source, or one per source in the order the sources are given. */
  date?: string[];
  output?: string;
}

/**
 * `factlint facts extract SOURCE… [--url URL] [--date YYYY-MM-DD] [-o FILE]`: writes candidate facts read from source
 * articles to FILE (merged into it when it exists) or to standard output; conflicts and a summary go to stderr.
 */
export function extractCommand(paths: string[], options: ExtractOptions, out: (s: string) => void, err: (s: string) => void): number {
  if (paths.length === 0) return (err('Usage: factlint facts extract SOURCE… [--url URL] [--date YYYY-MM-DD] [-o FILE]'), 2);
  if (options.url !== undefined && (paths.length > 1 || !/^https?:\/\/[^\s/]+/.test(options.url))) {
    return (
      err(
        paths.length > 1
          ? '--url names the address of one source; give one source with it.'
          : `--url: "${options.url}" is not a web address (http:// or https://).`,
      ),
      2
    );
  }
  const dates = options.date ?? [];
  const wrong = dates.find((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d));
  if (wrong !== undefined) return (err(`--date: write the day the source was published as YYYY-MM-DD, not "${wrong}".`), 2);
  if (dates.length > 1 && dates.length !== paths.length) {
    return (
      err(
        `--date was given ${dates.length} times for ${paths.length} source${paths.length === 1 ? '' : 's'}: give one date for every source, or one per source in the order of the sources.`,
      ),
      2
    );
  }
  const sources: SourceInput[] = [];
  for (const [i, path] of paths.entries()) {
    try {
      sources.push({ path, text: readTextFile(path, MAX_SOURCE).text, url: options.url, date: dates.length > 1 ? dates[i] : dates[0] });
    } catch (error) {
      return (err(`Cannot read the source ${path}: ${asUnreadable(path, error).reason}`), 2);
    }
  }
  let existing: string | undefined;
  let encoding: Encoding | undefined;
  if (options.output !== undefined && existsSync(options.output)) {
    try {
      ({ text: existing, encoding } = readTextFile(options.output, MAX_FACT_FILE));
    } catch (error) {
      return (err(`Cannot read the fact-base file ${options.output}: ${asUnreadable(options.output, error).reason}`), 2);
    }
  }
  let result;
  try {
    result = extractFacts(sources, existing);
  } catch (error) {
    return (err(`Cannot merge into ${options.output}: ${error instanceof Error ? error.message : String(error)}`), 2);
  }
  for (const c of result.conflicts) err(`conflict: ${c.what}: ${c.source} says ${c.says}, the fact base has ${c.has} — "${c.quote}"`);
  const summary =
    `${result.read.reduce((a, b) => a + b, 0)} candidate facts read from ${sources.length} source${sources.length === 1 ? '' : 's'}` +
    `${result.conflicts.length > 0 ? `, ${result.conflicts.length} conflict${result.conflicts.length === 1 ? '' : 's'} listed (kept as they were)` : ''}`;
  if (options.output === undefined) {
    out(result.text.trimEnd());
    err(summary);
    return 0;
  }
  try {
    // A fact base already there is replaced atomically in its own encoding; a new one is written as UTF-8.
    if (encoding) writeTextFile(options.output, result.text, encoding);
    else writeFileSync(options.output, result.text, { flag: 'wx' });
  } catch (error) {
    return (err(`Cannot write ${options.output}: ${error instanceof Error ? error.message : String(error)}`), 2);
  }
  err(`${summary}; written to ${options.output}. Review them: factlint facts check ${options.output}`);
  return 0;
}
