import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toProse } from '../../server/src/markdown/parse.js';
import { OBJECT, toSource, type Block, type Prose } from '../../server/src/markdown/prose.js';
import { sentencesOf } from '../../server/src/markdown/sentences.js';

/**
 * The source map's invariant, checked on every prose character: a character that is not from an entity, a line
 * break or an object maps to the same character in the source; an entity's characters map to its "&".
 * Returns the prose of every block, joined by " | ", for the content checks.
 */
function mapped(source: string): { prose: Prose; text: string } {
  const prose = toProse(source);
  for (const block of prose.blocks) {
    assert.equal(block.sentences[0]?.start, 0, 'sentences start at 0');
    assert.equal(block.sentences.at(-1)?.end, block.text.length, 'sentences cover the block');
    for (let i = 0; i < block.text.length; i++) {
      const at = toSource(block, i);
      const c = block.text[i]!;
      const where = `prose ${i} ${JSON.stringify(c)} of ${JSON.stringify(block.text)} → source ${at} ${JSON.stringify(source.slice(at, at + 8))}`;
      assert.ok(at >= 0 && at < source.length, where);
      if (fromEntity(block, i)) assert.equal(source[at], '&', where);
      else if (c === OBJECT) assert.notEqual(source[at], OBJECT, where);
      else if (c === ' ' && /^(?:\r\n?|\n| +\r?\n|\\\r?\n)/.test(source.slice(at)))
        continue; // a line break
      else assert.equal(source[at], c, where);
    }
  }
  return { prose, text: prose.blocks.map((b) => b.text).join(' | ') };
}

/** Whether a prose character came from an entity: its segment is shorter in prose than its source, which starts with "&". */
function fromEntity(block: Block, i: number): boolean {
  const seg = block.segments.find((s) => s.prose <= i && i < s.prose + s.proseLength)!;
  return seg.proseLength !== seg.sourceLength && block.text[i] !== OBJECT && block.text[i] !== ' ';
}

/** The source text of a prose span, as checks map findings back. */
function sourceOf(prose: Prose, phrase: string): string {
  const block = prose.blocks.find((b) => b.text.includes(phrase))!;
  assert.ok(block, `a block contains ${JSON.stringify(phrase)}`);
  const start = block.text.indexOf(phrase);
  return prose.source.slice(toSource(block, start), toSource(block, start + phrase.length, 'end'));
}

test('emphasis, strong, strikethrough and links keep their text and map it exactly', () => {
  const { prose, text } = mapped('He met *Xi* on **1 March** and _Li_ ~~never~~ at [the *Great* Hall](https://example.org/hall "Hall").');
  assert.equal(text, 'He met Xi on 1 March and Li never at the Great Hall.');
  assert.equal(sourceOf(prose, 'the Great Hall'), 'the *Great* Hall');
  assert.equal(sourceOf(prose, '1 March'), '1 March');
});

test('a link whose text is also the end of its address is prose; bare URLs, autolinks and e-mail addresses are not', () => {
  const { text } = mapped(
    'Read the [report](https://example.org/report) on [Beijing](https://example.org/Beijing), ' +
      'not <https://example.org/SECRETA> nor https://example.org/SECRETB nor www.SECRETC.org nor <SECRETD@example.org> ' +
      'nor [www.SECRETE.org](http://www.SECRETE.org).',
  );
  assert.match(text, /^Read the report on Beijing, not \uFFFC nor \uFFFC nor \uFFFC nor \uFFFC nor \uFFFC\.$/);
  assert.doesNotMatch(text, /SECRET/);
});

test('an address is one object however it is written: escaped, with entities, split by emphasis, over a quote marker', () => {
  const { prose, text } = mapped(
    'Xi (see https://x.org/a\\_b&amp;c=1). Mail *press@mfa.gov.by*, or www.x.org/_Li_ now.\n' +
      '> Quote https://y.org/z,\n> then Lukashenka.',
  );
  assert.equal(text, 'Xi (see \uFFFC). Mail \uFFFC, or \uFFFCLi now. | Quote \uFFFC, then Lukashenka.');
  assert.equal(sourceOf(prose, 'Xi (see \uFFFC)'), 'Xi (see https://x.org/a\\_b&amp;c=1)');
  assert.equal(sourceOf(prose, 'Mail \uFFFC,'), 'Mail *press@mfa.gov.by*,');
  assert.equal(sourceOf(prose, '\uFFFC, then'), 'https://y.org/z,\n> then');
});

test('inline code, code blocks, HTML, images and front matter are not prose', () => {
  const { prose, text } = mapped(
    [
      '---',
      'title: SECRET1 on 9 March',
      '---',
      '',
      'Code `SECRET2` and <!-- SECRET3 --> and <code>SECRET4</code> and <kbd>SECRET5</kbd> and ![SECRET6](x.png), ' +
        'but <b>bold</b> is prose.',
      '',
      '```',
      'SECRET7',
      '```',
      '',
      '    SECRET8',
      '',
      '<div>',
      'SECRET9',
      '</div>',
      '',
      '~~~md',
      'SECRET10',
      '~~~',
    ].join('\n'),
  );
  assert.doesNotMatch(text, /SECRET/);
  assert.match(text, /\uFFFCbold\uFFFC is prose\.$/);
  assert.equal(prose.frontmatter, 'title: SECRET1 on 9 March');
  assert.deepEqual(
    prose.comments.map((c) => c.value),
    [' SECRET3 '],
  );
});

test('backslash escapes are decoded and map to the escaped character', () => {
  const { prose, text } = mapped('A \\*star\\* and \\_under\\_ and 1\\. and \\\\ and \\[x\\] end.');
  assert.equal(text, 'A *star* and _under_ and 1. and \\ and [x] end.');
  // A span maps from its first character to past its last: the escaped "*", then through the second escape.
  assert.equal(sourceOf(prose, '*star*'), '*star\\*');
});

test('entities are decoded, and each maps to its "&"', () => {
  const source = 'Xi &amp; Li &#8212; then&nbsp;more &#x1F600; &copy; &bogus; end.';
  const { prose, text } = mapped(source);
  assert.equal(text, 'Xi & Li \u2014 then\u00a0more \u{1F600} \u00a9 &bogus; end.');
  const block = prose.blocks[0]!;
  for (const [decoded, entity] of [
    ['&', '&amp;'],
    ['\u2014', '&#8212;'],
    ['\u00a0', '&nbsp;'],
    ['\u{1F600}', '&#x1F600;'],
  ] as const) {
    const i = block.text.indexOf(decoded);
    assert.equal(source.slice(toSource(block, i), toSource(block, i + decoded.length, 'end')), entity);
  }
});

test('soft and hard line breaks are one space each, and a sentence runs across a soft break', () => {
  const { prose, text } = mapped('He arrived on 28\nFebruary. Then hard  \nbreak and back\\\nslash. End.');
  assert.equal(text, 'He arrived on 28 February. Then hard break and back slash. End.');
  const block = prose.blocks[0]!;
  const sentences = block.sentences.map((s) => block.text.slice(s.start, s.end).trim());
  assert.deepEqual(sentences, ['He arrived on 28 February.', 'Then hard break and back slash.', 'End.']);
  assert.equal(sourceOf(prose, '28 February'), '28\nFebruary');
});

test('block quotes, nested, lose their markers; lazy continuation lines belong to the paragraph', () => {
  const { prose, text } = mapped('> outer line\n> continued\n>\n> > inner line\n> > inner *continued*\n\n> lazy quote\ncontinuation\n');
  assert.equal(text, 'outer line continued | inner line inner continued | lazy quote continuation');
  assert.equal(sourceOf(prose, 'line inner continued'), 'line\n> > inner *continued');
});

test('list items with continuation lines, tabs and nested quotes map exactly', () => {
  const { text } = mapped(
    '- item one\n  continued line\n- item two\n\n  second para\n\n1. numbered\n   cont\n\n-\tTabbed item\n\tcontinued\n\n> - > 1. deep *x*\n>   >    cont\n',
  );
  assert.equal(text, 'item one continued line | item two | second para | numbered cont | Tabbed item continued | deep x cont');
});

test('table cells are blocks of their own; an escaped pipe is prose', () => {
  const { prose, text } = mapped('| Event | Date |\n| --- | --- |\n| The talks | 1 *March* 2023 |\n| \\| pipe | `SECRET` |\n');
  assert.equal(text, 'Event | Date | The talks | 1 March 2023 | | pipe | \uFFFC');
  assert.ok(prose.blocks.every((b) => b.kind === 'cell'));
});

test('footnote references are objects and footnote definitions are prose', () => {
  const { text } = mapped('Text[^1] here.\n\n[^1]: Footnote text\n    continued here.\n');
  assert.equal(text, 'Text\uFFFC here. | Footnote text continued here.');
});

test('headings, ATX and setext, are blocks', () => {
  const { prose, text } = mapped('# Heading *one* #\n\nSetext\n======\n');
  assert.equal(text, 'Heading one | Setext');
  assert.deepEqual(
    prose.blocks.map((b) => b.kind),
    ['heading', 'heading'],
  );
});

test('CRLF and CR line endings are one space each, in paragraphs and in quotes', () => {
  const { prose, text } = mapped('Xi\r\nJinping met\r\nLukashenka.\r\n\r\n> quote\r\n> more\r\n\r\n- item\r\n  cont\r\n');
  assert.equal(text, 'Xi Jinping met Lukashenka. | quote more | item cont');
  assert.equal(sourceOf(prose, 'Xi Jinping'), 'Xi\r\nJinping');
  assert.equal(mapped('Line one\rline two.\r\rPara two\rcont.').text, 'Line one line two. | Para two cont.');
});

test('astral characters keep both halves, and offsets after them stay exact', () => {
  const source = '\u{1F600} Lukashenka met \u{1D4B3} and \u{1F600}\u{1F600} on *1 March*. \u{1D4B3}\u{1D4B3}';
  const { prose, text } = mapped(source);
  assert.equal(text, '\u{1F600} Lukashenka met \u{1D4B3} and \u{1F600}\u{1F600} on 1 March. \u{1D4B3}\u{1D4B3}');
  assert.equal(sourceOf(prose, '1 March'), '1 March');
  assert.equal(sourceOf(prose, '\u{1D4B3}\u{1D4B3}'), '\u{1D4B3}\u{1D4B3}');
});

test('a byte order mark before the draft is not prose, and every character after it maps to itself (found by fuzzing)', () => {
  const { prose, text } = mapped('\uFEFF---\ntitle: x\n---\nXi met *Li* on 1 March.\n\nSecond para, to 2 March.');
  assert.equal(text, 'Xi met Li on 1 March. | Second para, to 2 March.');
  assert.equal(prose.frontmatter, 'title: x');
  assert.equal(sourceOf(prose, 'on 1 March.'), 'on 1 March.');
  assert.equal(sourceOf(prose, '2 March.'), '2 March.');
});

test('no string breaks the map: empty, whitespace, unclosed constructs, deep nesting', () => {
  for (const source of [
    '',
    '   \n\n',
    '*unclosed **strong',
    '[link](',
    '<div',
    '&#;',
    '&#xFFFFFFF;',
    '\\',
    '> '.repeat(200) + 'deep',
    '- '.repeat(100) + 'x',
    '`'.repeat(1000),
    '\u0000\uFFFF\uD800',
  ]) {
    mapped(source);
  }
});

test('a long paragraph is segmented window by window into the same sentences as all at once', () => {
  const text = Array.from({ length: 700 }, (_, i) => `On ${(i % 28) + 1} March the talks (No. ${i}) went on; Mr. Xi spoke.`).join(' ');
  assert.ok(text.length > 3 * 4096);
  const whole = [...new Intl.Segmenter('en', { granularity: 'sentence' }).segment(text)].map(({ index, segment }) => ({
    start: index,
    end: index + segment.length,
  }));
  assert.deepEqual(sentencesOf(text), whole);
  const giant = `${'word '.repeat(3000)}end. Next.`;
  const spans = sentencesOf(giant);
  spans.forEach((span, i) => {
    assert.equal(span.start, i === 0 ? 0 : spans[i - 1]!.end, 'spans are contiguous');
  });
  assert.equal(spans.at(-1)!.end, giant.length);
  assert.equal(giant.slice(spans.at(-1)!.start, spans.at(-1)!.end), 'Next.');
});

test('an address in a paragraph maps to its own characters, even past stripped indentation', () => {
  // "[ref]: URL" cannot interrupt a paragraph, so it is text with an address in it; the next line's indentation is
  // not in the text node's value.
  const source =
    'unclosed: [\n[ref]: https://example.org\n    Yang Dayong attended on 28 February 2023.\nSee [the note https://x.org][ref].\n';
  const { prose, text } = mapped(source);
  assert.match(text, /^unclosed: \[ \[ref\]: \uFFFC Yang Dayong attended on 28 February 2023\. See /);
  assert.equal(sourceOf(prose, 'Yang Dayong'), 'Yang Dayong');
  assert.equal(sourceOf(prose, '28 February 2023'), '28 February 2023');
});

test('a table cell below the header knows its row and the header, empty cells included', () => {
  const prose = toProse(
    '| Date | Event | Note |\n| --- | --- | --- |\n| 1 March | Talks with *Xi* | |\n\n> | When | What |\n> | --- | --- |\n> | 2 March | Lunch |\n',
  );
  const cells = prose.blocks.filter((b) => b.kind === 'cell');
  assert.deepEqual(
    cells.map((b) => b.text),
    ['Date', 'Event', 'Note', '1 March', 'Talks with Xi', 'When', 'What', '2 March', 'Lunch'],
  );
  assert.equal(cells[0]!.table, undefined, 'a header cell has no row');
  assert.deepEqual(cells[3]!.table, { header: ['Date', 'Event', 'Note'], row: ['1 March', 'Talks with Xi', ''], column: 0 });
  assert.deepEqual(cells[8]!.table, { header: ['When', 'What'], row: ['2 March', 'Lunch'], column: 1 });
});
