import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver/node.js';

/** A new temporary folder holding the given files (relative path → text); the caller removes it. */
export function writeWorkspace(files: Record<string, string>, prefix = 'factlint-ws-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** A draft with one planted error against the bundled fact base: the talks with Xi were on 1 March 2023. */
export const DRAFT = 'Lukashenka held talks with Xi Jinping in Beijing on 3 March 2023.\n';

/** The date-mismatch diagnostics among those published (other rules may add their own). */
export const dateErrors = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'date-mismatch');

/** A small fact base whose talks took place on the given day of March 2023. */
export const facts = (day: string) => `title: Test fact base
defaultEvent: visit
sources:
  - { id: s1, title: Test source, publisher: Test, url: "https://example.org/s1" }
people:
  - { id: xi, name: Xi Jinping, spellings: [Xi], sources: [s1] }
  - { id: luk, name: Alexander Lukashenka, preferred: [Alexander Lukashenka, Lukashenka], sources: [s1] }
events:
  - { id: visit, name: The state visit, kind: state visit, start: 2023-02-28, end: 2023-03-05, phrases: [state visit], sources: [s1] }
  - { id: talks, name: The talks with Xi Jinping, kind: talks, parent: visit, start: 2023-03-${day}, participants: [xi, luk], phrases: [talks with xi], sources: [s1] }
`;
