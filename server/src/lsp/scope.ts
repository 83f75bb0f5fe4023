import type { ProjectConfig } from '../facts/config.js';
import { includes } from '../facts/config.js';
import type { BlockFacts } from '../match/analyse.js';
import { aboutDefaultEvent, inGlobs } from '../scope.js';
import type { Settings } from './settings.js';

/** Where a draft is: its path (undefined for an untitled or virtual document) and the workspace folder it lies in. */
export interface Place {
  path?: string;
  root?: string;
}

/**
 * Why a draft is left unchecked by its settings, if it is: `factlint.enable` is off, the editor's
 * `factlint.include`/`exclude` (relative to the workspace folder) or the `.factlint.yaml`'s leave it out. Globs apply
 * to drafts that are files only.
 */
export function leftOut(settings: Settings, config: ProjectConfig | undefined, place: Place): string | undefined {
  if (!settings.enable) return 'factlint.enable is off.';
  const { path, root } = place;
  if (path === undefined) return undefined;
  if (root !== undefined && !inGlobs({ base: root, include: settings.include, exclude: settings.exclude }, path)) {
    return 'The factlint.include and factlint.exclude settings leave this file out.';
  }
  if (config && !includes(config, path)) return `The include and exclude globs of ${config.path} leave this file out.`;
  return undefined;
}

/**
 * Why a draft checked against the bundled fact base (nothing else applies to it) is left unchecked, if it is: it is
 * not about the bundled event.
 */
export function offTopic(bundled: boolean, blocks: readonly BlockFacts[] | undefined): string | undefined {
  if (!bundled || !blocks || aboutDefaultEvent(blocks)) return undefined;
  const facts = blocks[0]?.index.facts;
  const name = facts?.defaultEvent ? facts.events.get(facts.defaultEvent)?.name : undefined;
  return `No fact base applies to this file, and it does not mention ${name ?? 'the event'} of the bundled fact base or its people.`;
}
