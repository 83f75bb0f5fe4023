import { factRef } from './findings.js';
import type { Origin } from './facts/types.js';
import type { BlockFacts } from './match/analyse.js';
import type { FactIndex } from './match/compile.js';
import { mentionAt } from './mention.js';

/** Where the facts a mention at a source offset of a draft refers to are declared in the fact base. */
export function definition(source: string, index: FactIndex, offset: number, blocks?: BlockFacts[]): Origin[] {
  const mention = mentionAt(source, index, offset, blocks);
  if (!mention) return [];
  return mention.facts
    .map((link) => factRef(link, index))
    .filter((ref) => ref !== undefined)
    .map(({ file, start, end }) => ({ file, start, end }));
}
