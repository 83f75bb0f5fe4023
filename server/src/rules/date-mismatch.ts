import type { Event } from '../facts/types.js';
import type { BlockFacts } from '../match/analyse.js';
import { formatFromTo, formatLike, isDayPrecise, type DateMention } from '../match/dates.js';
import { contradicted, datesBySentence, endMeant, resolvedAbout } from '../match/event-dates.js';
import { isDraftDate } from '../match/dateline.js';
import { asMention, countedFrom, mayCountDays, relativeDays, reportsNear, resolveFor, type RelativeDay } from '../match/relative-days.js';
import { claimContradicted } from '../match/claim-dates.js';
import { documentContradicted, replaceable } from '../match/document-dates.js';
import { inCell, withRows } from '../match/table-rows.js';
import type { Span } from '../markdown/prose.js';
import { yearSlip } from '../match/evidence.js';
import { formatAmount } from '../match/figures.js';
import { formatDate, formatEventDates, nameOf } from '../match/wording.js';
import type { Rule, RuleFinding } from './rule.js';
import { ontoCell } from './support.js';

/** The mention's text with the "from" or "between" that opens its range, for messages. */
function asWritten(bf: BlockFacts, mention: DateMention): string {
  const opener =
    mention.joiner && /\p{L}/u.test(mention.joiner)
      ? /\b(?:from|between) $/i.exec(bf.text.slice(Math.max(0, mention.start - 8), mention.start))
      : null;
  // A shortened month ends with its full stop ("27 Feb."), which the message ends with anyway.
  return `${opener?.[0].toLowerCase() ?? ''}${mention.text.replace(/\.$/, '')}`;
}

/** When an event took place, for messages. */
function when(event: Event): string {
  if (event.precision !== 'day') return `took place in ${formatEventDates(event)}`;
  return event.start === event.end ? `took place on ${formatDate(event.start)}` : `ran from ${formatFromTo(event.start, event.end)}`;
}

/** A relative day ("yesterday", "the day before") that falls on no day of the events its sentence is about. */
function relativeFinding(bf: BlockFacts, sentence: Span, day: RelativeDay): RuleFinding | undefined {
  // Counted from a wrong date, it is wrong with it: the date's own finding says so.
  if (!day.dateline && contradicted(bf, bf.sentenceAt(day.reference.start), day.reference)) return undefined;
  const about = resolvedAbout(bf, sentence, day)[0];
  const date = about && resolveFor(day, about.event);
  if (!date) return undefined;
  // A report filed weeks after the event looks back on it: its "today" is not the event's day.
  if (day.dateline && !reportsNear(resolveFor({ ...day, shift: 0 }, about.event)!, about.event)) return undefined;
  const event = contradicted(bf, sentence, asMention(day, date));
  if (!event) return undefined;
  const from = day.dateline
    ? `counting from the ${isDraftDate(bf, day.reference) ? "draft's date" : 'dateline'}`
    : `${countedFrom(day)} ${day.reference.text.replace(/\.$/, '')}`;
  return {
    block: bf,
    start: day.start,
    end: day.end,
    facts: [{ kind: 'event', id: event.id }],
    message: `${event.name} ${when(event)}, not ${day.text[0]!.toLowerCase()}${day.text.slice(1)} (${formatDate(date)}, ${from}).`,
  };
}

/** A date a document was made on, written in its sentence or its table row, that is not the document's own. */
function documentFinding(bf: BlockFacts, sentence: Span, mention: DateMention, row: boolean): RuleFinding | undefined {
  const wrong = documentContradicted(bf, sentence, mention, row);
  if (!wrong) return undefined;
  const { document } = wrong;
  const date = document.date!;
  return {
    block: bf,
    start: mention.start,
    end: mention.end,
    facts: [{ kind: 'document', id: document.id }],
    message: `${document.title} is dated ${formatDate(date)}, not ${asWritten(bf, mention)}.`,
    fixes: fixTo(mention, date),
  };
}

/** The date written as the fact base's day, unless it is a slip of the year (perhaps a true date of something else). */
function fixTo(mention: DateMention, date: string): RuleFinding['fixes'] {
  if (!replaceable(mention) || yearSlip(mention, { start: date, end: date })) return undefined;
  const newText = formatLike(mention, date, date);
  return [{ title: `Change the date to "${newText}"`, edits: [{ start: mention.start, end: mention.end, newText }] }];
}

/** A date a claim was first put forward on that is not the date the fact base gives for the claimant named (or the earliest). */
function claimFinding(bf: BlockFacts, sentence: Span, mention: DateMention): RuleFinding | undefined {
  const wrong = claimContradicted(bf, sentence, mention);
  if (!wrong) return undefined;
  const { claim, attribution } = wrong;
  const date = attribution.date!;
  return {
    block: bf,
    start: mention.start,
    end: mention.end,
    facts: [{ kind: 'claim', id: claim.id }],
    message:
      `${nameOf(bf.index.facts, attribution.by)} first put forward the ${formatAmount(claim.value!, claim.unit)} ` +
      `figure on ${formatDate(date)}, not ${asWritten(bf, mention)}.`,
    fixes: fixTo(mention, date),
  };
}

/** A date in a sentence that names a known event, and fits none of the events the sentence names. */
const rule: Rule = {
  id: 'date-mismatch',
  description: "A date attached to a known event, document or claim contradicts the fact base's date for it (day, month, year or range).",
  severity: 'error',
  category: 'date',
  fixable: true,
  blockLocal: true,
  *check({ blocks }) {
    // A date cell is read with its row (match/table-rows.ts); its findings are moved back onto the cell.
    for (const { cell, facts: bf, offset, documents } of withRows(blocks, true)) {
      for (const [mention, sentence] of datesBySentence(bf)) {
        if (!inCell(cell, offset, mention)) continue;
        const event = documents ? undefined : contradicted(bf, sentence, mention);
        if (!event) {
          const finding =
            documentFinding(bf, sentence, mention, documents) ?? (documents ? undefined : claimFinding(bf, sentence, mention));
          if (finding) yield ontoCell(finding, cell, offset);
          continue;
        }
        const finding: RuleFinding = {
          block: bf,
          start: mention.start,
          end: mention.end,
          facts: [{ kind: 'event', id: event.id }],
          message: `${event.name} ${when(event)}, not ${asWritten(bf, mention)}.`,
        };
        const day = mention.to || event.start === event.end ? undefined : endMeant(bf, sentence, event);
        // A slip of the year may be a true date of another occasion: flagged, never fixed for certain.
        // An event known only to the month or year has no day to move a date to.
        if (
          event.precision === 'day' &&
          isDayPrecise(mention) &&
          (mention.to || event.start === event.end || day) &&
          !yearSlip(mention, event)
        ) {
          const newText = day ? formatLike(mention, day, day) : formatLike(mention, event.start, event.end);
          finding.fixes = [{ title: `Change the date to "${newText}"`, edits: [{ start: mention.start, end: mention.end, newText }] }];
        }
        yield ontoCell(finding, cell, offset);
      }
      // Most blocks count no days: their sentences need not be looked through.
      if (!mayCountDays(bf.text)) continue;
      for (const sentence of bf.block.sentences) {
        for (const day of relativeDays(bf, sentence)) {
          const finding = inCell(cell, offset, day) ? relativeFinding(bf, sentence, day) : undefined;
          if (finding) yield ontoCell(finding, cell, offset);
        }
      }
    }
  },
};
export default rule;
