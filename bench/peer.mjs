// The peer: textlint + textlint-rule-prh, with a prh dictionary generated from the same fact base.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

/**
 * prh rules from a fact base: every misspelling and every accepted-but-not-preferred spelling of a person or
 * organisation → its preferred spelling (of the same word count where there is one), every term's `instead` → `prefer`.
 * Patterns are literal, case-sensitive and word-bounded, like factlint's exact name matching.
 * A pattern that is a whole-word part of its replacement ("Xi" → "Xi Jinping") is left out: prh would flag every correct use.
 */
export function prhDictionary(facts) {
  const rules = new Map();
  const add = (pattern, expected) => {
    const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (!pattern || new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(expected)) return;
    const rule = rules.get(expected) ?? { expected, patterns: [], options: { wordBoundary: true } };
    if (!rule.patterns.includes(pattern)) rule.patterns.push(pattern);
    rules.set(expected, rule);
  };
  const taken = new Set();
  for (const entity of [...facts.people.values(), ...facts.organisations.values()]) {
    const preferred = entity.preferred.length ? entity.preferred : [entity.name];
    const words = (s) => s.split(/\s+/).length;
    const target = (form) => preferred.find((p) => words(p) === words(form)) ?? preferred[0];
    const others = [...entity.misspellings, ...entity.spellings, ...(preferred.includes(entity.name) ? [] : [entity.name])];
    for (const form of others) {
      // A spelling that is preferred for another entity (or already mapped) would make prh contradict itself.
      if (taken.has(form) || preferred.includes(form)) continue;
      taken.add(form);
      add(form, target(form));
    }
  }
  for (const term of facts.terms) for (const instead of term.instead) add(instead, term.prefer);
  return { version: 1, rules: [...rules.values()] };
}

/** Writes the dictionary and a .textlintrc.json into `dir`; returns textlint's linter, loaded through its Node API. */
export async function createPeer(facts, dir) {
  mkdirSync(dir, { recursive: true });
  const dictionary = prhDictionary(facts);
  writeFileSync(join(dir, 'prh.yml'), stringify(dictionary));
  const rc = join(dir, '.textlintrc.json');
  writeFileSync(
    rc,
    JSON.stringify(
      {
        rules: {
          prh: {
            rulePaths: ['./prh.yml'],
            checkLink: true,
            checkBlockQuote: true,
            checkEmphasis: true,
            checkHeader: true,
            checkParagraph: true,
          },
        },
      },
      null,
      2,
    ),
  );
  const { createLinter, loadTextlintrc } = await import('textlint');
  const descriptor = await loadTextlintrc({ configFilePath: rc, node_modulesDir: join(process.cwd(), 'node_modules') });
  const linter = createLinter({ descriptor, cwd: dir });
  return {
    linter,
    patterns: dictionary.rules.reduce((n, r) => n + r.patterns.length, 0),
    rules: dictionary.rules.length,
    lint: (text) => linter.lintText(text, join(dir, 'draft.md')),
  };
}
