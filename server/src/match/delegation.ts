import type { Event } from '../facts/types.js';
import type { Span } from '../markdown/prose.js';
import { itemsIn, type BlockFacts } from './analyse.js';
import { aboutEvent, namedByItsPeople, topicsAt } from './evidence.js';
import type { NameMention } from './names.js';
import { tokenAt } from './tokens.js';

// People a sentence places in a visitor's delegation: "X was part of Lukashenka's delegation", "X and Y were among
// the delegation", "the delegation (to Beijing) included X and Y", "X accompanied Lukashenka", "Lukashenka travelled to
// Beijing with X and Y" (with the visitor before "with"). Generic English only; said in the
// past and affirmed (no "not", no plan), about an event the sentence establishes.

/** Between a person (or a list of people) and "delegation": was part of / a member of / among / in (the, his, Ruritania's…). */
const MEMBER_OF =
  /^\s+(?:(?:was|were)\s+(?:also\s+)?(?:(?:a\s+)?part|a\s+member|members|one)\s+of|(?:was|were)\s+(?:also\s+)?(?:in|on|among)|joined|(?:was|were)\s+(?:also\s+)?among\s+the\s+members\s+of)\s+(?:(?:the|his|her|their|a|an)\s+)?(?:(\p{Lu}[\p{L}-]*)(?:['\u2019]s)?\s+)?(?:(?:official|state|high-level|government|governmental|business)\s+)?$/u;
/** After "delegation": a verb that lists its members. */
const LISTS = /^(?:\s*,)?\s+(?:(?:also\s+)?included|including|comprised|comprising|consisted\s+of|was\s+made\s+up\s+of|featured)\s+$/;
/** Between a person and the visitor they travelled with. */
const WENT_WITH = /^(?:,(?=\s+(?:also\s+)?accompanied))?\s+(?:also\s+)?(?:accompanied|travell?ed\s+with|flew\s+with)\s+$/;
/** After "delegation", before the verb that lists its members: where it went ("to Beijing", "in the People's Republic"). */
const WHERE = /^\s+(?:to|in|at)\s+(?:the\s+)?\p{Lu}[\p{L}-]*(?:['\u2019]s)?(?:\s+(?:of\s+(?:the\s+)?)?\p{Lu}[\p{L}-]*){0,3}(?=\s)/u;
/** Between a visitor and the people who came with them ("X travelled to Beijing with"). */
const CAME_WITH = /^\s+(?:travell?ed|flew|went|came)(?:\s+(?:to|into)\s+(?:the\s+)?\p{Lu}[\p{L}-]*)?\s+(?:together\s+)?with\s+$/u;
/** Between people of one list. */
const AND = /^(?:\s*,\s*(?:and\s+)?|\s+and\s+)$/;
/** Words after which the people named are not members: a denial, an exception, another clause. */
const STOP = /^(?:not|but|except|without|excluding|while|whereas|although|though|who|which|whom|unlike|instead)$/;
/** A plan or a denial in the sentence: what it says of the delegation is not a report of who was in it. */
const NOT_SAID =
  /\b(?:[Nn]ot|[Nn]ever|[Nn]o|will|would|shall|plans?|planned|expected|is\s+to|are\s+to|to\s+be|may|might|could|should|[Ii]f)\b|n['\u2019]t\b/;

/** Someone the sentence places in a delegation, and the event whose delegation it is. */
export interface Placed {
  name: NameMention;
  event: Event;
}

/** Words without which a sentence places no one in a delegation. */
const DELEGATION_WORDS = /\bdelegations?\b|\baccompanied\b|\b(?:travell?ed|flew|went|came)\b[^.]*\bwith\b/i;

/**
 * Whether a sentence's text may place people in a delegation (it speaks of one, affirmed): the text alone tells, so a
 * rule can ask it once per block text and call {@link placedInDelegation} only where it may.
 */
export function mayPlaceInDelegation(text: string): boolean {
  return DELEGATION_WORDS.test(text) && !NOT_SAID.test(text);
}

/** The people a sentence places in a visitor's delegation, each with the event it establishes (see above). */
export function placedInDelegation(bf: BlockFacts, sentence: Span): Placed[] {
  const text = bf.text.slice(sentence.start, sentence.end);
  if (!mayPlaceInDelegation(text)) return [];
  const names = itemsIn(bf.names, sentence).filter((n) => n.form.kind === 'person');
  const found = new Set<NameMention>();
  const qualifiers: (string | undefined)[] = [];
  // Who came with whom ("Lukashenka travelled to Beijing with X and Y"): the people after "with", led by the one before.
  const leaders = new Map<NameMention, NameMention>();
  for (const [i, n] of names.entries()) {
    if (!names[i + 1] || !CAME_WITH.test(bf.text.slice(n.end, names[i + 1]!.start))) continue;
    for (let k = i + 1; k < names.length && (k === i + 1 || AND.test(bf.text.slice(names[k - 1]!.end, names[k]!.start))); k++)
      leaders.set(names[k]!, n);
  }
  for (const [i, n] of names.entries()) {
    const after = bf.text.slice(n.end, sentence.end);
    const member = MEMBER_OF.exec(after.slice(0, Math.max(0, after.search(/\bdelegations?\b/))));
    const went = names[i + 1] && WENT_WITH.test(bf.text.slice(n.end, names[i + 1]!.start));
    if (!member && !went) continue;
    if (member) qualifiers.push(member[1]);
    for (let k = i; k >= 0 && (k === i || AND.test(bf.text.slice(names[k]!.end, names[k + 1]!.start))); k--) found.add(names[k]!);
  }
  for (const m of text.matchAll(/\bdelegations?\b/gi)) {
    const end = sentence.start + m.index + m[0].length;
    const at = end + (WHERE.exec(bf.text.slice(end, sentence.end))?.[0].length ?? 0);
    const verb = /^(?:\s*,)?\s+\S+(?:\s+(?:of|up\s+of))?\s+/.exec(bf.text.slice(at, sentence.end));
    if (!verb || !LISTS.test(verb[0])) continue;
    qualifiers.push(qualifierBefore(bf, sentence.start + m.index));
    for (let t = tokenAt(bf.tokens, at + verb[0].length); t < bf.tokens.length && bf.tokens[t]!.end <= sentence.end; t++) {
      if (STOP.test(bf.tokens[t]!.lower)) break;
      const n = names.find((x) => x.start === bf.tokens[t]!.start);
      if (n) found.add(n);
    }
  }
  if (found.size === 0 && leaders.size === 0) return [];
  const event = delegationEvent(bf, sentence, qualifiers);
  if (!event) return [];
  const key = bf.index.keyPeople.get(event.id);
  for (const [n, leader] of leaders) if (key?.has(leader.form.entity.id)) found.add(n);
  const present = bf.index.eventPeople.get(event.id);
  return [...found]
    .filter((n) => !present?.has(n.form.entity.id) && (namedByItsPeople(bf, sentence, event, n) || aboutEvent(bf, sentence, event, n)))
    .map((name) => ({ name, event }));
}

/** The capitalised word or possessive right before "delegation" ("Belarusian", "Lukashenka's"), if any. */
function qualifierBefore(bf: BlockFacts, at: number): string | undefined {
  return /(\p{Lu}[\p{L}-]*)(?:['\u2019]s)?\s+(?:(?:official|state|high-level|government|governmental|business)\s+)?$/u.exec(
    bf.text.slice(Math.max(0, at - 40), at),
  )?.[1];
}

/**
 * The event whose delegation a sentence speaks of: the visit (or the fact base's default event) that the sentence
 * names or that the text is about, when every qualifier of the delegation is one of its visitors or their country.
 */
function delegationEvent(bf: BlockFacts, sentence: Span, qualifiers: (string | undefined)[]): Event | undefined {
  const { index } = bf;
  const roots = new Set([...bf.eventsIn(sentence).map((e) => index.roots.get(e.id)!), ...topicsAt(bf, sentence)]);
  const events = [...roots]
    .map((id) => index.facts.events.get(id)!)
    .filter((e) => e !== undefined && (index.visitLike.has(e.id) || e.id === index.facts.defaultEvent));
  if (events.length !== 1) return undefined;
  const [event] = events as [Event];
  const visitors = [...(index.keyPeople.get(event.id) ?? [])].map((id) => index.facts.people.get(id)).filter((p) => p !== undefined);
  const words = new Set(
    visitors.flatMap((p) => [p.country ?? '', ...p.preferred, ...p.spellings, p.name].flatMap((s) => s.toLowerCase().split(/\s+/))),
  );
  const fits = (q: string) => {
    const lower = q.toLowerCase();
    if (words.has(lower)) return true;
    const place = index.places.matchAt(q, [{ start: 0, end: q.length, text: q, lower }], 0)?.values ?? [];
    return place.some((p) => p.country !== undefined && words.has(p.country.toLowerCase()));
  };
  return qualifiers.every((q) => q === undefined || /^(?:The|His|Her|Their)$/.test(q) || fits(q)) ? event : undefined;
}
