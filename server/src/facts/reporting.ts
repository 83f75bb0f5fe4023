/**
 * Words that report what someone said or estimated (generic English). A sentence with one attributes its figures to
 * the speaker it names; a claim need not list them in its `attribution` (v1 files did: format v2 drops them on loading,
 * and `factlint facts migrate` removes them).
 */
export const REPORTING_WORDS = ['according to', 'said', 'says', 'say', 'told', 'tells', 'claimed', 'claims', 'claim', 'announced',
  'announces', 'reported', 'reports', 'reportedly', 'estimated', 'estimates', 'estimate', 'noted', 'notes', 'added', 'wrote',
  'writes', 'quoted', 'quoting', 'cited', 'citing', 'stated', 'declared', 'insisted', 'argued', 'asserted', 'boasted', 'predicted',
  'put it', 'puts it', 'in the words of', 's words', 'his words', 'her words', 'their words', 'in a statement', 'readout',
  'press release', 'spoke of', 'speaking of', 'speaking to', 'spokesman', 'spokeswoman', 'spokesperson'];

const WORDS = new Set(REPORTING_WORDS);

/** Whether an attribution phrase is a generic reporting word ("said", "According to"), not a name. */
export const isReportingWord = (phrase: string): boolean => WORDS.has(phrase.trim().toLowerCase().replace(/\s+/g, ' '));
