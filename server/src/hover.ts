import { pathToFileURL } from 'node:url';
import { basename } from 'node:path';
import type { Event, FactBase, Person, Sourced } from './facts/types.js';
import { LineIndex } from './lines.js';
import type { BlockFacts } from './match/analyse.js';
import type { FactIndex } from './match/compile.js';
import { intervalOf } from './match/dates.js';
import { formatAmount } from './match/figures.js';
import { notChecked, officeDays } from './match/office-days.js';
import { titledNames } from './match/titles.js';
import { toSource } from './markdown/prose.js';
import { mentionAt, type Mention } from './mention.js';
import { formatTerm } from './facts/dates.js';
import { abstention, contradicted } from './match/event-dates.js';
import { itemsIn } from './match/analyse.js';
import { datesInQuestion, yearFor } from './match/days-in-question.js';
import { formatDate, formatEventDates, formatRange, notCheckedMessage } from './match/wording.js';

/** A fact card for the mention under an offset, in Markdown and in plain text, and the mention's source range. */
export interface HoverCard {
  markdown: string;
  plaintext: string;
  start: number;
  end: number;
}

const MAX_SOURCES = 5;

/** Builds the two renderings of a card side by side. */
class Card {
  readonly md: string[] = [];
  readonly text: string[] = [];
  readonly sources = new Set<string>();

  constructor(readonly facts: FactBase) {}

  title(value: string, kind: string): void {
    this.md.push(`**${esc(value)}** — ${kind}`);
    this.text.push(`${value} — ${kind}`);
  }

  line(label: string, value: string): void {
    this.md.push(`${label}: ${esc(value)}`);
    this.text.push(`${label}: ${value}`);
  }

  list(label: string, items: string[]): void {
    if (items.length === 0) return;
    this.md.push(`${label}:\n${items.map((i) => `- ${esc(i)}`).join('\n')}`);
    this.text.push(`${label}:\n${items.map((i) => `  - ${i}`).join('\n')}`);
  }

  cite(...facts: { sources: string[] }[]): void {
    for (const fact of facts) for (const id of fact.sources) this.sources.add(id);
  }

  defined(fact: Sourced): void {
    const text = this.facts.files.find((f) => f.path === fact.origin.file)?.text;
    if (text === undefined) return;
    const line = new LineIndex(text).positionAt(fact.origin.start).line + 1;
    // A candidate not yet reviewed says so, with the words it was taken from (the mark closest inside the fact).
    const candidate = this.facts.candidates
      .filter(
        (c) => c.file === fact.origin.file && !c.what.includes(' \u203a ') && c.start >= fact.origin.start && c.end <= fact.origin.end,
      )
      .sort((a, b) => a.start - b.start)[0];
    if (candidate) {
      this.md.push('*Candidate from factlint facts extract, not reviewed yet.*');
      this.text.push('Candidate from factlint facts extract, not reviewed yet.');
      this.list(
        'Quoted from its sources',
        candidate.quotes.slice(0, 3).map((q) => `“${q.text}” (${this.facts.sources.get(q.source)?.title ?? q.source})`),
      );
    }
    const where = `${basename(fact.origin.file)}, line ${line}`;
    this.md.push(`Defined in [${esc(where)}](${pathToFileURL(fact.origin.file).href}#L${line})`);
    this.text.push(`Defined in ${fact.origin.file}:${line}`);
  }

  render(): { markdown: string; plaintext: string } {
    const all = [...this.sources].map((id) => this.facts.sources.get(id)).filter((s) => s !== undefined);
    const sources = all.slice(0, MAX_SOURCES);
    if (sources.length > 0) {
      const said = (s: (typeof sources)[number]) => `${s.publisher}${s.date ? `, ${formatDate(s.date)}` : ''}`;
      // A source without a web address names a saved copy: shown as its path, not linked.
      const link = (s: (typeof sources)[number]) => (s.url ? `[${esc(s.title)}](${s.url})` : `${esc(s.title)} (${esc(s.file ?? '')})`);
      this.md.push(`Sources:\n${sources.map((s) => `- ${link(s)} — ${esc(said(s))}`).join('\n')}`);
      this.text.push(`Sources:\n${sources.map((s) => `  - ${s.title} — ${said(s)} <${s.url ?? s.file}>`).join('\n')}`);
    }
    if (all.length > sources.length) {
      this.md.push(`…and ${all.length - sources.length} more in the fact base`);
      this.text.push(`  …and ${all.length - sources.length} more in the fact base`);
    }
    return { markdown: this.md.join('\n\n'), plaintext: this.text.join('\n') };
  }
}

function esc(text: string): string {
  return text.replace(/[\\`*_[\]<>~]/g, '\\$&');
}

const nameOf = (facts: FactBase, id: string) => facts.people.get(id)?.name ?? facts.organisations.get(id)?.name ?? id;

function eventLines(card: Card, event: Event): void {
  const facts = card.facts;
  card.line('When', formatEventDates(event));
  if (event.place) card.line('Where', event.place);
  const parent = event.parent ? facts.events.get(event.parent) : undefined;
  if (parent) card.line('Part of', `${parent.name} (${formatEventDates(parent)})`);
  // A participant's role, where the fact base gives one: "Xi Jinping (host), Vladimir Putin (visitor)".
  const role = (id: string) => (event.roles.has(id) ? ` (${event.roles.get(id) === 'attended' ? 'present' : event.roles.get(id)})` : '');
  if (event.participants.length > 0)
    card.line(
      'Participants',
      `${event.participants.map((id) => `${nameOf(facts, id)}${role(id)}`).join(', ')}${event.participantsComplete ? ' (everyone who took part)' : ''}`,
    );
  const meetings = [...facts.events.values()].filter((e) => e.parent === event.id).sort((a, b) => a.start.localeCompare(b.start));
  card.list(
    'Meetings and sub-events',
    meetings.map((e) => `${e.name} — ${formatEventDates(e)}${e.place ? `, ${e.place}` : ''}`),
  );
  for (const reported of event.reportedKinds) card.line('Also called', `${reported.kind}${reported.note ? ` (${reported.note})` : ''}`);
  card.cite(event, ...event.reportedKinds);
}

function officesOn(card: Card, person: Person, [from, to]: [string, string]): void {
  const facts = card.facts;
  const held = person.offices.filter((t) => t.from <= to && (t.to === undefined || from <= t.to));
  const day = from === to ? formatDate(from) : formatRange(from, to);
  card.list(
    `Offices held on ${day}`,
    held.map((t) => `${facts.offices.get(t.office)?.title ?? t.office} (${formatTerm(t.written)})`),
  );
  if (held.length === 0) card.line(`On ${day}`, 'no office in the fact base');
  const others = person.offices.filter((t) => !held.includes(t));
  card.list(
    'Other terms',
    others.map((t) => `${facts.offices.get(t.office)?.title ?? t.office} (${formatTerm(t.written)})`),
  );
  card.cite(...held);
}

/**
 * The days a card speaks of: `when`, unless they are those of a date its sentence writes wrong for the event the
 * sentence is about (date-mismatch flags it); then the event's own days, with a line saying what was written.
 */
function trueDays(mention: Mention, when: [string, string] | undefined): { when?: [string, string]; written?: string } {
  if (!when) return {};
  const bf = mention.block;
  const year = yearFor(bf, mention.sentence);
  for (const date of itemsIn(bf.dates, mention.sentence)) {
    const written = intervalOf(date, year);
    if (!written || written[0] !== when[0] || written[1] !== when[1]) continue;
    const event = contradicted(bf, mention.sentence, date);
    if (!event) continue;
    return {
      when: [event.start, event.end],
      written: `${date.text.replace(/\.$/, '')} — not the date of ${event.name} (${formatEventDates(event)})`,
    };
  }
  return { when };
}

/** Adds the card for one fact a mention refers to. */
function describe(card: Card, mention: Mention, link: Mention['facts'][number], day?: [string, string]): void {
  const facts = card.facts;
  const { when, written } = trueDays(mention, day ?? datesInQuestion(mention.block, mention.sentence)[0]);
  switch (link.kind) {
    case 'person':
    case 'organisation': {
      const named = link.kind === 'person' ? facts.people.get(link.id) : facts.organisations.get(link.id);
      if (!named) return;
      card.title(named.name, link.kind);
      if (mention.misspelt) card.line('Written', `${mention.text} — the fact base spells it ${named.preferred[0] ?? named.name}`);
      if (written && link.kind === 'person') card.line('Written date', written);
      const spellings = [...new Set([...named.preferred, ...named.spellings])].filter((s) => s !== named.name);
      if (spellings.length > 0) card.line('Also written', spellings.join(', '));
      if (link.kind === 'person' && when) officesOn(card, named as Person, when);
      card.cite(named);
      card.defined(named);
      return;
    }
    case 'office': {
      const office = facts.offices.get(link.id);
      if (!office) return;
      card.title(office.title, `office${office.country ? `, ${office.country}` : ''}`);
      if (written) card.line('Written date', written);
      if (when) {
        const day = when[0] === when[1] ? formatDate(when[0]) : formatRange(when[0], when[1]);
        const holders = [...facts.people.values()].flatMap((p) =>
          p.offices
            .filter((t) => t.office === office.id && t.from <= when[1] && (t.to === undefined || when[0] <= t.to))
            .map((t) => ({ p, t })),
        );
        card.list(
          `Held on ${day} by`,
          holders.map(({ p, t }) => `${p.name} (${formatTerm(t.written)})`),
        );
        if (holders.length === 0) card.line(`On ${day}`, 'no holder in the fact base');
        card.cite(...holders.map((h) => h.t));
      }
      card.cite(office);
      card.defined(office);
      return;
    }
    case 'event': {
      const event = facts.events.get(link.id);
      if (!event) return;
      card.title(event.name, event.kind);
      eventLines(card, event);
      card.defined(event);
      return;
    }
    case 'document': {
      const doc = facts.documents.get(link.id);
      if (!doc) return;
      card.title(doc.title, doc.count ? `batch of ${doc.count} documents (${doc.kind})` : doc.kind);
      card.line(
        'Binding',
        doc.binding === 'unknown'
          ? 'the sources do not say'
          : doc.binding
            ? 'yes — it creates legal obligations'
            : 'no — it creates no legal obligations',
      );
      if (doc.parties.length > 0) card.line('Parties', doc.parties.map((id) => nameOf(facts, id)).join('; '));
      if (doc.dateWritten) card.line('Date', formatDate(doc.dateWritten));
      const event = doc.event ? facts.events.get(doc.event) : undefined;
      if (event) card.line('Signed at', `${event.name} (${formatEventDates(event)})`);
      card.cite(doc);
      card.defined(doc);
      return;
    }
    case 'claim': {
      const claim = facts.claims.get(link.id);
      if (!claim) return;
      card.title(claim.statement, `claim (${claim.status})`);
      if (claim.value !== undefined)
        card.line('Figure', [claim.qualifier, formatAmount(claim.value, claim.unit)].filter((x) => x !== undefined).join(' '));
      if (claim.measure) card.line('Measures', claim.measure);
      if (claim.period) card.line('Period', claim.period);
      card.list(
        'Claimed by',
        claim.claimedBy.map((a) => `${nameOf(facts, a.by)}${a.date ? `, ${formatDate(a.date)}` : ''}`),
      );
      if (claim.certainty) card.line('Certainty in the sources', claim.certainty);
      if (claim.attribution.length > 0) card.line('Attribute it, e.g.', claim.attribution.slice(0, 4).join('; '));
      card.cite(claim, ...claim.claimedBy);
      card.defined(claim);
      return;
    }
    case 'count': {
      const group = facts.documentCounts.find((c) => c.id === link.id);
      if (!group) return;
      const event = facts.events.get(group.event);
      card.title(`Documents signed${event ? ` at ${event.name}` : ''}`, 'count');
      card.list(
        'Sourced counts',
        group.counts.map(
          (c) =>
            `${c.said}${c.kind ? ` (${c.kind})` : ''}${c.by ? ` — ${nameOf(facts, c.by)}` : ''}${c.date ? `, ${formatDate(c.date)}` : ''}`,
        ),
      );
      card.cite(group, ...group.counts);
      card.defined(group);
      return;
    }
    default:
      return;
  }
}

/** The fact card for the name, office, event, date, document, figure or count at a source offset of a draft. */
export function hover(source: string, index: FactIndex, offset: number, blocks?: BlockFacts[]): HoverCard | undefined {
  const mention = mentionAt(source, index, offset, blocks);
  if (!mention) return undefined;
  const card = new Card(index.facts);
  if (mention.kind === 'date' && mention.date) {
    const interval = intervalOf(mention.date, yearFor(mention.block, mention.sentence));
    card.title(mention.text, 'date');
    const read = interval && formatRange(interval[0], interval[1]);
    if (read && read !== mention.text) card.line('Read as', read);
    // A date factlint abstained on says so, and why (match/evidence.ts).
    const reason = abstention(mention.block, mention.sentence, mention.date);
    if (reason) card.line('Not checked', notCheckedMessage(mention.block, mention.date, reason).replace(/^Not checked: /, ''));
  }
  // A title attached to a name is judged on the days its sentence gives evidence for: the card shows the first.
  const titled =
    mention.kind === 'person' || mention.kind === 'office'
      ? titledNames(mention.block).find((t) =>
          [t.name.start, t.wording.start].some((p) => toSource(mention.block.block, p) === mention.start),
        )
      : undefined;
  const day = titled && officeDays(mention.block, mention.sentence, titled.person, titled.then).days[0];
  for (const link of mention.facts.slice(0, mention.kind === 'date' ? 1 : 2)) describe(card, mention, link, day);
  const why = titled && notChecked(mention.block, titled);
  if (why) card.line('Office not checked', why);
  if (card.md.length === 0) return undefined;
  return { ...card.render(), start: mention.start, end: mention.end };
}
