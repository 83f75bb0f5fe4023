import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { ROOT } from '../unit/paths.js';

// Editor tests in a real VS Code: downloads VS Code (or uses VSCODE_EXECUTABLE), opens the fixture workspace with
// factlint loaded from this folder and every other extension disabled, and runs out/test/e2e/*.test.cjs in it.
// Not part of `npm test`: run `npm run build && node out/test/e2e/runTest.js` on a machine that can download VS Code.
try {
  await runTests({
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(ROOT, 'out', 'test', 'e2e', 'index.cjs'),
    launchArgs: [join(ROOT, 'test', 'fixtures', 'workspace'), '--disable-extensions'],
    ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : {}),
  });
} catch (error) {
  console.error('Editor tests failed:', error);
  process.exit(1);
}
