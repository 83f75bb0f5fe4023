import type { FactBase } from './types.js';

/** How many facts a fact base holds (sources are not counted: they back the facts). */
export function factCount(facts: FactBase): number {
  return (
    facts.people.size +
    facts.organisations.size +
    facts.offices.size +
    facts.events.size +
    facts.documents.size +
    facts.documentCounts.length +
    facts.claims.size +
    facts.terms.length
  );
}
