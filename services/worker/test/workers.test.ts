/**
 * startWorkers on the real Redis and Postgres, in this process: permanent failures fail at
 * once, transient ones retry with backoff and are recorded, a final failure is recorded with
 * its reason, and a job run twice leaves no second row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { getSubmission, listEvents } from '@vellum/db';
import { createFetcher, type Fetcher } from '@vellum/fetcher';
import { redisConnectionOptions } from '@vellum/queue';
import { submitUrls } from '@vellum/ingest';
import { startWorkers, type WorkersHandle } from '../src/index.ts';
import { queueEnv, startArticleServer, waitFor, REDIS_URL, type QueueEnv } from '../../../test/queue-harness.ts';

const FINAL = new Set(['processed', 'failed', 'unchanged']);

describe('startWorkers', () => {
  let q: QueueEnv;
  let server: Awaited<ReturnType<typeof startArticleServer>>;
  let fetcher: Fetcher;
  let workers: WorkersHandle;
  let flakyCalls = 0;

  beforeAll(async () => {
    q = await queueEnv('workers');
    server = await startArticleServer({
      count: 2,
      routes: {
        '/gone': (_req, res) => void res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>'),
        '/down': (_req, res) => void res.writeHead(503, { 'content-type': 'text/html' }).end('<h1>Busy</h1>'),
        '/flaky': (_req, res) => {
          flakyCalls += 1;
          if (flakyCalls === 1) res.writeHead(503, { 'content-type': 'text/html' }).end('<h1>Busy</h1>');
          else res.writeHead(200, { 'content-type': 'text/html' }).end(articleOf(7));
        },
        '/menu': (_req, res) =>
          void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><ul><li><a href="/a">A</a></li><li><a href="/b">B</a></li></ul></body></html>'),
      },
    });
    fetcher = createFetcher({ allowCidrs: ['127.0.0.1/32'], perHostDelayMs: 0, perHostConcurrency: 8 });
    workers = startWorkers({
      connection: redisConnectionOptions(REDIS_URL, { role: 'worker' }),
      prefix: q.prefix,
      db: q.db,
      fetcher,
      logger: pino({ level: 'silent' }),
      actor: 'worker:test',
    });
  });

  afterAll(async () => {
    await workers?.close();
    await fetcher?.close();
    await server?.close();
    await q?.cleanup();
  });

  const submitOne = async (path: string) => {
    const [r] = await submitUrls({
      db: q.db,
      queues: q.queues,
      urls: [server.url(path)],
      submittedBy: 'test',
      source: 'test',
      jobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 50 } },
    });
    return r!.submissionId!;
  };
  const settled = (id: number) =>
    waitFor(`submission ${id} finished`, async () => {
      const s = await getSubmission(q.db, id);
      return s && FINAL.has(s.status) ? s : undefined;
    }, 30_000, 100);

  it('fails a 404 at once, with the reason, without retrying', async () => {
    const id = await submitOne('/gone');
    const s = await settled(id);
    expect(s.status).toBe('failed');
    expect(s.statusReason).toMatch(/^http-4xx: .*404/);
    expect(s.attempts).toBe(1);
    const job = await q.queues.fetch.getJob(`fetch-${id}`);
    expect(job?.attemptsMade).toBe(1);
    expect(await job?.getState()).toBe('failed');
    expect((await listEvents(q.db, 'submission', id)).map((e) => e.action)).toEqual(['submitted', 'fetching', 'failed']);
  });

  it('retries a 503 with backoff, records each retry, then fails with the last reason', async () => {
    const id = await submitOne('/down');
    const s = await settled(id);
    expect(s.status).toBe('failed');
    expect(s.statusReason).toMatch(/^http-5xx: .*503/);
    expect(s.attempts).toBe(3);
    const events = await listEvents(q.db, 'submission', id);
    expect(events.map((e) => e.action)).toEqual([
      'submitted', 'fetching', 'retry-scheduled', 'fetching', 'retry-scheduled', 'fetching', 'failed',
    ]);
    expect(events[2]!.details).toMatchObject({ queue: 'fetch', attempt: 1, of: 3, reason: expect.stringMatching(/^http-5xx/) });
    expect(server.hits.get('/down')).toBe(3);
  });

  it('recovers from a transient failure on the next attempt', async () => {
    const id = await submitOne('/flaky');
    const s = await settled(id);
    expect(s.status).toBe('processed');
    expect(s.attempts).toBe(2);
  });

  it('fails a page with no article in the process step, permanently', async () => {
    const id = await submitOne('/menu');
    const s = await settled(id);
    expect(s.status).toBe('failed');
    expect(s.statusReason).toMatch(/^not-an-article: /);
    const job = await q.queues.process.getJob(`process-${id}`);
    expect(job?.attemptsMade).toBe(1);
    expect(await job?.getState()).toBe('failed');
  });

  it('stores nothing twice when both jobs of a submission run again', async () => {
    const id = await submitOne('/a/0');
    const s = await settled(id);
    expect(s.status).toBe('processed');
    const rows = async () =>
      (await q.db.query<{ a: string; c: string; b: string }>(
        'SELECT (SELECT count(*) FROM articles) AS a, (SELECT count(*) FROM captures) AS c, (SELECT count(*) FROM bodies) AS b',
      )).rows[0];
    const before = await rows();

    // As after a crash between the write and the ack: the same jobs run once more.
    for (const queue of [q.queues.fetch, q.queues.process]) {
      const old = await queue.getJob(queue === q.queues.fetch ? `fetch-${id}` : `process-${id}`);
      await old!.remove();
    }
    const rerunFetch = await q.queues.enqueueFetch({ submissionId: String(id) });
    const rerunProcess = await q.queues.enqueueProcess({ captureId: String(s.captureId), submissionId: String(id) });
    await waitFor('both reruns completed', async () => {
      const states = await Promise.all([rerunFetch.getState(), rerunProcess.getState()]);
      return states.every((st) => st === 'completed') ? states : undefined;
    }, 20_000, 100);
    expect((await q.queues.process.getJob(`process-${id}`))?.returnvalue).toMatchObject({ created: false, articleId: String(s.articleId) });
    expect(await rows()).toEqual(before);
    expect(server.hits.get('/a/0')).toBe(1); // the fetch step saw it was done and fetched nothing
  });
});

function articleOf(n: number): string {
  return `<html><head><title>Flaky ${n}</title></head><body><article><h1>Flaky ${n}</h1>${Array.from(
    { length: 6 },
    (_, i) => `<p>Paragraph ${i} of the flaky page number ${n}: the server was busy the first time it was asked, and answered the second time with the whole story.</p>`,
  ).join('')}</article></body></html>`;
}
