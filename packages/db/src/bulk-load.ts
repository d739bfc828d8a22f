/**
 * Multi-row loading of synthetic archives for benchmarks (`npm run bench:search`): captures and
 * articles in a few statements instead of one round trip each. Not for ingestion: it writes
 * no bodies and no events, so its rows carry none of the provenance the pipeline records.
 */
import type { Queryable } from './database.ts';
import { toId, type Row } from './sql-values.ts';

export interface BulkArticle {
  url: string;
  canonicalUrl: string;
  title: string;
  text: string;
  lang: string | null;
  fetchedAt: Date;
  publishedAt: Date | null;
  contentHash: string;
  pipelineVersion: string;
}

/** Inserts one capture and one article per row, in one transaction-sized pair of statements; returns the article ids. */
export async function bulkInsertArticles(q: Queryable, rows: BulkArticle[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const captures = await q.query<Row>(
    `INSERT INTO captures (requested_url, final_url, http_status, fetched_at, fetcher_version, outcome)
     SELECT u, u, 200, t, 'bulk-load', 'ok' FROM unnest($1::text[], $2::timestamptz[]) WITH ORDINALITY AS x(u, t, n)
     ORDER BY n
     RETURNING id`,
    [rows.map((r) => r.url), rows.map((r) => r.fetchedAt.toISOString())],
  );
  const captureIds = captures.rows.map((r) => toId(r.id)).sort((a, b) => a - b); // identity: insertion order
  const articles = await q.query<Row>(
    `INSERT INTO articles (capture_id, url, canonical_url, title, lang, published_at, text, content_hash, raw_sha256,
                           versions, pipeline_version)
     SELECT c, u, cu, ti, l, p, tx, h, h, jsonb_build_object('pipeline', pv), pv
     FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::text[], $9::text[])
          WITH ORDINALITY AS x(c, u, cu, ti, l, p, tx, h, pv, n)
     ORDER BY n
     RETURNING id`,
    [
      captureIds,
      rows.map((r) => r.url),
      rows.map((r) => r.canonicalUrl),
      rows.map((r) => r.title),
      rows.map((r) => r.lang),
      rows.map((r) => r.publishedAt?.toISOString() ?? null),
      rows.map((r) => r.text),
      rows.map((r) => r.contentHash),
      rows.map((r) => r.pipelineVersion),
    ],
  );
  return articles.rows.map((r) => toId(r.id));
}
