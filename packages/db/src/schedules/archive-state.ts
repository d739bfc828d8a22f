/**
 * What the archive already knows about a batch of URLs, in two queries per 1 000 URLs, so a
 * run over a 50 000-URL sitemap does not ask about each URL on its own. Read-only: the final
 * word on each URL stays with submitUrls, which re-checks under a per-URL lock.
 */
import type { Queryable } from '../database.ts';
import { toDate, type Row } from '../sql-values.ts';

export interface UrlArchiveState {
  /** A submission is queued, fetching or fetched. */
  inFlight: boolean;
  /** Newest time a capture of it was stored or confirmed (processed/unchanged, or an article). */
  archivedAt: Date | null;
  /** Newest failure, when no capture is archived. */
  failedAt: Date | null;
}

const CHUNK = 1000;

/** States keyed by canonical URL; URLs the archive has never seen are absent. */
export async function lookupArchiveState(q: Queryable, canonicalUrls: readonly string[]): Promise<Map<string, UrlArchiveState>> {
  const states = new Map<string, UrlArchiveState>();
  const stateOf = (url: string): UrlArchiveState => {
    let state = states.get(url);
    if (!state) {
      state = { inFlight: false, archivedAt: null, failedAt: null };
      states.set(url, state);
    }
    return state;
  };
  for (let at = 0; at < canonicalUrls.length; at += CHUNK) {
    const chunk = canonicalUrls.slice(at, at + CHUNK);
    const submissions = await q.query<Row>(
      `SELECT s.normalized_url AS url,
              bool_or(s.status IN ('queued', 'fetching', 'fetched')) AS in_flight,
              max(coalesce(c.fetched_at, s.updated_at)) FILTER (WHERE s.status IN ('processed', 'unchanged')) AS archived_at,
              max(s.updated_at) FILTER (WHERE s.status = 'failed') AS failed_at
       FROM submissions s LEFT JOIN captures c ON c.id = s.capture_id
       WHERE s.normalized_url = ANY($1::text[])
       GROUP BY s.normalized_url`,
      [chunk],
    );
    for (const row of submissions.rows) {
      const state = stateOf(row.url as string);
      state.inFlight = Boolean(row.in_flight);
      if (row.archived_at) state.archivedAt = toDate(row.archived_at);
      if (row.failed_at) state.failedAt = toDate(row.failed_at);
    }
    const articles = await q.query<Row>(
      `SELECT a.canonical_url AS url, max(c.fetched_at) AS archived_at
       FROM articles a JOIN captures c ON c.id = a.capture_id
       WHERE a.canonical_url = ANY($1::text[])
       GROUP BY a.canonical_url`,
      [chunk],
    );
    for (const row of articles.rows) {
      const state = stateOf(row.url as string);
      const archivedAt = toDate(row.archived_at);
      if (!state.archivedAt || archivedAt > state.archivedAt) state.archivedAt = archivedAt;
    }
  }
  return states;
}
