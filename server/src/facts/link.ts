import { formatTerm, readFactDate, sureTerm, type FactDate, type Precision, type WrittenTerm } from './dates.js';
import { claimKind } from './claim-kind.js';
import { isReportingWord } from './reporting.js';
import { didYouMean, located } from './messages.js';
import { MAX_PROBLEMS, more } from './problems.js';
import { candidate } from './review.js';
import type {
  Claim,
  Count,
  Document,
  DocumentCount,
  Event,
  FactBase,
  FactFile,
  FactProblem,
  Named,
  Office,
  Origin,
  Person,
  Role,
  Source,
  Term as HouseTerm,
  Tenure,
} from './types.js';

/** One schema-valid file, with a way to find the YAML range of any data path in it. */
export interface ValidFile {
  file: FactFile;
  data: Record<string, unknown>;
  locate(path: (string | number)[]): { start: number; end: number };
}

type Raw = Record<string, unknown> & { id?: string };

/** What one fact of each kind is called in messages. */
const KIND_NOUNS: Record<string, string> = {
  people: 'person',
  sources: 'source',
  offices: 'office',
  events: 'event',
  organisations: 'organisation',
};

/**
 * Merges valid files into one fact base and reports duplicate ids, dangling references and impossible dates;
 * `onProblem` hears the data path of each problem (for leaving the fact out of a partial fact base).
 */
export function link(files: ValidFile[], problems: FactProblem[], onProblem?: (file: string, path: (string | number)[]) => void): FactBase {
  const facts: FactBase = {
    title: '',
    files: files.map((f) => f.file),
    sources: new Map(),
    people: new Map(),
    organisations: new Map(),
    offices: new Map(),
    events: new Map(),
    documents: new Map(),
    documentCounts: [],
    claims: new Map(),
    terms: [],
    candidates: [],
  };
  const refs: { ids: string[]; kinds: (keyof FactBase)[]; file: ValidFile; path: (string | number)[] }[] = [];
  const terms: Term[] = [];
  // The first MAX_PROBLEMS problems of each file are listed (and located), then one line says how many more there are.
  const counts = new Map<string, { total: number; at: number }>();
  const note = (
    file: string,
    locate: () => { start: number; end: number },
    message: () => string,
    rule: FactProblem['rule'] = 'factbase-reference',
  ) => {
    const count = counts.get(file) ?? { total: 0, at: 0 };
    counts.set(file, count);
    if (++count.total <= MAX_PROBLEMS) problems.push({ rule, file, ...locate(), message: message() });
    else if (count.total === MAX_PROBLEMS + 1) count.at = locate().start;
  };
  // Messages are written only for the problems listed: a "did you mean" looks through every id of a kind.
  const report = (file: ValidFile, path: (string | number)[], message: () => string, rule?: FactProblem['rule']) => {
    onProblem?.(file.file.path, path);
    note(
      file.file.path,
      () => file.locate(path),
      () => located(file.data, path, message()),
      rule,
    );
  };
  /** A date as written, checked against the calendar; undefined (and reported) when it is no day, month or year. */
  const dated = (file: ValidFile, path: (string | number)[], written: unknown): FactDate | undefined => {
    if ((typeof written !== 'string' && typeof written !== 'number') || written === 'unknown') return undefined;
    const date = readFactDate(String(written));
    if ('problem' in date) return void report(file, path, () => date.problem, 'factbase-schema');
    return date;
  };

  /** A term's `on` days: each a day of the calendar within the term as written (checked by the schema for form). */
  const heldOn = (
    file: ValidFile,
    path: (string | number)[],
    written: unknown,
    term: WrittenTerm,
    from?: FactDate,
    to?: FactDate,
  ): string[] => {
    if (!Array.isArray(written)) return [];
    const days: string[] = [];
    for (const [i, value] of written.entries()) {
      const date = dated(file, [...path, i], value);
      if (!date) continue;
      if (date.written.length !== 10)
        report(file, [...path, i], () => `write a day as YYYY-MM-DD: the days the office was held on`, 'factbase-schema');
      else if ((from && date.first < from.first) || (to && date.first > to.last))
        report(
          file,
          [...path, i],
          () => `${date.written} is outside the term (${formatTerm(term)}); a day in office falls within it`,
          'factbase-schema',
        );
      else days.push(date.written);
    }
    return days;
  };

  for (const vf of files) {
    const d = vf.data;
    facts.title ||= (d.title as string | undefined) ?? '';
    if (typeof d.defaultEvent === 'string') {
      facts.defaultEvent = d.defaultEvent;
      refs.push({ ids: [d.defaultEvent], kinds: ['events'], file: vf, path: ['defaultEvent'] });
    }
    const origin = (path: (string | number)[]): Origin => ({ file: vf.file.path, ...vf.locate(path) });
    const each = (key: string, add: (item: Raw, path: (string | number)[]) => void) => {
      for (const [i, item] of ((d[key] as Raw[] | undefined) ?? []).entries()) add(item, [key, i]);
    };
    const put = <T extends { id: string; origin: Origin }>(map: Map<string, T>, value: T, path: (string | number)[], what: string) => {
      const first = map.get(value.id);
      if (first)
        report(
          vf,
          [...path, 'id'],
          () => `another ${what} already has the id "${value.id}" (${where(first.origin, vf)}); give each ${what} its own id`,
        );
      else map.set(value.id, value);
    };
    const sources = (item: Raw, path: (string | number)[]) => {
      const ids = (item.sources as string[] | undefined) ?? [];
      refs.push({ ids, kinds: ['sources'], file: vf, path: [...path, 'sources'] });
      candidate(vf, item, path, facts, refs);
      return ids;
    };
    const named = (item: Raw, path: (string | number)[]): Named => ({
      id: item.id!,
      name: item.name as string,
      sources: sources(item, path),
      note: item.note as string | undefined,
      preferred: (item.preferred as string[] | undefined) ?? [item.name as string],
      spellings: (item.spellings as string[] | undefined) ?? [],
      misspellings: (item.misspellings as string[] | undefined) ?? [],
      origin: origin(path),
    });

    each('sources', (item, path) => {
      dated(vf, [...path, 'date'], item.date);
      put(facts.sources, { ...(item as unknown as Source), date: asText(item.date), origin: origin(path) }, path, 'source');
    });
    each('organisations', (item, path) => put(facts.organisations, named(item, path), path, 'organisation'));
    each('offices', (item, path) =>
      put(
        facts.offices,
        {
          id: item.id!,
          title: item.title as string,
          country: item.country as string | undefined,
          wordings: item.wordings as string[],
          shared: typeof item.shared === 'boolean' ? item.shared : undefined,
          sources: sources(item, path),
          note: item.note as string | undefined,
          origin: origin(path),
        } satisfies Office,
        path,
        'office',
      ),
    );
    each('people', (item, path) => {
      const offices = ((item.offices as Raw[] | undefined) ?? []).map((t, i): Tenure => {
        const tp = [...path, 'offices', i];
        refs.push({ ids: [t.office as string], kinds: ['offices'], file: vf, path: [...tp, 'office'] });
        const from = dated(vf, [...tp, 'from'], t.from);
        const to = dated(vf, [...tp, 'to'], t.to);
        if (from && to && to.last < from.first)
          report(vf, [...tp, 'to'], () => `the term ends (${to.written}) before it starts (${from.written})`);
        const on = heldOn(vf, [...tp, 'on'], t.on, { from: String(t.from), to: asText(t.to) }, from, to);
        const tenure: Tenure = {
          office: t.office as string,
          from: from?.first ?? EARLIEST,
          to: to?.last,
          written: { from: String(t.from), to: asText(t.to), ...(on.length > 0 ? { on } : {}) },
          sources: sources(t, tp),
          note: t.note as string | undefined,
          origin: origin(tp),
        };
        terms.push({ tenure, person: item.id!, name: item.name as string, file: vf, path: tp });
        return tenure;
      });
      put(
        facts.people,
        {
          ...named(item, path),
          country: item.country as string | undefined,
          offices,
          officesComplete: item.officesComplete === true,
        } satisfies Person,
        path,
        'person',
      );
    });
    each('events', (item, path) => {
      const first = dated(vf, [...path, 'start'], item.start);
      const last = item.end === undefined ? first : dated(vf, [...path, 'end'], item.end);
      if (first && last && last.last < first.first)
        report(vf, [...path, 'end'], () => `the event ends (${last.written}) before it starts (${first.written})`);
      const written = { start: String(item.start), end: asText(item.end) ?? String(item.start) };
      const [start, end] = first && last ? [first.first, last.last] : [written.start.padEnd(10, '-01'), written.end.padEnd(10, '-01')];
      if (item.parent) refs.push({ ids: [item.parent as string], kinds: ['events'], file: vf, path: [...path, 'parent'] });
      // Participants with a role are participants too: the engine reads one list, and the roles beside it.
      const roles = new Map<string, Role>();
      const participants = [
        ...new Set(
          PARTICIPANT_LISTS.flatMap(([key, role]) => {
            const ids = (item[key] as string[] | undefined) ?? [];
            refs.push({ ids, kinds: ['people', 'organisations'], file: vf, path: [...path, key] });
            if (role) for (const id of ids) if (!roles.has(id)) roles.set(id, role);
            return ids;
          }),
        ),
      ];
      const reportedKinds = ((item.reportedKinds as Raw[] | undefined) ?? []).map((r, i) => ({
        kind: r.kind as Event['kind'],
        note: r.note as string | undefined,
        sources: sources(r, [...path, 'reportedKinds', i]),
      }));
      put(
        facts.events,
        {
          id: item.id!,
          name: item.name as string,
          kind: item.kind as Event['kind'],
          reportedKinds,
          start,
          end,
          written,
          precision: coarser(first?.precision, last?.precision),
          place: item.place as string | undefined,
          parent: item.parent as string | undefined,
          participants,
          roles,
          participantsComplete: item.participantsComplete === true,
          phrases: (item.phrases as string[] | undefined) ?? [],
          sources: sources(item, path),
          note: item.note as string | undefined,
          origin: origin(path),
        } satisfies Event,
        path,
        'event',
      );
    });
    each('documents', (item, path) => {
      if (item.event) refs.push({ ids: [item.event as string], kinds: ['events'], file: vf, path: [...path, 'event'] });
      const date = dated(vf, [...path, 'date'], item.date);
      put(
        facts.documents,
        {
          id: item.id!,
          title: item.title as string,
          kind: item.kind as Document['kind'],
          binding: item.binding as Document['binding'],
          count: item.count as number | undefined,
          parties: (item.parties as string[] | undefined) ?? [],
          date: date?.precision === 'day' ? date.first : undefined,
          dateWritten: asText(item.date),
          event: item.event as string | undefined,
          phrases: (item.phrases as string[] | undefined) ?? [],
          sources: sources(item, path),
          note: item.note as string | undefined,
          origin: origin(path),
        } satisfies Document,
        path,
        'document',
      );
    });
    each('documentCounts', (item, path) => {
      refs.push({ ids: [item.event as string], kinds: ['events'], file: vf, path: [...path, 'event'] });
      const nouns = item.nouns as string[];
      const counts = (item.counts as Raw[]).map((c, i): Count => {
        const cp = [...path, 'counts', i];
        if ((c.max as number) < (c.min as number))
          report(vf, [...cp, 'max'], () => `max (${c.max as number}) is below min (${c.min as number})`);
        dated(vf, [...cp, 'date'], c.date);
        if (c.by) refs.push({ ids: [c.by as string], kinds: ['people', 'organisations'], file: vf, path: [...cp, 'by'] });
        return {
          min: c.min as number,
          max: c.max as number,
          said: c.said as string,
          kind: c.kind as Count['kind'],
          by: c.by as string | undefined,
          date: asText(c.date),
          of: (c.of as string[] | undefined) ?? nouns,
          sources: sources(c, cp),
          note: c.note as string | undefined,
          origin: origin(cp),
        };
      });
      facts.documentCounts.push({
        id: item.id!,
        event: item.event as string,
        nouns,
        counts,
        sources: sources(item, path),
        note: item.note as string | undefined,
        origin: origin(path),
      } satisfies DocumentCount);
    });
    each('claims', (item, path) => {
      const claimedBy = (item.claimedBy as Raw[]).map((a, i) => {
        refs.push({ ids: [a.by as string], kinds: ['people', 'organisations'], file: vf, path: [...path, 'claimedBy', i, 'by'] });
        dated(vf, [...path, 'claimedBy', i, 'date'], a.date);
        return { by: a.by as string, date: asText(a.date), sources: sources(a, [...path, 'claimedBy', i]) };
      });
      if (item.event) refs.push({ ids: [item.event as string], kinds: ['events'], file: vf, path: [...path, 'event'] });
      const list = (key: string) => (item[key] as string[] | undefined) ?? [];
      put(
        facts.claims,
        {
          id: item.id!,
          statement: item.statement as string,
          status: item.status as Claim['status'],
          claimedBy,
          kind: (item.kind as Claim['kind'] | undefined) ?? claimKind(item.value as number | undefined, item.unit as string | undefined),
          period: item.period as string | undefined,
          value: item.value as number | undefined,
          unit: item.unit as string | undefined,
          qualifier: item.qualifier as string | undefined,
          measure: item.measure as string | undefined,
          event: item.event as string | undefined,
          attribution: list('attribution').filter((p) => !isReportingWord(p)),
          reframings: list('reframings'),
          topics: list('topics'),
          certainty: item.certainty as string | undefined,
          sources: sources(item, path),
          note: item.note as string | undefined,
          origin: origin(path),
        } satisfies Claim,
        path,
        'claim',
      );
    });
    each('terms', (item, path) =>
      facts.terms.push({
        id: item.id!,
        prefer: item.prefer as string,
        instead: item.instead as string[],
        sources: sources(item, path),
        note: item.note as string | undefined,
        origin: origin(path),
      } satisfies HouseTerm),
    );
  }

  for (const ref of refs) {
    ref.ids.forEach((id, i) => {
      if (ref.kinds.some((kind) => (facts[kind] as Map<string, unknown>).has(id))) return;
      const list = ref.path.at(-1);
      const path =
        ref.ids.length > 1 || list === 'sources' || PARTICIPANT_LISTS.some(([key]) => key === list) ? [...ref.path, i] : ref.path;
      report(
        ref.file,
        path,
        () =>
          `no ${ref.kinds.map((k) => KIND_NOUNS[k] ?? k).join(' or ')} has the id "${id}"${didYouMean(
            id,
            ref.kinds.flatMap((k) => [...(facts[k] as Map<string, unknown>).keys()]),
          )}`,
      );
    });
  }
  checkParentCycles(facts, (file, locate, message) => note(file, locate, () => message));
  narrowToParents(facts);
  for (const [a, b] of overlaps(facts, terms)) {
    const office = facts.offices.get(a.tenure.office)!;
    for (const [one, other] of [
      [a, b],
      [b, a],
    ] as const) {
      report(
        one.file,
        one.path,
        () =>
          `this term (${formatTerm(one.tenure.written)}) overlaps ${other.name}'s (${formatTerm(other.tenure.written)}), ` +
          `but ${office.title} is held by one person at a time (shared: false); correct the dates, or mark the office shared: true`,
      );
    }
  }
  for (const [file, { total, at }] of counts) if (total > MAX_PROBLEMS) problems.push(more('factbase-reference', file, total, at));
  return facts;
}

type Note = (file: string, locate: () => { start: number; end: number }, message: string) => void;

/** A term of office as read, with its holder's name and where it is. */
interface Term {
  tenure: Tenure;
  person: string;
  name: string;
  file: ValidFile;
  path: (string | number)[];
}

/**
 * Pairs of terms of an office held by one person at a time (`shared: false`) that share more than a day for certain.
 * `to` is the last day in office, so a successor from that same day is a handover, not an overlap; a date known only
 * to the month or year overlaps only where it must (a term to 2018-06 and one from 2018-06 may meet in June). Each
 * term is compared with the one before it that ends last, so that the pairs are found in one sorted pass.
 */
function overlaps(facts: FactBase, terms: Term[]): [Term, Term][] {
  const found: [Term, Term][] = [];
  const byOffice = new Map<string, { term: Term; from: string; to: string }[]>();
  for (const term of terms) {
    if (facts.offices.get(term.tenure.office)?.shared !== false) continue;
    const sure = sureTerm(term.tenure.written);
    if (!sure) continue;
    const list = byOffice.get(term.tenure.office) ?? [];
    list.push({ term, from: sure.from, to: sure.to ?? '9999-12-31' });
    byOffice.set(term.tenure.office, list);
  }
  for (const list of byOffice.values()) {
    list.sort((a, b) => a.from.localeCompare(b.from));
    let last: (typeof list)[number] | undefined;
    for (const next of list) {
      if (last && next.from < last.to && last.term.person !== next.term.person) found.push([last.term, next.term]);
      if (!last || next.to > last.to) last = next;
    }
  }
  return found;
}

/**
 * Reports each event that is its own ancestor through "parent" (and cuts its parent), in time linear in the number of
 * events: every event is walked up from once, and a walk stops at an event an earlier walk has settled.
 */
function checkParentCycles(facts: FactBase, note: Note): void {
  const settled = new Set<string>();
  for (const start of facts.events.values()) {
    const path = new Set<string>();
    for (
      let event: Event | undefined = start;
      event && !settled.has(event.id);
      event = event.parent ? facts.events.get(event.parent) : undefined
    ) {
      if (path.has(event.id)) {
        // A cycle, reached at this event (the first of the cycle met on the walk): reported on it, and cut there.
        const at = event;
        note(
          at.origin.file,
          () => ({ start: at.origin.start, end: at.origin.end }),
          `event ${at.id}: the event is its own ancestor through "parent"; cut the loop`,
        );
        at.parent = undefined;
        break;
      }
      path.add(event.id);
    }
    for (const id of path) settled.add(id);
  }
}

/**
 * A part of an event took place within it: an event dated only to its month or year ("2023-12") whose parent has
 * narrower dates (a visit on 12–13 December 2023) may have taken place only on the days the two share. Its `start` and
 * `end` are narrowed to them (its `written` dates and `precision` stay as written). Exact days are left alone, and so is
 * an event whose dates do not meet its parent's (a mistake the dates themselves show).
 */
function narrowToParents(facts: FactBase): void {
  const done = new Set<string>();
  const narrow = (event: Event, depth: number): void => {
    if (done.has(event.id)) return;
    done.add(event.id);
    const parent = event.parent ? facts.events.get(event.parent) : undefined;
    if (!parent || depth > 50) return;
    narrow(parent, depth + 1);
    if (event.precision === 'day') return;
    // ISO days compare as text: the later start and the earlier end.
    const start = [event.start, parent.start].sort()[1]!;
    const end = [event.end, parent.end].sort()[0]!;
    if (start <= end) Object.assign(event, { start, end });
  };
  for (const event of facts.events.values()) narrow(event, 0);
}

/** The lists of an event's participants, and the role each gives (none for `participants`). */
const PARTICIPANT_LISTS: [string, Role | undefined][] = [
  ['participants', undefined],
  ['hosts', 'host'],
  ['visitors', 'visitor'],
  ['delegation', 'delegation'],
  ['attended', 'attended'],
];

/** A date as text: a year may be written as a YAML number. */
const asText = (value: unknown) => (value === undefined ? undefined : String(value));

/** The first day of the calendar, for a term whose start is unknown: it may have begun at any time before it ended. */
const EARLIEST = '0000-01-01';

/** The coarser of two precisions (`day` when neither is known). */
function coarser(a: Precision | undefined, b: Precision | undefined): Precision {
  return a === 'year' || b === 'year' ? 'year' : a === 'month' || b === 'month' ? 'month' : 'day';
}

/** "line 12", or "line 12 of other.facts.yaml" for a fact in another file. */
function where(origin: Origin, file: ValidFile): string {
  const text = origin.file === file.file.path ? file.file.text : undefined;
  const line = (text ?? '').slice(0, origin.start).split('\n').length;
  return text === undefined ? origin.file : `line ${line}`;
}
