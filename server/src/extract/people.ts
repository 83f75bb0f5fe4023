import { PhraseMatcher, type PhraseMatch } from '../match/phrases.js';
import { COUNTRIES as GAZETTEER } from '../match/places.data.js';
import { APPOSITION, CLAUSE_END, MODIFIERS, NOT_THE_OFFICE } from '../match/titles.js';
import { isCapitalized, type Token } from '../match/tokens.js';

// The engine's title reader (match/titles.ts) in reverse: where it finds a known office's wording attached to a known
// person, this finds a title word attached to any capitalised name, with the same attachments (before the name, in
// apposition after it, "the title, Name").

/** A name with the title a source gives it. */
export interface Titled {
  name: string;
  /** The title as an office: "President", "Chairman of the Standing Committee of the National People's Congress". */
  title: string;
  /** The words as written, qualifier included ("Chinese President"). */
  wording: string;
  country?: string;
  start: number;
  end: number;
}

/** An office word written without a name ("the Belarusian leader"), with the country its qualifier gives. */
export interface Unnamed {
  title: string;
  wording: string;
  country: string;
  start: number;
}

/** Titles of office, generic English; "of …" after them ("Minister of Foreign Affairs") is read separately. */
const TITLES = new PhraseMatcher<string>();
for (const t of [
  'president',
  'vice president',
  'premier',
  'vice premier',
  'prime minister',
  'deputy prime minister',
  'first deputy prime minister',
  'chairman',
  'chairwoman',
  'chairperson',
  'foreign minister',
  'defence minister',
  'defense minister',
  'economy minister',
  'finance minister',
  'trade minister',
  'minister',
  'deputy minister',
  'ambassador',
  'speaker',
  'chancellor',
  'king',
  'queen',
  'secretary-general',
  'secretary general',
  'general secretary',
  'secretary of state',
  'state councillor',
  'state councilor',
  'spokesperson',
  'spokesman',
  'spokeswoman',
  'governor',
  'mayor',
  'leader',
  'head of state',
  'envoy',
  'special envoy',
  'chief executive',
  'ceo',
  'director general',
  'director-general',
  'crown prince',
  'fm',
  'pm',
  'emir',
  'amir',
  'sultan',
]) {
  TITLES.add(t, t);
}

/** Nationality adjectives and the countries they name. */
export const COUNTRIES = new Map<string, string>(
  Object.entries({
    american: 'United States',
    armenian: 'Armenia',
    azerbaijani: 'Azerbaijan',
    belarusian: 'Belarus',
    brazilian: 'Brazil',
    british: 'United Kingdom',
    chinese: 'China',
    egyptian: 'Egypt',
    estonian: 'Estonia',
    finnish: 'Finland',
    french: 'France',
    georgian: 'Georgia',
    german: 'Germany',
    hungarian: 'Hungary',
    indian: 'India',
    iranian: 'Iran',
    israeli: 'Israel',
    italian: 'Italy',
    japanese: 'Japan',
    kazakh: 'Kazakhstan',
    kazakhstani: 'Kazakhstan',
    korean: 'Korea',
    kyrgyz: 'Kyrgyzstan',
    latvian: 'Latvia',
    lithuanian: 'Lithuania',
    moldovan: 'Moldova',
    mongolian: 'Mongolia',
    pakistani: 'Pakistan',
    polish: 'Poland',
    russian: 'Russia',
    saudi: 'Saudi Arabia',
    serbian: 'Serbia',
    spanish: 'Spain',
    syrian: 'Syria',
    tajik: 'Tajikistan',
    turkish: 'Turkey',
    turkmen: 'Turkmenistan',
    ukrainian: 'Ukraine',
    uzbek: 'Uzbekistan',
    venezuelan: 'Venezuela',
    vietnamese: 'Vietnam',
  }),
);
const COUNTRY_NAMES = new Set([...COUNTRIES.values()].map((c) => c.toLowerCase()));

/** Words of address before a name ("Dr Saad …", "Lord Dominic Johnson", "Sheikh Mishal …"): they end a title's words. */
const HONORIFICS_LIST = ['dr', 'lord', 'lady', 'sir', 'dame', 'sheikh', 'sheikha', 'hh', 'hrh', 'madam', 'prof', 'professor'];
const HONORIFICS = new Set(HONORIFICS_LIST);
/** Abbreviations of countries written before a title ("US President"), in capitals only. */
const ABBREVIATED = new Map([
  ['US', 'United States'],
  ['U.S.', 'United States'],
  ['UK', 'United Kingdom'],
  ['EU', 'European Union'],
  ['UAE', 'United Arab Emirates'],
]);
/** Every name of a country, in lower case: a name that is one is no person ("United Kingdom"). */
const PLACE_NAMES = new Set(GAZETTEER.flatMap((c) => [...c.names, ...c.capitals]).map((n) => n.toLowerCase()));
/** Whether words read as a name are a country's or a capital's name. */
export const isPlaceName = (name: string) => PLACE_NAMES.has(name.toLowerCase());

/** Capitalised words that start sentences or name no one ("On", "The", months, days, places' nouns). */
const NOT_NAMES = new Set([
  'the',
  'a',
  'an',
  'on',
  'in',
  'at',
  'and',
  'but',
  'or',
  'of',
  'for',
  'to',
  'with',
  'by',
  'during',
  'after',
  'before',
  'earlier',
  'later',
  'this',
  'that',
  'these',
  'his',
  'her',
  'their',
  'its',
  'it',
  'he',
  'she',
  'they',
  'we',
  'i',
  'mr',
  'mrs',
  'ms',
  'dr',
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'hall',
  'square',
  'palace',
  'committee',
  'congress',
  'group',
  'company',
  'ministry',
  'university',
  'party',
  'republic',
  'union',
  'council',
  'agency',
  'bank',
  'house',
  'park',
  'people',
  'state',
  'government',
  'news',
  'media',
  'summit',
  'forum',
  'belt',
  'road',
  'initiative',
  'sco',
  'un',
  'eu',
  'nato',
  'brics',
  'us',
  'uk',
  'west',
  'east',
  'north',
  'south',
  'xinhua',
  'belta',
  'tass',
  'reuters',
  'president',
  'premier',
  'minister',
  'chairman',
  'leader',
  'prime',
  'foreign',
  'deputy',
  'vice',
  'general',
  'secretary',
  'ambassador',
  ...HONORIFICS_LIST,
  // Words of titles and of bodies' names, never of a person's: "Ambassador Extraordinary", "Lao National Assembly".
  'extraordinary',
  'plenipotentiary',
  'national',
  'assembly',
  'parliament',
  'office',
  'corporation',
  'association',
  'institute',
  'organisation',
  'organization',
  'commission',
  'federation',
  'administration',
  'court',
  'bureau',
  'department',
  'embassy',
  // Verbs of Title Case headlines: "President Lukashenko Makes …", "Belarus President Plans …".
  'makes',
  'plans',
  'visits',
  'says',
  'meets',
  'holds',
  'arrives',
  'signs',
  'calls',
  'heads',
  'wraps',
  'urges',
  'vows',
  'hails',
  'seeks',
  'pays',
  'leaves',
  'returns',
  'begins',
  'opens',
  'welcomes',
  'receives',
  'discusses',
  'agrees',
  'agree',
  'talks',
]);

const SPACE = /^[ \u00a0]$/;
const CAP_WORD = /^\p{Lu}[\p{Ll}\p{M}'’-]+$/u;

/** Whether a token can be part of a person's name: a capitalised word that is no function word, month, nationality or country. */
function nameWord(t: Token | undefined): boolean {
  return t !== undefined && CAP_WORD.test(t.text) && !NOT_NAMES.has(t.lower) && !COUNTRIES.has(t.lower) && !COUNTRY_NAMES.has(t.lower);
}

/** The name starting at token i: one to three name words, single spaces or hyphens between; its last token index. */
export function nameAt(text: string, tokens: Token[], i: number): number | undefined {
  if (!nameWord(tokens[i])) return undefined;
  let last = i;
  // Up to three words; the parts of a hyphenated word ("Al-Ahmad") count as one.
  let words = 1;
  for (;;) {
    const gap = tokens[last + 1] ? text.slice(tokens[last]!.end, tokens[last + 1]!.start) : '';
    if (!nameWord(tokens[last + 1]) || !/^[ \u00a0-]$/.test(gap) || (gap !== '-' && words === 3)) break;
    if (gap !== '-') words++;
    last++;
  }
  // A country's or a capital's name is no person's ("United Kingdom").
  if (isPlaceName(text.slice(tokens[i]!.start, tokens[last]!.end))) return undefined;
  // A name followed by "'s" is still a name ("Xi Jinping's"); one followed by more capitalised words is an organisation.
  return last;
}

/** The first token after words of address from token i ("Dr", "Lord", "Sheikh"): where the name they introduce starts. */
function afterHonorifics(tokens: Token[], i: number): number {
  let k = i;
  while (tokens[k + 1] && HONORIFICS.has(tokens[k]!.lower)) k++;
  return k;
}

/** The country a qualifier names: a nationality ("Chinese") or a possessive country ("China's"). */
function countryOf(word: string | undefined): string | undefined {
  if (!word) return undefined;
  if (ABBREVIATED.has(word)) return ABBREVIATED.get(word);
  const lower = word.toLowerCase();
  if (COUNTRIES.has(lower)) return COUNTRIES.get(lower);
  return [...COUNTRIES.values()].find((c) => c.toLowerCase() === lower);
}

/** "of the Standing Committee of the National People's Congress" after a title, up to the end of the clause. */
function ofPhrase(text: string, end: number): string {
  const m = /^[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?\p{Lu}[^,.;:()\u2014\u2013]*/u.exec(text.slice(end));
  if (!m) return '';
  // Only capitalised words and joining words: "of the Standing Committee of the NPC", not "of the visit".
  const words = m[0].trim().split(/[ \u00a0]+/);
  let keep = 0;
  for (let k = 0; k < words.length; k++) {
    if (HONORIFICS.has(words[k]!.toLowerCase().replace(/\.$/, ''))) break;
    // "… and Investment and Acting Minister of Finance": another title starts; this one ends before "and".
    if (words[k] === 'and' && /^(?:Acting|Deputy|First|Vice|Minister|Secretary|President|Chairman|Head)$/.test(words[k + 1] ?? '')) break;
    if (/^\p{Lu}/u.test(words[k]!)) keep = k + 1;
    else if (!/^(?:of|the|and|for|on)$/.test(words[k]!)) break;
  }
  return keep <= 1 ? '' : ` ${words.slice(0, keep).join(' ')}`;
}

const titleCase = (s: string) =>
  s
    .replace(/(^|[ -])(\p{Ll})/gu, (_, sep: string, c: string) => sep + c.toUpperCase())
    .replace(/ (Of|The|And|For|On)(?= )/g, (w) => w.toLowerCase());

/** Titled names in a sentence, by the three attachments of match/titles.ts; unnamed titles with a nationality too. */
export function titledIn(text: string, tokens: Token[]): { titled: Titled[]; unnamed: Unnamed[] } {
  const titled: Titled[] = [];
  const unnamed: Unnamed[] = [];
  for (const m of TITLES.find(text, tokens)) {
    const prev = tokens[m.first - 1];
    // "Acting Minister of Finance" is an office of its own, held at the time; "former", "deputy" … are not this one.
    const acting = prev && /^(?:acting|interim)$/.test(prev.lower) && isCapitalized(prev) ? prev.start : undefined;
    if (prev && MODIFIERS.has(prev.lower) && acting === undefined) continue;
    const from = acting ?? m.start;
    const qualifier = qualifierBefore(text, tokens, m);
    const capital = isCapitalized(tokens[m.first]!);
    const wordingStart = qualifier?.start ?? from;
    let of = ofPhrase(text, m.end);
    // "Minister of Foreign Affairs Sergei Aleinik", "President of China Xi Jinping": a name ending the phrase is the titled name.
    // "President of Belarus Alexander Lukashenka and President of China …": the title stops at the name after the country.
    const named = of ? nameAfterCountry(text, tokens, m.end, of) : undefined;
    if (named) of = named.of;
    const tail = named?.name ?? (of ? trailingName(text, tokens, m.end + of.length) : undefined);
    if (tail) of = of.slice(0, tail.start - m.end).trimEnd();
    const ofCountry =
      [...COUNTRY_NAMES].find((c) => new RegExp(`\\b${c}$`, 'i').test(of.replace(/^ of (?:the )?(?:Republic of )?/i, ''))) ??
      [...COUNTRY_NAMES].find((c) => new RegExp(`\\bof (?:the )?(?:Republic of |People's Republic of )?${c}\\b`, 'i').test(of));
    const country = countryOf(qualifier?.text) ?? (ofCountry ? countryOf(ofCountry) : undefined);
    // "President of China" is the President, of China.
    if (ofCountry) of = of.replace(new RegExp(` of (?:the )?(?:(?:People's )?Republic of )?${ofCountry}$`, 'i'), '');
    const title = titleCase(text.slice(from, m.end) + of);
    const after = m.end + of.length;
    if (tail) {
      titled.push({ name: tail.name, title, country, wording: text.slice(wordingStart, after), start: wordingStart, end: tail.end });
      continue;
    }
    // After words of address: "Minister of Investment Lord Dominic Johnson", "the Crown Prince Sheikh Mishal …".
    const k0 = tokens.findIndex((t) => t.start >= after);
    if (!tail && k0 >= 0 && HONORIFICS.has(tokens[k0]!.lower) && SPACE.test(text.slice(after, tokens[k0]!.start))) {
      const k = afterHonorifics(tokens, k0);
      const end = k > k0 ? nameAt(text, tokens, k) : undefined;
      if (end !== undefined) {
        const name = text.slice(tokens[k]!.start, tokens[end]!.end);
        titled.push({ name, title, country, wording: text.slice(wordingStart, after), start: wordingStart, end: tokens[end]!.end });
        continue;
      }
    }
    // Before the name: "Chinese President Xi Jinping", "Premier Li Qiang" (a title in lower case needs a qualifier).
    const next = m.last + 1;
    const nameEnd =
      !of && SPACE.test(text.slice(m.end, tokens[next]?.start ?? m.end)) && (capital || country) ? nameAt(text, tokens, next) : undefined;
    if (nameEnd !== undefined) {
      titled.push({
        name: text.slice(tokens[next]!.start, tokens[nameEnd]!.end),
        title: titleCase(text.slice(from, m.end)),
        country,
        wording: text.slice(wordingStart, m.end),
        start: wordingStart,
        end: tokens[nameEnd]!.end,
      });
      continue;
    }
    const definite = /\bthe[ \u00a0]+$/i.test(text.slice(Math.max(0, wordingStart - 4), wordingStart));
    if (country && definite && !of && !/^[ \u00a0]*,/.test(text.slice(m.end)) && !appositionBefore(text, tokens, wordingStart)) {
      unnamed.push({ title, wording: text.slice(wordingStart, after), country, start: wordingStart });
      continue;
    }
    if (NOT_THE_OFFICE.test(text.slice(m.end, m.end + 12)) && !of) continue;
    // In apposition: "Li Zhanshu, chairman of the Standing Committee …," or "Xi Jinping, the Chinese president,".
    const before = appositionBefore(text, tokens, wordingStart);
    if (before && CLAUSE_END.test(text.slice(after, after + 2))) {
      titled.push({ ...before, title, country, wording: text.slice(wordingStart, after), end: after });
      continue;
    }
    // "the chairman of …, Li Zhanshu" (the name then ends its clause).
    const comma = /^,[ \u00a0]+/.exec(text.slice(after));
    const k = comma ? tokens.findIndex((t) => t.start === after + comma[0].length) : -1;
    const last = k >= 0 ? nameAt(text, tokens, k) : undefined;
    if (
      last !== undefined &&
      last > k - 1 &&
      CLAUSE_END.test(text.slice(tokens[last]!.end, tokens[last]!.end + 2)) &&
      /\bthe[ \u00a0]+$/i.test(text.slice(Math.max(0, wordingStart - 4), wordingStart))
    ) {
      titled.push({
        name: text.slice(tokens[k]!.start, tokens[last]!.end),
        title,
        country,
        wording: text.slice(wordingStart, after),
        start: wordingStart,
        end: tokens[last]!.end,
      });
    }
  }
  return { titled, unnamed };
}

/** Each name of a country, without accents, longest first, as a pattern that a capitalised word follows. */
const OF_COUNTRY = [...new Set(GAZETTEER.flatMap((c) => c.names).map((n) => sameLengthFold(n)))]
  .sort((a, b) => b.length - a.length)
  .map((n) => new RegExp(`\\b${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?= \\p{Lu})`, 'iu'));

/** A text with the accents taken off its letters ("Việt" → "Viet", "Đà" → "Da"), each letter keeping its place. */
function sameLengthFold(text: string): string {
  let out = '';
  for (const ch of text) {
    const base = ch === 'đ' ? 'd' : ch === 'Đ' ? 'D' : ch.normalize('NFD').replace(/\p{M}/gu, '');
    out += base.length === ch.length ? base : ch;
  }
  return out;
}

/**
 * A country's name inside a title's "of …" phrase followed by a name of two or three words: the title ends with the
 * country and the name is the titled person's ("of Belarus Alexander Lukashenka and President of China …").
 */
function nameAfterCountry(
  text: string,
  tokens: Token[],
  start: number,
  of: string,
): { of: string; name: { name: string; start: number; end: number } } | undefined {
  // Accents do not count ("Việt Nam" is "Viet Nam"); every name of a country does ("Socialist Republic of Vietnam").
  const plain = sameLengthFold(of);
  for (const c of OF_COUNTRY) {
    const at = c.exec(plain);
    if (!at) continue;
    const end = start + at.index + at[0].length;
    const k = tokens.findIndex((t) => t.start === end + 1);
    const last = k >= 0 ? nameAt(text, tokens, k) : undefined;
    if (last === undefined || last === k) continue;
    // The name ends the phrase, or joins another title: it must not run on into more of the office's words.
    if (tokens[last]!.end < start + of.length && !/^ and /.test(text.slice(tokens[last]!.end, tokens[last]!.end + 5))) continue;
    return {
      of: of.slice(0, at.index + at[0].length),
      name: { name: text.slice(tokens[k]!.start, tokens[last]!.end), start: tokens[k]!.start, end: tokens[last]!.end },
    };
  }
  return undefined;
}

/**
 * Two or three name words that end a title's "of …" phrase at `end` and are followed by the end of a clause or a verb:
 * the name the title is given to ("… of the Republic of Belarus Sergei Aleinik told"). One more word of the phrase
 * must come before them.
 */
function trailingName(text: string, tokens: Token[], end: number): { name: string; start: number; end: number } | undefined {
  let last = -1;
  for (let k = 0; k < tokens.length && tokens[k]!.end <= end; k++) last = k;
  if (last < 3 || tokens[last]!.end !== end || !nameWord(tokens[last])) return undefined;
  let first = last;
  // Two words ("Sergei Aleinik", "Ma Zhaoxu"), or three when hyphen-joined ("Kassym-Jomart Tokayev").
  while (
    first > last - 2 &&
    nameWord(tokens[first - 1]) &&
    (first === last || /^[-\u2010\u2011]$/.test(text.slice(tokens[first - 1]!.end, tokens[first]!.start))) &&
    /^[ \u00a0\-\u2010\u2011]$/.test(text.slice(tokens[first - 1]!.end, tokens[first]!.start))
  )
    first--;
  // Two name words at least, and a word of the phrase before them that is not "of" or "the".
  if (first === last || /^(?:of|the)$/.test(tokens[first - 1]!.lower)) return undefined;
  return { name: text.slice(tokens[first]!.start, tokens[last]!.end), start: tokens[first]!.start, end: tokens[last]!.end };
}

/** A nationality or "Country's" right before a title. */
function qualifierBefore(text: string, tokens: Token[], m: PhraseMatch<string>): { text: string; start: number } | undefined {
  const prev = tokens[m.first - 1];
  if (!prev || !SPACE.test(text.slice(prev.end, tokens[m.first]!.start))) return undefined;
  // A nationality ("Chinese President") or a country's name used as one ("Belarus President").
  if (countryOf(prev.text)) return { text: prev.text, start: prev.start };
  const owner = tokens[m.first - 2];
  if (prev.lower === 's' && owner && /^['\u2019]$/.test(text.slice(owner.end, prev.start)) && countryOf(owner.text)) {
    return { text: owner.text, start: owner.start };
  }
  return undefined;
}

/** The name a title is in apposition to: "Name, [then] [the] [qualifier] " right before the wording. */
function appositionBefore(text: string, tokens: Token[], wordingStart: number): { name: string; start: number } | undefined {
  const window = text.slice(Math.max(0, wordingStart - 80), wordingStart);
  const comma = window.lastIndexOf(',');
  if (comma < 0) return undefined;
  const at = wordingStart - window.length + comma;
  if (!APPOSITION.test(text.slice(at, wordingStart))) return undefined;
  // The name is the last one to three name words before the comma.
  let last = -1;
  for (let k = 0; k < tokens.length && tokens[k]!.end <= at; k++) last = k;
  if (last < 0 || tokens[last]!.end !== at || !nameWord(tokens[last])) return undefined;
  let first = last;
  while (
    first > 0 &&
    last - first < 2 &&
    nameWord(tokens[first - 1]) &&
    SPACE.test(text.slice(tokens[first - 1]!.end, tokens[first]!.start))
  )
    first--;
  if (first === last) return undefined;
  return { name: text.slice(tokens[first]!.start, tokens[last]!.end), start: tokens[first]!.start };
}

/**
 * Names without a title that act in the sentence: two or three name words right before a verb of a visit, a meeting
 * or a statement ("Alexander Lukashenka was on a visit", "Li Qiang met"), and a name after "counterpart".
 */
export function actorsIn(text: string, tokens: Token[]): { name: string; start: number }[] {
  const found: { name: string; start: number }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const last = nameAt(text, tokens, i);
    if (last === undefined) continue;
    const verb = tokens[last + 1];
    // "his counterpart Xi Jinping", "her British counterpart Rishi Sunak": a person, whose title is not given.
    const before = tokens[i - 1];
    if (before?.lower === 'counterpart' && SPACE.test(text.slice(before.end, tokens[i]!.start))) {
      found.push({ name: text.slice(tokens[i]!.start, tokens[last]!.end), start: tokens[i]!.start });
      i = last;
      continue;
    }
    if (
      last > i &&
      verb &&
      ACTS.test(verb.lower) &&
      SPACE.test(text.slice(tokens[last]!.end, verb.start)) &&
      (i === 0 || !isCapitalized(tokens[i - 1]!))
    ) {
      found.push({ name: text.slice(tokens[i]!.start, tokens[last]!.end), start: tokens[i]!.start });
    }
    i = last;
  }
  return found;
}

const ACTS =
  /^(?:was|is|has|had|visited|visits|met|meets|held|holds|arrived|arrives|paid|pays|received|receives|hosted|hosts|signed|signs|said|says|told|stated|announced|noted|stressed|emphasi[sz]ed|called|welcomed|welcomes|talked|spoke|adopted|left|departed|attended|expressed|will|would)$/;
