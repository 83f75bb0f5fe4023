// Child process for peak memory: `node bench/peak.mjs parse|factlint|textlint DRAFT.md`.
// Loads everything first, notes the RSS, runs the job once on the draft, and prints the peak RSS (maxRSS) as JSON.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEngine } from './engine.mjs';
import { createPeer } from './peer.mjs';

const [tool, draftPath] = process.argv.slice(2);
const engine = await loadEngine();
const peer = tool === 'textlint' ? await createPeer(engine.facts, join(process.cwd(), 'bench', 'results', 'peer')) : undefined;
const before = process.memoryUsage().rss;
const text = readFileSync(draftPath, 'utf8');
const t = performance.now();
let found = 0;
if (tool === 'parse') engine.parse(text);
else if (tool === 'factlint') found = engine.check(text).length;
else if (tool === 'textlint') found = (await peer.lint(text)).messages.length;
else throw new Error(`unknown tool ${tool}`);
const ms = performance.now() - t;
process.stdout.write(JSON.stringify({ tool, baselineRss: before, peakRss: process.resourceUsage().maxRSS * 1024, ms, found }));
