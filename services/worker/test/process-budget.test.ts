/**
 * The process step's time budget (issue 19 item 3), on the real Postgres and Redis: a page the
 * pipeline would chew on for many seconds fails permanently with `process-timeout`, recorded on
 * its submission, and the same runner (inline, `vellum ingest`) or worker (queue) goes on to
 * store the next page. The slow page is nested within the depth bounds (510 deep, thousands of
 * paragraphs at the bottom: Readability reads the text under each of the 510 ancestors again).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { getSubmission } from '@vellum/db';
import { createFetcher, type Fetcher } from '@vellum/fetcher';
import { redisConnectionOptions } from '@vellum/queue';
import { createPipelineRunner, ingestOne, submitUrls, type PipelineRunner } from '@vellum/ingest';
import { startWorkers, type WorkersHandle } from '../src/index.ts';
import { articlePage, queueEnv, startArticleServer, waitFor, REDIS_URL, type QueueEnv } from '../../../test/queue-harness.ts';

/**
 * ~9 s of CPU on the project machine when idle (processPage, with the faster Readability checks
 * of issue 12: the 1,500 shorter paragraphs this page had took 15 s before them, 2 s after),
 * over twice the budget, and well inside MAX_DEPTH_SUM (2,000 x 2 elements at depth ~512): the
 * cost grows with the text under the deep ancestors (6 MB here), the depth sum only with the
 * elements.
 */
function slowPage(): string {
  const paragraphs = `<div><p>${'A paragraph of words, one of many at the bottom of a deep page. '.repeat(48)}</p></div>`.repeat(2000);
  return `<html><head><title>Slow</title></head><body>${'<div>'.repeat(510)}${paragraphs}${'</div>'.repeat(510)}</body></html>`;
}

const BUDGET_MS = 4000;
const FINAL = new Set(['processed', 'failed', 'unchanged']);

describe('the process step time budget', () => {
  let q: QueueEnv;

  beforeAll(async () => {
    q = await queueEnv('budget');
  });
  afterAll(async () => {
    await q?.cleanup();
  });

  describe('inline (vellum ingest)', () => {
    let runner: PipelineRunner;
    beforeAll(() => {
      runner = createPipelineRunner({ timeoutMs: BUDGET_MS });
    });
    afterAll(async () => {
      await runner?.close();
    });

    const ingestFile = (name: string, html: string) =>
      ingestOne(
        { db: q.db, actor: 'test', pipeline: runner },
        { kind: 'file', url: `https://example.com/${name}`, file: { path: `/tmp/${name}.html`, bytes: new TextEncoder().encode(html), readAt: new Date().toISOString() } },
        { submittedBy: 'test' },
      );

    it('fails a page past the budget permanently, recorded, then stores the next page', async () => {
      const slow = await ingestFile('slow', slowPage());
      expect(slow.status).toBe('failed');
      expect(slow.reason).toMatch(/^process-timeout: /);
      const submission = await getSubmission(q.db, slow.submissionId);
      expect(submission?.status).toBe('failed');
      expect(submission?.statusReason).toMatch(/^process-timeout: /);

      const next = await ingestFile('next', articlePage(1));
      expect(next.status).toBe('stored');
      expect(next.articleId).not.toBeNull();
    }, 120_000);
  });

  describe('through the queue', () => {
    let server: Awaited<ReturnType<typeof startArticleServer>>;
    let fetcher: Fetcher;
    let workers: WorkersHandle;

    beforeAll(async () => {
      const slow = slowPage();
      server = await startArticleServer({
        count: 1,
        routes: { '/slow': (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(slow) },
      });
      fetcher = createFetcher({ allowCidrs: ['127.0.0.1/32'], perHostDelayMs: 0, perHostConcurrency: 8 });
      workers = startWorkers({
        connection: redisConnectionOptions(REDIS_URL, { role: 'worker' }),
        prefix: q.prefix,
        db: q.db,
        fetcher,
        logger: pino({ level: 'silent' }),
        actor: 'worker:test',
        // One process job at a time: the next page waits for the slow one's thread.
        concurrency: { fetch: 2, process: 1 },
        processTimeoutMs: BUDGET_MS,
        // Short locks: a blocked event loop would let them lapse and the job stall.
        lockDurationMs: 2000,
        stalledIntervalMs: 1000,
      });
    });
    afterAll(async () => {
      await workers?.close();
      await fetcher?.close();
      await server?.close();
    });

    it('fails the slow page permanently with process-timeout, without stalling, and processes the next', async () => {
      const results = await submitUrls({
        db: q.db,
        queues: q.queues,
        urls: [server.url('/slow'), server.url('/a/0')],
        submittedBy: 'test',
        source: 'test',
        jobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 50 } },
      });
      const [slowId, nextId] = results.map((r) => r.submissionId!);
      const settled = (id: number) =>
        waitFor(`submission ${id} finished`, async () => {
          const s = await getSubmission(q.db, id);
          return s && FINAL.has(s.status) ? s : undefined;
        }, 90_000, 100);
      const slow = await settled(slowId!);
      expect(slow.status).toBe('failed');
      expect(slow.statusReason).toMatch(/^process-timeout: /);
      const job = await q.queues.process.getJob(`process-${slowId}`);
      // Failed at its first attempt: not retried, not stalled and handed to another run.
      expect(job?.attemptsMade).toBe(1);
      expect(job?.stalledCounter ?? 0).toBe(0);
      expect(await job?.getState()).toBe('failed');
      const next = await settled(nextId!);
      expect(next.status).toBe('processed');
    }, 120_000);
  });
});
