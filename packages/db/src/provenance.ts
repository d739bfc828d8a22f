import type { StageVersions } from '@vellum/core';
import type { Queryable } from './database.ts';
import type { CaptureOrigin, RedirectHop } from './captures.ts';
import { toDate, toDateOrNull, toId, toIdOrNull, type Row } from './sql-values.ts';

/** One row of the `article_provenance` view: an article and where it came from. */
export interface ArticleProvenance {
  articleId: number;
  url: string;
  canonicalUrl: string;
  title: string | null;
  contentHash: string;
  rawSha256: string;
  pipelineVersion: string;
  versions: StageVersions;
  processedAt: Date;
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
    captureId: toId(row.capture_id),
    origin: row.origin as CaptureOrigin,
    requestedUrl: row.requested_url as string,
    finalUrl: (row.final_url as string | null) ?? null,
    redirectChain: (row.redirect_chain as RedirectHop[]) ?? [],
    httpStatus: row.http_status === null ? null : Number(row.http_status),
    fetchedAt: toDate(row.fetched_at),
    bodySha256: (row.body_sha256 as string | null) ?? null,
    contentType: (row.content_type as string | null) ?? null,
    charset: (row.charset as string | null) ?? null,
    fetcherVersion: row.fetcher_version as string,
    sourcePath: (row.source_path as string | null) ?? null,
    submissionId: toIdOrNull(row.submission_id),
    submittedUrl: (row.submitted_url as string | null) ?? null,
    submittedBy: (row.submitted_by as string | null) ?? null,
    submissionSource: (row.submission_source as string | null) ?? null,
    submittedAt: toDateOrNull(row.submitted_at),
  };
}

export async function getArticleProvenance(q: Queryable, articleId: number): Promise<ArticleProvenance | null> {
  const { rows } = await q.query<Row>('SELECT * FROM article_provenance WHERE article_id = $1', [articleId]);
  return rows[0] ? provenanceFromRow(rows[0]) : null;
}
