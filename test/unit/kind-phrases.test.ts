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

test("a visit's arrival and departure are named by the visit's places too; two arrivals in one place by neither", () => {
  const ends = (extra: string) =>
    [...kindPhrases(loadFactBase([{ path: 'k.facts.yaml', text: FACTS + extra }]).facts!).values()]
      .filter((v) => v.event.kind === 'arrival' || v.event.kind === 'departure')
      .map((v) => `${v.phrase} → ${v.event.id}`);
  const arrival =
    '  - { id: arrival, name: Arrival, kind: arrival, parent: visit, start: 2031-05-03, place: "Kessa Airport, Kessa", sources: [s] }\n';
  assert.deepEqual(ends(arrival), [
    'arrival in Kessa Airport → arrival',
    'arrival at Kessa Airport → arrival',
    'arrived in Kessa Airport → arrival',
    'arrived at Kessa Airport → arrival',
    'landed in Kessa Airport → arrival',
    'landed at Kessa Airport → arrival',
    'arrival in Kessa → arrival',
    'arrival at Kessa → arrival',
    'arrived in Kessa → arrival',
    'arrived at Kessa → arrival',
    'landed in Kessa → arrival',
    'landed at Kessa → arrival',
    'arrival in Marovia → arrival',
    'arrival at Marovia → arrival',
    'arrived in Marovia → arrival',
    'arrived at Marovia → arrival',
    'landed in Marovia → arrival',
    'landed at Marovia → arrival',
  ]);
  const second = arrival.replace('id: arrival', 'id: arrival-2').replace('2031-05-03', '2031-05-04');
  assert.deepEqual(ends(arrival + second), [], 'which arrival "arrived in Kessa" means is not known');
});
