import { insideQuotation, quotationsIn } from '../markdown/quotes.js';
import { perBlock, type BlockFacts } from './analyse.js';

/** The quotation marks of a block's text, found once per text. */
const quotations = perBlock((bf) => quotationsIn(bf.text));

/** Whether a prose offset of a block lies inside a quotation, whose wording a draft must keep as quoted. */
export function isQuoted(bf: BlockFacts, offset: number): boolean {
  return insideQuotation(quotations(bf), offset);
}
