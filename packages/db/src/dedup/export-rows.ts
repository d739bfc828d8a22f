/**
 * Articles with their provenance, for `vellum export jsonl` and other downstream tools: every
 * field of the article and where it came from (request, capture, submission), one record per
 * article in id order.
 */
import type { Queryable } from '../database.ts';
import { articleFromRow, type Article } from '../articles.ts';
import { captureProvenanceFromRow, type CaptureProvenance } from '../provenance.ts';
import { toId, type Row } from '../sql-values.ts';
import { EXPORT_DEFAULTS } from '../defaults.ts';

/** The capture and submission an exported article came from (the `article_provenance` view's columns). */
export type ExportProvenance = CaptureProvenance;

export interface ExportRecord {
  article: Article;
  provenance: ExportProvenance;
}

export interface ExportOptions {
  /**
   * Only the newest pipeline result of each capture.
   * @defaultValue false
   */
  currentOnly?: boolean;
  /**
   * Only articles of captures fetched at or after this time.
   * @defaultValue none (all)
   */
  since?: Date;
  /**
   * Rows per query.
   * @defaultValue 500
   */
  batchSize?: number;
}

export async function* exportRecords(q: Queryable, options: ExportOptions = {}): AsyncGenerator<ExportRecord> {
  const batchSize = options.batchSize ?? EXPORT_DEFAULTS.batchSize;
  let afterId = 0;
  for (;;) {
    const { rows } = await q.query<Row>(
      `SELECT a.*, c.id AS p_capture_id,
         c.origin AS p_origin, c.requested_url AS p_requested_url, c.final_url AS p_final_url,
         c.redirect_chain AS p_redirect_chain, c.http_status AS p_http_status, c.fetched_at AS p_fetched_at,
         c.body_sha256 AS p_body_sha256, c.content_type AS p_content_type, c.charset AS p_charset, c.fetcher_version AS p_fetcher_version,
         c.source_path AS p_source_path, s.id AS p_submission_id, s.url AS p_submitted_url,
         s.submitted_by AS p_submitted_by, s.source AS p_submission_source, s.submitted_at AS p_submitted_at
       FROM articles a
       JOIN captures c ON c.id = a.capture_id
       LEFT JOIN submissions s ON s.id = coalesce(a.submission_id, c.submission_id)
       WHERE a.id > $1
         AND ($2::timestamptz IS NULL OR c.fetched_at >= $2::timestamptz)
         AND (NOT $3::boolean OR NOT EXISTS (SELECT 1 FROM articles n WHERE n.capture_id = a.capture_id AND n.id > a.id))
       ORDER BY a.id LIMIT $4`,
      [afterId, options.since ? options.since.toISOString() : null, options.currentOnly ?? EXPORT_DEFAULTS.currentOnly, batchSize],
    );
    for (const r of rows) {
      const article = articleFromRow(r);
      yield {
        article,
        provenance: captureProvenanceFromRow(r, 'p_'),
      };
    }
    if (rows.length < batchSize) return;
    afterId = toId(rows[rows.length - 1]!.id);
  }
}
