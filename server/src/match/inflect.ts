/**
 * A phrase with its first word in the other forms of an English verb ("evade sanctions" → "evades sanctions",
 * "evaded sanctions", "evading sanctions"), so that a topic written in its base form matches any tense. Forms of a
 * word that is not a verb ("sanctions evasion" → "sanctionses evasion") never occur in prose, so they match nothing.
 */
export function verbForms(phrase: string): string[] {
  const m = /^([a-z]{3,})(\s.+)$/.exec(phrase.trim());
  if (!m || /(?:ing|ed|ion)$/.test(m[1]!)) return [phrase];
  const [word, rest] = [m[1]!, m[2]!];
  let forms: string[];
  if (/[^aeiou]y$/.test(word)) forms = [`${word.slice(0, -1)}ies`, `${word.slice(0, -1)}ied`, `${word}ing`];
  else if (/e$/.test(word)) forms = [`${word}s`, `${word}d`, `${word.slice(0, -1)}ing`];
  else if (/(?:s|sh|ch|x|z)$/.test(word)) forms = [`${word}es`, `${word}ed`, `${word}ing`];
  else forms = [`${word}s`, `${word}ed`, `${word}ing`];
  return [phrase, ...forms.map((f) => `${f}${rest}`)];
}
