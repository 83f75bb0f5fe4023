import type { FactBase, Office, Person } from '../facts/types.js';
import { dayNumber } from './dates.js';
import type { Span } from '../markdown/prose.js';
import { itemsIn, perBlock, type BlockFacts } from './analyse.js';
import { perIndex, type FactIndex, type Holder } from './compile.js';
import type { NameMention } from './names.js';
import type { PhraseMatch } from './phrases.js';
import { tokenAt, tokenize, type Token } from './tokens.js';

/** A person's name with an office wording attached to it ("Premier X", "X, Ruritania's premier,", "the premier, X"). */
export interface TitledName {
  name: NameMention;
  person: Person;
  wording: PhraseMatch<Office>;
  /** The offices the wording can mean here: narrowed by a written qualifier ("Ruritanian", "Ruritania's") when there is one. */
  offices: Office[];
  /**
   * How the title is attached: right before the name, in apposition after it, before it with a comma, after "as"
   * later in the sentence ("X visited Minsk as chairman of Y"), or in another cell of the name's table row.
   */
  form: 'before' | 'apposition' | 'comma' | 'as' | 'row';
  /** Whether "then" qualifies the title ("then premier"): it is the title as of the sentence's own time. */
  then: boolean;
  /** The written title: the wording and a qualifier attached to it ("Ruritanian", "Ruritania's"). */
  title: Span;
  /** From the first to the last character of wording and name. */
  start: number;
  end: number;
}

/**
 * Words before a title that make it speak of another time or a lesser office ("former", "vice", "would-be"). Not
 * "then": "then premier" is the title as of the sentence's time, which is the time the title is judged on.
 */
export const MODIFIERS = new Set([
  'former',
  'ex',
  'late',
  'future',
  'incoming',
  'outgoing',
  'new',
  'newly',
  'acting',
  'interim',
  'vice',
  'deputy',
  'assistant',
  'later',
  'next',
  'previous',
  'past',
  'retired',
  'onetime',
  'erstwhile',
  'honorary',
  'be',
  'elect',
]);
const SPACES = /^[ \u00a0]+$/;
const COMMA = /^,[ \u00a0]+$/;
/**
 * Between a name and a title in apposition: ", " then optionally "then" (or "who was then"), an article and one
 * capitalised qualifier or possessive ("X, then China's premier,", "X, who was then the premier,"). Not "who was"
 * alone: a relative clause may speak of a career ("who was foreign minister for a decade").
 */
export const APPOSITION =
  /^,[ \u00a0]+(?:(?:who[ \u00a0]+was[ \u00a0]+)?then[ \u00a0\-\u2010\u2011]+)?(?:(?:the|a|an)[ \u00a0]+)?(?:(\p{Lu}[\p{L}.-]*?)(?:['\u2019]s)?[ \u00a0]+)?$/u;
/** After a title: it names another office ("premier's", "minister of", "-designate"), or it is one of a list ("and"). */
export const NOT_THE_OFFICE =
  /^(?:['\u2019]s(?![\p{L}])|[ \u00a0]+of[ \u00a0]|[-\u2010\u2011](?:designate|elect)|,?[ \u00a0]+(?:and|or|&|emeritus)(?![\p{L}]))/iu;
/** What may follow a name introduced by "the title, ": the end of a clause. */
export const CLAUSE_END = /^(?:$|[ \u00a0]*[,.;:!?)\]\u2014\u2013"\u201d])/;

/**
 * Finds, in one pass over a block's office wordings and person names, which wording is attached to which name:
 * the wording right before the name (only spaces between, or ", " when the name then ends the clause), or the
 * wording in apposition after it (", " with an optional "the"/"a" and one qualifier such as "Ruritania's").
 * Skips titles with a modifier ("former Premier"), unsure names (near misses, spellings several people share)
 * and qualified titles whose qualifier fits none of the offices.
 */
export const titledNames = perBlock((bf): TitledName[] => (bf.offices.length === 0 ? [] : find(bf)));

function find(bf: BlockFacts): TitledName[] {
  const text = bf.text;
  const tokens = bf.tokens;
  const people = bf.names.filter((n) => n.form.kind === 'person' && !n.fuzzy && !ambiguous(bf, n));
  const dateEnds = new Set(bf.dates.map((d) => d.end));
  const offices = bf.offices;
  const found: TitledName[] = [];
  let p = 0;
  for (let w = 0; w < offices.length; w++) {
    const wording = offices[w]!;
    while (p < people.length && people[p]!.start < wording.end) p++;
    if (modified(text, tokens, wording)) continue;
    const after = people[p];
    const before = p > 0 && people[p - 1]!.end <= wording.start && wording.start - people[p - 1]!.end <= 40 ? people[p - 1] : undefined;
    const gapAfter = after && after.start - wording.end <= 3 ? text.slice(wording.end, after.start) : undefined;
    if (gapAfter !== undefined && SPACES.test(gapAfter)) {
      attach(bf, found, after!, wording, 'before', qualifierBefore(text, tokens, wording, dateEnds), thenBefore(text, tokens, wording));
      continue;
    }
    const apposition = before ? APPOSITION.exec(text.slice(before.end, wording.start)) : null;
    const listed = offices[w + 1] && /^,[ \u00a0]+(?:the[ \u00a0]+)?$/.test(text.slice(wording.end, offices[w + 1]!.start));
    const commaBefore = gapAfter !== undefined && COMMA.test(gapAfter);
    if (apposition && !commaBefore && !listed && !NOT_THE_OFFICE.test(text.slice(wording.end, wording.end + 12))) {
      const qualifier =
        apposition[1] === undefined ? undefined : { text: apposition[1], start: before!.end + apposition[0].lastIndexOf(apposition[1]) };
      attach(bf, found, before!, wording, 'apposition', qualifier, /\bthen\b/.test(apposition[0]));
    } else if (!apposition && commaBefore && CLAUSE_END.test(text.slice(after!.end, after!.end + 2))) {
      attach(bf, found, after!, wording, 'comma', qualifierBefore(text, tokens, wording, dateEnds), thenBefore(text, tokens, wording));
    } else {
      const as = AS_TITLE.exec(text.slice(Math.max(0, wording.start - 40), wording.start));
      const person = as && !NOT_THE_OFFICE.test(text.slice(wording.end, wording.end + 12)) ? actor(bf, people, wording) : undefined;
      const qualifier = as?.[1] === undefined ? undefined : { text: as[1], start: wording.start - as[0].length + as[0].lastIndexOf(as[1]) };
      if (person) attach(bf, found, person, wording, 'as', qualifier, false);
    }
  }
  return found;
}

/**
 * "as" before a title, with "the" or one qualifier between ("as chairman of X", "as China's premier"): the office
 * in which someone acted. Not "such as", "as well as" and the like, which do not give a role.
 */
const AS_TITLE =
  /(?<![\p{L}](?:such|well|same|so|soon|long|far|much)[ \u00a0]+)(?<![\p{L}])as[ \u00a0]+(?:the[ \u00a0]+)?(?:(\p{Lu}[\p{L}.-]*?)(?:['\u2019]s)?[ \u00a0]+)?$/u;

/** Words of a change of office ("nominated as", "succeeded X as", "stepped down as"): the title is not held then. */
export const CHANGE =
  /^(?:nominat\w*|propos(?:e|ed|es|ing)|appoint\w*|elect(?:s|ed|ion)?|named?|names|chos(?:e|en)|picked|tipped|designat\w*|confirm(?:s|ed|ation)?|endors\w*|install\w*|sworn|swear\w*|succeed\w*|successor|replac\w*|became|become|becomes|becoming|took|take|takes|taking|retir\w*|resign\w*|step(?:s|ped)|ousted|removed|dismiss\w*|sacked|fired|candidate\w*|running|ran)$/;

/**
 * Who acted "as" a title: the one person named before it in its sentence who could hold it (held it at some time,
 * or is of its country), when every other person named there is of a known country that cannot. Undefined when none
 * or several could: "X met Y as foreign minister" may speak of either.
 */
function actor(bf: BlockFacts, people: NameMention[], wording: PhraseMatch<Office>): NameMention | undefined {
  const sentence = bf.sentenceAt(wording.start);
  const named = people.filter((n) => n.start >= sentence.start && n.end <= wording.start);
  if (named.length === 0 || itemsIn(bf.tokens, { start: named[0]!.end, end: wording.start }).some((t) => CHANGE.test(t.lower)))
    return undefined;
  const could = (person: Person) =>
    wording.values.some(
      (o) =>
        person.offices.some((t) => t.office === o.id) || (o.country !== undefined && countriesOf(person, bf.index.facts).has(o.country)),
    );
  const fits = named.filter((n) => could(n.form.entity as Person));
  const others = named.filter((n) => !fits.includes(n));
  if (
    new Set(fits.map((n) => n.form.entity)).size !== 1 ||
    others.some((n) => countriesOf(n.form.entity as Person, bf.index.facts).size === 0)
  )
    return undefined;
  return fits[fits.length - 1];
}

/** Whether "then" stands among the three words before the wording ("then premier", "the then Chinese premier"). */
function thenBefore(text: string, tokens: Token[], wording: PhraseMatch<Office>): boolean {
  for (let k = wording.first - 1; k >= 0 && k >= wording.first - 3; k--) {
    if (!/^[ \u00a0\-\u2010\u2011]+$/.test(text.slice(tokens[k]!.end, tokens[k + 1]!.start))) return false;
    if (tokens[k]!.lower === 'then') return true;
  }
  return false;
}

/** A qualifier written outside the wording ("Ruritanian" before "Premier"): its text and where it starts. */
interface Qualifier {
  text: string;
  start: number;
}

function attach(
  bf: BlockFacts,
  found: TitledName[],
  name: NameMention,
  wording: PhraseMatch<Office>,
  form: TitledName['form'],
  qualifier: Qualifier | undefined,
  then: boolean,
): void {
  const titled = titledAs(bf, name, wording, form, qualifier, then);
  if (titled) found.push(titled);
}

function titledAs(
  bf: BlockFacts,
  name: NameMention,
  wording: PhraseMatch<Office>,
  form: TitledName['form'],
  qualifier: Qualifier | undefined,
  then: boolean,
): TitledName | undefined {
  const offices = qualifier === undefined ? wording.values : wording.values.filter((o) => fitsQualifier(bf, o, qualifier.text));
  if (offices.length === 0) return undefined;
  return {
    name,
    person: name.form.entity as Person,
    wording,
    offices,
    form,
    then,
    title: { start: qualifier?.start ?? wording.start, end: wording.end },
    start: Math.min(name.start, wording.start),
    end: Math.max(name.end, wording.end),
  };
}

/**
 * A title written apart from the name it belongs to (another cell of its table row), read as the titles of a
 * sentence are: not when a word before it or a suffix changes its office or time ("former", "-designate"), when
 * it names another office ("premier's", "minister of"), or when the name is unsure; narrowed by its qualifier.
 */
export function attachedTitle(
  bf: BlockFacts,
  name: NameMention,
  wording: PhraseMatch<Office>,
  form: TitledName['form'],
): TitledName | undefined {
  const { text, tokens } = bf;
  if (
    name.fuzzy ||
    ambiguous(bf, name) ||
    modified(text, tokens, wording) ||
    NOT_THE_OFFICE.test(text.slice(wording.end, wording.end + 12))
  )
    return undefined;
  const dateEnds = new Set(bf.dates.map((d) => d.end));
  return titledAs(bf, name, wording, form, qualifierBefore(text, tokens, wording, dateEnds), thenBefore(text, tokens, wording));
}

/** Whether a spelling, as written, is listed for more than one person or organisation. */
function ambiguous(bf: BlockFacts, name: NameMention): boolean {
  const match = bf.index.names.matchAt(bf.text, bf.tokens, tokenAt(bf.tokens, name.start));
  return !!match && match.end === name.end && match.values.some((f) => f.entity !== name.form.entity);
}

/** Whether one of the two words right before the wording, or a suffix after it, changes what office or time it means. */
function modified(text: string, tokens: Token[], wording: PhraseMatch<Office>): boolean {
  for (let k = wording.first - 1; k >= 0 && k >= wording.first - 2; k--) {
    if (!/^[ \u00a0\-\u2010\u2011]+$/.test(text.slice(tokens[k]!.end, tokens[k + 1]!.start))) break;
    if (MODIFIERS.has(tokens[k]!.lower)) return true;
  }
  return /^[-\u2010\u2011](?:designate|elect)(?![\p{L}])/iu.test(text.slice(wording.end, wording.end + 12));
}

/** A capitalised word ("Ruritanian") or possessive ("Ruritania's") right before the wording, unless it starts a sentence or ends a date. */
function qualifierBefore(text: string, tokens: Token[], wording: PhraseMatch<Office>, dateEnds: Set<number>): Qualifier | undefined {
  let k = wording.first - 1;
  if (k < 0 || !/^[ \u00a0]+$/.test(text.slice(tokens[k]!.end, wording.start))) return undefined;
  if (tokens[k]!.lower === 's' && k > 0 && /^['\u2019]$/.test(text.slice(tokens[k - 1]!.end, tokens[k]!.start))) k--;
  const token = tokens[k]!;
  const c = token.text[0]!;
  if (c === c.toLowerCase() || dateEnds.has(token.end)) return undefined;
  const before = text.slice(Math.max(0, token.start - 4), token.start).trimEnd();
  return before === '' || /[.!?:;"\u201c([\u2014]$/.test(before) ? undefined : { text: token.text, start: token.start };
}

/**
 * Whether a qualifier names the office's country or a word of its title or wordings ("Ruritanian" fits Ruritania;
 * "UN" fits "UN Secretary-General"), or is the capital of its country ("Beijing's foreign minister").
 */
function fitsQualifier(bf: BlockFacts, office: Office, qualifier: string): boolean {
  const key = qualifier.toLowerCase().slice(0, 4);
  if (
    [office.country ?? '', office.title, ...office.wordings].some((s) =>
      s
        .toLowerCase()
        .split(/[^\p{L}]+/u)
        .some((w) => w.startsWith(key)),
    )
  )
    return true;
  const country = office.country?.toLowerCase();
  return (
    country !== undefined &&
    bf.index.places
      .find(qualifier, tokenize(qualifier))
      .some(
        (m) =>
          m.start === 0 && m.end === qualifier.length && m.values.some((p) => p.kind === 'city' && p.country?.toLowerCase() === country),
      )
  );
}

/** The countries a person belongs to: their own and those of every office they held. */
export function countriesOf(person: Person, facts: FactBase): Set<string> {
  const countries = new Set<string>();
  if (person.country) countries.add(person.country);
  for (const tenure of person.offices) {
    const country = facts.offices.get(tenure.office)?.country;
    if (country) countries.add(country);
  }
  return countries;
}

/** Who held an office at any time within an inclusive interval. */
export function holdersDuring(holders: Holder[] | undefined, [start, end]: [string, string]): Holder[] {
  return (holders ?? []).filter((h) => h.from <= end && (h.to === undefined || start <= h.to));
}

/** Whether a holder's term covers the whole interval. */
export function covers(holder: Holder, [start, end]: [string, string]): boolean {
  return holder.from <= start && (holder.to === undefined || end <= holder.to);
}

/** Titles of posts several people hold at once: deputies, members, spokespeople. */
const SHARED_TITLE = /\b(?:vice|deputy|assistant|member|spokes(?:person|man|woman)|adviser|advisor|envoy)\b/i;
/** Whether each office (by id) may be held by several people at once: see `isShared`. */
const sharedOffices = perIndex(() => new Map<string, boolean>());

/**
 * Whether several people may hold an office at once, so that one holder says nothing about another: marked
 * `shared` in the fact base, titled as a deputy, member or spokesperson (unless marked `shared: false`), or held by
 * two people whose recorded terms overlap by more than the day of a handover.
 */
export function isShared(index: FactIndex, office: Office): boolean {
  const shared = sharedOffices(index);
  let found = shared.get(office.id);
  if (found === undefined) {
    const list = index.holders.get(office.id) ?? [];
    found =
      office.shared === true ||
      (office.shared === undefined && SHARED_TITLE.test(office.title)) ||
      list.some((a, i) =>
        list.some(
          (b, j) =>
            j > i &&
            a.person !== b.person &&
            Math.min(dayNumber(a.to ?? '9999-12-31'), dayNumber(b.to ?? '9999-12-31')) - Math.max(dayNumber(a.from), dayNumber(b.from)) > 1,
        ),
      );
    shared.set(office.id, found);
  }
  return found;
}

/** Whether the recorded terms of people other than one person together cover every day of an inclusive interval. */
export function othersCover(holders: Holder[] | undefined, person: Person, [start, end]: [string, string]): boolean {
  const terms = (holders ?? []).filter((h) => h.person !== person).sort((a, b) => a.from.localeCompare(b.from));
  let next = dayNumber(start);
  for (const h of terms) {
    if (dayNumber(h.from) > next) break;
    if (h.to === undefined) return true;
    next = Math.max(next, dayNumber(h.to) + 1);
    if (next > dayNumber(end)) return true;
  }
  return false;
}

/**
 * Whether the fact base affirms that a person did not hold an office at any time of an interval: their offices are
 * recorded in full, or the office is held by one person at a time and others held it for the whole interval.
 */
export function affirmedNotHeld(index: FactIndex, person: Person, office: Office, day: [string, string]): boolean {
  if (person.officesComplete) return true;
  return !isShared(index, office) && othersCover(index.holders.get(office.id), person, day);
}
