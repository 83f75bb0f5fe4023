import type { Event } from '../facts/types.js';
import { perIndex, type FactIndex } from './compile.js';
import type { NameMention } from './names.js';
import type { Token } from './tokens.js';

// Meetings named by who took part in them, rather than by a phrase: all their people ("Lukashenka and Xi"), or, for a
// meeting with organisations, its organisations and one of its people with a verb of meeting ("Lukashenka met the
// heads of A and B").

/** Verbs of meeting someone. */
export const MEET = new Set([
  'met',
  'meet',
  'meets',
  'received',
  'receive',
  'receives',
  'hosted',
  'host',
  'hosts',
  'greeted',
  'greets',
  'welcomed',
  'welcomes',
]);
/** Words of meeting that need "with" or "between" after them ("talks with", "spoke with"). */
export const MEET_WITH = new Set(['meeting', 'meetings', 'talks', 'talked', 'spoke', 'conferred', 'negotiated']);

/** Whether token i is a verb of meeting: "met", or "talks" before "with"/"between". */
export function isMeetingVerb(tokens: readonly Token[], i: number): boolean {
  const word = tokens[i]!.lower;
  return MEET.has(word) || (MEET_WITH.has(word) && /^(?:with|between)$/.test(tokens[i + 1]?.lower ?? ''));
}

/**
 * Whether every participant of an event who is a known person is among the people (ids) a span names. Those only
 * present (an official who met the guest, a delegation member) need not be named: "Xi and Putin met" names their talks.
 */
export function allNamed(event: Event, people: ReadonlySet<string>, index: FactIndex): boolean {
  for (const id of event.participants) {
    const role = event.roles.get(id);
    const principal = role !== 'attended' && role !== 'delegation';
    if (!people.has(id) && index.facts.people.has(id) && principal) return false;
  }
  return true;
}

/** The meetings and talks with an organisation and a known person among their participants; per fact index. */
const organisationMeetings = perIndex((index): Event[] =>
  [...index.facts.events.values()].filter(
    (e) =>
      (e.kind === 'meeting' || e.kind === 'talks') &&
      e.participants.some((id) => index.facts.organisations.has(id)) &&
      e.participants.some((id) => index.facts.people.has(id)),
  ),
);

/** People who stand for an organisation at a meeting ("the heads of X", "X executives"). */
const ROLE =
  '(?:heads?|chairm[ae]n|chairs?|chiefs?|executives?|management|managers?|leaders?|leadership|representatives?|delegations?|presidents?|CEOs?|bosses|board|officials?|directors?)';
/** Between a verb of meeting and the first organisation: "met (with) (the) (heads of) (the)". */
const OBJECT = new RegExp(`^\\s+(?:with\\s+|between\\s+)?(?:the\\s+)?(?:(?:top\\s+|senior\\s+)?${ROLE}\\s+(?:of|from)\\s+(?:the\\s+)?)?$`);
/** Between two organisations of one object: "X and Y", "X executives, and the heads of Y". */
const NEXT = new RegExp(
  `^(?:(?:['\u2019]s)?\\s+${ROLE})?(?:\\s*,\\s*(?:and\\s+)?|\\s+and\\s+)(?:the\\s+)?(?:${ROLE}\\s+(?:of|from)\\s+(?:the\\s+)?)?$`,
);
/** What may follow the last organisation of an object: its people, then the end of the clause or a preposition. */
const AFTER = new RegExp(
  `^(?:(?:['\u2019]s)?\\s+${ROLE}(?![\\p{L}]))?(?:\\s*(?:$|[,.;:!?)\\]\u2014\u2013])|\\s+(?:on|in|at|during|before|after|for|to|and|about|over|from|as|when|while|but)\\b)`,
  'u',
);
/** Words before a verb of meeting that deny it or move it out of the time in question ("had met", "did not meet"). */
const NOT_THEN = new Set(['not', 'never', 'had', 'will', 'would', 'could', 'may', 'might', 'to', 'should', 'shall', 'cannot']);

/**
 * The organisations a verb of meeting takes as its object, when its subject is a known person: "Lukashenka met the
 * heads of A and B", "Lukashenka held talks with A executives" — not "A, which Lukashenka met", "welcomed A's
 * decision" or "received an A loan". Returns the subject's id and the organisations' ids.
 */
function metOrganisations(
  text: string,
  names: readonly NameMention[],
  tokens: readonly Token[],
  v: number,
): { person: string; orgs: Set<string> } | undefined {
  const verb = tokens[v]!;
  if (v > 0 && NOT_THEN.has(tokens[v - 1]!.lower)) return undefined;
  const subject = [...names].reverse().find((n) => n.end <= verb.start);
  if (subject?.form.kind !== 'person' || !/^(?:\s+\p{Ll}+){0,2}\s+$/u.test(text.slice(subject.end, verb.start))) return undefined;
  const orgs = new Set<string>();
  let at = verb.end;
  for (const n of names.filter((x) => x.start >= verb.end)) {
    const gap = text.slice(at, n.start);
    if (n.form.kind !== 'organisation' || !(orgs.size === 0 ? OBJECT : NEXT).test(gap)) break;
    orgs.add(n.form.entity.id);
    at = n.end;
  }
  return orgs.size > 0 && AFTER.test(text.slice(at, at + 40)) ? { person: subject.form.entity.id, orgs } : undefined;
}

/**
 * The meetings a span names by who took part: all their known people (two at least), or, for a meeting with
 * organisations, every one of its organisations as the object of a verb of meeting whose subject is one of its people.
 */
export function meetingsNamedBy(
  index: FactIndex,
  text: string,
  names: readonly NameMention[],
  spanTokens: () => readonly Token[],
): Event[] {
  let people: Set<string> | undefined;
  for (const n of names) if (n.form.kind === 'person') (people ??= new Set()).add(n.form.entity.id);
  if (!people) return [];
  const found = people.size >= 2 ? index.meetings.filter((e) => allNamed(e, people, index)) : [];
  if (!names.some((n) => n.form.kind === 'organisation')) return found;
  const tokens = spanTokens();
  for (let v = 0; v < tokens.length; v++) {
    const met = isMeetingVerb(tokens, v) ? metOrganisations(text, names, tokens, v) : undefined;
    if (!met) continue;
    for (const e of organisationMeetings(index)) {
      const orgs = e.participants.filter((id) => index.facts.organisations.has(id));
      if (!found.includes(e) && e.participants.includes(met.person) && orgs.every((id) => met.orgs.has(id))) found.push(e);
    }
  }
  return found;
}
