/**
 * Articles with their provenance, for `vellum export jsonl` and other downstream tools: every
 * field of the article and where it came from (request, capture, submission), one record per
 * article in id order.
 */
import type { Queryable } from '../database.ts';
import { articleFromRow, type Article } from '../articles.ts';
import { toDate, toDateOrNull, toId, toIdOrNull, type Row } from '../sql-values.ts';

export interface ExportProvenance {
  captureId: number;
  origin: string;
  requestedUrl: string;
  finalUrl: string | null;
  redirectChain: unknown[];
  httpStatus: number | null;
  fetchedAt: Date;
  bodySha256: string | null;
  contentType: string | null;
  fetcherVersion: string;
  sourcePath: string | null;
  submissionId: number | null;
  submittedUrl: string | null;
  submittedBy: string | null;
  submissionSource: string | null;
  submittedAt: Date | null;
}

export interface ExportRecord {
  article: Article;
  provenance: ExportProvenance;
}

export interface ExportOptions {
  /** Only the newest pipeline result of each capture. Default false. */
  currentOnly?: boolean;
  /** Only articles of captures fetched at or after this time. */
  since?: Date;
  /** Rows per query. Default 500. */
  batchSize?: number;
}

export async function* exportRecords(q: Queryable, options: ExportOptions = {}): AsyncGenerator<ExportRecord> {
  const batchSize = options.batchSize ?? 500;
  let afterId = 0;
  for (;;) {
    const { rows } = await q.query<Row>(
      `SELECT a.*,
         c.origin AS p_origin, c.requested_url AS p_requested_url, c.final_url AS p_final_url,
         c.redirect_chain AS p_redirect_chain, c.http_status AS p_http_status, c.fetched_at AS p_fetched_at,
         c.body_sha256 AS p_body_sha256, c.content_type AS p_content_type, c.fetcher_version AS p_fetcher_version,
         c.source_path AS p_source_path, s.id AS p_submission_id, s.url AS p_submitted_url,
         s.submitted_by AS p_submitted_by, s.source AS p_submission_source, s.submitted_at AS p_submitted_at
       FROM articles a
       JOIN captures c ON c.id = a.capture_id
       LEFT JOIN submissions s ON s.id = coalesce(a.submission_id, c.submission_id)
       WHERE a.id > $1
         AND ($2::timestamptz IS NULL OR c.fetched_at >= $2::timestamptz)
         AND (NOT $3::boolean OR NOT EXISTS (SELECT 1 FROM articles n WHERE n.capture_id = a.capture_id AND n.id > a.id))
       ORDER BY a.id LIMIT $4`,
      [afterId, options.since ? options.since.toISOString() : null, options.currentOnly ?? false, batchSize],
    );
    for (const r of rows) {
      const article = articleFromRow(r);
      yield {
        article,
        provenance: {
          captureId: article.captureId,
          origin: r.p_origin as string,
          requestedUrl: r.p_requested_url as string,
          finalUrl: (r.p_final_url as string | null) ?? null,
          redirectChain: (r.p_redirect_chain as unknown[]) ?? [],
          httpStatus: r.p_http_status === null || r.p_http_status === undefined ? null : Number(r.p_http_status),
          fetchedAt: toDate(r.p_fetched_at),
          bodySha256: (r.p_body_sha256 as string | null) ?? null,
          contentType: (r.p_content_type as string | null) ?? null,
          fetcherVersion: r.p_fetcher_version as string,
          sourcePath: (r.p_source_path as string | null) ?? null,
          submissionId: toIdOrNull(r.p_submission_id),
          submittedUrl: (r.p_submitted_url as string | null) ?? null,
          submittedBy: (r.p_submitted_by as string | null) ?? null,
          submissionSource: (r.p_submission_source as string | null) ?? null,
          submittedAt: toDateOrNull(r.p_submitted_at),
        },
      };
    }
    if (rows.length < batchSize) return;
    afterId = toId(rows[rows.length - 1]!.id);
  }
}
