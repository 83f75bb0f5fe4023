// Names from Cyrillic, Chinese and other scripts reach English in several romanisations at once: Aleksandr,
// Alexander, Aleksander and Aliaksandr are one name, as are Yuri and Iurii, or Zhanshu and Chzhan'shu; and an
// organisation's name is spelt the British or the American way (Centre, Center; Defence, Defense; Labour, Labor). A spelling
// that differs from a known one only as romanisations differ is a variant someone chose, not a typing slip, so it is
// no near miss (name-misspelt stays for slips: a dropped, doubled or swapped letter, "Lukashnko", "Vladmir").

/** Rewrites applied in order, each mapping the romanisations of one sound onto one spelling. */
const REWRITES: [RegExp, string][] = [
  [/[\u0300-\u036f'\u2019\u02bc]/g, ''], // accents (after NFD) and apostrophes for soft signs
  [/tre(?=s?\b)/g, 'ter'], // Centre, Center
  [/our(?=s?\b)/g, 'or'], // Labour, Labor
  [/(?<=[a-z])is(?=e[sd]?\b|ation)/g, 'iz'], // Organisation, Organization
  [/ence(?=s?\b)/g, 'ense'], // Defence, Defense
  [/tsch|tch|cz/g, 'ch'],
  [/sch|sz|sh/g, 'sh'],
  [/zh|ż|ž/g, 'zh'],
  [/kh/g, 'h'],
  [/x/g, 'ks'],
  [/w/g, 'v'],
  [/tz|ts/g, 'c'],
  [/[jy]/g, 'i'],
  [/ie|ye/g, 'e'],
  [/([a-z])\1+/g, '$1'], // doubled letters
  [/(?<=[bcdfgklmnpstvz])er(?=\s|$)/g, 'r'], // Aleksander / Aleksandr
];

/** A name written in a canonical romanisation, so that two romanisations of one name compare equal. */
export function romanisationKey(name: string): string {
  let key = name.normalize('NFD').toLowerCase();
  for (const [pattern, replacement] of REWRITES) key = key.replace(pattern, replacement);
  return key;
}

/** Whether two spellings of a name differ only as romanisations do. */
export function sameRomanisation(a: string, b: string): boolean {
  return romanisationKey(a) === romanisationKey(b);
}
