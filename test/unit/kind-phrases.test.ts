import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadFactBase } from '../../server/src/facts/load.js';
import { kindPhrases } from '../../server/src/match/kind-phrases.js';

const FACTS = `sources:
  - { id: s, title: A report, publisher: An outlet, url: "https://example.org/a" }
events:
  - { id: visit, name: A visit, kind: state visit, start: 2031-05-03, end: 2031-05-05, place: "Kessa, Marovia", phrases: [trip to Kessa], sources: [s] }
  - { id: talks-1, name: Talks, kind: talks, parent: visit, start: 2031-05-03, place: "Old Palace, Kessa", sources: [s] }
  - { id: talks-2, name: More talks, kind: talks, parent: visit, start: 2031-05-04, place: "Old Palace, Kessa", sources: [s] }
  - { id: meeting, name: A meeting, kind: meeting, parent: visit, start: 2031-05-04, place: "City Hall, Kessa", sources: [s] }
  - { id: lunch, name: A lunch, kind: meeting, start: 2031-05-05, place: Kessa, sources: [s] }
`;

test('event phrases derived from kind and place: a visit by each place, another event by its own venue, none naming two events', () => {
  const { facts } = loadFactBase([{ path: 'k.facts.yaml', text: FACTS }]);
  const derived = [...kindPhrases(facts!).values()].map((v) => `${v.phrase} → ${v.event.id}`);
  assert.deepEqual(derived, [
    // "trip to Kessa" is listed, so not derived again.
    'visit to Kessa → visit',
    'visit in Kessa → visit',
    'stay in Kessa → visit',
    'visit to Marovia → visit',
    'visit in Marovia → visit',
    'stay in Marovia → visit',
    'trip to Marovia → visit',
    // Both talks were at the Old Palace: "talks at Old Palace" would name two events. Kessa is the visit's place, and a
    // meeting with one place only (a city) is named by none.
    'meeting in City Hall → meeting',
    'meeting at City Hall → meeting',
  ]);
});
