import { perIndex } from './match/compile.js';

/** What can be completed in a draft: a name, an office title, an event or a document, in the house's form. */
export interface Completion {
  kind: 'person' | 'organisation' | 'office' | 'event' | 'document';
  /** The text inserted. */
  text: string;
  /** One line about the fact (an office held, a date, a kind). */
  detail: string;
}

/**
 * The completions a fact base offers, in the forms the house prefers: people and organisations by their preferred
 * spellings (else their names), offices by their titles and the wordings prose uses, events by name, documents by title.
 */
export const completions = perIndex((index): Completion[] => {
  const facts = index.facts;
  const day = facts.defaultEvent ? facts.events.get(facts.defaultEvent)?.start : undefined;
  const list: Completion[] = [];
  const seen = new Set<string>();
  const add = (c: Completion) => {
    if (c.text.trim() === '' || seen.has(c.text)) return;
    seen.add(c.text);
    list.push(c);
  };
  for (const person of facts.people.values()) {
    const held = day === undefined ? undefined : person.offices.find((t) => t.from <= day && (t.to === undefined || day <= t.to));
    const office = held ? facts.offices.get(held.office)?.title : undefined;
    for (const form of forms(person))
      add({ kind: 'person', text: form, detail: office ? `${person.name}, ${office} on ${day}` : person.name });
  }
  for (const org of facts.organisations.values())
    for (const form of forms(org)) add({ kind: 'organisation', text: form, detail: org.name });
  for (const office of facts.offices.values()) {
    for (const text of [office.title, ...office.wordings.filter((w) => /^\p{Lu}/u.test(w))])
      add({ kind: 'office', text, detail: office.title });
  }
  for (const event of facts.events.values()) {
    add({
      kind: 'event',
      text: event.name,
      detail: `${event.kind}, ${event.start === event.end ? event.start : `${event.start} – ${event.end}`}`,
    });
  }
  for (const doc of facts.documents.values())
    add({ kind: 'document', text: doc.title, detail: `${doc.kind}${doc.date ? `, ${doc.date}` : ''}` });
  return list;
});

function forms(named: { name: string; preferred: string[] }): string[] {
  return named.preferred.length > 0 ? named.preferred : [named.name];
}

/**
 * Where a completion's text replaces what is written before the cursor (`before`: the line up to it): the longest
 * run of whole words, up to the cursor, that the text starts with (ignoring case), else the word at the cursor.
 * Returns the length of the replaced text.
 */
export function replacedLength(before: string, text: string): number {
  const lower = text.toLowerCase();
  const word = /[\p{L}\p{N}'’-]*$/u.exec(before)![0].length;
  for (let start = Math.max(0, before.length - text.length); start < before.length - word; start++) {
    if (start > 0 && /[\p{L}\p{N}]/u.test(before[start - 1]!)) continue;
    if (lower.startsWith(before.slice(start).toLowerCase())) return before.length - start;
  }
  return word;
}
