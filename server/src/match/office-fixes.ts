import type { FactBase, Office, Person, Tenure } from '../facts/types.js';
import { sureTerm } from '../facts/dates.js';
import type { Fix } from '../finding.js';
import type { BlockFacts } from './analyse.js';
import { fullName } from './names.js';
import type { TitledName } from './titles.js';

/**
 * The corrections of a person given an office they did not hold: the mistake may be in the name or in the title,
 * so these are alternatives, never one certain fix. Put the holder's name in place of the written one (when one
 * person held the office); or put an office the person did hold that day in place of the title, else drop the
 * title. Fewer than two alternatives give no fix at all: a lone fix would read as certain.
 */
export function officeFixes(
  bf: BlockFacts,
  facts: FactBase,
  titled: TitledName,
  holder: Person | undefined,
  [start, end]: [string, string],
): Fix[] {
  const fixes: Fix[] = [];
  const { person, name } = titled;
  if (holder && holder !== person) {
    const newText = fullName(holder);
    fixes.push({ title: `Replace the name with "${newText}"`, edits: [{ start: name.start, end: name.end, newText }] });
  }
  const written = bf.text.slice(titled.title.start, titled.title.end);
  const sure = (t: Tenure) => sureTerm(t.written);
  const held = [
    ...new Set(
      person.offices
        .filter((t) => {
          const s = sure(t);
          return s && s.from <= start && (s.to === undefined || end <= s.to);
        })
        .map((t) => t.office),
    ),
  ]
    .map((id) => facts.offices.get(id))
    .filter((o): o is Office => o !== undefined && !titled.offices.includes(o));
  for (const office of held.slice(0, 2)) {
    const newText = wordingLike(office, written);
    fixes.push({ title: `Replace the title with "${newText}"`, edits: [{ start: titled.title.start, end: titled.title.end, newText }] });
  }
  if (held.length === 0) fixes.push({ title: `Remove the title "${written}"`, edits: removal(bf.text, titled) });
  return fixes.length >= 2 ? fixes : [];
}

/** The office's wording closest in form to the written title: same initial case, same first word, then the shortest. */
function wordingLike(office: Office, written: string): string {
  const upper = (s: string) => s[0] !== s[0]?.toLowerCase();
  const first = (s: string) => s.split(/\s+/)[0]!.toLowerCase();
  const score = (w: string) => (upper(w) === upper(written) ? 4 : 0) + (first(w) === first(written) ? 2 : 0) - w.length / 1000;
  return office.wordings.reduce((best, w) => (score(w) > score(best) ? w : best));
}

/** The edits that drop a title and the punctuation, article and "then" that go with it, leaving the name. */
function removal(text: string, titled: TitledName): Fix['edits'] {
  const { name, title } = titled;
  if (titled.form === 'apposition') {
    return [{ start: name.end, end: text[title.end] === ',' ? title.end + 1 : title.end, newText: '' }];
  }
  if (titled.form === 'as') {
    const as = /[ \u00a0]+as[ \u00a0]+(?:the[ \u00a0]+)?$/.exec(text.slice(Math.max(0, title.start - 12), title.start));
    return [{ start: title.start - (as?.[0].length ?? 0), end: title.end, newText: '' }];
  }
  const article = /(?:^|[ \u00a0])((?:the|a|an)[ \u00a0]+(?:then[ \u00a0-]+)?|then[ \u00a0-]+)$/i.exec(
    text.slice(Math.max(0, title.start - 10), title.start),
  );
  const from = article ? title.start - article[1]!.length : title.start;
  const edits = [{ start: from, end: name.start, newText: '' }];
  if (titled.form === 'comma' && text[name.end] === ',') edits.push({ start: name.end, end: name.end + 1, newText: '' });
  return edits;
}
