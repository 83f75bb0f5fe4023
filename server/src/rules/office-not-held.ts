import type { Office, Tenure } from '../facts/types.js';
import { fullName } from '../match/names.js';
import { affirmedNotHeld, covers, holdersDuring } from '../match/titles.js';
import { titlesRead } from '../match/row-titles.js';
import { officeDays } from '../match/office-days.js';
import { officeFixes } from '../match/office-fixes.js';
import { formatFactDate, onDays, onFactDate } from '../match/wording.js';
import type { Rule, RuleFinding } from './rule.js';
import { onTitle } from './support.js';

/**
 * A person titled with an office they held at another time, not on any day the sentence speaks of, where the fact
 * base affirms they did not hold it then: another holder is recorded for the whole day of an office one person holds
 * at a time, or the person's offices are recorded in full.
 */
const rule: Rule = {
  id: 'office-not-held',
  description: 'A person is given an office they held at another time, not on the date in question.',
  severity: 'error',
  category: 'official',
  fixable: true,
  blockLocal: true,
  *check({ index, facts, blocks }) {
    for (const read of titlesRead(blocks)) {
      const { titled, facts: bf } = read;
      const { person } = titled;
      const tenures = person.offices.filter((t) => titled.offices.some((o) => o.id === t.office));
      if (tenures.length === 0) continue;
      const { days } = officeDays(bf, bf.sentenceAt(titled.name.start), person, titled.then);
      if (
        days.length === 0 ||
        days.some(
          (d) =>
            holdersDuring(
              tenures.map((t) => ({ person, ...t })),
              d,
            ).length > 0,
        )
      )
        continue;
      const offices = [...new Set(tenures.map((t) => facts.offices.get(t.office)!))];
      if (!days.every((d) => offices.every((o) => affirmedNotHeld(index, person, o, d)))) continue;
      const day = days[0]!;
      const tenure = nearest(tenures, day[0]);
      const office = facts.offices.get(tenure.office)!;
      const holders = holdersDuring(index.holders.get(office.id), day);
      const term =
        tenure.from > day[1]
          ? `became ${office.title} ${onFactDate(tenure.written.from)}`
          : `was ${office.title} until ${formatFactDate(tenure.written.to!)}`;
      const finding: RuleFinding = {
        block: bf,
        start: titled.start,
        end: titled.end,
        message: `${fullName(person)} ${term}; ${onDays(day)} ${
          holders.length > 0
            ? `the office was held by ${holders.map((h) => fullName(h.person)).join(' and ')}`
            : complete(office, fullName(person))
        }.`,
        facts: [
          { kind: 'person', id: person.id },
          { kind: 'office', id: office.id },
          ...holders.map((h) => ({ kind: 'person' as const, id: h.person.id })),
        ],
      };
      const single =
        offices.length === 1 && holders.length === 1 && days.every((d) => covers(holders[0]!, d)) ? holders[0]!.person : undefined;
      yield onTitle(finding, read, () => officeFixes(bf, facts, titled, single, day));
    }
  },
};
export default rule;

/** What the message says when no one is recorded in the office: the person's offices are recorded in full. */
function complete(office: Office, name: string): string {
  return `no one is recorded as ${office.title}, and the fact base lists every office ${name} held`;
}

/** The term closest to a day that falls outside every term. */
function nearest(tenures: Tenure[], day: string): Tenure {
  const gap = (t: Tenure) => Math.abs(Date.parse(t.from > day ? t.from : (t.to ?? day)) - Date.parse(day));
  return tenures.reduce((a, b) => (gap(b) < gap(a) ? b : a));
}
