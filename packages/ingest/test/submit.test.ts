/** submitUrls on the real Postgres and Redis: the dedup rules, invalid input, and races. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransientError, NotAnArticleError } from '@vellum/core';
import { getSubmission, listEvents, updateSubmissionStatus, RecordNotFoundError } from '@vellum/db';
import { classifyFailure, submitUrls } from '../src/index.ts';
import { queueEnv, type QueueEnv } from '../../../test/queue-harness.ts';

describe('submitUrls', () => {
  let q: QueueEnv;
  const submit = (urls: string[], extra: { refetch?: boolean; priority?: number } = {}) =>
    submitUrls({ db: q.db, queues: q.queues, urls, submittedBy: 'tester', source: 'test', ...extra });

  beforeAll(async () => {
    q = await queueEnv('submit');
  });
  afterAll(async () => {
    await q?.cleanup();
  });

  it('records a submission and enqueues its fetch job under an id derived from it', async () => {
    const [r] = await submit(['https://News.Example/story?utm_source=x&b=2&a=1#top'], { priority: 7 });
    expect(r).toMatchObject({ outcome: 'queued', status: 'queued', normalizedUrl: 'https://news.example/story?a=1&b=2', reason: null });
    const s = await getSubmission(q.db, r!.submissionId!);
    expect(s).toMatchObject({ url: 'https://News.Example/story?utm_source=x&b=2&a=1#top', submittedBy: 'tester', source: 'test', priority: 7 });
    const job = await q.queues.fetch.getJob(`fetch-${r!.submissionId}`);
    expect(job?.data).toEqual({ submissionId: String(r!.submissionId) });
    expect(job?.opts.priority).toBe(7);
  });

  it('does not submit a URL in flight twice, even spelled differently', async () => {
    const [a, b, c] = await submit(['https://dup.example/a', 'https://DUP.example/a#x', 'https://dup.example/a?fbclid=1']);
    expect([a!.outcome, b!.outcome, c!.outcome]).toEqual(['queued', 'in-flight', 'in-flight']);
    expect(new Set([a!.submissionId, b!.submissionId, c!.submissionId]).size).toBe(1);
    expect((await q.queues.fetch.getJobs(['waiting', 'prioritized'])).filter((j) => j.id === `fetch-${a!.submissionId}`)).toHaveLength(1);
  });

  it('re-adds the fetch job of a queued submission whose job was lost', async () => {
    const [a] = await submit(['https://lost.example/job']);
    await (await q.queues.fetch.getJob(`fetch-${a!.submissionId}`))!.remove();
    const [again] = await submit(['https://lost.example/job']);
    expect(again).toMatchObject({ outcome: 'in-flight', submissionId: a!.submissionId });
    expect(await q.queues.fetch.getJob(`fetch-${a!.submissionId}`)).toBeDefined();
  });

  it('does not fetch an archived URL again unless refetch; a failed one may be retried', async () => {
    const [a] = await submit(['https://done.example/x', 'https://failed.example/y']);
    const [, f] = await submit(['https://done.example/x', 'https://failed.example/y']);
    await updateSubmissionStatus(q.db, a!.submissionId!, 'processed', {});
    await updateSubmissionStatus(q.db, f!.submissionId!, 'failed', { reason: 'http-5xx: test' });
    const [archived, retried] = await submit(['https://done.example/x', 'https://failed.example/y']);
    expect(archived).toMatchObject({ outcome: 'archived', submissionId: a!.submissionId, status: 'processed' });
    expect(retried!.outcome).toBe('queued');
    expect(retried!.submissionId).not.toBe(f!.submissionId);
    const [refetched] = await submit(['https://done.example/x'], { refetch: true });
    expect(refetched!.outcome).toBe('queued');
    expect((await getSubmission(q.db, refetched!.submissionId!))!.options).toEqual({ refetch: true });
  });

  it('records what is not an http(s) URL as a failed submission with the reason', async () => {
    const [bad, ftp] = await submit(['not a url', 'ftp://files.example/a']);
    expect(bad).toMatchObject({ outcome: 'invalid', status: 'failed', normalizedUrl: null });
    expect(bad!.reason).toMatch(/not an absolute URL/);
    expect(ftp!.outcome).toBe('invalid');
    const s = await getSubmission(q.db, bad!.submissionId!);
    expect(s!.statusReason).toMatch(/^invalid-input: /);
    expect((await listEvents(q.db, 'submission', s!.id)).map((e) => e.action)).toEqual(['submitted', 'failed']);
    expect(await q.queues.fetch.getJob(`fetch-${bad!.submissionId}`)).toBeUndefined();
  });

  it('creates one submission when submitters race on one URL', async () => {
    const url = 'https://race.example/one';
    const results = (await Promise.all(Array.from({ length: 8 }, () => submit([url])))).flat();
    expect(results.filter((r) => r.outcome === 'queued')).toHaveLength(1);
    expect(new Set(results.map((r) => r.submissionId)).size).toBe(1);
  });

  it('refuses priorities BullMQ cannot take, before recording anything', async () => {
    await expect(submit(['https://prio.example/'], { priority: 1.5 })).rejects.toThrow(/priority must be an integer/);
    expect((await q.db.query('SELECT 1 FROM submissions WHERE url = $1', ['https://prio.example/'])).rowCount).toBe(0);
  });
});

describe('classifyFailure', () => {
  it('tells permanent, transient and database failures apart', () => {
    expect(classifyFailure(new NotAnArticleError())).toBe('permanent');
    expect(classifyFailure(new TransientError('http-5xx', 'busy'))).toBe('transient');
    expect(classifyFailure(new RecordNotFoundError('submission', 1))).toBe('permanent');
    expect(classifyFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe('database');
    expect(classifyFailure(new Error('Connection terminated unexpectedly'))).toBe('database');
    expect(classifyFailure(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe('database');
    expect(classifyFailure(new Error('something odd'))).toBe('transient');
  });
});
