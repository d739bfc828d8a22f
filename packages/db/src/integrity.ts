/**
 * Reads for the integrity sweep (`vellum verify --integrity`): every stored body and every
 * article's hashes, page by page in key order (keyset pagination), so that an archive of any
 * size is checked in bounded memory. The checks themselves (hashing) run in the caller, outside
 * the database: bit rot or a hand edit must be caught by something other than the code that wrote it.
 */
import type { Queryable } from './database.ts';
import { toBytes, toId, toIdOrNull, type Row } from './sql-values.ts';

export interface IntegrityCounts {
  bodies: number;
  articles: number;
}

export async function countIntegrityRows(q: Queryable): Promise<IntegrityCounts> {
  const { rows } = await q.query<Row>('SELECT (SELECT count(*) FROM bodies) AS bodies, (SELECT count(*) FROM articles) AS articles');
  return { bodies: Number(rows[0]!.bodies), articles: Number(rows[0]!.articles) };
}

export interface BodyKey {
  sha256: string;
  size: number;
}

/** Keys and sizes of the bodies after `afterSha256` (exclusive), in key order. */
export async function listBodyKeys(q: Queryable, page: { afterSha256?: string; limit: number }): Promise<BodyKey[]> {
  const { rows } = await q.query<Row>('SELECT sha256, size FROM bodies WHERE sha256 > $1 ORDER BY sha256 LIMIT $2', [
    page.afterSha256 ?? '',
    page.limit,
  ]);
  return rows.map((r) => ({ sha256: r.sha256 as string, size: Number(r.size) }));
}

/** The bytes of the bodies whose keys lie in [first, last], in key order (a run of keys listBodyKeys gave). */
export async function getBodiesInRange(q: Queryable, first: string, last: string): Promise<Array<{ sha256: string; bytes: Uint8Array }>> {
  const { rows } = await q.query<Row>('SELECT sha256, bytes FROM bodies WHERE sha256 >= $1 AND sha256 <= $2 ORDER BY sha256', [first, last]);
  return rows.map((r) => ({ sha256: r.sha256 as string, bytes: toBytes(r.bytes) }));
}

export interface ArticleHashRecord {
  id: number;
  captureId: number;
  text: string;
  contentHash: string;
  rawSha256: string;
  /** The capture's body key; null when the capture has no stored body. */
  captureBodySha256: string | null;
  captureOrigin: string;
  /** False when the capture's body row is missing (a foreign key forbids it; only damage could). */
  bodyPresent: boolean;
  submissionId: number | null;
}

/** Articles after `afterId` (exclusive) in id order, with what their hashes are checked against. */
export async function listArticleHashRecords(q: Queryable, page: { afterId?: number; limit: number }): Promise<ArticleHashRecord[]> {
  const { rows } = await q.query<Row>(
    `SELECT a.id, a.capture_id, a.text, a.content_hash, a.raw_sha256, a.submission_id,
            c.body_sha256, c.origin, (b.sha256 IS NOT NULL) AS body_present
       FROM articles a
       JOIN captures c ON c.id = a.capture_id
       LEFT JOIN bodies b ON b.sha256 = c.body_sha256
      WHERE a.id > $1
      ORDER BY a.id
      LIMIT $2`,
    [page.afterId ?? 0, page.limit],
  );
  return rows.map((r) => ({
    id: toId(r.id),
    captureId: toId(r.capture_id),
    text: r.text as string,
    contentHash: r.content_hash as string,
    rawSha256: r.raw_sha256 as string,
    captureBodySha256: (r.body_sha256 as string | null) ?? null,
    captureOrigin: r.origin as string,
    bodyPresent: r.body_present === true,
    submissionId: toIdOrNull(r.submission_id),
  }));
}
