import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The most drafts one "check all drafts" looks at. */
export const MAX_DRAFTS = 5000;

const DRAFT = /\.(md|markdown)$/i;

/**
 * The Markdown files below the workspace folders, sorted, skipping dot-folders and node_modules (at most
 * {@link MAX_DRAFTS}); unreadable folders are skipped.
 */
export function draftsIn(folders: string[]): string[] {
  const found = new Set<string>();
  const walk = (dir: string, depth: number) => {
    if (found.size >= MAX_DRAFTS || depth > 30) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      return;
    }
    for (const e of entries) {
      if (found.size >= MAX_DRAFTS) return;
      if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') walk(join(dir, e.name), depth + 1);
      else if (e.isFile() && DRAFT.test(e.name)) found.add(join(dir, e.name));
    }
  };
  for (const folder of folders) walk(folder, 0);
  return [...found];
}
