// Packaging only: bundles the CLI, the language server and the VS Code client into single CommonJS files,
// so the extension and the CLI run without node_modules. `--release` (for the VSIX) bundles only what the extension
// runs (the server and the client), minified and without source maps, so no bundle links to a map it lacks.
import { build } from 'esbuild';
import { existsSync, rmSync } from 'node:fs';

const release = process.argv.includes('--release');
const shim = 'const import_meta_url = require("url").pathToFileURL(__filename).href;';
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: !release,
  minify: release,
  define: { 'import.meta.url': 'import_meta_url' },
  banner: { js: shim },
  logLevel: 'warning',
};
const entries = [
  { entryPoints: ['server/src/bin.ts'], outfile: 'server/out/cli.cjs', cli: true },
  { entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.cjs' },
  { entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.cjs', external: ['vscode'] },
].filter((e) => existsSync(e.entryPoints[0]) && !(release && e.cli));
await Promise.all(
  entries.map(({ cli, ...e }) => {
    if (release) rmSync(`${e.outfile}.map`, { force: true });
    return build({ ...common, ...e });
  }),
);
