import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { parse as parseYaml } from 'yaml';
import { findDates, intervalOf, isDayPrecise } from '../match/dates.js';
import { OBJECT } from '../markdown/prose.js';
import { toProse } from '../markdown/parse.js';

/** A source article as text: its title, the publisher and date when the page gives them, and its paragraphs. */
export interface SourceText {
  title?: string;
  publisher?: string;
  /** As the page gives it (an HTML page's published time, front matter, a dateline), YYYY-MM-DD. */
  date?: string;
  /** The year of a dateline whose day cannot be read for certain ("12/09/2023"). */
  year?: number;
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
  return withDateline(/\.(?:md|markdown)$/i.test(path) ? fromMarkdown(text) : fromText(text));
}

/** How many paragraphs at the top of an article may hold its date line or dateline. */
const TOP = 4;

/**
 * What the top of a Markdown or text article says of itself when front matter did not: a line that is only a date
 * ("28 April 2023, 07:44", "Tuesday, 12/09/2023 | 09:00") dates it, and a wire dateline names its agency
 * ("SAMARKAND, 15 September (BelTA) –", "BRUSSELS. KAZINFORM The …") as the publisher.
 */
function withDateline(source: SourceText): SourceText {
  const top = source.paragraphs.slice(0, TOP);
  if (source.date === undefined) {
    for (const p of top) {
      const line = dateLine(p);
      if (line) {
        if (line.date) source.date = line.date;
        else source.year ??= line.year;
        break;
      }
    }
  }
  if (source.publisher === undefined) {
    for (const p of top) {
      const agency =
        /^\p{Lu}[\p{Lu}\s.'’-]{1,40}(?:,[^()]{1,40})?\s+\(([\p{L}][\p{L}\s.&-]{1,30})\)\s*[-–—:]/u.exec(p)?.[1] ??
        /^\p{Lu}{2,}(?:\s+\p{Lu}{2,})?\.\s+(\p{Lu}{3,})\s+(?=\p{Lu})/u.exec(p)?.[1];
      if (agency) {
        source.publisher = agency === agency.toUpperCase() && agency.length > 5 ? agency.charAt(0) + agency.slice(1).toLowerCase() : agency;
        break;
      }
    }
  }
  return source;
}

/**
 * A paragraph that is only a date, with perhaps a weekday, a time and a zone: its day when the date is written with a
 * month's name or in ISO form, else (a date of figures only, "12/09/2023", day and month in an order not known) its year.
 */
function dateLine(p: string): { date?: string; year: number } | undefined {
  if (p.length > 60) return undefined;
  const rest = p
    .replace(
      /\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|\b\d{1,2}:\d{2}(?::\d{2})?\b|\[?(?:GMT|UTC)\s*[+-]?\s*\d*\]?|\b(?:Updated|Published|Posted)\b:?/gi,
      ' ',
    )
    .replace(/[\s,|\-–—:]+/g, ' ')
    .trim();
  const mentions = findDates(rest);
  const m = mentions[0];
  if (mentions.length === 1 && m?.from?.year !== undefined && isDayPrecise(m) && rest.replace(m.text, '').trim() === '') {
    const interval = intervalOf(m, m.from.year);
    if (interval && interval[0] === interval[1]) return { date: interval[0], year: m.from.year };
  }
  const figures = /^(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d\d)$/.exec(rest);
  return figures ? { year: Number(figures[3]) } : undefined;
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
  const front = frontMatter(markdown);
  return { title: front.title ?? (heading ? clean(heading.text) : undefined), publisher: front.publisher, date: front.date, paragraphs };
}

/** Front matter's fields, by the names note-taking and blogging tools give them. */
const FIELDS = {
  title: ['title', 'headline'],
  publisher: ['publisher', 'source', 'site', 'site_name', 'sitename', 'outlet', 'agency', 'publication'],
  date: ['date', 'published', 'date_published', 'datepublished', 'published_at', 'created'],
};

/** The title, publisher and day of publication a Markdown file's YAML front matter gives. */
function frontMatter(markdown: string): Pick<SourceText, 'title' | 'publisher' | 'date'> {
  const fence = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(markdown.replace(/^\ufeff/, ''));
  if (!fence) return {};
  let data: unknown;
  try {
    data = parseYaml(fence[1]!);
  } catch {
    return {};
  }
  if (data === null || typeof data !== 'object') return {};
  const fields = new Map(Object.entries(data).map(([k, v]) => [k.toLowerCase(), v]));
  const text = (names: string[]) => {
    for (const n of names) {
      const v = fields.get(n);
      if (v instanceof Date) return v.toISOString().slice(0, 10);
      if (typeof v === 'string' && v.trim() !== '' && !/^https?:/.test(v.trim())) return clean(v);
    }
    return undefined;
  };
  const date = /^\d{4}-\d{2}-\d{2}/.exec(text(FIELDS.date) ?? '')?.[0];
  return { title: text(FIELDS.title), publisher: text(FIELDS.publisher), date };
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
