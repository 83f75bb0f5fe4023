import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { defuse } from '../../server/src/markdown/defuse.js';
import { parseByWindows, parseParts, WINDOW } from '../../server/src/markdown/parse.js';
import { toParts } from '../../server/src/markdown/parts.js';
import { ROOT } from './paths.js';

const brief = readFileSync(join(ROOT, 'examples', 'brief-clean.md'), 'utf8');
const errors = readFileSync(join(ROOT, 'examples', 'brief-with-errors.md'), 'utf8');

/** A long draft: the example briefs over and over, each copy with its own footnote labels. */
function longDraft(copies: number, first = 0): string {
  const parts: string[] = [];
  for (let i = first; i < first + copies; i++) parts.push((i % 2 ? errors : brief).replaceAll('[^1]', `[^c${i}]`));
  return parts.join('\n\n');
}

/** Parsed window by window (asserted, not parsed at once), and the same parts as parsed at once. */
function windowedAsWhole(text: string, window: number): void {
  const windowed = parseByWindows(text, window);
  assert.ok(windowed, 'parsed window by window');
  assert.deepEqual(windowed, toParts(text));
}

test('a long draft parsed window by window has the same parts as parsed at once, for any window size', () => {
  const text = longDraft(12);
  for (const window of [64, 500, 2048, 10_000]) windowedAsWhole(text, window);
});

test('references resolve to definitions in other windows, before or after them; front matter stays front matter', () => {
  const text = `---\ntitle: Brief\n---\nSee [the report][r] and the note.[^n]\n\n${longDraft(6)}\n\n[r]: https://example.org/r\n\n[^n]: A note.\n`;
  windowedAsWhole(text, 300);
  const parts = toParts(text);
  assert.equal(parts[0]!.type, 'yaml');
  assert.ok(parts.some((p) => p.definitions.includes('^n')) && parts.some((p) => p.definitions.includes('[r')));
});

test('a fence, a list or a table longer than a window is parsed whole, however the windows fall', () => {
  const list = Array.from({ length: 60 }, (_, i) => `- item ${i} on 1 March\n\n  continued`).join('\n');
  const fence = `\`\`\`\n${'code, not prose\n\n'.repeat(40)}\`\`\``;
  const table = `| a | b |\n|---|---|\n${'| Xi Jinping | 1 March |\n'.repeat(80)}`;
  windowedAsWhole(`${longDraft(2)}\n\n${list}\n\n${table}\n${longDraft(2, 2)}\n\n    indented code\n\n${fence}\n`, 200);
  // A byte order mark is dropped at the start of a draft only: a window never starts with one (found by fuzzing).
  windowedAsWhole(`${longDraft(1)}\n\n\uFEFF Not the start of the draft.\n\n\uFEFF---\n\n${longDraft(1, 1)}`, 16);
});

test('where windows could differ from the whole, the draft is parsed at once: the result is the same either way', () => {
  const cases = {
    'a definition-like line in a fence': `[r]\n\n${longDraft(3)}\n\n\`\`\`\n[r]: https://a.org\n\`\`\`\n`,
    'a definition in a block quote': `See [x][r].\n\n${longDraft(3)}\n\n> [r]: https://a.org\n`,
    'a definition-like line inside a paragraph, the definition itself in a quote (found by fuzzing)': `A paragraph.\n[r]: https://a.org\nthe end.\n\n${longDraft(3)}\n\n> [r]: https://a.org\n`,
    'front matter that never closes': `+++\ntitle = "x"\n\n${longDraft(3)}\n\n[^z]: note\n`,
  };
  for (const [name, text] of Object.entries(cases)) {
    assert.equal(parseByWindows(text, 300), undefined, name);
    assert.deepEqual(parseParts(text, 300), toParts(text), name);
  }
});

test('a label that runs over lines in a block quote finds its definition in another window, as at once', () => {
  windowedAsWhole(
    `[foo bar]: https://a.org\n\n${longDraft(3)}\n\n> Read [foo\n> bar] and [baz\n> > qux][].\n\n[baz qux]: https://b.org\n`,
    300,
  );
  const quoted = toParts(`[foo bar]: https://a.org\n\n> Read [foo\n> bar].\n`).flatMap((p) => p.blocks);
  assert.equal(quoted[0]!.text, 'Read foo bar.'); // a link: its brackets are not prose
});

test('two definitions of one label (link or footnote) keep the windows: the first counts in every window, as at once', () => {
  windowedAsWhole(`${longDraft(3)}\n\n[r]: https://a.org\n\n[r]: https://b.org\n\nSee [x][r] and [y][R].\n`, 300);
  windowedAsWhole(`See [x][r].\n\n[r]: <https://a.org>\n\n${longDraft(3)}\n\n[r]: https://a.org\n\nSee [x][r], [https://a.org][r].\n`, 300);
  windowedAsWhole(`Note.[^d]\n\n[^d]: One.\n\n${longDraft(3)}\n\n[^d]: Two.\n\nAgain.[^d]\n\n[^D]: Three.\n`, 300);
});

test('runs of headings, tables and lists without blank lines are cut after headings, between rows and before items, as at once', () => {
  const headings = Array.from({ length: 400 }, (_, i) =>
    i % 7 === 3 ? `Setext ${i} on 1 March\n===` : `## Heading ${i}: Xi met Lukashenka`,
  ).join('\n');
  const rows = (n: number) =>
    Array.from({ length: n }, (_, i) => `| Xi Jinping [^n] ${i} | ${(i % 28) + 1} March 2023 <!-- c${i} --> |`).join('\n');
  const tables = `| Who | When |\n| :-- | --: |\n${rows(500)}\n# After the table\n| a | b |\n|---|---|\n${rows(300)}\n\n[^n]: A note.\n`;
  const list = Array.from(
    { length: 600 },
    (_, i) => ['- Item [^n] on 1 March', '  continued', 'lazy line', '  - nested', '  ```', '  code', '- ```', '1. not this list'][i % 8],
  ).join('\n');
  const ordered = Array.from({ length: 600 }, (_, i) => `${i + 1}. Item ${i}\n   > quoted\n`).join('');
  const fences = Array.from({ length: 200 }, (_, i) => `\`\`\`\ncode ${i}\n\`\`\`\n***\n# H${i}`).join('\n');
  for (const window of [64, 500, 4096]) {
    for (const text of [headings, tables, fences, `${list}\n\n[^n]: Note.\n`, ordered]) windowedAsWhole(text, window);
  }
});

test('a draft longer than two default windows is parsed by windows, with the parts of a parse at once', () => {
  const text = defuse(longDraft(60));
  assert.ok(text.length > 2 * WINDOW);
  windowedAsWhole(text, WINDOW);
});

test('parsing by windows costs no more than a few one-shot parses (at most five), even on drafts built against it', () => {
  const url = `https://example.org/${'x'.repeat(5000)}`;
  const hostile: [string, string][] = [
    [
      'long definitions referred to from every window',
      (() => {
        const labels = Array.from({ length: 100 }, (_, i) => `d${i}`);
        const refs = labels.map((l) => `[${l}]`).join(' ');
        return `${Array.from({ length: 40 }, () => refs).join('\n\n')}\n\n${labels.map((l) => `[${l}]: ${url}`).join('\n\n')}\n`;
      })(),
    ],
    ['one list as long as the draft', '- item\n\n  more\n'.repeat(3000)],
    ['a fence that never closes', `\`\`\`\n${'code\n\n'.repeat(8000)}`],
    [
      'footnote references and definitions, alternating',
      Array.from({ length: 1500 }, (_, i) => `See[^f${i}].\n\n[^f${i}]: Note.\n\n`).join(''),
    ],
  ];
  const time = (parse: () => unknown) => {
    const start = process.cpuUsage();
    parse();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  for (const [name, text] of hostile) {
    assert.ok(text.length > 40_000, name);
    const once = Math.min(
      time(() => toParts(text)),
      time(() => toParts(text)),
    );
    const windowed = time(() => parseParts(text, 512));
    assert.ok(
      windowed < 5 * once + 200,
      `${name}: ${text.length} characters, one parse ${once.toFixed(0)} ms, by windows ${windowed.toFixed(0)} ms`,
    );
  }
});
