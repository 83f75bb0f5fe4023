import type { ErrorObject } from 'ajv';
import { distance } from 'fastest-levenshtein';
import { schema } from './factbase.validate.js';
import { suggestDate } from './dates.js';

type Path = (string | number)[];

/** What one item of each top-level section is called in messages. */
export const NOUNS: Record<string, string> = {
  sources: 'source',
  people: 'person',
  organisations: 'organisation',
  offices: 'office',
  events: 'event',
  documents: 'document',
  documentCounts: 'document count',
  claims: 'claim',
  terms: 'term',
};

/** What an item of a nested list is called, and the field that names it ("office ee-prime-minister" for a term of office). */
const ITEMS: Record<string, [string, string | undefined]> = {
  offices: ['office', 'office'],
  counts: ['count', undefined],
  claimedBy: ['claimed by', 'by'],
  reportedKinds: ['reported kind', 'kind'],
};

/**
 * The fact and field a data path points to, in words: `person kadri-sepp › office ee-prime-minister › from`. An item is
 * named by its id (or the field that names it), else by its place in the list (`person #3`); an item of a list of
 * plain values is named by the list (`sources`), since the message quotes the value.
 */
export function describe(data: unknown, path: Path): string {
  const crumbs: string[] = [];
  let node = data;
  path.forEach((key, depth) => {
    const child = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key as string] : undefined;
    if (typeof key === 'number' || /^\d+$/.test(key)) {
      if (child !== null && typeof child === 'object' && !Array.isArray(child)) {
        const list = String(path[depth - 1]);
        const [noun, field] = depth === 1 ? [NOUNS[list] ?? list, 'id'] : (ITEMS[list] ?? [list, 'id']);
        const name = field === undefined ? undefined : (child as Record<string, unknown>)[field];
        crumbs.pop();
        crumbs.push(`${noun} ${typeof name === 'string' && name.length > 0 && name.length <= 100 ? name : `#${Number(key) + 1}`}`);
      }
    } else crumbs.push(key);
    node = child;
  });
  return crumbs.join(' \u203a ');
}

/** `where: text`, or the text alone for the fact base as a whole. */
export function located(data: unknown, path: Path, text: string): string {
  const where = describe(data, path);
  return where ? `${where}: ${text}` : text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The candidate a word is most likely a slip for: within a few edits (about one in three letters), and closer than
 * any other candidate. Case is ignored.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  const limit = Math.max(1, Math.min(4, Math.floor(lower.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tie = false;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - lower.length) > limit || candidate === word) continue;
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance, tie] = [candidate, d, false];
    else if (d === bestDistance && candidate !== best) tie = true;
  }
  return tie ? undefined : best;
}

/** ` Did you mean "x"?` when a candidate is close, else the empty string. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const near = closest(word, candidates);
  return near === undefined ? '' : `; did you mean "${near}"?`;
}

type Schema = { $ref?: string; properties?: Record<string, Schema>; items?: Schema; enum?: unknown[] };

/** A `$ref`'d definition's name and node, else the node itself. */
function resolve(node: Schema | undefined): [string | undefined, Schema | undefined] {
  const name = node?.$ref?.replace('#/definitions/', '');
  return name === undefined ? [undefined, node] : [name, (schema as { definitions: Record<string, Schema> }).definitions[name]];
}

/** The schema of the value at a data path, and the name of the definition it refers to (`date`, `id`, `person`). */
function schemaFor(path: Path): [string | undefined, Schema | undefined] {
  let found: [string | undefined, Schema | undefined] = [undefined, schema as Schema];
  for (const key of path) {
    const node = found[1];
    found = resolve(typeof key === 'number' ? node?.items : node?.properties?.[key]);
  }
  return found;
}

const TYPES: Record<string, string> = {
  array: 'write a list: [a, b] on one line, or one "- item" per line',
  string: 'write text',
  number: 'write a number',
  integer: 'write a whole number',
  boolean: 'write true or false',
  object: 'write a map of fields (field: value)',
};

/** What the author should write instead of a value that does not match a pattern, by the definition it is checked against. */
function patternText(definition: string | undefined, value: unknown): string {
  const written = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  if (definition === 'date' || definition === 'termDate') {
    const suggestion = suggestDate(written);
    const unknown = definition === 'termDate' ? ', or unknown' : '';
    return `write a date as YYYY-MM-DD, YYYY-MM or YYYY${unknown}${suggestion ? `; did you mean ${suggestion}?` : ''}`;
  }
  if (definition === 'id') {
    const slug = written
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
    return `write an id in lowercase letters, digits and hyphens${slug ? `, such as "${slug}"` : ''}`;
  }
  if (definition === 'url') return 'write a web address that starts with https:// or http://';
  return `"${written}" is not in the expected form`;
}

/** One ajv error as a message that names the fact and field in words and says what to write; `key` is an unknown field to point at. */
export function schemaMessage(data: unknown, error: ErrorObject, path: Path): { message: string; key?: string } {
  const value = path.reduce<unknown>(
    (node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
    data,
  );
  const params = error.params as Record<string, unknown>;
  const say = (text: string) => located(data, path, text);
  const [definition] = schemaFor(path);
  // A date may be a year written as a number: whatever is wrong with it, the message says how to write one.
  if ((definition === 'date' || definition === 'termDate') && ['type', 'pattern', 'minimum', 'maximum'].includes(error.keyword)) {
    return { message: say(patternText(definition, value)) };
  }
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const fields = Object.keys(schemaFor(path)[1]?.properties ?? {});
      const what = path.length === 0 ? 'section' : 'field';
      const hint = closest(key, fields);
      // A field name has no spaces: this is the rest of a value cut at a comma ("title: Xi arrives, meets Putin" inside { }).
      if (/\s/.test(key.trim()))
        return {
          key,
          message: say(`"${key}" is read as a ${what} name: a comma inside { … } ends a value, so put the whole text in quotes`),
        };
      return {
        key,
        message: say(`there is no ${what} "${key}"${hint ? `; did you mean "${hint}"?` : `; the ${what}s are ${fields.join(', ')}`}`),
      };
    }
    case 'required':
      return { message: say(`add the field "${String(params.missingProperty)}", which is required here`) };
    case 'enum': {
      const allowed = ((params.allowedValues as unknown[] | undefined) ?? []).map(String);
      const near = typeof value === 'string' ? closest(value, allowed) : undefined;
      return {
        message: say(`"${String(value)}" is not allowed here; ${near ? `did you mean "${near}"?` : `write one of: ${allowed.join(', ')}`}`),
      };
    }
    case 'type':
      return { message: say(TYPES[String(params.type)] ?? `write a value of type ${String(params.type)}`) };
    case 'pattern':
      return { message: say(patternText(schemaFor(path)[0], value)) };
    case 'minItems':
      return { message: say(Number(params.limit) === 1 ? 'list at least one' : `list at least ${Number(params.limit)}`) };
    case 'minLength':
      return { message: say('write some text; it is empty') };
    case 'maxLength':
      return {
        message: say(
          `shorten it to ${Number(params.limit)} characters or fewer (it has ${typeof value === 'string' ? [...value].length : '?'})`,
        ),
      };
    case 'minimum':
      return { message: say(`write a number of at least ${Number(params.limit)}`) };
    default:
      return { message: say(error.message ?? 'is not valid here') };
  }
}
