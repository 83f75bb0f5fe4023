import { isMap, isSeq, type YAMLMap, type YAMLSeq } from 'yaml';
import { formatTerm, readFactDate } from '../dates.js';
import type { WikidataPerson } from './entities.js';
import type { Splicer } from './splice.js';

/** What was imported: the people, the label of each position they held, and the date each entity was read. */
export interface Imported {
  people: WikidataPerson[];
  positions: Map<string, string>;
  /** The retrieval date of each entity (people and positions), `YYYY-MM-DD`. */
  retrieved: Map<string, string>;
}

/** Facts of the other files of the target's fact base (its folder), read only: matched, never edited. */
export interface Others {
  offices: { id: string; title: string; wordings: string[] }[];
  people: { id: string; name: string; forms: string[]; file: string }[];
  sources: string[];
}

/** What a merge did, in lines for the user: facts added or gaining a source, and conflicts left as they were. */
export interface MergeReport {
  added: string[];
  conflicts: string[];
}

type Plain = Record<string, unknown>;
const lower = (s: unknown) => String(s).trim().toLowerCase();
const sourceId = (qid: string) => `wikidata-${qid.toLowerCase()}`;
/** A date as YAML writes it best: a year alone as a number (`2015`), anything else as text. */
const yamlDate = (d: string) => (/^\d{4}$/.test(d) ? Number(d) : d);

/** A lowercase id from a label ("Prime Minister of Estonia" → prime-minister-of-estonia); empty when it has no Latin letter or digit. */
export function slug(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

/**
 * Merges imported people, positions and their sources into a fact-base document, in place (comments and layout of what is
 * there kept): a person or office already there (in this file or another of the fact base) is reused, gains the
 * Wikidata source and the terms it lacks; a term whose dates differ from one recorded is listed, never overwritten.
 */
export function mergeImport(edit: Splicer, imported: Imported, others: Others): MergeReport {
  const report: MergeReport = { added: [], conflicts: [] };
  const doc = edit.doc;
  if (!isMap(doc.contents)) doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
  const top = doc.contents as unknown as YAMLMap;
  const seq = (key: string): YAMLSeq => {
    const found = top.get(key, true);
    if (isSeq(found)) return found;
    const made = doc.createNode([]);
    edit.set(top, key, made);
    return made;
  };
  const items = (key: string) => seq(key).items.filter(isMap) as YAMLMap[];
  const cited = new Set<string>();
  /** Terms added by this import: another term of the same position from Wikidata is another term, not a conflict. */
  const added = new Set<unknown>();
  const cite = (item: YAMLMap, qid: string) => {
    cited.add(qid);
    const sources = item.get('sources', true);
    const id = sourceId(qid);
    if (!isSeq(sources)) edit.set(item, 'sources', doc.createNode([id], { flow: true }));
    else if (!sources.items.some((s) => lower(s) === id)) edit.add(sources, doc.createNode(id));
  };

  const officeIds = new Map<string, string>();
  for (const [qid, label] of imported.positions) officeIds.set(qid, office(qid, label));
  for (const person of imported.people) addPerson(person);
  for (const qid of cited) addSource(qid);
  return report;

  function office(qid: string, label: string): string {
    // The office whose title is the label; else the only one with the label among its wordings (a wording such as
    // "President" that several offices share says nothing about which one it is).
    type OfficeData = { id: unknown; title: unknown; wordings: unknown };
    const all = [
      ...items('offices').map((node) => ({ node, o: node.toJSON() as OfficeData })),
      ...others.offices.map((o) => ({ node: undefined, o })),
    ];
    const worded = all.filter(({ o }) => Array.isArray(o.wordings) && o.wordings.some((w) => lower(w) === lower(label)));
    const found = all.find(({ o }) => lower(o.title) === lower(label)) ?? (worded.length === 1 ? worded[0] : undefined);
    if (found?.node) cite(found.node, qid);
    if (found) return String(found.o.id);
    const taken = new Set([...items('offices').map((o) => String(o.get('id'))), ...others.offices.map((o) => o.id)]);
    const base = slug(label) || qid.toLowerCase();
    const id = taken.has(base) ? `${base}-${qid.toLowerCase()}` : base;
    edit.add(seq('offices'), doc.createNode({ id, title: label, wordings: [label], sources: [sourceId(qid)] }, { flow: true }));
    cited.add(qid);
    report.added.push(`office ${id} (${label}, ${qid})`);
    return id;
  }

  function addPerson(person: WikidataPerson): void {
    // The name, or an alias of two words or more: a surname alone ("Varo") may be another person's.
    const forms = new Set([person.name, ...person.aliases.filter((a) => a.trim().includes(' '))].map(lower));
    const named = (p: Plain) =>
      [p.name, ...[p.preferred, p.spellings].flatMap((l) => (Array.isArray(l) ? l : []))].some((f) => forms.has(lower(f)));
    const people = items('people');
    const mine =
      people.find((p) => (p.toJSON() as Plain & { sources?: unknown[] }).sources?.includes(sourceId(person.qid))) ??
      people.find((p) => named(p.toJSON() as Plain));
    const theirs = others.people.find((p) => p.forms.some((f) => forms.has(lower(f))));
    if (!mine && theirs) {
      report.conflicts.push(`person ${theirs.id} (${person.qid}) is in ${theirs.file}; import into that file (-o) to merge, left out here`);
      return;
    }
    if (!mine) {
      const taken = new Set([...people.map((p) => String(p.get('id'))), ...others.people.map((p) => p.id)]);
      const base = slug(person.name) || person.qid.toLowerCase();
      const id = taken.has(base) ? `${base}-${person.qid.toLowerCase()}` : base;
      const words = new Set(person.name.split(/\s+/));
      const usable = person.aliases.filter((a) => a.length <= 60 && /^[\p{L}][\p{L}\p{M} .'’-]*$/u.test(a));
      const short = usable.filter((a) => a.split(/\s+/).every((w) => words.has(w)));
      const fresh = doc.createNode({
        id,
        name: person.name,
        ...(short.length > 0 ? { preferred: [person.name, ...short] } : {}),
        ...(usable.length > short.length ? { spellings: usable.filter((a) => !short.includes(a)) } : {}),
        offices: [],
        sources: [],
      }) as YAMLMap;
      for (const key of ['preferred', 'spellings', 'sources']) {
        const s = fresh.get(key, true);
        if (isSeq(s)) s.flow = true;
      }
      edit.add(seq('people'), fresh);
      report.added.push(`person ${id} (${person.name}, ${person.qid})`);
      addTerms(fresh, person);
      cite(fresh, person.qid);
      return;
    }
    cite(mine, person.qid);
    addTerms(mine, person);
  }

  function addTerms(item: YAMLMap, person: WikidataPerson): void {
    let list = item.get('offices', true) as unknown;
    if (!isSeq(list)) edit.set(item, 'offices', (list = doc.createNode([])));
    if (!isSeq(list)) return;
    const who = String(item.get('id'));
    for (const term of person.terms) {
      const id = officeIds.get(term.position);
      if (id === undefined) continue;
      const written = (t: YAMLMap) => ({ from: String(t.get('from') ?? 'unknown'), ...(t.has('to') ? { to: String(t.get('to')) } : {}) });
      const equal = (t: YAMLMap) => written(t).from === term.from && written(t).to === term.to;
      const same = (list.items.filter(isMap) as YAMLMap[]).find(
        (t) => String(t.get('office')) === id && (added.has(t) ? equal(t) : overlaps(written(t), term)),
      );
      if (!same) {
        const node = doc.createNode(
          { office: id, from: yamlDate(term.from), ...(term.to ? { to: yamlDate(term.to) } : {}), sources: [sourceId(person.qid)] },
          { flow: true },
        );
        added.add(node);
        edit.add(list, node);
        report.added.push(`person ${who} › office ${id}: ${formatTerm(term)}`);
      } else if (equal(same)) {
        cite(same, person.qid);
      } else {
        report.conflicts.push(
          `person ${who} › office ${id}: Wikidata (${person.qid}) gives ${formatTerm(term)}, the fact base ` +
            `${formatTerm(written(same))}; the fact base's dates are kept`,
        );
      }
    }
  }

  function addSource(qid: string): void {
    const id = sourceId(qid);
    const date = imported.retrieved.get(qid);
    const there = items('sources').find((s) => lower(s.get('id')) === id);
    if (there) {
      if (date && String(there.get('date') ?? '') < date) edit.set(there, 'date', doc.createNode(date));
      return;
    }
    if (others.sources.includes(id)) return;
    const label = imported.positions.get(qid) ?? imported.people.find((p) => p.qid === qid)?.name ?? qid;
    edit.add(
      seq('sources'),
      doc.createNode(
        { id, title: `${label} (${qid})`, publisher: 'Wikidata', ...(date ? { date } : {}), url: `https://www.wikidata.org/wiki/${qid}` },
        { flow: true },
      ),
    );
  }
}

/** Whether two terms as written may share a day (an unknown start from the earliest day, no end or an unknown one to the last). */
function overlaps(a: { from: string; to?: string }, b: { from: string; to?: string }): boolean {
  const bound = (d: string | undefined, end: boolean) => {
    const read = d === undefined || d === 'unknown' ? undefined : readFactDate(d);
    return read && !('problem' in read) ? (end ? read.last : read.first) : end ? '9999-12-31' : '0000-01-01';
  };
  return bound(a.from, false) <= bound(b.to, true) && bound(b.from, false) <= bound(a.to, true);
}
