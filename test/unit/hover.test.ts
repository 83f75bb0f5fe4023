import assert from 'node:assert/strict';
import { test } from 'node:test';
import { definition } from '../../server/src/definition.js';
import { bundledFactsDir, readFactFiles } from '../../server/src/facts/files.js';
import { loadFactBase } from '../../server/src/facts/load.js';
import { hover } from '../../server/src/hover.js';
import { Rechecker } from '../../server/src/incremental.js';
import { toProse } from '../../server/src/markdown/parse.js';
import { compile } from '../../server/src/match/compile.js';

const loaded = loadFactBase(readFactFiles([bundledFactsDir()]));
assert.ok(loaded.facts);
const index = compile(loaded.facts);

const DRAFT = [
  '# The *state visit* to China',
  '',
  '> Premier Li Qiang met **Lukashenka** on 1 March 2023, and [Xi Jingping](https://example.org) signed the joint statement.',
  '',
  '- Belarusian officials put the effect at $3.5 billion; 27 agreements were signed.',
  '',
  'Inline `Xi Jinping on 3 March 2023` is code, and so is a plain word like table.',
].join('\n');

/** The card at the first occurrence of `at` in the draft (offset inside it), with the text its range covers. */
function card(at: string, within = 1) {
  const offset = DRAFT.indexOf(at) + within;
  assert.ok(offset >= within, at);
  const found = hover(DRAFT, index, offset);
  return found && { ...found, covers: DRAFT.slice(found.start, found.end) };
}

test('a name through Markdown emphasis: its offices on the date in question', () => {
  const found = card('Lukashenka**', 3);
  assert.equal(found?.covers, 'Lukashenka');
  assert.match(found!.markdown, /^\*\*Alexander Lukashenka\*\* — person/);
  assert.match(found!.markdown, /Offices held on 1 March 2023:\n- President of the Republic of Belarus \(since 20 July 1994\)/);
  assert.match(found!.plaintext, /Defined in .*lukashenka-china-2023\.facts\.yaml:\d+/);
});

test('a misspelt name inside a link says how the fact base spells it', () => {
  const found = card('Xi Jingping');
  assert.equal(found?.covers, 'Xi Jingping');
  assert.match(found!.plaintext, /Written: Xi Jingping — the fact base spells it Xi Jinping/);
});

test('an office title: who held it on the date', () => {
  const found = card('Premier');
  assert.equal(found?.covers, 'Premier');
  assert.match(found!.plaintext, /Held on 1 March 2023 by:\n {2}- Li Keqiang \(15 March 2013 – 11 March 2023\)/);
});

test('an event phrase in a heading: dates, place and meetings', () => {
  const found = card('state visit*', 2);
  assert.equal(found?.covers, 'state visit* to China', 'the phrase runs on past the emphasis');
  assert.match(found!.plaintext, /When: 28 February – 2 March 2023/);
  assert.match(found!.plaintext, /Meetings and sub-events:\n(.*\n)*.*Talks between Lukashenka and Xi Jinping — 1 March 2023/);
  assert.match(found!.plaintext, /Also called: official visit/);
});

test('a document: whether it binds', () => {
  const found = card('joint statement');
  assert.equal(found?.covers, 'joint statement');
  assert.match(found!.plaintext, /Binding: no — it creates no legal obligations/);
});

test('a figure: the claim, who claimed it and when', () => {
  const found = card('$3.5 billion');
  assert.equal(found?.covers, '$3.5 billion');
  assert.match(found!.plaintext, /Figure: more than \$3\.5 billion/);
  assert.match(found!.plaintext, /Claimed by:\n {2}- Nikolai Snopkov, 1 March 2023/);
});

test('a count of documents: every sourced count', () => {
  const found = card('27 agreements');
  assert.equal(found?.covers, '27 agreements');
  assert.match(found!.plaintext, /Sourced counts:\n(.*\n)*.*27 intergovernmental/);
});

test('no card for code spans or plain words; a definition for a name', () => {
  assert.equal(card('Xi Jinping on 3'), undefined);
  assert.equal(card('table'), undefined);
  const [origin] = definition(DRAFT, index, DRAFT.indexOf('Lukashenka**') + 1);
  assert.match(loaded.facts!.files[0]!.text.slice(origin!.start, origin!.end), /^id: lukashenka\n/);
});

test("between checks, hovers and definitions use the checker's analysed blocks of the same text, and only those", () => {
  const checker = new Rechecker();
  const edited = `${DRAFT}\n\nLukashenka met Wang Yi on 2 March 2023.`;
  checker.check(DRAFT, index);
  checker.check(edited, index);
  const blocks = checker.analysedFor(edited, index);
  assert.ok(blocks);
  assert.equal(checker.analysedFor(DRAFT, index), undefined, 'not for a text it no longer holds');
  assert.equal(checker.analysedFor(edited, compile(loaded.facts!)), undefined, 'not for another fact index');
  assert.deepEqual(
    blocks.map((b) => b.text),
    toProse(edited).blocks.map((b) => b.text),
  );
  for (const at of ['Wang Yi', 'Lukashenka', 'joint statement', '2 March 2023', '$3.5 billion']) {
    const offset = edited.lastIndexOf(at) + 1;
    assert.deepEqual(hover(edited, index, offset, blocks), hover(edited, index, offset), at);
    assert.deepEqual(definition(edited, index, offset, blocks), definition(edited, index, offset), at);
  }
  assert.ok(hover(edited, index, edited.lastIndexOf('Wang Yi') + 1, blocks)?.markdown.includes('Foreign'));
});

test("a name in a sentence whose date is wrong: the offices on the event's real date, and the date written", () => {
  const text =
    'Lukashenka held talks with Xi Jinping in Beijing on 3 March 2023.\n\nLukashenka held talks with Premier Li Qiang in Beijing on 3 March 2023.\n';
  const xi = hover(text, index, text.indexOf('Xi Jinping') + 1)!.plaintext;
  assert.match(xi, /Written date: 3 March 2023 — not the date of Talks between Lukashenka and Xi Jinping \(1 March 2023\)/);
  assert.match(xi, /Offices held on 1 March 2023:/);
  assert.doesNotMatch(xi, /held on 3 March/);
  const premier = hover(text, index, text.indexOf('Premier') + 1)!.plaintext;
  assert.match(premier, /Held on 28 February – 2 March 2023 by:\n {2}- Li Keqiang/);
  // A right date is the date in question, with no such line.
  const right = text.replace('on 3 March 2023.\n\n', 'on 1 March 2023.\n\n');
  const plain = hover(right, index, right.indexOf('Xi Jinping') + 1)!.plaintext;
  assert.match(plain, /Offices held on 1 March 2023:/);
  assert.doesNotMatch(plain, /Written date/);
});

test('a title the rules could not judge: the card says it was not checked, and why', () => {
  const text = 'Later, Premier Li Qiang made a trip to Minsk.\n\nDeputy Prime Minister Golovchenko met Lukashenka on 1 March 2023.\n';
  const later = hover(text, index, text.indexOf('Premier') + 1);
  assert.match(later!.plaintext, /Office not checked: the sentence gives no date and says "Later"/);
  const deputy = hover(text, index, text.indexOf('Golovchenko') + 1);
  assert.match(deputy!.plaintext, /Office not checked: several people may hold First Deputy Prime Minister/);
  const judged = hover(text.replace('Later, ', 'On 1 March 2023, '), index, text.indexOf('Premier') + 10);
  assert.doesNotMatch(judged!.plaintext, /not checked/);
});

test('v2 facts on cards: participants with their roles, a date known to the year, a term with an unknown start', () => {
  const v2 = loadFactBase(readFactFiles([`${bundledFactsDir()}/../test/fixtures/factbases/xi-moscow-2023.facts.yaml`]));
  assert.deepEqual(v2.problems, []);
  const v2index = compile(v2.facts!);
  const text = 'Xi Jinping held informal talks with Vladimir Putin on 20 March 2023, before the Russian presidential election.\n';
  const at = (word: string) => hover(text, v2index, text.indexOf(word) + 2)!.markdown;
  assert.match(at('informal talks'), /Participants: Vladimir Putin \(host\), Xi Jinping \(visitor\), Sergei Udovenko \(present\)/);
  assert.match(at('Russian presidential election'), /When: 2024/);
  assert.match(at('Vladimir Putin'), /President of Russia \(start not known, still held\)/);
});
