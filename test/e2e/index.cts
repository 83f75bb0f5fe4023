// CommonJS (.cts) because the VS Code extension host require()s the tests entry point.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha = require('mocha');

/** Called by VS Code inside the extension host: runs every `*.test.cjs` next to this file as a Mocha `tdd` suite. */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: true, timeout: 30_000 });
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.cjs')).sort()) mocha.addFile(join(__dirname, file));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} editor test(s) failed`)) : resolve()));
  });
}
