import { MAX_PROBLEMS, more } from './problems.js';
import type {
  Claim, Count, Document, DocumentCount, Event, FactBase, FactFile, FactProblem, Named, Office, Origin, Person, Source, Term, Tenure,
} from './types.js';

/** One schema-valid file, with a way to find the YAML range of any data path in it. */
export interface ValidFile {
  file: FactFile;
  data: Record<string, unknown>;
  locate(path: (string | number)[]): { start: number; end: number };
}

type Raw = Record<string, unknown> & { id?: string };

/** Merges valid files into one fact base and reports duplicate ids, dangling references and impossible dates. */
export function link(files: ValidFile[], problems: FactProblem[]): FactBase {
  const facts: FactBase = {
    title: '', files: files.map((f) => f.file), sources: new Map(), people: new Map(), organisations: new Map(),
    offices: new Map(), events: new Map(), documents: new Map(), documentCounts: [], claims: new Map(), terms: [],
  };
  const refs: { ids: string[]; kinds: (keyof FactBase)[]; file: ValidFile; path: (string | number)[] }[] = [];
  // The first MAX_PROBLEMS problems of each file are listed (and located), then one line says how many more there are.
  const counts = new Map<string, { total: number; at: number }>();
  const note = (file: string, locate: () => { start: number; end: number }, message: string) => {
    const count = counts.get(file) ?? { total: 0, at: 0 };
    counts.set(file, count);
    if (++count.total <= MAX_PROBLEMS) problems.push({ rule: 'factbase-reference', file, ...locate(), message });
    else if (count.total === MAX_PROBLEMS + 1) count.at = locate().start;
  };
  const report = (file: ValidFile, path: (string | number)[], message: string) => note(file.file.path, () => file.locate(path), message);

  for (const vf of files) {
    const d = vf.data;
    facts.title ||= (d.title as string | undefined) ?? '';
    if (typeof d.defaultEvent === 'string') {
      facts.defaultEvent = d.defaultEvent;
      refs.push({ ids: [d.defaultEvent], kinds: ['events'], file: vf, path: ['defaultEvent'] });
    }
    const origin = (path: (string | number)[]): Origin => ({ file: vf.file.path, ...vf.locate(path) });
    const each = (key: string, add: (item: Raw, path: (string | number)[]) => void) =>
      ((d[key] as Raw[] | undefined) ?? []).forEach((item, i) => add(item, [key, i]));
    const put = <T extends { id: string }>(map: Map<string, T>, value: T, path: (string | number)[], what: string) => {
      if (map.has(value.id)) report(vf, [...path, 'id'], `Duplicate ${what} id "${value.id}"`);
      else map.set(value.id, value);
    };
    const sources = (item: Raw, path: (string | number)[]) => {
      const ids = (item.sources as string[] | undefined) ?? [];
      refs.push({ ids, kinds: ['sources'], file: vf, path: [...path, 'sources'] });
      return ids;
    };
    const named = (item: Raw, path: (string | number)[]): Named => ({
      id: item.id!, name: item.name as string, sources: sources(item, path), note: item.note as string | undefined,
      preferred: (item.preferred as string[] | undefined) ?? [item.name as string],
      spellings: (item.spellings as string[] | undefined) ?? [], misspellings: (item.misspellings as string[] | undefined) ?? [],
      origin: origin(path),
    });

    each('sources', (item, path) => put(facts.sources, { ...(item as unknown as Source), origin: origin(path) }, path, 'source'));
    each('organisations', (item, path) => put(facts.organisations, named(item, path), path, 'organisation'));
    each('offices', (item, path) => put(facts.offices, {
      id: item.id!, title: item.title as string, country: item.country as string | undefined, wordings: item.wordings as string[],
      shared: typeof item.shared === 'boolean' ? item.shared : undefined, sources: sources(item, path), note: item.note as string | undefined, origin: origin(path),
    } satisfies Office, path, 'office'));
    each('people', (item, path) => {
      const offices = ((item.offices as Raw[] | undefined) ?? []).map((t, i): Tenure => {
        const tp = [...path, 'offices', i];
        refs.push({ ids: [t.office as string], kinds: ['offices'], file: vf, path: [...tp, 'office'] });
        if (typeof t.to === 'string' && t.to < (t.from as string)) report(vf, [...tp, 'to'], `The term ends (${t.to}) before it starts (${t.from as string})`);
        return { office: t.office as string, from: t.from as string, to: t.to as string | undefined, sources: sources(t, tp),
          note: t.note as string | undefined, origin: origin(tp) };
      });
      put(facts.people, { ...named(item, path), country: item.country as string | undefined, offices,
        officesComplete: item.officesComplete === true } satisfies Person, path, 'person');
    });
    each('events', (item, path) => {
      const start = item.start as string;
      const end = (item.end as string | undefined) ?? start;
      if (end < start) report(vf, [...path, 'end'], `The event ends (${end}) before it starts (${start})`);
      if (item.parent) refs.push({ ids: [item.parent as string], kinds: ['events'], file: vf, path: [...path, 'parent'] });
      const participants = (item.participants as string[] | undefined) ?? [];
      refs.push({ ids: participants, kinds: ['people', 'organisations'], file: vf, path: [...path, 'participants'] });
      const reportedKinds = ((item.reportedKinds as Raw[] | undefined) ?? []).map((r, i) => ({
        kind: r.kind as Event['kind'], note: r.note as string | undefined, sources: sources(r, [...path, 'reportedKinds', i]),
      }));
      put(facts.events, {
        id: item.id!, name: item.name as string, kind: item.kind as Event['kind'], reportedKinds, start, end,
        place: item.place as string | undefined, parent: item.parent as string | undefined, participants,
        phrases: (item.phrases as string[] | undefined) ?? [], sources: sources(item, path), note: item.note as string | undefined,
        origin: origin(path),
      } satisfies Event, path, 'event');
    });
    each('documents', (item, path) => {
      if (item.event) refs.push({ ids: [item.event as string], kinds: ['events'], file: vf, path: [...path, 'event'] });
      put(facts.documents, {
        id: item.id!, title: item.title as string, kind: item.kind as Document['kind'], binding: item.binding as Document['binding'],
        parties: (item.parties as string[] | undefined) ?? [], date: item.date as string | undefined, event: item.event as string | undefined,
        phrases: (item.phrases as string[] | undefined) ?? [], sources: sources(item, path), note: item.note as string | undefined,
        origin: origin(path),
      } satisfies Document, path, 'document');
    });
    each('documentCounts', (item, path) => {
      refs.push({ ids: [item.event as string], kinds: ['events'], file: vf, path: [...path, 'event'] });
      const nouns = item.nouns as string[];
      const counts = (item.counts as Raw[]).map((c, i): Count => {
        const cp = [...path, 'counts', i];
        if ((c.max as number) < (c.min as number)) report(vf, [...cp, 'max'], `max (${c.max as number}) is below min (${c.min as number})`);
        if (c.by) refs.push({ ids: [c.by as string], kinds: ['people', 'organisations'], file: vf, path: [...cp, 'by'] });
        return { min: c.min as number, max: c.max as number, said: c.said as string, by: c.by as string | undefined,
          date: c.date as string | undefined, of: (c.of as string[] | undefined) ?? nouns, sources: sources(c, cp),
          note: c.note as string | undefined, origin: origin(cp) };
      });
      facts.documentCounts.push({ id: item.id!, event: item.event as string, nouns, counts, sources: sources(item, path),
        note: item.note as string | undefined, origin: origin(path) } satisfies DocumentCount);
    });
    each('claims', (item, path) => {
      const claimedBy = (item.claimedBy as Raw[]).map((a, i) => {
        refs.push({ ids: [a.by as string], kinds: ['people', 'organisations'], file: vf, path: [...path, 'claimedBy', i, 'by'] });
        return { by: a.by as string, date: a.date as string | undefined, sources: sources(a, [...path, 'claimedBy', i]) };
      });
      if (item.event) refs.push({ ids: [item.event as string], kinds: ['events'], file: vf, path: [...path, 'event'] });
      const list = (key: string) => (item[key] as string[] | undefined) ?? [];
      put(facts.claims, {
        id: item.id!, statement: item.statement as string, status: item.status as Claim['status'], claimedBy,
        value: item.value as number | undefined, unit: item.unit as string | undefined, qualifier: item.qualifier as string | undefined,
        measure: item.measure as string | undefined, event: item.event as string | undefined, attribution: list('attribution'),
        reframings: list('reframings'), topics: list('topics'), certainty: item.certainty as string | undefined,
        sources: sources(item, path), note: item.note as string | undefined, origin: origin(path),
      } satisfies Claim, path, 'claim');
    });
    each('terms', (item, path) => facts.terms.push({
      id: item.id!, prefer: item.prefer as string, instead: item.instead as string[], sources: sources(item, path),
      note: item.note as string | undefined, origin: origin(path),
    } satisfies Term));
  }

  for (const ref of refs) {
    ref.ids.forEach((id, i) => {
      if (ref.kinds.some((kind) => (facts[kind] as Map<string, unknown>).has(id))) return;
      const path = ref.ids.length > 1 || ref.path.at(-1) === 'sources' || ref.path.at(-1) === 'participants' ? [...ref.path, i] : ref.path;
      report(ref.file, path, `"${id}" refers to no ${ref.kinds.map((k) => ({ people: 'person', sources: 'source', offices: 'office', events: 'event', organisations: 'organisation' } as Record<string, string>)[k] ?? k).join(' or ')} in the fact base`);
    });
  }
  checkParentCycles(facts, note);
  for (const [file, { total, at }] of counts) if (total > MAX_PROBLEMS) problems.push(more('factbase-reference', file, total, at));
  return facts;
}

type Note = (file: string, locate: () => { start: number; end: number }, message: string) => void;

/**
 * Reports each event that is its own ancestor through "parent" (and cuts its parent), in time linear in the number of
 * events: every event is walked up from once, and a walk stops at an event an earlier walk has settled.
 */
function checkParentCycles(facts: FactBase, note: Note): void {
  const settled = new Set<string>();
  for (const start of facts.events.values()) {
    const path = new Set<string>();
    for (let event: Event | undefined = start; event && !settled.has(event.id); event = event.parent ? facts.events.get(event.parent) : undefined) {
      if (path.has(event.id)) {
        // A cycle, reached at this event (the first of the cycle met on the walk): reported on it, and cut there.
        const at = event;
        note(at.origin.file, () => ({ start: at.origin.start, end: at.origin.end }), `Event "${at.id}" is its own ancestor through "parent"`);
        at.parent = undefined;
        break;
      }
      path.add(event.id);
    }
    for (const id of path) settled.add(id);
  }
}
