// Whether a speed change left factlint's output as it was: `node bench/same-output.mjs OTHER [files or folders…]`
// runs this checkout's CLI and OTHER's (another built checkout or worktree, e.g. one of the commit before the change)
// on every Markdown file given (by default: examples/, test/ and the bench drafts up to 100,000 words, which
// `npm run bench` writes) and compares their JSON output, the unchecked dates listed, with each checkout's own path
// left out. Prints the files that differ; exits 1 if any does. Build both checkouts first (`npm run build`).
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const HERE = resolve(import.meta.dirname, '..');
const [other, ...given] = process.argv.slice(2);
if (!other || !existsSync(join(other, 'server', 'out', 'cli.cjs'))) {
  process.stderr.write('usage: node bench/same-output.mjs OTHER-CHECKOUT [files or folders…] (both built)\n');
  process.exit(2);
}
const OTHER = resolve(other);

/** The Markdown files under a path (itself, if it is one). */
function markdownIn(path) {
  if (!statSync(path).isDirectory()) return path.endsWith('.md') ? [path] : [];
  return readdirSync(path, { withFileTypes: true }).flatMap((e) => (e.name === 'node_modules' ? [] : markdownIn(join(path, e.name))));
}

const drafts = join(HERE, 'bench', 'results', 'drafts');
const roots = given.length > 0 ? given : ['examples', 'test', ...(existsSync(drafts) ? [drafts] : [])];
const files = roots
  .flatMap((r) => markdownIn(resolve(HERE, r)))
  .filter((f) => statSync(f).size < 1_000_000)
  .sort();

/**
 * A checkout's JSON output for a file, run from this checkout's folder (the CLI names files from the current one), with
 * both checkouts' paths left out (the bundled fact base's, or the one found beside the file).
 */
async function outputOf(root, file) {
  const cli = join(root, 'server', 'out', 'cli.cjs');
  const args = [cli, 'check', '--format', 'json', '--show-unchecked', file];
  const { stdout, stderr } = await run(process.execPath, args, { cwd: HERE, maxBuffer: 1 << 28 }).catch((e) => e);
  return `${stdout}\n${stderr}`.replaceAll(`${HERE}/`, '<checkout>/').replaceAll(`${OTHER}/`, '<checkout>/');
}

const differ = [];
let next = 0;
// Two files at a time: each CLI run is a process of its own.
await Promise.all(
  [0, 1].map(async () => {
    while (next < files.length) {
      const file = files[next++];
      const [a, b] = await Promise.all([outputOf(HERE, file), outputOf(OTHER, file)]);
      if (a !== b) differ.push(file);
    }
  }),
);
for (const file of differ.sort()) process.stdout.write(`differs: ${file}\n`);
process.stdout.write(`${files.length} files, ${differ.length} with different output\n`);
process.exit(differ.length > 0 ? 1 : 0);
