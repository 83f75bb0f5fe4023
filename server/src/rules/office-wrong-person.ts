import { itemsIn, type BlockFacts } from '../match/analyse.js';
import { fullName } from '../match/names.js';
import { affirmedNotHeld, countriesOf, covers, holdersDuring, type TitledName } from '../match/titles.js';
import { titlesRead } from '../match/row-titles.js';
import { officeDays } from '../match/office-days.js';
import { officeFixes } from '../match/office-fixes.js';
import { onDays } from '../match/wording.js';
import type { Rule, RuleFinding } from './rule.js';
import { onTitle } from './support.js';

/**
 * A person titled with an office of their country that they never held, where the fact base affirms it on every day
 * the sentence speaks of: another holder is recorded for the whole day of an office one person holds at a time, or
 * the person's offices are recorded in full.
 */
const rule: Rule = {
  id: 'office-wrong-person',
  description: 'A person is given an office they never held; the message names who held it on the date in question.',
  severity: 'error',
  category: 'official',
  fixable: true,
  blockLocal: true,
  *check({ index, facts, blocks }) {
    for (const read of titlesRead(blocks)) {
      const { titled, facts: bf } = read;
      const { person } = titled;
      if (person.offices.some((t) => titled.offices.some((o) => o.id === t.office))) continue;
      const countries = countriesOf(person, facts);
      let offices = titled.offices.filter((o) => o.country !== undefined && countries.has(o.country));
      // An office of another country, the title naming that country ("Ruritanian Foreign Minister X" for a Borduri), given to
      // someone the fact base places in a country: judged as any office they never held.
      if (offices.length === 0 && person.country !== undefined && namesCountry(bf, titled)) offices = titled.offices;
      if (offices.length === 0) continue;
      const { days } = officeDays(bf, bf.sentenceAt(titled.name.start), person, titled.then);
      if (days.length === 0 || !days.every((d) => offices.every((o) => affirmedNotHeld(index, person, o, d)))) continue;
      const day = days[0]!;
      const held = offices.map((office) => ({ office, holders: holdersDuring(index.holders.get(office.id), day) }));
      const all = held.flatMap((h) => h.holders);
      const who = (h: (typeof held)[number]) =>
        h.holders.length > 0 ? h.holders.map((x) => fullName(x.person)).join(' and ') : 'no one recorded';
      const [first] = held;
      const finding: RuleFinding = {
        block: bf,
        start: titled.start,
        end: titled.end,
        message:
          held.length === 1
            ? `${fullName(person)} is not recorded as ${first!.office.title} at any time; ${onDays(day)} ${
                first!.holders.length > 0
                  ? `the office was held by ${who(first!)}`
                  : `no holder is recorded, and the fact base lists every office ${fullName(person)} held`
              }.`
            : `${fullName(person)} is not recorded in any office called "${bf.text.slice(titled.wording.start, titled.wording.end)}"; ${onDays(day)} ${held
                .map((h) => (h.holders.length > 0 ? `the ${h.office.title} was ${who(h)}` : `no ${h.office.title} is recorded`))
                .join(', and ')}.`,
        facts: [
          { kind: 'person', id: person.id },
          ...offices.map((o) => ({ kind: 'office' as const, id: o.id })),
          ...all.map((h) => ({ kind: 'person' as const, id: h.person.id })),
        ],
      };
      const single = all.length === 1 && days.every((d) => covers(all[0]!, d)) ? all[0]!.person : undefined;
      yield onTitle(finding, read, () => officeFixes(bf, facts, titled, single, day));
    }
  },
};
export default rule;

/**
 * Whether the written title names the country of every office it may mean, by the country's name, its demonym or its
 * capital ("Ruritanian Foreign Minister", "Ruritania's foreign minister", "Strelsau's foreign minister"): it is that
 * country's office, whoever the name is.
 */
function namesCountry(bf: BlockFacts, titled: TitledName): boolean {
  const written = itemsIn(bf.tokens, titled.title);
  const places = bf.index.places.find(bf.text, written).flatMap((m) => m.values);
  const named = new Set(places.map((p) => p.country?.toLowerCase()).filter((c) => c !== undefined));
  return titled.offices.length > 0 && titled.offices.every((o) => o.country !== undefined && named.has(o.country.toLowerCase()));
}
