import assessmentOverstated from './assessment-overstated.js';
import bindingOverstated from './binding-overstated.js';
import claimReframed from './claim-reframed.js';
import claimUnattributed from './claim-unattributed.js';
import configInvalid from './config-invalid.js';
import countOutOfRange from './count-out-of-range.js';
import dateMismatch from './date-mismatch.js';
import documentUnrecorded from './document-unrecorded.js';
import draftTooLarge from './draft-too-large.js';
import eventKind from './event-kind.js';
import factbaseOutdated from './factbase-outdated.js';
import factbaseReference from './factbase-reference.js';
import factbaseReview from './factbase-review.js';
import factbaseSchema from './factbase-schema.js';
import factbaseSyntax from './factbase-syntax.js';
import houseSpelling from './house-spelling.js';
import nameMisspelt from './name-misspelt.js';
import notChecked from './not-checked.js';
import officeNotHeld from './office-not-held.js';
import officeWrongPerson from './office-wrong-person.js';
import participantAbsent from './participant-absent.js';
import preferredTerm from './preferred-term.js';
import type { Rule } from './rule.js';
import weekdayMismatch from './weekday-mismatch.js';

/** Every rule, in the order findings are reported within one place. Ids are stable forever. */
export const rules: readonly Rule[] = [
  dateMismatch,
  weekdayMismatch,
  bindingOverstated,
  documentUnrecorded,
  claimUnattributed,
  claimReframed,
  countOutOfRange,
  assessmentOverstated,
  eventKind,
  nameMisspelt,
  officeNotHeld,
  officeWrongPerson,
  participantAbsent,
  houseSpelling,
  preferredTerm,
  notChecked,
  factbaseSyntax,
  factbaseSchema,
  factbaseReference,
  factbaseReview,
  factbaseOutdated,
  draftTooLarge,
  configInvalid,
];

/** The repository (package.json `repository.url`); each rule's page is `docs/rules/<id>.md` in it. */
export const REPOSITORY = 'https://github.com/factlint/factlint';

/**
 * The web address of a rule's page, linked from every diagnostic (LSP `codeDescription`) and report (`docs` in JSON,
 * `helpUri` in SARIF). A web address, not a file in the installed extension: every LSP client and CI report can open it.
 */
export function ruleDocs(id: string): string {
  return `${REPOSITORY}/blob/main/docs/rules/${id}.md`;
}

/** Rules by id. */
export const ruleById: ReadonlyMap<string, Rule> = new Map(rules.map((r) => [r.id, r]));
