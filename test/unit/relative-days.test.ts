import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Event } from '../../server/src/facts/types.js';
import type { DateMention } from '../../server/src/match/dates.js';
import { draftStart } from '../../server/src/match/dateline.js';
import { countedFrom, resolveFor, type RelativeDay } from '../../server/src/match/relative-days.js';

const reference: DateMention = { start: 0, end: 11, text: '14 May 2031', style: 'dmy', from: { year: 2031, month: 5, day: 14 } };
const event = { start: '2031-05-14', end: '2031-05-15' } as Event;
const day = (shift: number, weekday?: number): RelativeDay => ({
  start: 20,
  end: 30,
  text: 'later',
  shift,
  reference,
  dateline: false,
  ...(weekday === undefined ? {} : { weekday }),
});

test('days counted from a date: a number of days or weeks, or the next or last of a weekday, never the day itself', () => {
  // 14 May 2031 is a Wednesday.
  assert.equal(resolveFor(day(3), event), '2031-05-17');
  assert.equal(resolveFor(day(-14), event), '2031-04-30');
  assert.equal(resolveFor(day(1, 4), event), '2031-05-15'); // the following Thursday
  assert.equal(resolveFor(day(1, 3), event), '2031-05-21'); // the following Wednesday: a week on
  assert.equal(resolveFor(day(-1, 5), event), '2031-05-09'); // the previous Friday
  assert.equal(countedFrom(day(3)), 'three days after');
  assert.equal(countedFrom(day(-7)), 'a week before');
  assert.equal(countedFrom(day(1, 2)), 'the Tuesday after');
});

test("a draft's front matter date is the day its report words count from; a date that is not a day gives none", () => {
  assert.deepEqual(draftStart('title: Notes\ndate: 2031-05-17\n').draftDate?.from, { year: 2031, month: 5, day: 17 });
  assert.deepEqual(draftStart("date: '2031-05-17T09:30:00Z'").draftDate?.from, { year: 2031, month: 5, day: 17 });
  assert.equal(draftStart('date: 2031-05').draftDate, undefined);
  assert.equal(draftStart('updated: 2031-05-17').draftDate, undefined);
  assert.equal(draftStart(undefined).draftDate, undefined);
});
