import { wdk } from 'wikibase-sdk/wikidata.org';
import { entitiesOf, ImportProblem, type RawEntity } from './entities.js';

/** The part of `fetch` used here (injected by tests, so they never need a network). */
export type Fetch = (
  url: string,
  init: { headers: Record<string, string>; signal?: AbortSignal },
) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

const HEADERS = { 'User-Agent': 'factlint (https://github.com/factlint/factlint)', Accept: 'application/json' };

/**
 * Fetches entities from Wikidata (wbgetentities, 50 ids a request, URLs built by wikibase-sdk) with their labels and
 * aliases in a language (and the multilingual ones), and their claims and revision info when asked. Throws an
 * `ImportProblem` saying what to do without a network when Wikidata cannot be reached.
 */
export async function fetchEntities(ids: string[], lang: string, fetch: Fetch, claims: boolean): Promise<RawEntity[]> {
  const props = claims ? (['labels', 'aliases', 'claims', 'info'] as const) : (['labels', 'aliases'] as const);
  const entities: RawEntity[] = [];
  for (const url of wdk.getManyEntities({ ids: ids as `Q${number}`[], languages: [lang, 'mul'], props: [...props] })) {
    let json: unknown;
    try {
      const response = await fetch(url, { headers: HEADERS, signal: AbortSignal.timeout(30_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      json = await response.json();
    } catch (error) {
      throw new ImportProblem(
        `Cannot reach Wikidata for ${ids.join(', ')} (${reason(error)}). Without a network, save each ` +
          `entity's JSON (https://www.wikidata.org/wiki/Special:EntityData/${ids[0]}.json) and name the files on the command line.`,
      );
    }
    const error = (json as { error?: { info?: string } }).error;
    if (error) throw new ImportProblem(`Wikidata refused the request for ${ids.join(', ')}: ${error.info ?? 'no reason given'}`);
    entities.push(...entitiesOf(json, "Wikidata's answer"));
  }
  const missing = entities.filter((e) => e.missing !== undefined).map((e) => e.id);
  if (missing.length > 0) throw new ImportProblem(`Wikidata has no entity ${missing.join(', ')}`);
  return entities;
}

/** Why a request failed, in a few words ("fetch failed: getaddrinfo ENOTFOUND www.wikidata.org"). */
function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return error.name === 'TimeoutError' ? 'no answer in 30 seconds' : `${error.message}${cause}`;
}
