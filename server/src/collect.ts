import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { asUnreadable } from './facts/textfile.js';

/**
 * Files named (whatever their name), or found below named folders (skipping dot-folders and node_modules) when
 * `accept` takes their name, in order. A named path that does not exist, or a folder that cannot be listed, is added
 * to `unreadable` ("Cannot read the draft …", with `what` naming the kind of file) and the rest are still collected.
 */
export function collectFiles(targets: string[], unreadable: string[], accept: (name: string) => boolean, what: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    } catch (error) {
      unreadable.push(`Cannot read the folder ${dir}: ${asUnreadable(dir, error).reason}`);
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (accept(entry.name)) found.push(path);
    }
  };
  for (const target of targets) {
    let folder: boolean;
    try {
      folder = statSync(target).isDirectory();
    } catch (error) {
      unreadable.push(`Cannot read the ${what} ${target}: ${asUnreadable(target, error).reason}`);
      continue;
    }
    if (folder) walk(target);
    else found.push(target);
  }
  return found;
}
