/**
 * What the chaos run checks at the end, from Postgres (the record) and Redis (the work left):
 * submissions per status, lost submissions (never final, or never recorded), rows stored twice
 * per table, stuck jobs, and failed ones with their reasons.
 */
import type { Database } from '@vellum/db';
import type { VellumQueues } from '@vellum/queue';
import { statusCounts } from '../../queue-harness.ts';

export { statusCounts };

export const FINAL_STATUSES = ['processed', 'failed', 'unchanged'] as const;

export function finalCount(counts: Record<string, number>): number {
  return FINAL_STATUSES.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
}

/**
 * Rows that would betray an effect stored twice, per table: each query counts the keys that
 * occur more than once where the design allows one.
 */
const DUPLICATE_QUERIES: Record<string, string> = {
  'submissions (per URL)': 'SELECT normalized_url FROM submissions GROUP BY 1 HAVING count(*) > 1',
  'captures (ok, per submission)': "SELECT submission_id FROM captures WHERE outcome = 'ok' GROUP BY 1 HAVING count(*) > 1",
  'articles (per submission)': 'SELECT submission_id FROM articles WHERE submission_id IS NOT NULL GROUP BY 1 HAVING count(*) > 1',
  'articles (per capture and pipeline)': 'SELECT capture_id, pipeline_version FROM articles GROUP BY 1, 2 HAVING count(*) > 1',
  'articles (per content hash)': 'SELECT content_hash FROM articles GROUP BY 1 HAVING count(*) > 1',
  'events (article stored)': "SELECT entity_id FROM events WHERE entity = 'article' AND action = 'stored' GROUP BY 1 HAVING count(*) > 1",
  'events (capture captured)': "SELECT entity_id FROM events WHERE entity = 'capture' AND action = 'captured' GROUP BY 1 HAVING count(*) > 1",
  'events (submission processed)': "SELECT entity_id FROM events WHERE entity = 'submission' AND action = 'processed' GROUP BY 1 HAVING count(*) > 1",
};

export async function duplicateRows(db: Database): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, sql] of Object.entries(DUPLICATE_QUERIES)) {
    out[name] = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM (${sql}) d`)).rows[0]!.n);
  }
  return out;
}

/** Submitted URLs without a final submission: never recorded, or recorded and never finished. */
export async function lostSubmissions(db: Database, urls: readonly string[]): Promise<{ count: number; sample: string[] }> {
  const { rows } = await db.query<{ url: string; status: string }>('SELECT url, status FROM submissions');
  const final = new Set(rows.filter((r) => (FINAL_STATUSES as readonly string[]).includes(r.status)).map((r) => r.url));
  const lost = urls.filter((u) => !final.has(u));
  return { count: lost.length, sample: lost.slice(0, 10) };
}

export async function failureReasons(db: Database): Promise<Record<string, number>> {
  const { rows } = await db.query<{ reason: string; n: string }>(
    "SELECT coalesce(status_reason, '(none)') AS reason, count(*) AS n FROM submissions WHERE status = 'failed' GROUP BY 1 ORDER BY 2 DESC LIMIT 20",
  );
  return Object.fromEntries(rows.map((r) => [r.reason, Number(r.n)]));
}

export interface JobFigures {
  /** Jobs neither completed nor failed: waiting, prioritized, delayed, active, paused. */
  stuck: number;
  failed: number;
  byQueue: Record<string, Record<string, number>>;
}

export async function jobFigures(queues: VellumQueues): Promise<JobFigures> {
  const counts = await queues.counts();
  let stuck = 0;
  let failed = 0;
  for (const c of Object.values(counts)) {
    stuck += c.waiting + c.prioritized + c.delayed + c.active + c.paused;
    failed += c.failed;
  }
  return { stuck, failed, byQueue: counts };
}
