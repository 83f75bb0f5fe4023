import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './paths.js';

const SRC = join(ROOT, 'server', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Each module of server/src (path relative to it) and what it imports from server/src, type-only imports included. */
const graph = new Map<string, string[]>(
  sources(SRC).map((file) => {
    const code = readFileSync(file, 'utf8');
    const targets = [...code.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+'(\.[^']+)'/gms)].map((m) =>
      relative(SRC, join(dirname(file), m[1]!))
        .replace(/\.js$/, '.ts')
        .split('\\')
        .join('/'),
    );
    return [relative(SRC, file).split('\\').join('/'), targets];
  }),
);

test('the import reader sees the modules and their imports', () => {
  assert.ok(graph.size > 50, `${graph.size} modules`);
  assert.ok(graph.get('incremental.ts')?.includes('rules/index.ts'), JSON.stringify(graph.get('incremental.ts')));
  assert.ok(graph.get('rules/rule.ts')?.includes('match/analyse.ts'), 'type-only imports count');
});

test("a rule imports only rule.ts, the rules' helpers, match/, the fact and finding types, the prose model and the search helper: never another rule", () => {
  const allowed = (target: string) =>
    ['rules/rule.ts', 'rules/support.ts', 'facts/types.ts', 'finding.ts', 'search.ts'].includes(target) ||
    target.startsWith('match/') ||
    target.startsWith('markdown/');
  const wrong: string[] = [];
  for (const [module, targets] of graph) {
    if (!module.startsWith('rules/') || module === 'rules/index.ts') continue;
    for (const target of targets) if (!allowed(target)) wrong.push(`${module} → ${target}`);
  }
  assert.deepEqual(wrong, []);
});

test('outside rules/, modules use only the registry (rules/index.ts) and the rule types (rules/rule.ts)', () => {
  const wrong: string[] = [];
  for (const [module, targets] of graph) {
    if (module.startsWith('rules/')) continue;
    for (const target of targets) {
      if (target.startsWith('rules/') && target !== 'rules/index.ts' && target !== 'rules/rule.ts') wrong.push(`${module} → ${target}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('server/src has no import cycle, type-only imports included', () => {
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (module: string) => {
    state.set(module, 'open');
    path.push(module);
    for (const target of graph.get(module) ?? []) {
      if (state.get(target) === 'open') cycles.push([...path.slice(path.indexOf(target)), target].join(' → '));
      else if (!state.has(target)) visit(target);
    }
    path.pop();
    state.set(module, 'done');
  };
  for (const module of [...graph.keys()].sort()) if (!state.has(module)) visit(module);
  assert.deepEqual(cycles, []);
});
