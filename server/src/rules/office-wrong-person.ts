import { fullName } from '../match/names.js';
import { countriesOf, covers, holdersDuring, titledNames } from '../match/titles.js';
import { daysOf, onDays } from './office-not-held.js';
import type { Rule, RuleFinding } from './rule.js';

/** A person titled with an office of their country that they never held, while someone else held it. */
const rule: Rule = {
  id: 'office-wrong-person',
  description: 'A person is given an office they never held; the message names who held it on the date in question.',
  severity: 'error',
  category: 'official',
  fixable: true,
  blockLocal: true,
  *check({ index, facts, blocks }) {
    for (const bf of blocks) {
      for (const titled of titledNames(bf)) {
        const { person } = titled;
        if (person.offices.some((t) => titled.offices.some((o) => o.id === t.office))) continue;
        const countries = countriesOf(person, facts);
        const offices = titled.offices.filter((o) => o.country !== undefined && countries.has(o.country));
        if (offices.length === 0) continue;
        const day = daysOf(bf, titled)[0];
        if (!day) continue;
        const held = offices.map((office) => ({ office, holders: holdersDuring(index.holders.get(office.id), day) }));
        const all = held.flatMap((h) => h.holders);
        if (all.length === 0) continue;
        const who = (h: typeof held[number]) => h.holders.map((x) => fullName(x.person)).join(' and ');
        const [first] = held;
        const finding: RuleFinding = {
          block: bf, start: titled.start, end: titled.end,
          message: held.length === 1
            ? `${fullName(person)} is not recorded as ${first!.office.title} at any time; ${onDays(day)} the office was held by ${who(first!)}.`
            : `${fullName(person)} is not recorded in any office called "${bf.text.slice(titled.wording.start, titled.wording.end)}"; ${onDays(day)} ${
              held.map((h) => (h.holders.length > 0 ? `the ${h.office.title} was ${who(h)}` : `no ${h.office.title} is recorded`)).join(', and ')}.`,
          facts: [{ kind: 'person', id: person.id }, ...offices.map((o) => ({ kind: 'office' as const, id: o.id })),
            ...all.map((h) => ({ kind: 'person' as const, id: h.person.id }))],
        };
        if (all.length === 1 && covers(all[0]!, day) && all[0]!.person !== person) {
          const newText = fullName(all[0]!.person);
          finding.fixes = [{ title: `Replace with "${newText}"`, edits: [{ start: titled.name.start, end: titled.name.end, newText }] }];
        }
        yield finding;
      }
    }
  },
};
export default rule;
