/**
 * Issue 16 item 4, the short variant of `npm run bench:api`: 200 distinct URLs, each submitted
 * twice, all 400 requests at once over their own connections, against the API listening on
 * 127.0.0.1 (real Postgres and Redis, own schema and prefix). Afterwards: one submission per
 * URL, one fetch job per submission, both answers for a URL name the same submission. Latency
 * is the benchmark's business, not asserted here.
 *
 * The API gets a small connection pool with a short wait (2 connections, 2 s), so that requests
 * queueing for the pool instead of in the API's own submission slots would time out with 500s
 * (what `bench:api` found with 1,000 requests and the default pool).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '@vellum/api';
import { createApiToken, openDatabase, type Database } from '@vellum/db';
import { queueEnv, POSTGRES_URL, type QueueEnv } from './queue-harness.ts';
import { accountFor, submitConcurrently } from './support/api-load.ts';

const N = 200;

describe('API load: concurrent submissions, nothing lost, nothing twice', () => {
  let q: QueueEnv;
  let app: FastifyInstance;
  let base: string;
  let token: string;
  let small: Database;

  beforeAll(async () => {
    q = await queueEnv('apiload');
    small = await openDatabase({ connectionString: POSTGRES_URL, schema: q.schema, maxConnections: 2, connectTimeoutMs: 2000 });
    app = await buildApi({ db: small, queues: q.queues, jobEvents: false, submitConcurrency: 1, rateLimit: { max: 10 * N } });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    token = (await createApiToken(q.db, 'load')).secret;
  });

  afterAll(async () => {
    await app?.close();
    await small?.close();
    await q?.cleanup();
  });

  it(`records and enqueues each of ${N} URLs exactly once when each is sent twice at the same time`, async () => {
    const urls = Array.from({ length: N }, (_, i) => `https://load-${i % 7}.example.com/story/${i}?q=${i}`);
    // Interleaved so that both requests for a URL are in flight together.
    const sent = urls.flatMap((u) => [u, u]);
    const result = await submitConcurrently({ baseUrl: base, token, urls: sent });
    expect(result.errors).toEqual([]);
    expect(result.statuses).toEqual({ 202: 2 * N });
    for (const url of urls) {
      const ids = result.ids.get(url)!;
      expect(ids, url).toHaveLength(2);
      expect(ids[0], url).toBe(ids[1]);
    }
    expect(await accountFor(q.db, q.queues, urls)).toEqual({ sent: N, missingRows: 0, duplicateRows: 0, missingJobs: 0, extraJobs: 0 });
    const { rows } = await q.db.query<{ submitted_by: string; n: string }>('SELECT submitted_by, count(*) AS n FROM submissions GROUP BY 1');
    expect(rows).toEqual([{ submitted_by: 'load', n: String(N) }]);
  });
});
