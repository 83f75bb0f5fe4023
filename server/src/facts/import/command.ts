import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Document, parse, parseDocument } from 'yaml';
import { problemLines } from '../../projects.js';
import { isFactFile } from '../files.js';
import { loadFactBase, MAX_FACT_FILE } from '../load.js';
import { asUnreadable, readTextFile, writeTextFile, type Encoding } from '../textfile.js';
import type { FactFile } from '../types.js';
import { entitiesOf, ImportProblem, isPerson, labelOf, personOf, type RawEntity } from './entities.js';
import { fetchEntities, type Fetch } from './fetch.js';
import { mergeImport, type Imported, type Others } from './merge.js';
import { Splicer } from './splice.js';

export const IMPORT_USAGE = `Usage: factlint facts import wikidata Q…|FILE… [-o FILE] [--lang CODE]

Imports people and the positions they held (P39, with start P580 and end P582) from Wikidata: the entities named by id
(fetched from wikidata.org) or saved in JSON files (a wbgetentities answer, or Special:EntityData/Q….json). The labels of
the positions are read from the files given, else fetched. Each fact cites its Wikidata entity as a source.
  -o, --output FILE  write to this *.facts.yaml, merging into it if it exists (conflicting dates are listed, not changed)
  --lang CODE        the language of names and titles (default en)
Without -o the fact base is printed. Exit codes: 0 imported, 1 the result would not load, 2 bad usage or nothing to read.`;

/** The largest entity JSON file read, in UTF-16 code units (a much-edited politician's entity is a few megabytes). */
const MAX_ENTITY_FILE = 50_000_000;

/** What the command needs from the world; tests pass their own. */
export interface ImportEnv {
  fetch?: Fetch;
  /** Today, `YYYY-MM-DD`: the retrieval date of what is fetched. */
  today: string;
}

const defaultEnv = (): ImportEnv => ({ fetch: globalThis.fetch as unknown as Fetch, today: new Date().toISOString().slice(0, 10) });

/** Runs `factlint facts import …` (the arguments after `import`); returns the exit code. */
export async function importCommand(
  argv: string[],
  out: (s: string) => void,
  err: (s: string) => void,
  env: ImportEnv = defaultEnv(),
): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        output: { type: 'string', short: 'o' },
        lang: { type: 'string', default: 'en' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    return (err(`${error instanceof Error ? error.message : String(error)}\n\n${IMPORT_USAGE}`), 2);
  }
  if (args.values.help) return (out(IMPORT_USAGE), 0);
  const [from, ...targets] = args.positionals;
  if (from !== 'wikidata' || targets.length === 0) {
    return (
      err(
        `${from === undefined || from === 'wikidata' ? 'Name Wikidata ids or entity JSON files to import.' : `Cannot import from "${from}"; only wikidata.`}\n\n${IMPORT_USAGE}`,
      ),
      2
    );
  }
  const lang = args.values.lang!;
  const output = args.values.output;
  if (output !== undefined && !isFactFile(output))
    return (err(`Write to a *.facts.yaml file, not ${output}: factlint reads only those`), 2);
  try {
    const imported = await gather(targets, lang, env);
    const { doc, source, others, siblings, encoding } = target(output);
    const edit = new Splicer(doc, source);
    const report = mergeImport(edit, imported, others);
    const text = edit.text();
    const path = output ?? 'imported.facts.yaml';
    const files: FactFile[] = [{ path, text }, ...siblings];
    const { problems } = loadFactBase(files);
    if (problems.length > 0) {
      err(
        `Not written: the fact base would have ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
          problemLines(problems, new Map(files.map((f) => [f.path, f.text]))),
      );
      for (const line of report.conflicts) err(`conflict: ${line}`);
      return 1;
    }
    if (output === undefined) out(text.trimEnd());
    else if (encoding) writeTextFile(output, text, encoding);
    else writeFileSync(output, text);
    for (const line of report.added) err(`added: ${line}`);
    for (const line of report.conflicts) err(`conflict: ${line}`);
    return 0;
  } catch (error) {
    if (error instanceof ImportProblem) return (err(error.message), 2);
    throw error;
  }
}

/** Reads the files and fetches the ids named, then the labels of the positions held that no file gives. */
async function gather(targets: string[], lang: string, env: ImportEnv): Promise<Imported> {
  const known = new Map<string, RawEntity>();
  const retrieved = new Map<string, string>();
  const people: RawEntity[] = [];
  // An id is written Q42, q42 or as the entity's address; a file of that name is read as a file.
  const idOf = (t: string) => /^(?:https?:\/\/(?:www\.)?wikidata\.org\/(?:wiki|entity)\/)?[Qq]([1-9]\d*)$/.exec(t)?.[1];
  const ids = targets.filter((t) => idOf(t) !== undefined && !existsSync(t)).map((t) => `Q${idOf(t)!}`);
  for (const file of targets.filter((t) => idOf(t) === undefined || existsSync(t))) {
    let json: unknown;
    try {
      json = JSON.parse(readTextFile(file, MAX_ENTITY_FILE).text);
    } catch (error) {
      const why = error instanceof SyntaxError ? `it is not JSON (${error.message})` : asUnreadable(file, error).reason;
      throw new ImportProblem(`Cannot read ${file}: ${why}`);
    }
    for (const entity of entitiesOf(json, file)) {
      known.set(entity.id, entity);
      retrieved.set(entity.id, entity.modified?.slice(0, 10) ?? env.today);
      if (isPerson(entity)) people.push(entity);
    }
  }
  const fetched = async (wanted: string[], claims: boolean) => {
    if (!env.fetch) throw new ImportProblem(`Cannot fetch ${wanted.join(', ')} from Wikidata: no fetch in this Node.js`);
    const entities = await fetchEntities(wanted, lang, env.fetch, claims);
    for (const entity of entities) {
      known.set(entity.id, entity);
      retrieved.set(entity.id, env.today);
    }
    return entities;
  };
  // Every entity named by id is read as a person (a redirected id gives the entity it leads to).
  const fresh = [...new Set(ids)].filter((id) => !known.has(id));
  const named = [...ids.map((id) => known.get(id)).filter((e) => e !== undefined), ...(fresh.length > 0 ? await fetched(fresh, true) : [])];
  for (const entity of named) if (!people.includes(entity)) people.push(entity);
  if (people.length === 0)
    throw new ImportProblem(`No person in ${targets.join(', ')}: no entity with positions held (P39) or an instance of human (Q5)`);
  const read = people.map((p) => personOf(p, lang));
  const positions = [...new Set(read.flatMap((p) => p.terms.map((t) => t.position)))];
  const unlabelled = positions.filter((q) => !known.has(q) || labelOf(known.get(q)!, lang) === undefined);
  if (unlabelled.length > 0) await fetched(unlabelled, false);
  const labels = new Map<string, string>();
  for (const q of positions) {
    const label = labelOf(known.get(q)!, lang);
    if (label === undefined)
      throw new ImportProblem(`The position ${q} has no label in "${lang}" (nor a multilingual one); try another --lang`);
    labels.set(q, label);
  }
  return { people: read, positions: labels, retrieved };
}

/** The document to merge into (the -o file's, comments kept, or a new one) and the other files of its fact base. */
function target(output: string | undefined): { doc: Document; source: string; others: Others; siblings: FactFile[]; encoding?: Encoding } {
  const others: Others = { offices: [], people: [], sources: [] };
  if (output === undefined) return { doc: fresh(), source: '', others, siblings: [] };
  const siblings: FactFile[] = [];
  const folder = dirname(resolve(output));
  for (const name of existsSync(folder) ? readdirSync(folder).filter(isFactFile).sort() : []) {
    if (resolve(folder, name) === resolve(output)) continue;
    const path = join(dirname(output), name);
    const text = readTextFile(path, MAX_FACT_FILE).text;
    siblings.push({ path, text });
    const data = (safeParse(text) ?? {}) as Record<string, unknown>;
    const list = (key: string) => (Array.isArray(data[key]) ? data[key] : []) as Record<string, unknown>[];
    for (const o of list('offices'))
      others.offices.push({ id: String(o.id), title: String(o.title), wordings: (o.wordings as string[] | undefined) ?? [] });
    for (const p of list('people')) {
      const forms = [p.name, ...((p.preferred as unknown[] | undefined) ?? []), ...((p.spellings as unknown[] | undefined) ?? [])].map(
        String,
      );
      others.people.push({ id: String(p.id), name: String(p.name), forms, file: name });
    }
    for (const s of list('sources')) others.sources.push(String(s.id));
  }
  if (!existsSync(output)) return { doc: fresh(), source: '', others, siblings };
  let read;
  try {
    read = readTextFile(output, MAX_FACT_FILE);
  } catch (error) {
    throw new ImportProblem(`Cannot read ${output}: ${asUnreadable(output, error).reason}`);
  }
  const doc = parseDocument(read.text);
  if (doc.errors.length > 0)
    throw new ImportProblem(`Cannot merge into ${output}: it is not well-formed YAML (run factlint facts check ${basename(output)})`);
  return { doc, source: read.text, others, siblings, encoding: read.encoding };
}

const safeParse = (text: string): unknown => {
  try {
    return parse(text);
  } catch {
    return undefined;
  }
};

/** A new fact-base document, saying where it came from. */
function fresh(): Document {
  const doc = new Document({ sources: [], people: [], offices: [] });
  doc.commentBefore = ' Imported from Wikidata by factlint facts import wikidata; review before use.';
  return doc;
}
