import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { check, MAX_DRAFT } from '../../server/src/check.js';
import { main } from '../../server/src/cli.js';
import { bundledFactsDir, readFactFiles } from '../../server/src/facts/files.js';
import { loadFactBase, MAX_FACT_FILE, type LoadResult } from '../../server/src/facts/load.js';
import type { FactBase } from '../../server/src/facts/types.js';
import { applyEdits, certainEdits, type Finding } from '../../server/src/finding.js';
import { defuse } from '../../server/src/markdown/defuse.js';
import { parseParts, toProse } from '../../server/src/markdown/parse.js';
import { toParts } from '../../server/src/markdown/parts.js';
import { OBJECT, toSource } from '../../server/src/markdown/prose.js';
import { compile, type FactIndex } from '../../server/src/match/compile.js';
import { MONTH_NAMES } from '../../server/src/match/dates.js';
import { tokenize } from '../../server/src/match/tokens.js';
import { ruleById, rules } from '../../server/src/rules/index.js';
import { FIXTURES, ROOT } from './paths.js';

/**
 * Property-based and fuzz tests (fast-check) over the prose map, every rule, the fact-base loader and the CLI.
 * Runs are few and the seed is fixed so that `npm test` is quick and deterministic; FUZZ_RUNS=N multiplies
 * every property's runs by N/100 (at least 1) and FUZZ_SEED=S changes the seed (`npm run fuzz` runs long).
 * A failure prints the seed and counterexample path: rerun with FUZZ_SEED set to reproduce it.
 */
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20230301;
const SCALE = process.env.FUZZ_RUNS ? Math.max(1, Number(process.env.FUZZ_RUNS) / 100) : 1;
const LONG = process.env.FUZZ_RUNS !== undefined;
const params = (runs: number) => ({ numRuns: Math.round(runs * SCALE), seed: SEED, includeErrorInReport: true });

// ---------------------------------------------------------------------------------------------------------------
// Fact bases and the words they make rules fire on

function load(paths: string[]): FactIndex {
  const loaded = loadFactBase(readFactFiles(paths));
  assert.ok(loaded.facts, `fact base ${paths.join(', ')}: ${loaded.problems.map((p) => p.message).join('; ')}`);
  return compile(loaded.facts);
}
const BUNDLED = load([bundledFactsDir()]);
const SUMMIT = load([join(FIXTURES, 'factbases', 'summit.facts.yaml')]);
/** The seed article, from shared/ beside the repository (as CI lays it out); an example draft if shared/ is absent. */
const SEED_ARTICLE = readFileSync(
  [join(ROOT, '..', 'shared', 'seeds', 'pism-spotlight-lukashenka-visits-china.txt'), join(ROOT, 'examples', 'brief-with-errors.md')].find(
    (p) => existsSync(p),
  )!,
  'utf8',
);
const BUNDLED_YAML = readFactFiles([bundledFactsDir()])[0]!.text;
const SUMMIT_YAML = readFileSync(join(FIXTURES, 'factbases', 'summit.facts.yaml'), 'utf8');

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** ISO date plus n days. */
function shift(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The date written the ways drafts write it. */
function writings(iso: string): string[] {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const month = MONTH_NAMES[m - 1]!;
  const weekday = WEEKDAYS[new Date(`${iso}T00:00:00Z`).getUTCDay()]!;
  return [
    `${d} ${month} ${y}`,
    `${d} ${month}`,
    `${month} ${d}, ${y}`,
    iso,
    `${weekday}, ${d} ${month}`,
    `on ${weekday}`,
    `${d}–${d + 1} ${month} ${y}`,
    `early ${month} ${y}`,
    `the ${d}th of ${month}`,
    `${month.slice(0, 3)}. ${d}`,
  ];
}

/** Names, office wordings, event, document and claim phrases, terms, figures and dates (right and wrong) from a fact base. */
function vocabulary(facts: FactBase): string[] {
  const words = new Set<string>();
  const add = (list: (string | undefined)[]) => {
    for (const w of list) if (w) words.add(w);
  };
  for (const e of [...facts.people.values(), ...facts.organisations.values()])
    add([e.name, ...e.preferred, ...e.spellings, ...e.misspellings]);
  for (const o of facts.offices.values()) add(o.wordings);
  for (const e of facts.events.values()) {
    add([...e.phrases, e.kind, e.name]);
    for (const day of [e.start, e.end, shift(e.start, -1), shift(e.end, 2), shift(e.start, 365)]) add(writings(day));
  }
  for (const d of facts.documents.values()) add([...d.phrases, d.kind, 'treaty', 'legally binding']);
  for (const c of facts.documentCounts) {
    add(c.nouns);
    for (const n of c.counts) add([`${n.min} ${c.nouns[0]}`, `${n.max + 7} ${c.nouns[0]}`, `about ${n.max} ${c.nouns.at(-1)}`, n.said]);
  }
  for (const c of facts.claims.values()) {
    add([...c.attribution, ...c.reframings, ...c.topics, c.certainty, 'will', 'clearly']);
    if (c.value !== undefined) add([`$${c.value} ${c.unit ?? ''}`, `€${c.value} ${c.unit ?? ''}`, `${c.value}`]);
  }
  for (const t of facts.terms) add([t.prefer, ...t.instead]);
  return [...words].filter((w) => w.trim() !== '').sort();
}

/** Sentences built from a fact base's own facts, so that every rule has something to say. */
function factSentences(facts: FactBase): fc.Arbitrary<string> {
  const pick = (list: (string | undefined)[], fallback: string) => {
    const clean = [...new Set(list.filter((x): x is string => !!x && x.trim() !== ''))];
    return fc.constantFrom(...(clean.length > 0 ? clean : [fallback]));
  };
  const people = [...facts.people.values()];
  const events = [...facts.events.values()];
  const name = pick(
    people.flatMap((p) => [p.name, ...p.preferred, ...p.spellings, ...p.misspellings]),
    'Someone',
  );
  const office = pick(
    [...facts.offices.values()].flatMap((o) => o.wordings),
    'President',
  );
  const event = pick(
    events.flatMap((e) => e.phrases),
    'the visit',
  );
  const date = pick(
    events.flatMap((e) => [...writings(e.start), ...writings(shift(e.end, 3)), ...writings(shift(e.start, -2))]),
    '1 March 2023',
  );
  const kind = pick(['state visit', 'official visit', 'working visit', 'summit', 'talks', 'meeting'], 'summit');
  const claims = [...facts.claims.values()];
  const figure = pick(
    claims.flatMap((c) =>
      c.value === undefined
        ? []
        : c.value >= 1e9
          ? [`$${c.value / 1e9} billion`, `€${c.value / 1e9} billion`, `about $${c.value / 1e9} billion`]
          : [`${c.value}`, `$${c.value}`],
    ),
    '$1 billion',
  );
  const reframing = pick(
    claims.flatMap((c) => c.reframings),
    'investment',
  );
  const attribution = pick(
    claims.flatMap((c) => c.attribution),
    'according to officials',
  );
  const topic = pick(
    claims.flatMap((c) => c.topics),
    'sanctions',
  );
  const documentPhrase = pick(
    [...facts.documents.values()].flatMap((d) => d.phrases),
    'the agreement',
  );
  const noun = pick(
    facts.documentCounts.flatMap((c) => c.nouns),
    'documents',
  );
  const term = pick(
    facts.terms.flatMap((t) => t.instead),
    'term',
  );
  return fc.oneof(
    fc.tuple(office, name, name, date).map(([o, a, b, d]) => `${o} ${a} met ${b} on ${d}.`),
    fc.tuple(name, office, event, date).map(([a, o, e, d]) => `${a}, the ${o}, attended ${e} on ${d}.`),
    fc.tuple(event, kind, date).map(([e, k, d]) => `${e[0]!.toUpperCase()}${e.slice(1)} was a ${k} held on ${d}.`),
    fc.tuple(figure, reframing, attribution).map(([f, r, a]) => `The ${f} in ${r} was announced, ${a} the ministry.`),
    fc.tuple(figure, reframing).map(([f, r]) => `${f} of ${r} will flow.`),
    fc
      .tuple(fc.constantFrom('12', 'twenty', 'about 20', '27', 'nine', 'more than 40', 'dozens of'), noun, event)
      .map(([n, x, e]) => `${n} ${x} were signed during ${e}.`),
    fc
      .tuple(documentPhrase, fc.constantFrom('a legally binding treaty', 'binding', 'a treaty', 'a memorandum'))
      .map(([d, b]) => `${d} is ${b}.`),
    fc.tuple(topic, fc.constantFrom('will', 'clearly will', 'is bound to', 'may')).map(([t, c]) => `The documents ${c} help ${t}.`),
    fc.tuple(term, name).map(([t, n]) => `${n} spoke about the ${t}.`),
  );
}

const GENERIC = [
  'the',
  'talks',
  'met',
  'with',
  'on',
  'in',
  'said',
  'visit',
  'signed',
  'and',
  'was',
  'held',
  'according to',
  'reportedly',
  'documents',
  'agreements',
  'may',
  'will',
  'not',
  'a',
  'state visit',
  'official visit',
  'Premier',
  'President',
];

// ---------------------------------------------------------------------------------------------------------------
// Markdown generators

const ENTITIES = ['&amp;', '&nbsp;', '&#8211;', '&#x2013;', '&ndash;', '&quot;', '&#0;', '&#x110000;', '&bogus;', '&copy', '&#55296;'];
const ODD = [
  '😀',
  '𝔘𝔫𝔦',
  '\u0000',
  '\u0001',
  '\u200b',
  '\u00ad',
  '\ufeff',
  '\u2028',
  '\u0085',
  'é',
  'e\u0301',
  '\ud800',
  '\udfff',
  '\t',
  '\u00a0',
  OBJECT,
  '\\',
  '\\*',
  '\\[',
  '\\\\',
  '&',
  '<',
  '>',
  '*',
  '_',
  '`',
  '~',
  '|',
  '[',
  ']',
  '(',
  ')',
  '!',
  '#',
];

function markdown(words: string[], facts: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const word = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...words) },
    { weight: 3, arbitrary: fc.constantFrom(...GENERIC) },
    { weight: 1, arbitrary: fc.constantFrom(...ENTITIES, ...ODD) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  );
  const { inline } = fc.letrec<{ inline: string; text: string }>((tie) => ({
    inline: fc.oneof(
      { maxDepth: 2, depthIdentifier: 'inline' },
      { weight: 8, arbitrary: word },
      tie('text').map((s) => `*${s}*`),
      tie('text').map((s) => `**${s}**`),
      tie('text').map((s) => `_${s}_`),
      tie('text').map((s) => `~~${s}~~`),
      tie('text').map((s) => `"${s}"`),
      tie('text').map((s) => `\u201c${s}\u201d`),
      tie('text').map((s) => `[${s}](https://example.org/a_b?c=1 "t")`),
      tie('text').map((s) => `[${s}][ref]`),
      tie('text').map((s) => `<span>${s}</span>`),
      tie('text').map((s) => `\`${s}\``),
      tie('text').map((s) => `<code>${s}</code>`),
      fc.constantFrom(
        '[^1]',
        '<https://example.org>',
        'https://www.example.org/x_y',
        '![alt *x*](i.png)',
        '<!-- note -->',
        '<!-- factlint-disable-line -->',
        '  \n',
        '\\\n',
        '\n',
        '\r\n',
        '\r',
        '<br>',
        '*',
        '**',
        '[',
        '](',
        '`',
        '<!--',
        '-->',
      ),
    ),
    text: fc.array(tie('inline'), { minLength: 1, maxLength: 5 }).map((parts) => parts.join(' ')),
  }));
  const sentence = fc.array(inline, { minLength: 1, maxLength: 8 }).map((parts) => `${parts.join(' ')}.`);
  const paragraph = fc.array(fc.oneof(sentence, facts), { minLength: 1, maxLength: 3 }).map((s) => s.join(' '));
  const ruleIds = rules.map((r) => r.id);
  const directive = fc
    .tuple(fc.constantFrom('disable', 'enable', 'disable-line', 'disable-next-line'), fc.subarray(ruleIds, { maxLength: 2 }), fc.boolean())
    .map(([kind, ids, reason]) => `<!-- factlint-${kind} ${ids.join(', ')}${reason ? ' -- a reason' : ''} -->`);
  const { block } = fc.letrec<{ block: string }>((tie) => ({
    block: fc.oneof(
      { maxDepth: 3, depthIdentifier: 'block' },
      { weight: 6, arbitrary: paragraph },
      fc.tuple(fc.integer({ min: 1, max: 7 }), sentence).map(([n, s]) => `${'#'.repeat(n)} ${s}`),
      fc
        .tuple(fc.constantFrom('- ', '* ', '1. ', '2) ', '- [ ] '), fc.array(tie('block'), { minLength: 1, maxLength: 3 }))
        .map(([marker, items]) => items.map((i) => marker + i.replace(/\n/g, `\n${' '.repeat(marker.length)}`)).join('\n')),
      tie('block').map((b) =>
        b
          .split('\n')
          .map((l) => `> ${l}`)
          .join('\n'),
      ),
      fc
        .tuple(fc.integer({ min: 1, max: 4 }), fc.array(fc.array(inline, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }))
        .map(([cols, rows]) =>
          [
            `| ${Array(cols).fill('h').join(' | ')} |`,
            `|${Array(cols).fill('---').join('|')}|`,
            ...rows.map((r) => `| ${r.join(' | ').replace(/\n/g, ' ')} |`),
          ].join('\n'),
        ),
      paragraph.map((p) => `[^1]: ${p}`),
      paragraph.map((p) => `\`\`\`\n${p}\n\`\`\``),
      paragraph.map((p) => `    ${p}`),
      paragraph.map((p) => `<div>\n${p}\n</div>`),
      directive,
      fc.constant('[ref]: https://example.org'),
      fc.constant('***'),
      paragraph.map((p) => `${p}\n===`),
    ),
  }));
  const frontmatter = fc.option(fc.constantFrom('---\ntitle: A draft\n---\n', '---\n---\n', '+++\na = 1\n+++\n', '---\nunclosed: [\n'));
  const eol = fc.constantFrom('\n', '\r\n', '\r', 'mixed');
  return fc
    .tuple(frontmatter, fc.array(block, { minLength: 1, maxLength: 8 }), fc.array(fc.constantFrom('\n\n', '\n', '\n\n\n')), eol)
    .map(([front, blocks, seps, ending]) => {
      let text = (front ?? '') + blocks.map((b, i) => b + (seps[i % Math.max(1, seps.length)] ?? '\n\n')).join('');
      if (ending !== '\n') {
        let i = 0;
        text = text.replace(/\r\n|\r|\n/g, () => (ending === 'mixed' ? ['\n', '\r\n', '\r'][i++ % 3]! : ending));
      }
      return text;
    });
}

const BUNDLED_MD = markdown(vocabulary(BUNDLED.facts), factSentences(BUNDLED.facts));
const SUMMIT_MD = markdown(vocabulary(SUMMIT.facts), factSentences(SUMMIT.facts));

/** Edits of a text: delete, insert (a fragment or random characters) or duplicate a slice. */
function mutated(base: string, fragments: string[]): fc.Arbitrary<string> {
  const op = fc.tuple(
    fc.constantFrom('delete', 'insert', 'duplicate', 'random'),
    fc.nat(),
    fc.nat({ max: 400 }),
    fc.constantFrom(...fragments),
    fc.string({ unit: 'binary', maxLength: 20 }),
  );
  return fc.array(op, { minLength: 1, maxLength: 8 }).map((ops) => {
    let text = base;
    for (const [kind, at, length, fragment, random] of ops) {
      const i = at % (text.length + 1);
      const j = Math.min(text.length, i + length);
      if (kind === 'delete') text = text.slice(0, i) + text.slice(j);
      else if (kind === 'insert') text = text.slice(0, i) + fragment + text.slice(i);
      else if (kind === 'duplicate') text = text.slice(0, j) + text.slice(i, j) + text.slice(j);
      else text = text.slice(0, i) + random + text.slice(i);
    }
    return text;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Invariants

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint']);

/** A source slice as a reader sees it: markup, escapes, entities, line prefixes and case dropped, spaces collapsed. */
function plain(text: string): string {
  return text
    .replace(/\]\([^)]*\)|\]\[[^\]]*\]/g, '')
    .replace(/&(#\d+|#[xX][\da-fA-F]+|[A-Za-z][A-Za-z\d]*);/g, (m, ref: string) => {
      if (ref[0] !== '#') return decodeNamedCharacterReference(ref) || m;
      const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
    })
    .replace(/[\r\n]+[\s>]*(?:[-*+] |\d+[.)] )?/g, ' ')
    .replace(/<[^>]*>|[*_~`\\[\]]/g, '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** For rules whose message quotes the draft's own words: those words. */
const QUOTED: Record<string, (message: string) => string | undefined> = {
  'date-mismatch': (m) => /, not (.+)\.$/.exec(m)?.[1],
  'house-spelling': (m) => /^"(.+?)" is /.exec(m)?.[1],
  'name-misspelt': (m) => /^"(.+?)" is /.exec(m)?.[1],
  'preferred-term': (m) => / to "(.+?)"/.exec(m)?.[1],
  'assessment-overstated': (m) => /do not support "(.+?)"/.exec(m)?.[1],
  'weekday-mismatch': (m) => /not on an? (\w+)\.$/.exec(m)?.[1],
};

function isSurrogateSplit(text: string, offset: number): boolean {
  const c = text.charCodeAt(offset);
  const p = text.charCodeAt(offset - 1);
  return offset > 0 && offset < text.length && c >= 0xdc00 && c <= 0xdfff && p >= 0xd800 && p <= 0xdbff;
}

/** Every finding lies inside the text, maps to the words it names, and has well-formed fixes and message. */
function assertWellFormed(text: string, findings: Finding[]): void {
  for (const f of findings) {
    const where = `${f.rule} [${f.start},${f.end}) ${JSON.stringify(text.slice(f.start, f.end))}: ${f.message}`;
    assert.ok(ruleById.has(f.rule), `unknown rule ${where}`);
    assert.ok(SEVERITIES.has(f.severity), `severity ${where}`);
    assert.ok(
      Number.isInteger(f.start) && Number.isInteger(f.end) && f.start >= 0 && f.start <= f.end && f.end <= text.length,
      `range ${where}`,
    );
    assert.ok(!isSurrogateSplit(text, f.start) && !isSurrogateSplit(text, f.end), `range splits a character: ${where}`);
    assert.ok(f.message.length > 0 && !/\bundefined\b|\bNaN\b|\[object Object\]|\bnull\b/.test(f.message), `message ${where}`);
    if (f.start < f.end && f.rule !== 'draft-too-large') {
      assert.match(plain(text.slice(f.start, f.end)), /[\p{L}\p{N}$€£]/u, `a finding names no word: ${where}`);
    }
    const quoted = QUOTED[f.rule]?.(f.message);
    if (quoted !== undefined) {
      const [q, s] = [plain(quoted), plain(text.slice(f.start, f.end))];
      assert.ok(q === s || s.includes(q) || q.includes(s), `the range does not hold the quoted text ${JSON.stringify(quoted)}: ${where}`);
    }
    for (const fix of f.fixes) {
      assert.ok(fix.title.length > 0 && fix.edits.length > 0, `fix ${where}`);
      for (const e of fix.edits) {
        assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length, `edit range ${where}`);
        assert.ok(!isSurrogateSplit(text, e.start) && !isSurrogateSplit(text, e.end), `edit splits a character: ${where}`);
      }
    }
  }
}

/** check() never throws, gives well-formed findings, the same ones twice; each fix (each alternative) removes its finding and nothing crashes after. */
function assertCheck(text: string, index: FactIndex, fixes = 4): Finding[] {
  const findings = check(text, index);
  assertWellFormed(text, findings);
  assert.deepEqual(check(text, index), findings, 'checking twice gives the same findings');
  for (const [f, fix] of findings.flatMap((x) => x.fixes.map((y) => [x, y] as const)).slice(0, fixes)) {
    const edits = fix.edits;
    const fixed = applyEdits(text, edits);
    const after = check(fixed, index);
    assertWellFormed(fixed, after);
    // The fixed region, in the new text's offsets.
    let delta = 0;
    const regions = [...edits]
      .sort((a, b) => a.start - b.start)
      .map((e) => {
        const r = { start: e.start + delta, end: e.start + delta + e.newText.length };
        delta += e.newText.length - (e.end - e.start);
        return r;
      });
    const again = after.filter(
      (g) => g.rule === f.rule && g.message === f.message && regions.some((r) => g.start <= r.end && r.start <= g.end),
    );
    assert.deepEqual(
      again.map((g) => g.message),
      [],
      `fixing "${f.message}" (${JSON.stringify(edits)}) left it in place`,
    );
  }
  const all = applyEdits(text, certainEdits(findings));
  assertWellFormed(all, check(all, index));
  return findings;
}

/** The prose map: contiguous segments in source order, verbatim runs equal the source, words map back to themselves. */
function assertProseMap(source: string): void {
  const prose = toProse(source);
  assert.equal(prose.source, source);
  for (const c of prose.comments) assert.ok(c.start >= 0 && c.start <= c.end && c.end <= source.length, 'comment range');
  for (const block of prose.blocks) {
    let prose0 = 0;
    let sourceEnd = 0;
    for (const seg of block.segments) {
      assert.equal(seg.prose, prose0, 'segments are contiguous in prose');
      assert.ok(
        seg.source >= sourceEnd && seg.source + seg.sourceLength <= source.length,
        `segment source in order and in range ${JSON.stringify(seg)}`,
      );
      if (seg.proseLength === seg.sourceLength) {
        for (let k = 0; k < seg.proseLength; k++) {
          const [p, s] = [block.text[seg.prose + k]!, source[seg.source + k]!];
          assert.ok(
            p === s || p === OBJECT || (p === ' ' && (s === '\n' || s === '\r')),
            `verbatim segment differs at ${seg.source + k}: ${JSON.stringify(p)} vs ${JSON.stringify(s)}`,
          );
        }
      }
      prose0 += seg.proseLength;
      sourceEnd = seg.source + seg.sourceLength;
    }
    assert.equal(prose0, block.text.length, 'segments cover the block text');
    let previous = 0;
    for (const s of block.sentences) {
      assert.ok(s.start >= previous && s.start <= s.end && s.end <= block.text.length, 'sentences in order');
      previous = s.end;
    }
    let last = -1;
    for (let p = 0; p <= block.text.length; p++) {
      const at = toSource(block, p);
      assert.ok(at >= last && at <= source.length, `toSource is monotonic at ${p}`);
      last = at;
    }
    for (const token of tokenize(block.text)) {
      const seg = block.segments.find((s) => s.prose <= token.start && token.end <= s.prose + s.proseLength);
      if (!seg || seg.proseLength !== seg.sourceLength || token.text.includes(OBJECT)) continue;
      const slice = source.slice(toSource(block, token.start), toSource(block, token.end, 'end'));
      assert.equal(slice, token.text, `word "${token.text}" maps back to itself`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Properties: drafts

describe('fuzz: drafts', () => {
  test("generated Markdown full of the bundled fact base's names, dates and phrases: findings well-formed, fixes fix", () => {
    fc.assert(
      fc.property(BUNDLED_MD, (md) => void assertCheck(md, BUNDLED, 3)),
      params(50),
    );
  });

  test('the same against the second fact base (summit.facts.yaml)', () => {
    fc.assert(
      fc.property(SUMMIT_MD, (md) => void assertCheck(md, SUMMIT, 3)),
      params(30),
    );
  });

  test('the prose map of generated Markdown is exact', () => {
    fc.assert(
      fc.property(fc.oneof(BUNDLED_MD, SUMMIT_MD), (md) => assertProseMap(md)),
      params(100),
    );
  });

  test('words wrapped in any inline markup, lists, quotes and tables reach the prose and map back to their source', () => {
    const wrap = fc.constantFrom('*%*', '**%**', '_%_', '[%](https://example.org)', '"%"', '~~%~~', '%', '&amp; %', '\\* %');
    const container = fc.constantFrom('', '> ', '- ', '1. ', '> - ', '| x | ', '# ');
    const item = fc.tuple(fc.integer({ min: 0, max: 9999 }), wrap, container, fc.constantFrom('\n', '\r\n', '\r', '\n\n', ' '));
    fc.assert(
      fc.property(fc.uniqueArray(item, { minLength: 1, maxLength: 12, selector: (t) => t[0] }), (items) => {
        const source = items
          .map(([n, w, c, eol]) => `${c}${w.replace('%', `Marker${n}x`)}${c === '| x | ' ? ' |\n|---|---|' : ''}${eol}`)
          .join('');
        const prose = toProse(source);
        for (const [n] of items) {
          const word = `Marker${n}x`;
          const block = prose.blocks.find((b) => b.text.includes(word));
          assert.ok(block, `${word} is in the prose of ${JSON.stringify(source)}`);
          const at = block.text.indexOf(word);
          assert.equal(source.slice(toSource(block, at), toSource(block, at + word.length, 'end')), word);
        }
      }),
      params(100),
    );
  });

  test('a long draft parsed window by window gives the same parts as parsed at once', () => {
    // Tiny windows put a cut between nearly every pair of nodes: a footnote, list, fence or definition on either side.
    const draft = fc.array(fc.oneof(BUNDLED_MD, SUMMIT_MD), { minLength: 2, maxLength: 6 }).map((mds) => mds.join('\n\n'));
    fc.assert(
      fc.property(draft, fc.constantFrom(16, 64, 256), (md, window) => {
        const text = defuse(md);
        assert.deepEqual(parseParts(text, window), toParts(text));
      }),
      params(150),
    );
  });

  test('runs of headings, tables, lists, fences and breaks without blank lines: windows cut after headings, inside tables and lists, as at once', () => {
    // The cuts that need no blank line: after a heading, a thematic break or a closed fence, between rows of a table,
    // and before an item of a list.
    const cell = fc.constantFrom('Xi Jinping', '1 March 2023', '[x][ref]', '[^1]', '`a|b`', '\\|', '<!-- c -->', '*a', '', 'a  ', '~~b~~');
    const row = fc.array(cell, { minLength: 1, maxLength: 4 }).map((cells) => `| ${cells.join(' | ')} |`);
    const block = fc.oneof(
      fc.tuple(fc.integer({ min: 1, max: 3 }), cell).map(([n, c]) => `${'#'.repeat(n)} Heading ${c}`),
      cell.map((c) => `Setext ${c}\n===`),
      fc.constantFrom('***', '---', '```\ncode\n```', '~~~~\n```\n~~~~', '```\nunclosed', '[ref]: /u'),
      fc
        .tuple(fc.constantFrom('| a | b |\n|---|:-:|', '|a|\n|-|', '| h |\n| --- |', 'a | b\n- | -'), fc.array(row, { maxLength: 30 }))
        .map(([head, rows]) => [head, ...rows].join('\n')),
      cell.map((c) => `A paragraph ${c}`),
      cell.map((c) => `> quoted ${c}`),
      cell.map((c) => `    code ${c}`),
      fc
        .tuple(
          fc.constantFrom('- ', '* ', '+ ', '1. ', '2. ', '3) ', '  - ', '-\t'),
          cell,
          fc.constantFrom(
            '',
            '\n  continued',
            '\nlazy line',
            '\n  - nested',
            '\n\n  loose',
            '\n  ```\n  code',
            '\n  ```',
            '\n  <div>',
            '\n  [^n]: note',
            '\n* * *',
          ),
        )
        .map(([marker, c, more]) => `${marker}item ${c}${more}`),
    );
    const draft = fc
      .tuple(fc.array(block, { minLength: 1, maxLength: 30 }), fc.array(fc.constantFrom('\n', '\r\n', '\r', '\n\n')))
      .map(([blocks, ends]) => blocks.map((b, i) => b + (ends[i % Math.max(1, ends.length)] ?? '\n')).join(''));
    fc.assert(
      fc.property(draft, fc.constantFrom(16, 40, 128), (md, window) => {
        const text = defuse(md);
        assert.deepEqual(parseParts(text, window), toParts(text));
      }),
      params(300),
    );
  });

  test('random strings (any UTF-16, Markdown punctuation, control characters) never break the checker', () => {
    const punct = fc.string({
      unit: fc.constantFrom(...'*_[]()<>!&#;\\`~|-:>=+.1 \n\r\tLukashenkoXiMarch2023 ', '\u0000', '😀'),
      maxLength: 400,
    });
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 200 }), punct);
    fc.assert(
      fc.property(text, (s) => {
        assertCheck(s, BUNDLED, 2);
        assertProseMap(s);
      }),
      params(150),
    );
  });

  test('mutations of the seed article never break the checker', () => {
    const fragments = [
      '*',
      '**',
      '[',
      '](',
      '`',
      '<!--',
      '-->',
      '\n\n',
      '\r',
      '\u0000',
      '> ',
      '- ',
      '|',
      '&amp;',
      '\\',
      '28 February',
      'Lukashenko',
      'Xi',
      '5 March 2023',
      'on Monday',
      '<!-- factlint-disable -->',
      '😀',
      '---\n',
    ];
    fc.assert(
      fc.property(mutated(SEED_ARTICLE, fragments), (md) => void assertCheck(md, BUNDLED, 2)),
      params(12),
    );
  });

  test('a factlint-disable comment at the top silences every finding', () => {
    fc.assert(
      fc.property(BUNDLED_MD, (md) => {
        const text = `<!-- factlint-disable -->\n\n${md.replace(/factlint-enable/g, 'factlint-note')}`;
        assert.deepEqual(
          check(text, BUNDLED).map((f) => f.message),
          [],
        );
      }),
      params(20),
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Properties: fact bases

/** Problems are located inside their file, and say what is wrong without a stack trace. */
function assertProblems(text: string, result: LoadResult): void {
  for (const p of result.problems) {
    assert.ok(['factbase-syntax', 'factbase-schema', 'factbase-reference'].includes(p.rule), p.rule);
    assert.ok(
      p.start >= 0 && p.start <= p.end && p.end <= text.length,
      `problem range ${p.start}-${p.end} of ${text.length}: ${p.message}`,
    );
    assert.ok(p.message.length > 0 && !/\n\s+at /.test(p.message), `message: ${p.message}`);
  }
  if (result.facts) {
    assert.deepEqual(result.problems, []);
    const index = compile(result.facts);
    assertWellFormed(SEED_ARTICLE, check(SEED_ARTICLE, index));
  } else {
    assert.ok(result.problems.length > 0, 'a fact base that is refused says why');
  }
}

/** A small valid fact base (as data) whose fields the properties below break. */
const SKELETON = {
  title: 'Fuzz',
  defaultEvent: 'visit',
  sources: [{ id: 's1', title: 'A report', publisher: 'An outlet', url: 'https://example.org/a' }],
  people: [
    {
      id: 'ada',
      name: 'Ada Lovelace',
      preferred: ['Ada Lovelace', 'Lovelace'],
      misspellings: ['Ada Lovlace'],
      sources: ['s1'],
      offices: [{ office: 'pm', from: '2020-01-01', to: '2023-03-10', sources: ['s1'] }],
    },
    { id: 'bob', name: 'Robert Babbage', sources: ['s1'] },
  ],
  offices: [{ id: 'pm', title: 'Prime Minister', wordings: ['Prime Minister'], sources: ['s1'] }],
  events: [
    {
      id: 'visit',
      name: 'The visit',
      kind: 'state visit',
      start: '2023-02-28',
      end: '2023-03-02',
      participants: ['ada', 'bob'],
      phrases: ['the visit'],
      sources: ['s1'],
    },
    {
      id: 'talks',
      name: 'The talks',
      kind: 'talks',
      start: '2023-03-01',
      parent: 'visit',
      participants: ['ada', 'bob'],
      phrases: ['the talks'],
      sources: ['s1'],
    },
  ],
  documents: [
    {
      id: 'js',
      title: 'Joint statement',
      kind: 'joint statement',
      binding: false,
      event: 'talks',
      phrases: ['joint statement'],
      sources: ['s1'],
    },
  ],
  documentCounts: [
    {
      id: 'n',
      event: 'visit',
      nouns: ['documents'],
      counts: [{ min: 20, max: 20, said: 'about 20', by: 'ada', sources: ['s1'] }],
      sources: ['s1'],
    },
  ],
  claims: [
    {
      id: 'c',
      statement: 'A figure',
      status: 'claimed',
      claimedBy: [{ by: 'ada', sources: ['s1'] }],
      value: 3.5,
      unit: 'billion',
      attribution: ['according to'],
      reframings: ['investment'],
      sources: ['s1'],
    },
  ],
  terms: [{ id: 't', prefer: 'interconnector', instead: ['power bridge'], sources: ['s1'] }],
};

/** A value of any JSON/YAML type, or one of the values most likely to trip a loader. */
const oddValue = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.constantFrom(
    '',
    'visit',
    'ada',
    's1',
    '2023-02-30',
    '9999-99-99',
    -1,
    1e308,
    Number.NaN,
    null,
    true,
    [],
    {},
    ['visit', 'visit'],
    'x'.repeat(3000),
    '__proto__',
    'constructor',
  ),
);

describe('fuzz: fact bases', () => {
  test('loader: any field of a valid fact base set to any value (wrong types, dangling and cyclic ids, huge values)', () => {
    const path = fc.tuple(
      fc.constantFrom('people', 'events', 'offices', 'documents', 'documentCounts', 'claims', 'terms', 'sources'),
      fc.nat({ max: 1 }),
      fc.constantFrom(
        'id',
        'name',
        'start',
        'end',
        'parent',
        'participants',
        'sources',
        'offices',
        'kind',
        'phrases',
        'wordings',
        'counts',
        'claimedBy',
        'binding',
        'value',
        'preferred',
        'instead',
        'event',
        'extra',
        'from',
        'to',
      ),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(path, oddValue), { minLength: 1, maxLength: 4 }), (changes) => {
        const data = structuredClone(SKELETON) as unknown as Record<string, Record<string, unknown>[]>;
        for (const [[kind, i, key], value] of changes) {
          const list = data[kind]!;
          const item = list[Math.min(i, list.length - 1)]!;
          item[key] = value;
        }
        let text: string;
        try {
          text = stringify(data, { aliasDuplicateObjects: true });
        } catch {
          return; // a value YAML cannot write (e.g. a symbol): nothing to load
        }
        assertProblems(text, loadFactBase([{ path: 'fuzz.facts.yaml', text }]));
      }),
      params(100),
    );
  });

  test("loader: mutations of the second fact base's YAML", () => {
    const fragments = [
      '&a ',
      '*a',
      '<<: *a',
      '!!js/function "f(){}"',
      '!!binary AA==',
      '? ',
      '- ',
      ': ',
      '[',
      '{',
      '"',
      "'",
      '|',
      '\t',
      '\u0000',
      '#',
      '\n',
      '---\n',
      '%YAML 1.1\n',
      'id: energy-summit-2031',
      'parent: energy-summit-2031',
      '\ufeff',
    ];
    fc.assert(
      fc.property(mutated(SUMMIT_YAML, fragments), (text) => {
        assertProblems(text, loadFactBase([{ path: 'summit.facts.yaml', text }]));
      }),
      params(50),
    );
  });

  test("loader: mutations of the bundled fact base's YAML", () => {
    const fragments = ['&a ', '*a', '[', '{', '"', '\t', ': ', '- ', '\n', 'parent: visit-china-2023', 'id: visit-china-2023'];
    fc.assert(
      fc.property(mutated(BUNDLED_YAML, fragments), (text) => {
        assertProblems(text, loadFactBase([{ path: 'bundled.facts.yaml', text }]));
      }),
      params(6),
    );
  });

  test('loader: random strings', () => {
    const yamlish = fc.string({ unit: fc.constantFrom(...'[]{}:-?&*!|>\'"#%@` \n\t,abc1', '\u0000'), maxLength: 200 });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), yamlish), (text) => {
        assertProblems(text, loadFactBase([{ path: 'r.facts.yaml', text }]));
      }),
      params(200),
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Limits, hostile fact bases and the time things take

/** CPU milliseconds to run f (the process's, so that other work on the machine counts less than wall time would). */
function cpu(f: () => unknown): number {
  const start = process.cpuUsage();
  f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

describe('limits', () => {
  test('a draft over MAX_DRAFT is refused with one finding that says so, at once', () => {
    const text = 'Lukashenko met Xi on 5 March 2023. '.repeat(Math.ceil((MAX_DRAFT + 1) / 35));
    let findings: Finding[] = [];
    const ms = cpu(() => (findings = check(text, BUNDLED)));
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.rule, 'draft-too-large');
    assert.match(findings[0]!.message, new RegExp(`${text.length}.*${MAX_DRAFT}`));
    assert.ok(ms < 1000, `${ms} ms`);
  });

  test('a fact-base file over MAX_FACT_FILE is refused with a problem that says so', () => {
    const text = `title: "${'x'.repeat(MAX_FACT_FILE)}"\n`;
    const result = loadFactBase([{ path: 'big.facts.yaml', text }]);
    assert.equal(result.facts, undefined);
    assert.equal(result.problems.length, 1);
    assert.match(result.problems[0]!.message, new RegExp(`${text.length} characters long; the limit is ${MAX_FACT_FILE}`));
  });

  test('billion laughs: aliases cannot blow up memory; the error is located on an alias, quickly', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++)
      lines.push(
        `${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(9)
          .fill(`*${'abcdefghij'[i - 1]}`)
          .join(',')}]`,
      );
    const text = `title: laughs\n${lines.join('\n')}\n`;
    let result: LoadResult | undefined;
    const ms = cpu(() => (result = loadFactBase([{ path: 'lol.facts.yaml', text }])));
    assert.ok(ms < 2000, `${ms} ms`);
    assert.equal(result!.problems.length, 1);
    assert.match(result!.problems[0]!.message, /alias/i);
    assert.match(text.slice(result!.problems[0]!.start, result!.problems[0]!.end), /^\*[a-j]$/);
  });

  test('deeply nested YAML is refused with a located error (it used to overflow the stack, or abort the process)', () => {
    for (const text of [
      '['.repeat(1000) + ']'.repeat(1000),
      '['.repeat(2000) + ']'.repeat(2000),
      '{a: '.repeat(5000) + '1' + '}'.repeat(5000),
      Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1\n',
      `${'- '.repeat(3000)}x\n`,
    ]) {
      const result = loadFactBase([{ path: 'deep.facts.yaml', text }]);
      assert.equal(result.facts, undefined);
      assert.match(result.problems[0]!.message, /nested more than \d+ deep/);
      assert.ok(result.problems[0]!.start > 0 && result.problems[0]!.end <= text.length);
    }
  });

  test('the fact base is data only: tags are refused and nothing is executed; __proto__ pollutes nothing', () => {
    const marker = globalThis as { factlintPwned?: boolean };
    for (const tag of [
      '!!js/function "function () { globalThis.factlintPwned = true }"',
      '!!js/undefined ""',
      '!!js/regexp /a/',
      '!<tag:yaml.org,2002:js/function> "function () { globalThis.factlintPwned = true }"',
      '!custom x',
      '!!python/object:os.system ls',
    ]) {
      const text = `title: ${tag}\n`;
      const result = loadFactBase([{ path: 'tag.facts.yaml', text }]);
      assert.equal(result.facts, undefined, tag);
      assert.equal(result.problems[0]!.rule, 'factbase-syntax', tag);
      assert.match(result.problems[0]!.message, /tag/i, tag);
      assert.ok(text.slice(result.problems[0]!.start, result.problems[0]!.end).startsWith('!'), tag);
    }
    for (const text of ['!!binary aGk=', '!!set {a, b}', '!!omap [a: 1]', '!!timestamp 2023-03-01']) {
      assert.equal(loadFactBase([{ path: 't.facts.yaml', text: `title: ${text}\n` }]).facts, undefined, text);
    }
    loadFactBase([{ path: 'p.facts.yaml', text: '__proto__: {polluted: true}\npeople:\n  - __proto__: {polluted: true}\n    id: a\n' }]);
    assert.equal(marker.factlintPwned, undefined);
    assert.equal(({} as { polluted?: boolean }).polluted, undefined);
  });

  test('duplicate keys are located on the second key; a 50,000-key map is checked in linear time', () => {
    const result = loadFactBase([{ path: 'd.facts.yaml', text: 'title: a\ntitle: b\n' }]);
    assert.deepEqual(
      result.problems.map((p) => [p.start, p.end, p.message]),
      [[9, 14, 'YAML: "title" is written twice in this map (first on line 1); keep one.']],
    );
    const big = (n: number) => `title: keys\n${Array.from({ length: n }, (_, i) => `k${i}: 1`).join('\n')}`;
    const small = cpu(() => loadFactBase([{ path: 'k.facts.yaml', text: big(6_250) }]));
    let many: LoadResult | undefined;
    const large = cpu(() => (many = loadFactBase([{ path: 'k.facts.yaml', text: big(50_000) }])));
    assert.ok(large < 12 * small + 500, `6,250 keys: ${small} ms; 50,000 keys: ${large} ms`);
    assert.equal(many!.problems.length, 101, 'the first 100 problems and a line saying how many more');
    assert.match(many!.problems[100]!.message, /49900 more problems/);
    const repeated = 'title: a\n'.repeat(5_000);
    const dup = loadFactBase([{ path: 'r.facts.yaml', text: repeated }]).problems;
    assert.equal(dup.length, 101, 'the first 100 repeated keys and a line saying how many more');
    assert.match(dup[100]!.message, /4899 more problems/);
    assert.equal(repeated.slice(dup[100]!.start, dup[100]!.start + 5), 'title', 'located on the first repeated key not listed');
  });

  test('cycles: an event that is its own ancestor is reported and loading ends', () => {
    const data = structuredClone(SKELETON);
    data.events[0] = { ...data.events[0]!, parent: 'talks' } as (typeof data.events)[0];
    const text = stringify(data);
    const result = loadFactBase([{ path: 'c.facts.yaml', text }]);
    assert.equal(result.facts, undefined);
    assert.ok(
      result.problems.some((p) => /own ancestor/.test(p.message)),
      JSON.stringify(result.problems),
    );
    assertProblems(text, result);
  });

  /** Hostile drafts: each must take time linear in its size (4× the input, at most ~8× the time, with room for noise). */
  const HOSTILE: [string, (n: number) => string][] = [
    ['unclosed brackets', (n) => '[a]('.repeat(n / 4)],
    ['mismatched emphasis', (n) => '*a_ '.repeat(n / 4)],
    ['emphasis closers', (n) => 'a_ '.repeat(n / 3)],
    ['nested images', (n) => '![a '.repeat(n / 8) + 'b' + '](u)'.repeat(n / 8)],
    ['nested block quotes', (n) => '>'.repeat(n)],
    ['nested lists on one line', (n) => '- '.repeat(n / 2)],
    ['nested lists by indentation', (n) => Array.from({ length: Math.sqrt(n) }, (_, i) => `${'  '.repeat(i)}- a`).join('\n')],
    ['block quotes deepening line by line', (n) => Array.from({ length: Math.sqrt(n) }, (_, i) => `${'>'.repeat(i)} a`).join('\n')],
    ['unclosed comments', (n) => `</${'<!--'.repeat(n / 4)}`],
    ['a directive full of spaces', (n) => `<!-- factlint-disable${' '.repeat(n)}x -->`],
    ['footnote references', (n) => '[^a]'.repeat(n / 4)],
    [
      'one long paragraph of sentences naming people and dates',
      (n) => 'Lukashenko met Xi Jinping on 5 March 2023 during the official visit. '.repeat(n / 69),
    ],
    [
      'directives and findings',
      (n) => '<!-- factlint-disable-line date-mismatch -->\nXi met Lukashenka on 5 March 2023 during the visit.\n\n'.repeat(n / 100),
    ],
    ['a table of findings', (n) => `| a | b |\n|---|---|\n${'| Lukashenko met Xi | 5 March 2023 |\n'.repeat(n / 36)}`],
    ['whitespace after a date', (n) => `1 March${' '.repeat(n)}x`],
    ['CR-only line endings', (n) => 'Xi\rmet\r\rLukashenko\r'.repeat(n / 20)],
    ['NUL and control bytes', (n) => '\u0000\u0001a\u0007*'.repeat(n / 5)],
    ['a 100 KB line of capitalised words', (n) => 'Lukashenkx Jinpinx Keqianx '.repeat(n / 27)],
  ];
  const SIZE = LONG ? 250_000 : 12_500;
  for (const [name, make] of HOSTILE) {
    test(`time is linear: ${name}`, () => {
      check(make(2000), BUNDLED);
      const t1 = Math.min(
        cpu(() => check(make(SIZE), BUNDLED)),
        cpu(() => check(make(SIZE), BUNDLED)),
      );
      const t4 = cpu(() => check(make(4 * SIZE), BUNDLED));
      assert.ok(t4 < 8 * t1 + 300, `${SIZE} characters: ${t1.toFixed(0)} ms; ${4 * SIZE}: ${t4.toFixed(0)} ms`);
    });
  }

  test('a 1 MB hostile draft finishes in a few seconds', { skip: !LONG && 'long run only (FUZZ_RUNS)' }, () => {
    for (const [name, make] of HOSTILE) {
      const ms = cpu(() => check(make(1_000_000), BUNDLED));
      assert.ok(ms < 15_000, `${name}: ${ms} ms`);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The CLI, in process, on temporary files

/** The CLI run in process: its exit code and what it wrote. */
function run(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(
    argv,
    (s) => (out += s),
    (s) => (err += s),
  );
  return { code, out, err };
}

describe('CLI under bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'factlint-fuzz-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const draft = write('draft.md', 'Lukashenka met Xi Jinping on 1 March 2023.\n');

  test('bad arguments exit 2 with the usage', () => {
    for (const argv of [[], ['frobnicate'], ['check', '--format', 'xml', draft], ['check', '--bogus', draft], ['check', '--facts']]) {
      const { code, err } = run(...argv);
      assert.equal(code, 2, argv.join(' '));
      assert.match(err, /Usage: factlint check/, argv.join(' '));
    }
  });

  test('an unreadable fact base exits 2 and names it', () => {
    const missing = join(dir, 'missing.facts.yaml');
    let { code, err } = run('check', draft, '--facts', missing);
    assert.equal(code, 2);
    assert.match(err, /Cannot read the fact-base file .*missing\.facts\.yaml: it does not exist/);
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    ({ code, err } = run('check', draft, '--facts', empty));
    assert.equal(code, 2);
    assert.match(err, /No \*\.facts\.yaml/);
  });

  test('a malformed fact base exits 2 with file:line:col problems and no stack trace', () => {
    const bad = write('bad.facts.yaml', `${SUMMIT_YAML}\npeople:\n  - id: [unclosed\n`);
    const huge = write('huge.facts.yaml', `title: "${'x'.repeat(MAX_FACT_FILE)}"\n`);
    const deep = write('deep.facts.yaml', '['.repeat(5000));
    const tagged = write('tagged.facts.yaml', 'title: !!js/function "function(){}"\n');
    for (const file of [bad, huge, deep, tagged]) {
      const { code, err, out } = run('check', draft, '--facts', file, '--format', 'lines');
      assert.equal(code, 2, file);
      assert.equal(out, '');
      assert.match(err, /problems?:\n.*\.facts\.yaml:\d+:\d+:(error|warning):factbase-(syntax|schema|reference):/, err.slice(0, 300));
      assert.doesNotMatch(err, /\n\s+at .*\(.*:\d+:\d+\)/, 'no stack trace');
    }
  });

  test('broken drafts do not crash the CLI: binary, NUL bytes, unclosed constructs, hostile nesting', () => {
    const binary = write('binary.md', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    const refused = run('check', binary);
    assert.equal(refused.code, 2, 'binary that is not UTF-8 is refused');
    assert.match(refused.err, /Cannot read the draft .*binary\.md: it is not valid UTF-8/);
    const files = [
      write('nul.md', 'Lukashenko\u0000 met Xi on 5 March 2023.\u0000\n'),
      write('unclosed.md', '---\ntitle: [\n\n<!-- factlint-disable\n\n**Lukashenko [met](Xi `on 5 March 2023\n'),
      write('nested.md', `${'> - '.repeat(5000)}Lukashenko met Xi on 5 March 2023.\n`),
      write('crlf.md', 'Lukashenko met\r\nXi on\r5 March 2023.\r\n'),
    ];
    // The broken fact bases of the test before lie beside these drafts: name the bundled one.
    const { code, out, err } = run('check', ...files, '--facts', bundledFactsDir(), '--format', 'json');
    assert.ok(code === 0 || code === 1, err);
    const findings = JSON.parse(out) as { file: string; rule: string }[];
    for (const name of ['nul.md', 'crlf.md', 'nested.md']) {
      assert.ok(
        findings.some((f) => f.file.endsWith(name) && f.rule === 'date-mismatch'),
        `${name}: the wrong date is still found`,
      );
    }
  });

  test('--fix on a draft with fixable findings writes it, and what remains re-checks clean of them', () => {
    const file = write('fix.md', '# Talks\n\nLukashenka held talks with Xi Jinping on 3 March 2023 in Beijing.\n');
    const { code } = run('check', file, '--fix', '--facts', bundledFactsDir(), '--format', 'lines');
    assert.ok(code === 0 || code === 1);
    const fixed = readFileSync(file, 'utf8');
    assert.notEqual(fixed, '# Talks\n\nLukashenka held talks with Xi Jinping on 3 March 2023 in Beijing.\n');
    assert.deepEqual(
      check(fixed, BUNDLED)
        .filter((f) => f.fixes.length > 0)
        .map((f) => f.message),
      [],
    );
  });

  test('an unreadable draft (a dangling link, a file without read permission) is reported, not thrown', () => {
    const sub = join(dir, 'drafts');
    mkdirSync(sub);
    symlinkSync(join(dir, 'nowhere.md'), join(sub, 'dangling.md'));
    write('drafts/ok.md', 'Lukashenka held talks with Xi Jinping on 5 March 2023.\n');
    const locked = write('drafts/locked.md', 'x');
    chmodSync(locked, 0o000);
    const { code, err, out } = run('check', sub, '--format', 'json');
    assert.equal(code, 2);
    assert.match(err, /Cannot read the draft .*dangling\.md/);
    assert.doesNotMatch(err, /\n\s+at /, 'no stack trace');
    assert.match(out, /ok\.md/, 'the readable drafts are still checked');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Files: odd encodings, named pipes and devices, as drafts and as fact bases

describe('fuzz: files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'factlint-fuzz-files-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  let serial = 0;
  const text = fc.string({
    unit: fc.constantFrom('Xi', ' met ', 'Лукашенко', ' on 1 March 2023.', '😀', 'é', '\n', '\r\n', '\r', '\t', '# ', '| a |'),
    maxLength: 30,
  });
  type Kind =
    | 'utf8'
    | 'utf8-bom'
    | 'utf16le'
    | 'utf16be'
    | 'bom only'
    | 'utf16le without bom'
    | 'utf16be without bom'
    | 'latin1'
    | 'truncated utf8';
  const kinds: Kind[] = [
    'utf8',
    'utf8-bom',
    'utf16le',
    'utf16be',
    'bom only',
    'utf16le without bom',
    'utf16be without bom',
    'latin1',
    'truncated utf8',
  ];
  const bytesOf = (kind: Kind, s: string): Buffer => {
    const le = (t: string) => Buffer.from(t, 'utf16le');
    switch (kind) {
      case 'utf8':
        return Buffer.from(s);
      case 'utf8-bom':
        return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s)]);
      case 'utf16le':
        return Buffer.concat([Buffer.from([0xff, 0xfe]), le(s)]);
      case 'utf16be':
        return Buffer.concat([Buffer.from([0xfe, 0xff]), le(s).swap16()]);
      case 'bom only':
        return Buffer.from([0xef, 0xbb, 0xbf]);
      case 'utf16le without bom':
        return le(`Xi met Lukashenka. ${s}`);
      case 'utf16be without bom':
        return le(`Xi met Lukashenka. ${s}`).swap16();
      case 'latin1':
        return Buffer.from(`${s}café au lait ${s}`, 'latin1');
      case 'truncated utf8':
        return Buffer.from(`${s}é`).subarray(0, -1);
    }
  };

  test('drafts in any encoding: read exactly, or refused with the path and why (a line for bad UTF-8), never replaced', () => {
    fc.assert(
      fc.property(fc.constantFrom(...kinds), text, (kind, s) => {
        const path = join(dir, `draft-${serial++}.md`);
        writeFileSync(path, bytesOf(kind, s));
        const { code, out, err } = run('check', path, '--facts', bundledFactsDir(), '--format', 'json');
        if (['utf8', 'utf8-bom', 'utf16le', 'utf16be', 'bom only'].includes(kind)) {
          assert.ok(code === 0 || code === 1, `${kind}: exit ${code}: ${err}`);
          const findings = JSON.parse(out) as { file: string; line: number }[];
          const lines = (kind === 'bom only' ? '' : s).split(/\r\n|\r|\n/).length;
          assert.ok(
            findings.every((f) => f.line >= 1 && f.line <= lines),
            `${kind}: findings on lines of the text`,
          );
        } else {
          assert.equal(code, 2, `${kind}: ${err}`);
          assert.ok(err.includes(path), `${kind}: the path is named: ${err}`);
          assert.match(
            err,
            kind.includes('without bom') ? /UTF-16 without a byte order mark/ : /not valid UTF-8 \(line \d+, byte \d+\)/,
            kind,
          );
          assert.equal(out.trim(), '[]', `${kind}: nothing checked`);
        }
      }),
      params(30),
    );
  });

  test('named pipes, devices, folders and links to them, as a draft or as a fact base: refused at once, naming the path', {
    timeout: 30_000,
  }, () => {
    const make = (kind: string): string => {
      const path = join(dir, `${kind}-${serial++}`);
      if (kind === 'pipe') execFileSync('mkfifo', [path]);
      else if (kind === 'folder') mkdirSync(path);
      else if (kind === 'link to a pipe') symlinkSync(make('pipe'), path);
      else if (kind === 'link to nowhere') symlinkSync(join(dir, 'nowhere'), path);
      else return kind; // a device path
      return path;
    };
    const kinds = ['pipe', 'folder', 'link to a pipe', 'link to nowhere', '/dev/zero', '/dev/urandom', '/dev/null'];
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.constantFrom('draft', 'facts', 'front matter'), (kind, role) => {
        fc.pre(!(kind === 'folder' && role !== 'facts')); // a folder of drafts, or of fact bases in front matter, is read
        const path = make(kind);
        const draft = join(dir, `uses-${serial++}.md`);
        writeFileSync(draft, `---\nfacts: ${JSON.stringify(path)}\n---\n\nXi met Lukashenka on 1 March 2023.\n`);
        const argv =
          role === 'draft'
            ? ['check', path, '--facts', bundledFactsDir()]
            : role === 'facts'
              ? ['check', draft, '--facts', path]
              : ['check', draft];
        const started = Date.now();
        const { code, err } = run(...argv, '--format', 'json');
        assert.ok(Date.now() - started < 5000, `${kind} as ${role}: took ${Date.now() - started} ms`);
        assert.equal(code, 2, `${kind} as ${role}: ${err}`);
        assert.ok(err.includes(path), `${kind} as ${role}: the path is named: ${err}`);
        assert.doesNotMatch(err, /\n\s+at /, 'no stack trace');
      }),
      params(40),
    );
  });
});
