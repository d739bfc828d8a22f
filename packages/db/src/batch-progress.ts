/**
 * Progress of a batch of submissions, for `vellum status --watch` and `submit --wait`. A
 * batch is every submission from a starting id on (ids only grow), so the figures cover what
 * was submitted since, whoever submitted it.
 */
import type { Queryable } from './database.ts';

export interface BatchProgress {
  /** Submitted, not yet picked up. */
  queued: number;
  /** Being fetched or processed (statuses fetching, fetched). */
  active: number;
  /** Finished with an article: processed, or unchanged since the last capture. */
  done: number;
  failed: number;
  total: number;
}

/** The id a batch watched from now should start at: the oldest unfinished submission, or the next one. */
export async function batchStartId(q: Queryable): Promise<number> {
  const { rows } = await q.query<{ first: string | number | null; next: string | number | null }>(
    `SELECT (SELECT min(id) FROM submissions WHERE status IN ('queued', 'fetching', 'fetched')) AS first,
            (SELECT coalesce(max(id), 0) + 1 FROM submissions) AS next`,
  );
  const row = rows[0]!;
  return Number(row.first ?? row.next ?? 1);
}

/** Progress of the submissions from `fromId` on, or of the given `ids`. */
export async function batchProgress(q: Queryable, batch: { fromId: number } | { ids: readonly number[] }): Promise<BatchProgress> {
  const { rows } =
    'ids' in batch
      ? await q.query<{ status: string; n: string | number }>(
          'SELECT status, count(*) AS n FROM submissions WHERE id = ANY($1::bigint[]) GROUP BY status',
          [batch.ids],
        )
      : await q.query<{ status: string; n: string | number }>(
          'SELECT status, count(*) AS n FROM submissions WHERE id >= $1 GROUP BY status',
          [batch.fromId],
        );
  const p: BatchProgress = { queued: 0, active: 0, done: 0, failed: 0, total: 0 };
  for (const { status, n } of rows) {
    const count = Number(n);
    if (status === 'queued') p.queued += count;
    else if (status === 'fetching' || status === 'fetched') p.active += count;
    else if (status === 'processed' || status === 'unchanged') p.done += count;
    else if (status === 'failed') p.failed += count;
    p.total += count;
  }
  return p;
}
