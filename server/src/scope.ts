import { relative, sep } from 'node:path';
import picomatch from 'picomatch';
import type { BlockFacts } from './match/analyse.js';

/** Globs choosing drafts, relative to a folder: the drafts checked (all, when `include` is empty) and those left out. */
export interface Globs {
  /** The folder the globs are relative to (a `.factlint.yaml`'s folder, a workspace folder). */
  base: string;
  include: string[];
  exclude: string[];
}

/**
 * Whether globs let a draft be checked: the draft matches `include` (or it is empty) and not `exclude`. A path outside
 * `base` is matched by its relative path (`../x.md`), which only a glob written for it matches.
 */
export function inGlobs(globs: Globs, draftPath: string): boolean {
  const path = relative(globs.base, draftPath).split(sep).join('/');
  const match = (list: string[]) => list.length > 0 && picomatch(list, { dot: true })(path);
  return (globs.include.length === 0 || match(globs.include)) && !match(globs.exclude);
}

/**
 * Whether a draft is about the fact base's default event, as a draft checked against a fact base nobody chose for it
 * (the bundled one) must be: it names, by a listed spelling, someone who took part in the event or one of its parts,
 * or it uses one of the event's own phrases that is more than a kind of event ("visit to China", not "state visit").
 * A README that names none of them is not a draft about the event.
 */
export function aboutDefaultEvent(blocks: readonly BlockFacts[]): boolean {
  const index = blocks[0]?.index;
  const id = index?.facts.defaultEvent;
  if (!index || id === undefined) return false;
  const people = index.eventPeople.get(id) ?? new Set<string>();
  return blocks.some(
    (bf) =>
      bf.names.some((n) => !n.fuzzy && n.form.kind === 'person' && people.has(n.form.entity.id)) ||
      bf.eventPhrases.some((p) => p.values.some((e) => e.id === id) && !GENERIC.has(bf.text.slice(p.start, p.end).toLowerCase())),
  );
}

/** Phrases that only say what kind of event something was, not which one. */
const GENERIC = new Set(['state visit', 'official visit', 'working visit', 'summit', 'visit', 'trip']);
