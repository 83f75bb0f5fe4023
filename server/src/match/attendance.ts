import type { Event } from '../facts/types.js';
import type { Span } from '../markdown/prose.js';
import { itemsIn, type BlockFacts } from './analyse.js';
import type { NameMention } from './names.js';

// People a sentence places at an event by a verb of attending, the event named by one of its phrases right after the
// verb: "X attended the talks", "X and Y sat in on the ministerial talks", "X also took part in the signing", "X was
// present at the banquet". Generic English only; said in the past and affirmed (no "not", no plan or wish).

/** Between a person (or the last of a list of people) and an event's phrase: a verb of attending, and "the", "his"… */
const ATTENDED =
  /^\s+(?:also\s+|too\s+|even\s+|later\s+)?(?:attended|sat\s+in\s+on|sat\s+in\s+at|took\s+part\s+in|participated\s+in|joined(?:\s+in)?|(?:was|were)\s+(?:also\s+)?(?:present\s+)?at)\s+(?:(?:the|his|her|their|its)\s+)?$/;
/** Between people of one list. */
const AND = /^(?:\s*,\s*(?:and\s+)?|\s+and\s+)$/;
/** A denial, a plan or a wish in the sentence: what it says is not that the person was there. */
const NOT_SAID =
  /\b(?:[Nn]ot|[Nn]ever|[Nn]o|[Nn]either|[Nn]or|will|would|shall|plans?|planned|expected|hoped|wanted|invited|asked|is\s+to|are\s+to|to\s+be|may|might|could|should|[Ii]f|[Ww]hether)\b|n['\u2019]t\b/;

/** Someone a sentence places at an event, and the event. */
export interface Attended {
  name: NameMention;
  event: Event;
}

/** The people a sentence places at an event named by a phrase of one event only, right after a verb of attending. */
export function attendedIn(bf: BlockFacts, sentence: Span): Attended[] {
  const phrases = itemsIn(bf.eventPhrases, sentence);
  if (phrases.length === 0) return [];
  const names = itemsIn(bf.names, sentence).filter((n) => n.form.kind === 'person');
  if (names.length === 0) return [];
  const found: Attended[] = [];
  for (const phrase of phrases) {
    const last = names.findLastIndex((n) => n.end <= phrase.start);
    if (last < 0 || !ATTENDED.test(bf.text.slice(names[last]!.end, phrase.start))) continue;
    const events = [...new Set(phrase.values)];
    if (events.length !== 1) continue;
    for (let k = last; k >= 0 && (k === last || AND.test(bf.text.slice(names[k]!.end, names[k + 1]!.start))); k--)
      found.push({ name: names[k]!, event: events[0]! });
  }
  // A denial, plan or wish anywhere in the sentence unsays it (looked for only where someone was placed: most are not).
  return found.length > 0 && NOT_SAID.test(bf.text.slice(sentence.start, sentence.end)) ? [] : found;
}
