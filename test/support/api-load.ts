/**
 * Concurrent submissions against a running API, and the count of what came of them: the load
 * of `npm run bench:api` and of test/api-load.test.ts. Every request is sent at once (one URL
 * each, up to `concurrency` in flight); then Postgres and Redis are read back: one submission
 * per URL, one fetch job per submission, nothing missing, nothing twice.
 */
import { Agent } from 'undici';
import type { Database } from '@vellum/db';
import { fetchJobId, type VellumQueues } from '@vellum/queue';

export interface LoadOptions {
  baseUrl: string;
  token: string;
  urls: readonly string[];
  /** Requests in flight at once. Default: all of them. */
  concurrency?: number;
}

export interface LoadResult {
  /** Per request, in ms, in the order they finished. */
  latenciesMs: number[];
  /** How many requests got each status (0: no answer, the error is in `errors`). */
  statuses: Record<number, number>;
  errors: string[];
  wallMs: number;
  /** The submission ids each URL's 202 answers named (one per request sent for it). */
  ids: Map<string, number[]>;
}

export async function submitConcurrently(options: LoadOptions): Promise<LoadResult> {
  const concurrency = options.concurrency ?? options.urls.length;
  // One connection per request in flight, so requests really are concurrent at the server.
  const dispatcher = new Agent({ connections: concurrency, pipelining: 1, keepAliveTimeout: 10_000 });
  const latenciesMs: number[] = [];
  const statuses: Record<number, number> = {};
  const errors: string[] = [];
  const ids = new Map<string, number[]>();
  let next = 0;
  const started = performance.now();
  const one = async (url: string): Promise<void> => {
    const t0 = performance.now();
    try {
      const res = await fetch(`${options.baseUrl}/v1/submissions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ url }),
        dispatcher,
      } as RequestInit);
      const body = (await res.json()) as { submissions?: Array<{ id: number }>; message?: string };
      latenciesMs.push(performance.now() - t0);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status === 202) ids.set(url, [...(ids.get(url) ?? []), body.submissions![0]!.id]);
      else errors.push(`${url}: ${res.status} ${body.message ?? ''}`);
    } catch (error) {
      statuses[0] = (statuses[0] ?? 0) + 1;
      errors.push(`${url}: ${(error as Error).message}`);
    }
  };
  const lane = async (): Promise<void> => {
    while (next < options.urls.length) await one(options.urls[next++]!);
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, options.urls.length) }, lane));
  } finally {
    await dispatcher.close();
  }
  return { latenciesMs, statuses, errors, wallMs: performance.now() - started, ids };
}

export interface LoadAccount {
  /** URLs sent. */
  sent: number;
  /** URLs with no submission row in Postgres. */
  missingRows: number;
  /** URLs with more than one submission row. */
  duplicateRows: number;
  /** Submissions with no fetch job in Redis. */
  missingJobs: number;
  /** Fetch jobs in Redis beyond one per submission. */
  extraJobs: number;
}

/** Postgres and Redis read back for the URLs sent (nothing else may be in the schema or prefix). */
export async function accountFor(db: Database, queues: VellumQueues, urls: readonly string[]): Promise<LoadAccount> {
  const { rows } = await db.query<{ url: string; id: string }>('SELECT url, id FROM submissions');
  const byUrl = new Map<string, string[]>();
  for (const r of rows) byUrl.set(r.url, [...(byUrl.get(r.url) ?? []), String(r.id)]);
  let missingRows = 0;
  let duplicateRows = 0;
  for (const url of urls) {
    const n = byUrl.get(url)?.length ?? 0;
    if (n === 0) missingRows++;
    if (n > 1) duplicateRows += n - 1;
  }
  // Each submission's job is found by its id (fetch-<submissionId>); the queue's total count
  // shows any job beyond those.
  const jobs = await Promise.all(rows.map((r) => queues.fetch.getJob(fetchJobId(String(r.id)))));
  const missingJobs = jobs.filter((j) => !j).length;
  const counts = await queues.fetch.getJobCounts();
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return { sent: urls.length, missingRows, duplicateRows, missingJobs, extraJobs: total - (rows.length - missingJobs) };
}
