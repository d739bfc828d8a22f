import type { StageVersions } from '@vellum/core';
import type { Queryable } from './database.ts';
import type { CaptureOrigin, RedirectHop } from './captures.ts';
import { toDate, toDateOrNull, toId, toIdOrNull, type Row } from './sql-values.ts';

/**
 * Where an article came from: the capture its text was extracted from and the submission that
 * asked for it. One mapping for every reader (`vellum show`, the API, `export jsonl`), so the
 * fields cannot drift apart.
 */
export interface CaptureProvenance {
  captureId: number;
  origin: CaptureOrigin;
  requestedUrl: string;
  finalUrl: string | null;
  redirectChain: RedirectHop[];
  httpStatus: number | null;
  fetchedAt: Date;
  bodySha256: string | null;
  contentType: string | null;
  charset: string | null;
  fetcherVersion: string;
  sourcePath: string | null;
  submissionId: number | null;
  submittedUrl: string | null;
  submittedBy: string | null;
  submissionSource: string | null;
  submittedAt: Date | null;
}

/** One row of the `article_provenance` view: an article and where it came from. */
export interface ArticleProvenance extends CaptureProvenance {
  articleId: number;
  url: string;
  canonicalUrl: string;
  title: string | null;
  contentHash: string;
  rawSha256: string;
  pipelineVersion: string;
  versions: StageVersions;
  processedAt: Date;
}

/**
 * Reads the capture and submission columns of the `article_provenance` view; `prefix` is for
 * queries that select them beside an article's own columns (`p_origin`, ...).
 */
export function captureProvenanceFromRow(row: Row, prefix = ''): CaptureProvenance {
  const col = (name: string): unknown => row[prefix + name];
  const status = col('http_status');
  return {
    captureId: toId(col('capture_id')),
    origin: col('origin') as CaptureOrigin,
    requestedUrl: col('requested_url') as string,
    finalUrl: (col('final_url') as string | null) ?? null,
    redirectChain: (col('redirect_chain') as RedirectHop[] | null) ?? [],
    httpStatus: status === null || status === undefined ? null : Number(status),
    fetchedAt: toDate(col('fetched_at')),
    bodySha256: (col('body_sha256') as string | null) ?? null,
    contentType: (col('content_type') as string | null) ?? null,
    charset: (col('charset') as string | null) ?? null,
    fetcherVersion: col('fetcher_version') as string,
    sourcePath: (col('source_path') as string | null) ?? null,
    submissionId: toIdOrNull(col('submission_id')),
    submittedUrl: (col('submitted_url') as string | null) ?? null,
    submittedBy: (col('submitted_by') as string | null) ?? null,
    submissionSource: (col('submission_source') as string | null) ?? null,
    submittedAt: toDateOrNull(col('submitted_at')),
  };
}

function provenanceFromRow(row: Row): ArticleProvenance {
  return {
    articleId: toId(row.article_id),
    url: row.url as string,
    canonicalUrl: row.canonical_url as string,
    title: (row.title as string | null) ?? null,
    contentHash: row.content_hash as string,
    rawSha256: row.raw_sha256 as string,
    pipelineVersion: row.pipeline_version as string,
    versions: row.versions as StageVersions,
    processedAt: toDate(row.processed_at),
    ...captureProvenanceFromRow(row),
  };
}

export async function getArticleProvenance(q: Queryable, articleId: number): Promise<ArticleProvenance | null> {
  const { rows } = await q.query<Row>('SELECT * FROM article_provenance WHERE article_id = $1', [articleId]);
  return rows[0] ? provenanceFromRow(rows[0]) : null;
}
