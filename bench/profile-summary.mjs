// Summarises V8 .cpuprofile files: the functions with the most self time, and the share by file.
// `node bench/profile-summary.mjs DIR_OR_FILE [TOP]`
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** For a bundle with a source map beside it: (line, column) → original file and line. A minimal VLQ decoder. */
const maps = new Map();
function original(path, line, column) {
  if (!maps.has(path))
    maps.set(path, existsSync(`${path}.map`) ? decode(JSON.parse(readFileSync(`${path}.map`, 'utf8')), dirname(path)) : null);
  const lines = maps.get(path);
  const segments = lines?.[line];
  if (!segments?.length) return undefined;
  let found = segments[0];
  for (const s of segments) if (s[0] <= column) found = s;
  return { file: found[1], line: found[2] };
}
function decode(map, dir) {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const sources = map.sources.map((s) => relative(process.cwd(), resolve(dir, map.sourceRoot ?? '', s)));
  const lines = [];
  let source = 0;
  let origLine = 0;
  for (const text of map.mappings.split(';')) {
    const segs = [];
    let col = 0;
    for (const seg of text.split(',')) {
      if (!seg) continue;
      const values = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const digit = chars.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      col += values[0];
      if (values.length >= 4) {
        source += values[1];
        origLine += values[2];
        // values[3], the original column, is not needed: a line is enough for the summary.
        segs.push([col, sources[source], origLine]);
      }
    }
    lines.push(segs);
  }
  return lines;
}

const [target = 'bench/results/prof', top = '25', inclusive = ''] = process.argv.slice(2);
/** Functions whose inclusive time (their own plus their callees') to report: `a,b,c`. */
const wanted = inclusive ? inclusive.split(',') : [];
const files = statSync(target).isDirectory()
  ? readdirSync(target)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => join(target, f))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)
      .slice(0, 1)
  : [target];
for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map(wanted.map((w) => [w, 0]));
  const self = new Map();
  const byFile = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
    const { functionName, url, lineNumber, columnNumber } = byId.get(id).callFrame;
    let where = url ? relative(process.cwd(), url.replace(/^file:\/\//, '')) : '';
    let line = lineNumber;
    const mapped = where.endsWith('.cjs') ? original(resolve(where), lineNumber, columnNumber) : undefined;
    if (mapped) [where, line] = [mapped.file.replace(/^(\.\.\/)+/, ''), mapped.line];
    const key = `${functionName || '(anonymous)'}  ${where}${where ? `:${line + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    if (wanted.length) {
      const seen = new Set();
      for (let n = id; n !== undefined; n = parent.get(n)) {
        const fn = byId.get(n).callFrame.functionName;
        if (incl.has(fn) && !seen.has(fn)) {
          seen.add(fn);
          incl.set(fn, incl.get(fn) + dt);
        }
      }
    }
    const group = where.replace(/^node_modules\/((?:@[^/]+\/)?[^/]+).*/, '$1') || functionName;
    byFile.set(group, (byFile.get(group) ?? 0) + dt);
    total += dt;
  });
  const pct = (x) => `${((100 * x) / total).toFixed(1).padStart(5)}%`;
  console.log(`${file}: ${total.toFixed(0)} ms sampled\n\nTop self time by function:`);
  for (const [key, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(top)))
    console.log(`${pct(t)} ${t.toFixed(0).padStart(7)} ms  ${key}`);
  if (wanted.length) {
    console.log('\nInclusive time:');
    for (const [fn, t] of incl) console.log(`${pct(t)} ${t.toFixed(0).padStart(7)} ms  ${fn}`);
  }
  console.log('\nSelf time by package or file:');
  for (const [key, t] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(`${pct(t)} ${t.toFixed(0).padStart(7)} ms  ${key}`);
}
