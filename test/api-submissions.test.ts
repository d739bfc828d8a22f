/**
 * The HTTP API on the real Postgres and Redis, listening on 127.0.0.1, with the BullMQ workers
 * running in this process: auth, validation messages, a URL submitted through the API that
 * reaches `processed` and is read back through GET /v1/articles, and the operator endpoints.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApi } from '@vellum/api';
import { createFetcher, type Fetcher } from '@vellum/fetcher';
import { createQueues, redisConnectionOptions } from '@vellum/queue';
import { startWorkers, type WorkersHandle } from '@vellum/worker';
import { queueEnv, startArticleServer, waitFor, REDIS_URL, type QueueEnv } from './queue-harness.ts';

const TOKEN = 'test-token-0123456789abcdef';
const auth = { authorization: `Bearer ${TOKEN}` };

describe('HTTP API', () => {
  let q: QueueEnv;
  let server: Awaited<ReturnType<typeof startArticleServer>>;
  let app: FastifyInstance;
  let base: string;
  let fetcher: Fetcher;
  let workers: WorkersHandle | undefined;

  const call = async (path: string, init: RequestInit = {}): Promise<{ status: number; body: any; headers: Headers }> => {
    const res = await fetch(`${base}${path}`, init);
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON (metrics, dashboard HTML)
    }
    return { status: res.status, body, headers: res.headers };
  };
  const post = (body: unknown, headers: Record<string, string> = auth) =>
    call('/v1/submissions', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  beforeAll(async () => {
    q = await queueEnv('api');
    server = await startArticleServer({ count: 3 });
    app = await buildApi({ db: q.db, queues: q.queues, token: TOKEN, batchLimit: 3, logger: pino({ level: 'silent' }) });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    fetcher = createFetcher({ allowCidrs: ['127.0.0.1/32'], perHostDelayMs: 0 });
  });

  afterAll(async () => {
    await workers?.close();
    await fetcher?.close();
    await app?.close();
    await server?.close();
    await q?.cleanup();
  });

  it('requires the bearer token on /v1 and says how to send it', async () => {
    const none = await post({ url: server.urls[0] }, {});
    expect(none.status).toBe(401);
    expect(none.body.message).toMatch(/Authorization: Bearer/);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const wrong = await post({ url: server.urls[0] }, { authorization: 'Bearer not-the-token-at-all' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.message).toMatch(/invalid token/);
    expect((await call('/v1/articles?url=http://x.test/', { headers: { authorization: 'Basic dTpwYXNz' } })).status).toBe(401);
    expect((await call('/v1/submissions/1')).status).toBe(401);
  });

  it('rejects bad bodies with messages that name the field', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{}, /give either "url" \(one URL\) or "urls"/],
      [{ url: server.urls[0], urls: [server.urls[1]] }, /not both/],
      [{ urls: [] }, /body\.urls must NOT have fewer than 1 items/],
      [{ urls: ['http://a.test/1', 'http://a.test/2', 'http://a.test/3', 'http://a.test/4'] }, /body\.urls must NOT have more than 3 items/],
      [{ url: 42 }, /body\.url must be string/],
      [{ urls: 'http://a.test/' }, /body\.urls must be array/],
      [{ url: 'http://a.test/', priority: 0 }, /body\.priority must be >= 1/],
      [{ url: 'http://a.test/', refetch: 'yes' }, /body\.refetch must be boolean/],
      [{ url: 'http://a.test/', colour: 'blue' }, /body\.colour is not a known field/],
      [{ urls: ['http://a.test/ok', 'ftp://a.test/file', 'not a url'] }, /2 URL\(s\) were refused; nothing was submitted: body\.urls\[1\]: .*body\.urls\[2\]: /],
    ];
    for (const [body, message] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toBe('Bad Request');
      expect(res.body.message, JSON.stringify(body)).toMatch(message);
    }
    const notJson = await call('/v1/submissions', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"url":' });
    expect(notJson.status).toBe(400);
    const badId = await call('/v1/submissions/abc', { headers: auth });
    expect(badId.status).toBe(400);
    expect(badId.body.message).toMatch(/params\.id must match pattern/);
    // Without ?url= the route browses (issue 13); a bad filter is refused before any query.
    const badCursor = await call('/v1/articles?cursor=bad', { headers: auth });
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.message).toMatch(/querystring\.cursor/);
    // Nothing above reached the database.
    expect(Number((await q.db.query<{ n: string }>('SELECT count(*) AS n FROM submissions')).rows[0]!.n)).toBe(0);
  });

  it('takes a URL to processed and serves its article', async () => {
    const url = server.urls[0]!;
    const submitted = await post({ url, priority: 3, submittedBy: 'alice' });
    expect(submitted.status).toBe(202);
    const [result] = submitted.body.submissions;
    expect(result).toMatchObject({ url, outcome: 'queued', status: 'queued' });
    // Submitting it again while it waits does not enqueue it twice.
    const again = await post({ urls: [url] });
    expect(again.body.submissions[0]).toMatchObject({ outcome: 'in-flight', id: result.id });
    expect((await q.queues.counts()).fetch.prioritized).toBe(1);

    workers = startWorkers({
      role: 'all',
      connection: redisConnectionOptions(REDIS_URL, { role: 'worker' }),
      prefix: q.prefix,
      db: q.db,
      fetcher,
      logger: pino({ level: 'silent' }),
    });
    const done = await waitFor(
      'the submission processed',
      async () => {
        const res = await call(`/v1/submissions/${result.id}`, { headers: auth });
        return ['processed', 'failed'].includes(res.body.submission.status) ? res.body : undefined;
      },
      30_000,
    );
    expect(done.submission).toMatchObject({ status: 'processed', submittedBy: 'alice', source: 'api', priority: 3, attempts: 1 });
    expect(done.events.map((e: { action: string }) => e.action)).toEqual(['submitted', 'fetching', 'fetched', 'processed']);

    const list = await call(`/v1/articles?url=${encodeURIComponent(url)}`, { headers: auth });
    expect(list.status).toBe(200);
    expect(list.body.articles).toHaveLength(1);
    const article = list.body.articles[0];
    expect(article).toMatchObject({ id: done.submission.articleId, submissionId: result.id, url, title: 'Report number 0' });
    expect(article.text).toMatch(/^Story 0, part 1: [\s\S]*\n\nStory 0, part 6: /);
    expect(article.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(article.versions.pipeline).toEqual(expect.any(String));

    const one = await call(`/v1/articles/${article.id}`, { headers: auth });
    expect(one.body.article).toEqual(article);
    expect((await call('/v1/articles/999999', { headers: auth })).body).toMatchObject({ statusCode: 404, message: 'article 999999 does not exist' });
    expect((await call('/v1/submissions/999999', { headers: auth })).status).toBe(404);
    expect((await call(`/v1/articles?url=${encodeURIComponent(server.url('/nothing'))}`, { headers: auth })).body).toEqual({ articles: [], nextCursor: null });

    // Archived now: not fetched again unless asked.
    expect((await post({ url })).body.submissions[0]).toMatchObject({ outcome: 'archived', id: result.id, articleId: article.id });
    const refetch = await post({ url, refetch: true });
    expect(refetch.body.submissions[0]).toMatchObject({ outcome: 'queued' });
    expect(refetch.body.submissions[0].id).not.toBe(result.id);
  });

  it('reports job metrics per queue', async () => {
    const metrics = await waitFor(
      'completed jobs counted',
      async () => {
        const res = await call('/metrics');
        return /vellum_jobs_completed_total\{queue="process"\} [1-9]/.test(res.body) ? (res.body as string) : undefined;
      },
      15_000,
    );
    expect(metrics).toMatch(/vellum_jobs_completed_total\{queue="fetch"\} [1-9]/);
    expect(metrics).toMatch(/vellum_jobs_failed_total\{queue="fetch"\} 0/);
    expect(metrics).toMatch(/vellum_job_duration_seconds_count\{queue="process"\} [1-9]/);
    expect(metrics).toMatch(/vellum_queue_jobs\{queue="fetch",state="completed"\} [1-9]/);
    expect(metrics).toMatch(/vellum_submissions\{status="processed"\} 1/);
  });

  it('serves health, the OpenAPI document and the dashboard behind the token', async () => {
    expect(await call('/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await call('/readyz')).toMatchObject({ status: 200, body: { status: 'ok', db: 'ok', redis: 'ok' } });
    const doc = (await call('/openapi.json')).body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz', '/v1/articles', '/v1/articles/{id}', '/v1/submissions', '/v1/submissions/{id}', '/metrics']));
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });

    const board = await call('/admin/queues');
    expect(board.status).toBe(401);
    expect(board.headers.get('www-authenticate')).toMatch(/^Basic/);
    const page = await call('/admin/queues', { headers: auth });
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<html/i);
    const basic = `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}`;
    const queuesApi = await call('/admin/queues/api/queues', { headers: { authorization: basic } });
    expect(queuesApi.status).toBe(200);
    expect(queuesApi.body.queues.map((x: { name: string }) => x.name).sort()).toEqual(['fetch', 'process']);
  });

  it('reports Redis down on /readyz as 503 (/healthz, liveness, stays 200)', async () => {
    const deadQueues = createQueues({
      connection: { ...redisConnectionOptions('redis://127.0.0.1:1'), retryStrategy: () => 100 },
      prefix: q.prefix,
      enqueueTimeoutMs: 500,
    });
    const degraded = await buildApi({ db: q.db, queues: deadQueues, token: TOKEN, healthTimeoutMs: 300, jobEvents: false });
    try {
      expect((await degraded.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      const res = await degraded.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'degraded', db: 'ok', redis: expect.stringMatching(/^error: /) });
      // A submission is recorded but cannot be enqueued: 503, saying what to do.
      const url = server.url('/a/2');
      const refused = await degraded.inject({ method: 'POST', url: '/v1/submissions', headers: auth, payload: { url } });
      expect(refused.statusCode).toBe(503);
      expect(refused.json().message).toMatch(/1 submission\(s\) were recorded but could not be enqueued .*submit the same URLs again/);
      // Once Redis is back (the main app), submitting again enqueues the queued submission.
      const again = await post({ url });
      expect(again.body.submissions[0]).toMatchObject({ outcome: 'in-flight', status: 'queued' });
      expect(await q.queues.fetch.getJob(`fetch-${again.body.submissions[0].id}`)).toBeDefined();
    } finally {
      await degraded.close();
      await deadQueues.close();
    }
  });
});
