import type { Queryable } from './database.ts';
import { storeBody } from './bodies.ts';
import { jsonParam, timeParam, toBytes, toDate, toId, toIdOrNull, type Row } from './sql-values.ts';

export type CaptureOrigin = 'http' | 'file';
export type CaptureOutcome = 'ok' | 'not-modified' | 'failed';

/** One hop of a redirect chain, in the order followed. */
export interface RedirectHop {
  url: string;
  status: number;
  location: string | null;
}

/** Phase timings of a capture's final request, in ms (see docs/schema.md, migration 009). */
export interface CaptureTimings {
  dnsMs: number | null;
  connectMs: number | null;
  firstByteMs: number | null;
  totalMs: number | null;
}

/** Headers as sent on the wire: order and repeated names kept. */
export type HeaderList = Array<[name: string, value: string]>;

export interface Capture {
  id: number;
  submissionId: number | null;
  captureKey: string | null;
  origin: CaptureOrigin;
  requestedUrl: string;
  finalUrl: string | null;
  redirectChain: RedirectHop[];
  httpStatus: number | null;
  requestHeaders: HeaderList;
  responseHeaders: HeaderList;
  fetchedAt: Date;
  bodySha256: string | null;
  /** Size of the stored body in bytes; null without a body. */
  bodySize: number | null;
  contentType: string | null;
  charset: string | null;
  fetcherVersion: string;
  sourcePath: string | null;
  etag: string | null;
  lastModified: string | null;
  outcome: CaptureOutcome;
  failureReason: string | null;
  truncated: boolean;
  revisitOf: number | null;
  remoteAddress: string | null;
  timings: CaptureTimings;
  meta: Record<string, unknown>;
}

export interface CaptureWithBody extends Capture {
  body: Uint8Array | null;
}

export interface NewCapture {
  submissionId?: number | null;
  /**
   * Idempotency key: a second insert with the same key stores nothing and returns the first
   * capture. Derive it from what must happen once, e.g. `fetch:<submissionId>:<attempt>`.
   */
  captureKey?: string | null;
  /** Default 'http'. */
  origin?: CaptureOrigin;
  requestedUrl: string;
  finalUrl?: string | null;
  redirectChain?: RedirectHop[];
  httpStatus?: number | null;
  requestHeaders?: HeaderList;
  responseHeaders?: HeaderList;
  /** Default: now. */
  fetchedAt?: Date | string;
  /** Raw body bytes, stored content-addressed (pass this or `bodySha256` of a stored body). */
  body?: Uint8Array | null;
  bodySha256?: string | null;
  contentType?: string | null;
  charset?: string | null;
  fetcherVersion: string;
  sourcePath?: string | null;
  etag?: string | null;
  /** The Last-Modified header as sent (sent back verbatim in If-Modified-Since). */
  lastModified?: string | null;
  outcome: CaptureOutcome;
  /** Required when outcome is 'failed'. */
  failureReason?: string | null;
  /** The body hit the size cap and was cut. Default false. */
  truncated?: boolean;
  /** For 'not-modified': the capture whose body this revisit confirms. */
  revisitOf?: number | null;
  /** The IP address actually connected to. */
  remoteAddress?: string | null;
  /** Phase timings of the final request; omitted phases are stored as null. */
  timings?: Partial<CaptureTimings> | null;
  /** Fetcher details without a column of their own (timings, decoded encodings…). Default `{}`. */
  meta?: Record<string, unknown>;
  /** Recorded on the `captured` event. */
  actor?: string | null;
}

const CAPTURE_COLUMNS = `c.id, c.submission_id, c.capture_key, c.origin, c.requested_url, c.final_url,
  c.redirect_chain, c.http_status, c.request_headers, c.response_headers, c.fetched_at, c.body_sha256,
  c.content_type, c.charset, c.fetcher_version, c.source_path, c.etag, c.last_modified, c.outcome,
  c.failure_reason, c.truncated, c.revisit_of, c.remote_address, c.meta, b.size AS body_size,
  c.dns_ms, c.connect_ms, c.first_byte_ms, c.total_ms`;

export function captureFromRow(row: Row): Capture {
  return {
    id: toId(row.id),
    submissionId: toIdOrNull(row.submission_id),
    captureKey: (row.capture_key as string | null) ?? null,
    origin: row.origin as CaptureOrigin,
    requestedUrl: row.requested_url as string,
    finalUrl: (row.final_url as string | null) ?? null,
    redirectChain: (row.redirect_chain as RedirectHop[]) ?? [],
    httpStatus: row.http_status === null || row.http_status === undefined ? null : Number(row.http_status),
    requestHeaders: (row.request_headers as HeaderList) ?? [],
    responseHeaders: (row.response_headers as HeaderList) ?? [],
    fetchedAt: toDate(row.fetched_at),
    bodySha256: (row.body_sha256 as string | null) ?? null,
    bodySize: row.body_size === null || row.body_size === undefined ? null : Number(row.body_size),
    contentType: (row.content_type as string | null) ?? null,
    charset: (row.charset as string | null) ?? null,
    fetcherVersion: row.fetcher_version as string,
    sourcePath: (row.source_path as string | null) ?? null,
    etag: (row.etag as string | null) ?? null,
    lastModified: (row.last_modified as string | null) ?? null,
    outcome: row.outcome as CaptureOutcome,
    failureReason: (row.failure_reason as string | null) ?? null,
    truncated: Boolean(row.truncated),
    revisitOf: toIdOrNull(row.revisit_of),
    remoteAddress: (row.remote_address as string | null) ?? null,
    timings: {
      dnsMs: msOrNull(row.dns_ms),
      connectMs: msOrNull(row.connect_ms),
      firstByteMs: msOrNull(row.first_byte_ms),
      totalMs: msOrNull(row.total_ms),
    },
    meta: (row.meta as Record<string, unknown>) ?? {},
  };
}

function msOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/**
 * Stores a capture (and its body, once per content) and appends its `captured` event.
 * With a `captureKey` already used, nothing is written and the existing id is returned with
 * `created: false`. Pass a transaction to make body + capture atomic; outside one, a crash
 * between them leaves at most an unreferenced body, which a retry reuses.
 */
export async function insertCapture(
  q: Queryable,
  input: NewCapture,
): Promise<{ id: number; created: boolean; bodySha256: string | null }> {
  if (input.captureKey) {
    const existing = await q.query<Row>('SELECT id, body_sha256 FROM captures WHERE capture_key = $1', [input.captureKey]);
    if (existing.rows[0]) {
      return { id: toId(existing.rows[0].id), created: false, bodySha256: (existing.rows[0].body_sha256 as string | null) ?? null };
    }
  }
  let bodySha256 = input.bodySha256 ?? null;
  if (input.body) bodySha256 = (await storeBody(q, input.body)).sha256;

  const { rows } = await q.query<Row>(
    `WITH ins AS (
       INSERT INTO captures (submission_id, capture_key, origin, requested_url, final_url, redirect_chain,
         http_status, request_headers, response_headers, fetched_at, body_sha256, content_type, charset,
         fetcher_version, source_path, etag, last_modified, outcome, failure_reason, truncated, revisit_of,
         remote_address, meta, dns_ms, connect_ms, first_byte_ms, total_ms)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8::jsonb, $9::jsonb, coalesce($10::timestamptz, now()), $11, $12,
         $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23::jsonb, $25, $26, $27, $28)
       ON CONFLICT (capture_key) DO NOTHING
       RETURNING id, submission_id, outcome, http_status, body_sha256, failure_reason, requested_url, final_url
     ), ev AS (
       INSERT INTO events (entity, entity_id, action, actor, details)
       SELECT 'capture', id, 'captured', $24,
              jsonb_strip_nulls(jsonb_build_object('submissionId', submission_id, 'outcome', outcome,
                'httpStatus', http_status, 'bodySha256', body_sha256, 'failureReason', failure_reason,
                'requestedUrl', requested_url, 'finalUrl', final_url))
       FROM ins
     )
     SELECT id FROM ins`,
    [
      input.submissionId ?? null,
      input.captureKey ?? null,
      input.origin ?? 'http',
      input.requestedUrl,
      input.finalUrl ?? null,
      jsonParam(input.redirectChain ?? []),
      input.httpStatus ?? null,
      jsonParam(input.requestHeaders ?? []),
      jsonParam(input.responseHeaders ?? []),
      timeParam(input.fetchedAt),
      bodySha256,
      input.contentType ?? null,
      input.charset ?? null,
      input.fetcherVersion,
      input.sourcePath ?? null,
      input.etag ?? null,
      input.lastModified ?? null,
      input.outcome,
      input.failureReason ?? null,
      input.truncated ?? false,
      input.revisitOf ?? null,
      input.remoteAddress ?? null,
      jsonParam(input.meta ?? {}),
      input.actor ?? null,
      input.timings?.dnsMs ?? null,
      input.timings?.connectMs ?? null,
      input.timings?.firstByteMs ?? null,
      input.timings?.totalMs ?? null,
    ],
  );
  if (rows[0]) return { id: toId(rows[0].id), created: true, bodySha256 };
  // Lost a race with a concurrent insert of the same key.
  const raced = await q.query<Row>('SELECT id, body_sha256 FROM captures WHERE capture_key = $1', [input.captureKey]);
  return { id: toId(raced.rows[0]!.id), created: false, bodySha256: (raced.rows[0]!.body_sha256 as string | null) ?? null };
}

/** A capture with its raw body bytes (omit them with `withBody: false`). */
export async function getCapture(
  q: Queryable,
  id: number,
  options: { withBody?: boolean } = {},
): Promise<CaptureWithBody | null> {
  const withBody = options.withBody ?? true;
  const { rows } = await q.query<Row>(
    `SELECT ${CAPTURE_COLUMNS}${withBody ? ', b.bytes' : ''}
     FROM captures c LEFT JOIN bodies b ON b.sha256 = c.body_sha256 WHERE c.id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) return null;
  return { ...captureFromRow(row), body: withBody && row.bytes ? toBytes(row.bytes) : null };
}

/**
 * The newest capture requested from, or landing at, `url` with one of `outcomes` (default
 * only 'ok'): where a refetch takes its ETag / Last-Modified for a conditional GET.
 */
export async function latestCaptureForUrl(
  q: Queryable,
  url: string,
  options: { outcomes?: CaptureOutcome[] } = {},
): Promise<Capture | null> {
  const { rows } = await q.query<Row>(
    `SELECT ${CAPTURE_COLUMNS}
     FROM captures c LEFT JOIN bodies b ON b.sha256 = c.body_sha256
     WHERE (c.requested_url = $1 OR c.final_url = $1) AND c.outcome = ANY($2::text[])
     ORDER BY c.fetched_at DESC, c.id DESC LIMIT 1`,
    [url, options.outcomes ?? ['ok']],
  );
  return rows[0] ? captureFromRow(rows[0]) : null;
}

/**
 * Captures in id order, for exports (WARC) and reprocessing: pass the last id seen as
 * `afterId` to page through. Bodies are not included; fetch them with getCapture or getBody.
 */
export async function listCaptures(
  q: Queryable,
  options: { afterId?: number; since?: Date | string; limit?: number } = {},
): Promise<Capture[]> {
  const { rows } = await q.query<Row>(
    `SELECT ${CAPTURE_COLUMNS}
     FROM captures c LEFT JOIN bodies b ON b.sha256 = c.body_sha256
     WHERE c.id > $1 AND ($2::timestamptz IS NULL OR c.fetched_at >= $2::timestamptz)
     ORDER BY c.id LIMIT $3`,
    [options.afterId ?? 0, timeParam(options.since), options.limit ?? 100],
  );
  return rows.map(captureFromRow);
}
