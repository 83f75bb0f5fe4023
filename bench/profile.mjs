// What to profile: `node --cpu-prof --cpu-prof-dir=bench/results/prof bench/profile.mjs [WORDS] [check|parse|textlint] [RUNS]`,
// then `node bench/profile-summary.mjs bench/results/prof`. Generates the same draft as the bench and runs the job RUNS times.
import { loadEngine, ROOT } from './engine.mjs';
import { generateDraft } from './draft.mjs';
import { createPeer } from './peer.mjs';
import { join } from 'node:path';

const [words = '100000', job = 'check', runs = '3'] = process.argv.slice(2);
const engine = await loadEngine();
const { text } = generateDraft(engine.facts, Number(words), 20230301);
const peer = job === 'textlint' ? await createPeer(engine.facts, join(ROOT, 'bench', 'results', 'peer')) : undefined;
for (let i = 0; i < Number(runs); i++) {
  const t = performance.now();
  if (job === 'parse') engine.parse(text);
  else if (job === 'textlint') await peer.lint(text);
  else engine.check(text);
  process.stderr.write(`${job} ${words} words: ${(performance.now() - t).toFixed(1)} ms\n`);
}
