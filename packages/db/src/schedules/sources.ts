/** The schedule_sources table: conditional-GET validators per (schedule, document URL). */
import type { Queryable } from '../database.ts';
import { toDate, type Row } from '../sql-values.ts';

export interface SourceState {
  url: string;
  kind: string | null;
  etag: string | null;
  lastModified: string | null;
  bodySha256: string | null;
  /** What the document pointed to last time it was parsed (child sitemaps, feeds, sitemaps). */
  links: string[];
  fetchedAt: Date;
  checkedAt: Date;
}

export async function getScheduleSourceState(q: Queryable, scheduleId: number, url: string): Promise<SourceState | null> {
  const { rows } = await q.query<Row>('SELECT * FROM schedule_sources WHERE schedule_id = $1 AND url = $2', [scheduleId, url]);
  const row = rows[0];
  if (!row) return null;
  return {
    url: row.url as string,
    kind: (row.kind as string | null) ?? null,
    etag: (row.etag as string | null) ?? null,
    lastModified: (row.last_modified as string | null) ?? null,
    bodySha256: (row.body_sha256 as string | null) ?? null,
    links: (row.links as string[]) ?? [],
    fetchedAt: toDate(row.fetched_at),
    checkedAt: toDate(row.checked_at),
  };
}

/** Records a full fetch of a document whose entries were all handled. */
export async function saveScheduleSourceState(
  q: Queryable,
  scheduleId: number,
  state: { url: string; kind: string; etag: string | null; lastModified: string | null; bodySha256: string | null; links: string[]; fetchedAt: string },
): Promise<void> {
  await q.query(
    `INSERT INTO schedule_sources (schedule_id, url, kind, etag, last_modified, body_sha256, links, fetched_at, checked_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, now())
     ON CONFLICT (schedule_id, url) DO UPDATE SET kind = $3, etag = $4, last_modified = $5, body_sha256 = $6,
       links = $7::jsonb, fetched_at = $8, checked_at = now()`,
    [scheduleId, state.url, state.kind, state.etag, state.lastModified, state.bodySha256, JSON.stringify(state.links), state.fetchedAt],
  );
}

/** Records that a document was revalidated (304 or same bytes) without changing what it said. */
export async function touchScheduleSourceState(q: Queryable, scheduleId: number, url: string): Promise<void> {
  await q.query('UPDATE schedule_sources SET checked_at = now() WHERE schedule_id = $1 AND url = $2', [scheduleId, url]);
}
