// Packaging only: bundles the CLI, the language server and the VS Code client into single CommonJS files,
// so the extension and the CLI run without node_modules.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const shim = 'const import_meta_url = require("url").pathToFileURL(__filename).href;';
const common = {
  bundle: true, platform: 'node', format: 'cjs', target: 'node18', sourcemap: true, minify: process.argv.includes('--minify'),
  define: { 'import.meta.url': 'import_meta_url' }, banner: { js: shim }, logLevel: 'warning',
};
const entries = [
  { entryPoints: ['server/src/bin.ts'], outfile: 'server/out/cli.cjs' },
  { entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.cjs' },
  { entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.cjs', external: ['vscode'] },
];
await Promise.all(entries.filter((e) => existsSync(e.entryPoints[0])).map((e) => build({ ...common, ...e })));
