/**
 * The candidates of a search block, as SQL (for search.ts): the newest latest_pages rows that
 * the GIN index says hold a query's words, and for a phrase the keys of its adjacent word pairs
 * (migration 013's `search_keys()`, in the search index), in the row's own language's parsing.
 * Only the narrow rows are read, never a vector: the block's vectors are read afterwards, to rank.
 */

/** How many article ids one recency key covers (migration 013: `id >> 12`). */
const RECENCY_RANGE = 4096;

/** How many of the newest article ids a new block looks among first (whole ranges of 4,096). */
export const RECENT_IDS = 4 * RECENCY_RANGE;

export interface CandidateScan {
  /** SQL conditions on `p` (filters, the block's upper bound), each to be ANDed. */
  filters: string;
  /** SQL for the LIMIT (a parameter, `$n::int`), or null for none. */
  limit: string | null;
  /**
   * Look among the newest ids below `top` (SQL for a bigint, or null: the newest in the table)
   * first, and in the whole table only when they hold no more than `limit` - 1 candidates: a
   * broad word's newest 1,000 matches then cost a visit to a few thousand rows, not to every
   * match. Only with a limit (the result is the same, only cheaper).
   */
  recentBelow?: { top: string | null } | null;
}

/** The body of the `candidates` CTE: rows (article_id, config, search_vector), newest first. */
export function candidatesSql(scan: CandidateScan): string {
  const limit = scan.limit === null ? '' : `LIMIT ${scan.limit}`;
  // One lateral scan per group of configurations (groups g), its index condition narrowed by
  // `keys` when given: the group's phrase pairs, the recency keys, or both.
  const lateral = (keys: string | null, groupCondition: string, from = 'groups g') => `SELECT m.* FROM ${from} CROSS JOIN LATERAL (
           SELECT p.article_id, p.config, p.search_vector FROM latest_pages p
           WHERE p.search_vector @@ g.words${keys ? ` AND search_keys(p.search_vector, p.article_id) @@ ${keys}` : ''} AND p.config = ANY (g.configs)
             ${scan.filters}
         ) m WHERE ${groupCondition}`;
  const whole = `${lateral('g.pairs', 'g.pairs IS NOT NULL')}
         UNION ALL
         ${lateral(null, 'g.pairs IS NULL')}
         ORDER BY article_id DESC ${limit}`;
  if (!scan.recentBelow || scan.limit === null) return whole;
  const top = scan.recentBelow.top ?? '(SELECT max(article_id) FROM latest_pages)';
  // The recency keys (013's search_recency_key) of the ranges holding the ids from `top` -
  // RECENT_IDS to `top`: one id in each, a range apart. The whole table is scanned (a one-time
  // filter: not at all otherwise) only when they hold too few candidates.
  return `WITH recent_keys AS (
           SELECT string_agg(search_recency_key(id), ' | ')::tsquery AS keys
           FROM (SELECT ${top} AS top) t, generate_series(greatest(0, t.top - ${RECENT_IDS}), t.top, ${RECENCY_RANGE}) AS id
         ), recent AS MATERIALIZED (
           ${lateral('coalesce(g.pairs && k.keys, k.keys)', 'true', 'groups g CROSS JOIN recent_keys k')}
           ORDER BY article_id DESC ${limit}
         )
         SELECT * FROM recent WHERE (SELECT count(*) FROM recent) >= ${scan.limit}
         UNION ALL
         SELECT * FROM (${whole}) w WHERE (SELECT count(*) FROM recent) < ${scan.limit}`;
}
