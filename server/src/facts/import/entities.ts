import { simplifyClaims, type Claims } from 'wikibase-sdk';

/** An entity as Wikidata's wbgetentities and Special:EntityData give it (only the parts read here). */
export interface RawEntity {
  id: string;
  labels?: Record<string, { value: string }>;
  aliases?: Record<string, { value: string }[]>;
  claims?: Record<string, unknown[]>;
  modified?: string;
  missing?: string;
}

/** A term of a position held (P39) as the fact base writes it: `from`/`to` a day, month or year, or `unknown`; no `to` while held. */
export interface WikidataTerm {
  position: string;
  from: string;
  to?: string;
}

/** A person read from their entity: name and aliases in the chosen language, and the positions held. */
export interface WikidataPerson {
  qid: string;
  name: string;
  aliases: string[];
  terms: WikidataTerm[];
  /** The date of the entity's last revision (`YYYY-MM-DD`), when the JSON gives it. */
  modified?: string;
}

/** Thrown with a message for the user (a file that is not entity JSON, a missing label, no network). */
export class ImportProblem extends Error {}

/** The entities of a wbgetentities or Special:EntityData response (`{ "entities": { "Q1": … } }`), or of a lone entity. */
export function entitiesOf(json: unknown, where: string): RawEntity[] {
  const isEntity = (e: unknown): e is RawEntity => typeof e === 'object' && e !== null && typeof (e as RawEntity).id === 'string';
  if (isEntity(json)) return [json];
  const entities = (json as { entities?: unknown } | null)?.entities;
  if (typeof entities === 'object' && entities !== null) {
    const found = Object.values(entities).filter(isEntity);
    if (found.length > 0) return found;
  }
  throw new ImportProblem(
    `${where} is not Wikidata entity JSON: expected {"entities": {"Q…": …}}, as wbgetentities or Special:EntityData give it`,
  );
}

/** The label of an entity in a language, else its multilingual (`mul`) label. */
export function labelOf(entity: RawEntity, lang: string): string | undefined {
  return (entity.labels?.[lang] ?? entity.labels?.mul)?.value;
}

/** Whether an entity is a person: an instance of human (Q5), or with positions held. */
export function isPerson(entity: RawEntity): boolean {
  const claims = simplifyClaims((entity.claims ?? {}) as Claims);
  return (claims.P39?.length ?? 0) > 0 || (claims.P31 ?? []).includes('Q5');
}

const JULIAN = 'http://www.wikidata.org/entity/Q1985786';
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A Julian calendar day as the Gregorian one (through the Julian day number). */
function julianToGregorian(y: number, m: number, d: number): [number, number, number] {
  const a = Math.floor((14 - m) / 12);
  const jdn = d + Math.floor((153 * (m + 12 * a - 3) + 2) / 5) + 365 * (y + 4800 - a) + Math.floor((y + 4800 - a) / 4) - 32083;
  const f = jdn + 1401 + Math.floor((Math.floor((4 * jdn + 274277) / 146097) * 3) / 4) - 38;
  const e = 4 * f + 3;
  const h = 5 * Math.floor((e % 1461) / 4) + 2;
  const day = Math.floor((h % 153) / 5) + 1;
  const month = ((Math.floor(h / 153) + 2) % 12) + 1;
  return [Math.floor(e / 1461) - 4716 + Math.floor((14 - month) / 12), month, day];
}

/**
 * A Wikidata time value as a fact-base date: precision 11 (day) or finer as YYYY-MM-DD, 10 (month) as YYYY-MM, 9 (year) as
 * YYYY; a decade or vaguer, a year outside 1000–9999, as `unknown`. A Julian-calendar day is turned into the Gregorian one.
 */
export function factDateOf(value: { time: string; precision: number; calendarmodel?: string }): string {
  const m = /^\+(\d{4,})-(\d\d)-(\d\d)T/.exec(value.time);
  if (!m || value.precision < 9) return 'unknown';
  let [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (value.precision >= 11 && value.calendarmodel === JULIAN) [y, mo, d] = julianToGregorian(y, mo, d);
  if (y < 1000 || y > 9999) return 'unknown';
  if (value.precision === 9 || mo === 0) return pad(y, 4);
  return value.precision === 10 || d === 0 ? `${pad(y, 4)}-${pad(mo)}` : `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
}

const SOME = '\u0000somevalue';
const NONE = '\u0000novalue';
type Simple = { value: unknown; qualifiers?: Record<string, unknown[]> };
const first = (qualifiers: Record<string, unknown[]> | undefined, property: string) => qualifiers?.[property]?.[0];

/**
 * The person an entity describes, with their positions held (P39) from the statements not deprecated (normal and
 * preferred alike: a preferred current position does not hide past ones). A start (P580) missing or unknown is `unknown`;
 * an end (P582) of unknown value is `unknown`; with no end the term is still held, unless the person has died (P570),
 * a successor is named (P1366) or a later term of the same position starts, when it has ended at an unknown date; with
 * neither start nor end, both are `unknown` (held at some time, no day certain).
 */
export function personOf(entity: RawEntity, lang: string): WikidataPerson {
  const name = labelOf(entity, lang);
  if (name === undefined) throw new ImportProblem(`${entity.id} has no label in "${lang}" (nor a multilingual one); try another --lang`);
  const claims = simplifyClaims((entity.claims ?? {}) as Claims, {
    keepQualifiers: true,
    keepNonDeprecated: true,
    somevalueValue: SOME,
    novalueValue: NONE,
    timeConverter: (v) => (typeof v === 'string' ? 'unknown' : factDateOf(v as Parameters<typeof factDateOf>[0])),
  }) as unknown as Record<string, Simple[]>;
  const died = (claims.P570 ?? []).length > 0;
  const held = (claims.P39 ?? []).filter((c) => typeof c.value === 'string' && c.value.startsWith('Q'));
  const terms = held.map((c): WikidataTerm => {
    const start = first(c.qualifiers, 'P580');
    const end = first(c.qualifiers, 'P582');
    const from = typeof start === 'string' && start !== SOME && start !== NONE ? start : 'unknown';
    if (typeof end === 'string' && end !== NONE) return { position: c.value as string, from, to: end === SOME ? 'unknown' : end };
    const later = held.some((o) => o !== c && o.value === c.value && startsAfter(first(o.qualifiers, 'P580'), from));
    const ended = end === undefined && (died || first(c.qualifiers, 'P1366') !== undefined || later || from === 'unknown');
    return ended ? { position: c.value as string, from, to: 'unknown' } : { position: c.value as string, from };
  });
  const aliases = [...(entity.aliases?.[lang] ?? []), ...(entity.aliases?.mul ?? [])].map((a) => a.value);
  return {
    qid: entity.id,
    name,
    aliases: [...new Set(aliases)].filter((a) => a !== name),
    terms,
    ...(entity.modified ? { modified: entity.modified.slice(0, 10) } : {}),
  };
}

/** Whether another term's start (a fact-base date) is known and later than this one's. */
function startsAfter(other: unknown, from: string): boolean {
  return (
    typeof other === 'string' &&
    other !== SOME &&
    other !== NONE &&
    other !== 'unknown' &&
    (from === 'unknown' || other.slice(0, from.length) > from)
  );
}
