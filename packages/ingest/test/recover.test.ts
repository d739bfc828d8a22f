/**
 * Submissions that lost their job (Redis restarted empty) on the real Postgres and Redis:
 * submitting the URL again gives a `fetched` one its process job back (not only `queued` ones
 * their fetch job), `refetch` never duplicates a submission in flight, and processing a
 * capture on its own (`vellum reprocess`) finishes the submission still waiting for it.
 * The whole loss, with a Redis restarted for real, is in test/queue-redis-loss.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotAnArticleError } from '@vellum/core';
import { getSubmission, insertCapture, updateSubmissionStatus } from '@vellum/db';
import { reconcileSubmissions, recordCaptureFailure, runProcessStep, submitUrls } from '../src/index.ts';
import { articlePage, queueEnv, type QueueEnv } from '../../../test/queue-harness.ts';

describe('submissions that lost their job', () => {
  let q: QueueEnv;
  const submit = (urls: string[], extra: { refetch?: boolean } = {}) =>
    submitUrls({ db: q.db, queues: q.queues, urls, submittedBy: 'tester', source: 'test', ...extra });

  beforeAll(async () => {
    q = await queueEnv('recover');
  });
  afterAll(async () => {
    await q?.cleanup();
  });

  /** A submission whose fetch stored a capture, and whose process job Redis then lost. */
  async function strandedFetched(url: string, html: string): Promise<{ id: number; captureId: number }> {
    const [r] = await submit([url]);
    const id = r!.submissionId!;
    await q.queues.fetch.remove(`fetch-${id}`);
    const capture = await insertCapture(q.db, {
      submissionId: id,
      captureKey: `fetch:${id}`,
      requestedUrl: url,
      httpStatus: 200,
      body: new TextEncoder().encode(html),
      contentType: 'text/html; charset=utf-8',
      fetcherVersion: 'test',
      outcome: 'ok',
    });
    await updateSubmissionStatus(q.db, id, 'fetched', { captureId: capture.id });
    return { id, captureId: capture.id };
  }

  it('gives a fetched submission submitted again its process job back, on the stored capture', async () => {
    const { id, captureId } = await strandedFetched('https://stranded.example/a', articlePage(1));
    const [again] = await submit(['https://stranded.example/a']);
    expect(again).toMatchObject({ outcome: 'in-flight', submissionId: id, status: 'fetched', requeued: 'process' });
    const job = await q.queues.process.getJob(`process-${id}`);
    expect(job?.data).toEqual({ captureId: String(captureId), submissionId: String(id) });
    expect(await q.queues.fetch.getJob(`fetch-${id}`)).toBeUndefined(); // nothing is fetched again
    // Once it has its job, submitting again changes nothing.
    const [third] = await submit(['https://stranded.example/a']);
    expect(third).toMatchObject({ outcome: 'in-flight', submissionId: id });
    expect(third!.requeued).toBeUndefined();
  });

  it('never duplicates a submission in flight, even with refetch; refetch applies to archived URLs', async () => {
    const { id } = await strandedFetched('https://stranded.example/b', articlePage(2));
    const [inFlight] = await submit(['https://stranded.example/b'], { refetch: true });
    expect(inFlight).toMatchObject({ outcome: 'in-flight', submissionId: id, requeued: 'process' });
    const [done] = await submit(['https://finished.example/c']);
    await updateSubmissionStatus(q.db, done!.submissionId!, 'processed', {});
    expect((await submit(['https://finished.example/c']))[0]).toMatchObject({ outcome: 'archived' });
    const [refetched] = await submit(['https://finished.example/c'], { refetch: true });
    expect(refetched!.outcome).toBe('queued');
    expect(refetched!.submissionId).not.toBe(done!.submissionId);
  });

  it('finishes the waiting submission when its capture is processed on its own (reprocess)', async () => {
    const { id, captureId } = await strandedFetched('https://stranded.example/d', articlePage(3));
    const result = await runProcessStep({ db: q.db, actor: 'test' }, captureId, null);
    const s = await getSubmission(q.db, id);
    expect(s).toMatchObject({ status: 'processed', articleId: result.articleId, captureId });
  });

  it('fails the waiting submission when its capture fails for good on its own', async () => {
    const { id, captureId } = await strandedFetched('https://stranded.example/e', '<html><body><ul><li><a href="/a">A</a></li><li><a href="/b">B</a></li></ul></body></html>');
    const error = await runProcessStep({ db: q.db, actor: 'test' }, captureId, null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotAnArticleError);
    await recordCaptureFailure(q.db, captureId, error, 'test');
    expect(await getSubmission(q.db, id)).toMatchObject({ status: 'failed', statusReason: expect.stringMatching(/^not-an-article: /) });
  });

  it('reconciles only what has no live job, and a second run finds nothing to do', async () => {
    const { id } = await strandedFetched('https://stranded.example/f', articlePage(4));
    const [queued] = await submit(['https://stranded.example/g']);
    await q.queues.fetch.remove(`fetch-${queued!.submissionId}`);
    const first = await reconcileSubmissions({ db: q.db, queues: q.queues, submissionIds: [id, queued!.submissionId!] });
    expect(first).toMatchObject({ checked: 2, live: 0, requeuedFetch: 1, requeuedProcess: 1, requeuedIds: [id, queued!.submissionId] });
    const second = await reconcileSubmissions({ db: q.db, queues: q.queues, submissionIds: [id, queued!.submissionId!] });
    expect(second).toMatchObject({ checked: 2, live: 2, requeuedFetch: 0, requeuedProcess: 0 });
  });
});
