import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { OBJECT } from '../markdown/prose.js';
import { toProse } from '../markdown/parse.js';

/** A source article as text: its title, the publisher and date when the page gives them, and its paragraphs. */
export interface SourceText {
  title?: string;
  publisher?: string;
  /** As the page gives it (an HTML page's published time), YYYY-MM-DD. */
  date?: string;
  paragraphs: string[];
}

/** Block elements whose text is a paragraph of the article. */
const BLOCKS = 'p, li, h1, h2, h3, h4, h5, h6, blockquote, td, th, pre';

/**
 * Reads a source article by its form: a saved HTML page (the article taken out of the page by Readability, on a
 * linkedom document), Markdown (its prose blocks, markup removed), or plain text (paragraphs split at blank lines).
 */
export function readSource(path: string, text: string): SourceText {
  if (/\.x?html?$/i.test(path) || /^\s*(?:<!doctype html|<html)/i.test(text)) return fromHtml(text);
  if (/\.(?:md|markdown)$/i.test(path)) return fromMarkdown(text);
  return fromText(text);
}

const clean = (s: string) => s.replace(/[\s\u00a0]+/g, ' ').trim();

function fromHtml(html: string): SourceText {
  const { document } = parseHTML(html);
  const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  const body = parseHTML(`<!doctype html><html><body>${article?.content ?? ''}</body></html>`).document;
  // The innermost blocks only: a list item holding paragraphs gives its paragraphs, not itself again.
  const paragraphs = [...body.querySelectorAll(BLOCKS)]
    .filter((el) => el.querySelector(BLOCKS) === null)
    .map((el) => clean(el.textContent ?? ''))
    .filter((p) => p.length > 0);
  if (paragraphs.length === 0 && article?.textContent) paragraphs.push(...splitText(article.textContent));
  const date = /^\d{4}-\d{2}-\d{2}/.exec(article?.publishedTime ?? '')?.[0];
  return { title: article?.title ? clean(article.title) : undefined, publisher: article?.siteName ?? undefined, date, paragraphs };
}

function fromMarkdown(markdown: string): SourceText {
  const blocks = toProse(markdown).blocks.filter((b) => b.kind !== 'cell');
  const heading = blocks.find((b) => b.kind === 'heading');
  const paragraphs = blocks.map((b) => clean(b.text.replaceAll(OBJECT, ' '))).filter((p) => p.length > 0);
  return { title: heading ? clean(heading.text) : undefined, paragraphs };
}

function splitText(text: string): string[] {
  return text
    .split(/\r?\n[ \t]*\r?\n/)
    .map(clean)
    .filter((p) => p.length > 0);
}

function fromText(text: string): SourceText {
  const paragraphs = splitText(text);
  // A first paragraph that is one short line without a full stop is the title.
  const first = paragraphs[0];
  const title = first !== undefined && first.length <= 150 && !/[.!?]$/.test(first) ? first : undefined;
  return { title, paragraphs };
}
