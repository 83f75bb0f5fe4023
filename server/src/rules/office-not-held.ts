import type { Tenure } from '../facts/types.js';
import type { Span } from '../markdown/prose.js';
import type { BlockFacts } from '../match/analyse.js';
import { fullName } from '../match/names.js';
import { covers, holdersDuring, titledNames, type TitledName } from '../match/titles.js';
import type { Rule, RuleFinding } from './rule.js';
import { datesInQuestion, formatDate, formatRange } from './support.js';

/** "on 1 March 2023" or "during 28 February – 2 March 2023". */
export function onDays([start, end]: [string, string]): string {
  return start === end ? `on ${formatDate(start)}` : `during ${formatRange(start, end)}`;
}

const days = new WeakMap<Span, [string, string][]>();

/** The days the sentence around a titled name speaks of, computed once per sentence. */
export function daysOf(bf: BlockFacts, titled: TitledName): [string, string][] {
  const sentence = bf.sentenceAt(titled.name.start);
  let found = days.get(sentence);
  if (!found) days.set(sentence, (found = datesInQuestion(bf, sentence)));
  return found;
}

/** A person titled with an office they held, but not on the days the sentence speaks of. */
const rule: Rule = {
  id: 'office-not-held',
  description: 'A person is given an office they held at another time, not on the date in question.',
  severity: 'error',
  category: 'official',
  fixable: true,
  blockLocal: true,
  *check({ index, facts, blocks }) {
    for (const bf of blocks) {
      for (const titled of titledNames(bf)) {
        const { person } = titled;
        const tenures = person.offices.filter((t) => titled.offices.some((o) => o.id === t.office));
        if (tenures.length === 0) continue;
        const inQuestion = daysOf(bf, titled);
        if (inQuestion.length === 0 || inQuestion.some((d) => tenures.some((t) => holdersDuring([{ person, ...t }], d).length > 0))) continue;
        const day = inQuestion[0]!;
        const tenure = nearest(tenures, day[0]);
        const office = facts.offices.get(tenure.office)!;
        const holders = holdersDuring(index.holders.get(office.id), day);
        const term = tenure.from > day[1] ? `became ${office.title} on ${formatDate(tenure.from)}`
          : `was ${office.title} until ${formatDate(tenure.to!)}`;
        const finding: RuleFinding = {
          block: bf, start: titled.start, end: titled.end,
          message: `${fullName(person)} ${term}; ${onDays(day)} ${holders.length > 0
            ? `the office was held by ${holders.map((h) => fullName(h.person)).join(' and ')}` : 'no holder of the office is recorded'}.`,
          facts: [{ kind: 'person', id: person.id }, { kind: 'office', id: office.id },
            ...holders.map((h) => ({ kind: 'person' as const, id: h.person.id }))],
        };
        const holder = holders.length === 1 && covers(holders[0]!, day) ? holders[0]!.person : undefined;
        if (holder && holder !== person) {
          const newText = fullName(holder);
          finding.fixes = [{ title: `Replace with "${newText}"`, edits: [{ start: titled.name.start, end: titled.name.end, newText }] }];
        }
        yield finding;
      }
    }
  },
};
export default rule;

/** The term closest to a day that falls outside every term. */
function nearest(tenures: Tenure[], day: string): Tenure {
  const gap = (t: Tenure) => Math.abs(Date.parse(t.from > day ? t.from : t.to ?? day) - Date.parse(day));
  return tenures.reduce((a, b) => (gap(b) < gap(a) ? b : a));
}
