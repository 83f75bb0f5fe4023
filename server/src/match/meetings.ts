import type { Event } from '../facts/types.js';
import type { FactIndex } from './compile.js';
import type { NameMention } from './names.js';
import type { Token } from './tokens.js';

// Meetings named by who took part in them, rather than by a phrase: all their people ("Lukashenka and Xi"), or, for a
// meeting with organisations, its organisations and one of its people with a verb of meeting ("Lukashenka met the
// heads of A and B").

/** Verbs of meeting someone. */
export const MEET = new Set(['met', 'meet', 'meets', 'received', 'receive', 'receives', 'hosted', 'host', 'hosts', 'greeted', 'greets',
  'welcomed', 'welcomes']);
/** Words of meeting that need "with" or "between" after them ("talks with", "spoke with"). */
export const MEET_WITH = new Set(['meeting', 'meetings', 'talks', 'talked', 'spoke', 'conferred', 'negotiated']);

/** Whether token i is a verb of meeting: "met", or "talks" before "with"/"between". */
export function isMeetingVerb(tokens: readonly Token[], i: number): boolean {
  const word = tokens[i]!.lower;
  return MEET.has(word) || (MEET_WITH.has(word) && /^(?:with|between)$/.test(tokens[i + 1]?.lower ?? ''));
}

/** Whether every participant of an event who is a known person is among the people (ids) a span names. */
export function allNamed(event: Event, people: ReadonlySet<string>, index: FactIndex): boolean {
  return event.participants.every((id) => people.has(id) || !index.facts.people.has(id));
}

const withOrganisations = new WeakMap<FactIndex, Event[]>();

/** The meetings and talks with an organisation and a known person among their participants; per fact index. */
function organisationMeetings(index: FactIndex): Event[] {
  let found = withOrganisations.get(index);
  if (!found) {
    found = [...index.facts.events.values()].filter((e) => (e.kind === 'meeting' || e.kind === 'talks') &&
      e.participants.some((id) => index.facts.organisations.has(id)) && e.participants.some((id) => index.facts.people.has(id)));
    withOrganisations.set(index, found);
  }
  return found;
}

/**
 * The meetings a span names by who took part: all their known people (two at least), or, for a meeting with
 * organisations, every one of its organisations and one of its people, with a verb of meeting in the span.
 */
export function meetingsNamedBy(index: FactIndex, names: readonly NameMention[], tokens: readonly Token[]): Event[] {
  const people = new Set(names.filter((n) => n.form.kind === 'person').map((n) => n.form.entity.id));
  const found = people.size >= 2 ? index.meetings.filter((e) => allNamed(e, people, index)) : [];
  const organisations = new Set(names.filter((n) => n.form.kind === 'organisation').map((n) => n.form.entity.id));
  if (organisations.size === 0 || people.size === 0 || !tokens.some((_, i) => isMeetingVerb(tokens, i))) return found;
  for (const e of organisationMeetings(index)) {
    if (found.includes(e)) continue;
    const orgs = e.participants.filter((id) => index.facts.organisations.has(id));
    if (orgs.every((id) => organisations.has(id)) && e.participants.some((id) => people.has(id))) found.push(e);
  }
  return found;
}
