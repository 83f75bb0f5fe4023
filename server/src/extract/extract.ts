import { basename } from 'node:path';
import { Document, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { SECTIONS } from '../facts/load.js';
import { mergeFacts, nodeOf, type Conflict } from './merge.js';
import { slug } from './found.js';
import { readFacts } from './read.js';
import { readSource } from './source.js';

/** A source article to read: where it is, its text, and what the user says of it. */
export interface SourceInput {
  path: string;
  text: string;
  url?: string;
  /** YYYY-MM-DD: the day it was published. */
  date?: string;
}

export interface Extracted {
  /** The fact base, written or merged. */
  text: string;
  conflicts: Conflict[];
  /** Facts read, per source. */
  read: number[];
}

const HEADER =
  ' Candidate facts written by `factlint facts extract`. Review each fact marked "review: candidate" against its\n' +
  ' quotes and sources, correct it, then delete that line; until then each shows a factbase-review hint.';

/**
 * Reads candidate facts from source articles and writes them into a fact base: a new one, or the text of one already
 * there (merged, its comments kept). Throws when the fact base there is not well-formed YAML.
 */
export function extractFacts(sources: SourceInput[], existing?: string): Extracted {
  const doc = existing === undefined || existing.trim() === '' ? new Document({}) : parseDocument(existing);
  if (doc.errors.length > 0)
    throw new Error(`it is not well-formed YAML (${doc.errors[0]!.message.split('\n')[0]}); fix it with factlint facts check first`);
  if (!isMap(doc.contents)) throw new Error('its top level is not a map of fact-base sections');
  if (existing === undefined || existing.trim() === '') doc.commentBefore = HEADER;
  const conflicts: Conflict[] = [];
  const read: number[] = [];
  for (const input of sources) {
    const text = readSource(input.path, input.text);
    const date = input.date ?? text.date;
    const title = text.title ?? basename(input.path);
    const host = input.url ? new URL(input.url).hostname.replace(/^www\./, '') : undefined;
    // The publisher the article names (its site, its front matter, its dateline's agency) before the address it was saved from.
    const known = text.publisher ?? host;
    const publisher = known ?? 'Publisher not given';
    const id = sourceId(doc, input, { title, publisher, date });
    if (!doc.has('title')) doc.set('title', `Candidate facts from ${title}`);
    const found = readFacts(text, { id, publisher: known, date });
    read.push(found.length);
    conflicts.push(...mergeFacts(doc, found, id));
  }
  // Sections in the order of the format, whatever order they were created in.
  const top = doc.contents as unknown as { items: { key: unknown }[] };
  top.items.sort((a, b) => rank(SECTIONS, keyOf(a.key)) - rank(SECTIONS, keyOf(b.key)));
  return { text: doc.toString({ lineWidth: 0 }), conflicts, read };
}

const keyOf = (key: unknown) => (isScalar(key) ? key.value : key);
const rank = (order: string[], key: unknown) => {
  const i = order.indexOf(String(key));
  return i < 0 ? order.length : i;
};

/** The id of a source in the fact base: the one already there for the same address or file, else a new one from its title. */
function sourceId(doc: Document, input: SourceInput, about: { title: string; publisher: string; date?: string }): string {
  const seq = doc.get('sources', true);
  const list = isSeq(seq) ? seq : (doc.set('sources', nodeOf(doc, [])), doc.get('sources', true) as typeof seq & object);
  const maps = (list as { items: unknown[] }).items.filter(isMap);
  const file = input.url ? undefined : input.path;
  const same = maps.find((m) => (input.url ? m.get('url') === input.url : m.get('file') === file));
  if (same) return String(same.get('id'));
  const base = slug(about.title.split(/\s+/).slice(0, 6).join(' ')) || 'source';
  let id = base;
  for (let n = 2; maps.some((m) => m.get('id') === id); n++) id = `${base}-${n}`;
  (list as { add(v: unknown): void }).add(
    nodeOf(doc, {
      id,
      title: about.title,
      publisher: about.publisher,
      ...(about.date ? { date: about.date } : {}),
      ...(input.url ? { url: input.url } : { file }),
    }),
  );
  return id;
}
