// Preloaded into the language server by the bench (`node --require`): counts reads of fact-base files,
// to show the fact base is loaded once and not per keystroke. Reports on stderr when the server exits.
const fs = require('node:fs');
const reads = [];
const isFacts = (p) => /\.facts\.ya?ml$/i.test(String(p));
// The file gate (server/src/facts/textfile.ts) opens a file and reads it by descriptor: an open is a read.
for (const name of ['readFileSync', 'readFile', 'openSync']) {
  const original = fs[name];
  fs[name] = function (path, ...rest) {
    if (isFacts(path)) reads.push(`${name} ${String(path)}`);
    return original.call(this, path, ...rest);
  };
}
const originalPromise = fs.promises.readFile;
fs.promises.readFile = function (path, ...rest) {
  if (isFacts(path)) reads.push(`promises.readFile ${String(path)}`);
  return originalPromise.call(this, path, ...rest);
};
process.on('exit', () => process.stderr.write(`\nFACTLINT_BENCH_READS ${JSON.stringify(reads)}\n`));
