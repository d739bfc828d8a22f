/**
 * The scheduler service end to end on the real Redis and Postgres: schedules fire on their
 * BullMQ job schedulers, their articles are fetched and processed by real workers, a broken
 * feed fails one run and not the schedule, pausing stops the firing, and two scheduler
 * processes sharing a queue never run one firing twice.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findArticlesByUrl, findSubmissionsByUrl } from '@vellum/db';
import { startWorkers, type WorkersHandle } from '@vellum/worker';
import {
  addSchedule,
  jobSchedulerId,
  listSchedules,
  pauseSchedule,
  removeSchedule,
  resumeSchedule,
  runNow,
  showSchedule,
  startScheduler,
  type ScheduleControl,
  type ScheduleRun,
  type SchedulerService,
} from '../src/index.ts';
import { openTestEnv, waitFor, type TestEnv } from './helpers/env.ts';
import { articlePage, rssFeed, TestSite } from './helpers/test-site.ts';

let env: TestEnv;
let site: TestSite;
let control: ScheduleControl;
const services: SchedulerService[] = [];
let workers: WorkersHandle | undefined;

beforeAll(async () => {
  env = await openTestEnv('svc');
  site = await new TestSite().start();
  control = { db: env.db, queue: env.scheduleQueue, actor: 'test' };
});

afterAll(async () => {
  await workers?.close();
  for (const service of services) await service.close();
  await site?.stop();
  await env?.dispose();
});

async function start(): Promise<SchedulerService> {
  const service = await startScheduler({
    db: env.db,
    queues: env.queues,
    connection: env.connection,
    prefix: env.prefix,
    fetcher: env.fetcher,
    reconcileIntervalMs: 0,
  });
  services.push(service);
  return service;
}

async function runs(scheduleId: number): Promise<ScheduleRun[]> {
  return (await showSchedule(control, scheduleId, { runs: 100 })).runs;
}

describe('a schedule on a short interval', () => {
  it('fires, and the articles of its feed land in the archive; an updated entry is fetched again', async () => {
    const items = [
      { path: '/news/budget', title: 'Budget' },
      { path: '/news/bridge', title: 'Bridge' },
    ];
    for (const item of items) site.set(item.path, { body: articlePage(item.title), contentType: 'text/html; charset=utf-8' });
    site.set('/news.xml', { body: rssFeed(items, site.origin), contentType: 'application/rss+xml' });
    await start();
    workers = startWorkers({
      connection: env.connection,
      prefix: env.prefix,
      db: env.db,
      fetcher: env.fetcher,
      logger: pino({ level: 'silent' }),
      lockDurationMs: 10_000,
    });

    const { schedule, scheduler } = await addSchedule(control, { url: site.url('/news.xml'), every: '1s', name: 'news' });
    expect(scheduler).toBe('synced');
    // Runs come newest first: under load a second run may already be recorded when this looks.
    const firstRun = await waitFor('the first run', async () => (await runs(schedule.id)).findLast((r) => r.status === 'succeeded'));
    expect(firstRun).toMatchObject({ trigger: 'schedule', found: 2, new: 2, skipped: 0, failed: 0 });

    for (const item of items) {
      const [article] = await waitFor(`article ${item.path}`, async () => {
        const found = await findArticlesByUrl(env.db, site.url(item.path));
        return found.length > 0 ? found : undefined;
      });
      expect(article!.title).toBe(item.title);
      const [submission] = await findSubmissionsByUrl(env.db, site.url(item.path));
      expect(submission).toMatchObject({ submittedBy: `schedule:${schedule.id}`, source: 'schedule', status: 'processed' });
    }

    // Later runs see an unchanged feed (304) until an entry says it was updated after its capture.
    await waitFor('an unchanged run', async () => (await runs(schedule.id)).find((r) => r.status === 'unchanged'));
    const updatedAt = new Date(Date.now() + 60_000).toISOString();
    // Runs fire every second: the one to check is the first that started after the update.
    const lastRunBefore = Math.max(...(await runs(schedule.id)).map((r) => r.id));
    site.set('/news.xml', { body: rssFeed([{ ...items[0]!, updated: updatedAt }, items[1]!], site.origin), contentType: 'application/rss+xml' });
    const refetchRun = await waitFor('a run after the update', async () =>
      (await runs(schedule.id)).findLast((r) => r.status === 'succeeded' && r.id > lastRunBefore),
    );
    expect(refetchRun).toMatchObject({ found: 2, new: 1, skipped: 1 });
    const budget = await waitFor('the refetch to finish', async () => {
      const subs = await findSubmissionsByUrl(env.db, site.url('/news/budget'));
      return subs.length === 2 && subs[0]!.status !== 'queued' && subs[0]!.status !== 'fetching' && subs[0]!.status !== 'fetched' ? subs : undefined;
    });
    // The page itself did not change: the refetch is a conditional GET answered 304.
    expect(budget[0]).toMatchObject({ options: { refetch: true }, status: 'unchanged' });
    expect((await findSubmissionsByUrl(env.db, site.url('/news/bridge'))).length).toBe(1);

    await pauseSchedule(control, schedule.id);
  });
});

describe('a malformed feed', () => {
  it('records a failed run with the reason, and the schedule keeps firing until a run succeeds', async () => {
    if (services.length === 0) await start();
    site.set('/broken.xml', { body: '<?xml version="1.0"?><rss><channel><item><title>t</item></channel></rss>', contentType: 'application/rss+xml' });
    const { schedule } = await addSchedule(control, { url: site.url('/broken.xml'), every: '1s', name: 'broken' });
    const failed = await waitFor('a failed run', async () => (await runs(schedule.id)).find((r) => r.status === 'failed'));
    expect(failed.reason).toContain('RSS feed is not well-formed XML');
    expect(failed.trigger).toBe('schedule');

    site.set('/broken.xml', { body: rssFeed([{ path: '/fixed/1', title: 'Fixed' }], site.origin), contentType: 'application/rss+xml' });
    const succeeded = await waitFor('a succeeded run', async () => (await runs(schedule.id)).find((r) => r.status === 'succeeded'));
    expect(succeeded.id).toBeGreaterThan(failed.id);
    expect(succeeded).toMatchObject({ found: 1, new: 1, reason: null });
    await pauseSchedule(control, schedule.id);
  });
});

describe('pause, resume, remove and run-now', () => {
  it('pausing removes the job scheduler and stops runs; resuming brings both back; removing ends it', async () => {
    if (services.length === 0) await start();
    site.set('/pausable.xml', { body: rssFeed([{ path: '/p/1', title: 'P' }], site.origin), contentType: 'application/rss+xml' });
    const { schedule } = await addSchedule(control, { url: site.url('/pausable.xml'), every: '1s', name: 'pausable' });
    await waitFor('a run', async () => (await runs(schedule.id)).length > 0);

    const paused = await pauseSchedule(control, 'pausable');
    expect(paused).toMatchObject({ scheduler: 'synced', schedule: { paused: true } });
    expect(await env.scheduleQueue.getJobScheduler(jobSchedulerId(schedule.id))).toBeUndefined();
    // A firing already under way when pausing may still finish; after that, nothing. Real time
    // on purpose: BullMQ fires job schedulers from Redis on its own clock, which no injected clock
    // moves; only waiting out more than one 1 s interval shows that none fires.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const countWhilePaused = (await runs(schedule.id)).length;
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await runs(schedule.id)).length).toBe(countWhilePaused);
    expect((await showSchedule(control, schedule.id)).scheduler).toBe('paused');

    // A manual run works on a paused schedule.
    const manual = await runNow(control, 'pausable', { wait: true, timeoutMs: 20_000 });
    expect(manual).toMatchObject({ timedOut: false, run: { trigger: 'manual', status: 'unchanged' } });

    await resumeSchedule(control, schedule.id);
    const details = await showSchedule(control, schedule.id);
    expect(details.scheduler).toBe('active');
    expect(details.nextRunAt).toBeInstanceOf(Date);
    await waitFor('a run after resuming', async () => (await runs(schedule.id)).length > countWhilePaused + 1);

    await removeSchedule(control, 'pausable');
    expect(await env.scheduleQueue.getJobScheduler(jobSchedulerId(schedule.id))).toBeUndefined();
    expect((await listSchedules(control)).map((s) => s.name)).not.toContain('pausable');
    await expect(showSchedule(control, 'pausable')).rejects.toThrow('no schedule with id or name "pausable"');
    // The name is free again.
    const again = await addSchedule(control, { url: site.url('/pausable.xml'), every: '1h', name: 'pausable' });
    expect(again.schedule.id).not.toBe(schedule.id);
    await removeSchedule(control, again.schedule.id);
  });

  it('reconciling restores a job scheduler lost from Redis and drops one whose schedule is paused', async () => {
    const service = services[0] ?? (await start());
    const { schedule } = await addSchedule({ db: env.db }, { url: site.url('/pausable.xml'), every: '1h', name: 'reconciled' });
    expect(await env.scheduleQueue.getJobScheduler(jobSchedulerId(schedule.id))).toBeUndefined();
    const first = await service.reconcile();
    expect(first.upserted).toContain(schedule.id);
    expect(await env.scheduleQueue.getJobScheduler(jobSchedulerId(schedule.id))).toMatchObject({ every: 3_600_000 });
    expect((await service.reconcile()).upserted).toEqual([]);

    await pauseSchedule({ db: env.db }, schedule.id);
    expect((await service.reconcile()).removed).toContain(jobSchedulerId(schedule.id));
    expect(await env.scheduleQueue.getJobScheduler(jobSchedulerId(schedule.id))).toBeUndefined();
  });
});

describe('two scheduler processes on one queue', () => {
  it('run each firing once', async () => {
    while (services.length < 2) await start();
    site.set('/shared.xml', { body: rssFeed([{ path: '/shared/1', title: 'S' }], site.origin), contentType: 'application/rss+xml' });
    const { schedule } = await addSchedule(control, { url: site.url('/shared.xml'), every: '1s', name: 'shared' });
    const started = Date.now();
    await waitFor('five runs', async () => (await runs(schedule.id)).filter((r) => r.status !== 'running').length >= 5);
    await pauseSchedule(control, schedule.id);
    const elapsedMs = Date.now() - started;
    // Real time on purpose: lets a firing BullMQ had already started finish before counting.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const all = (await runs(schedule.id)).reverse();
    // One run per firing: no run was executed twice, no two firings overlap, and there are no
    // more runs than the interval allows.
    expect(all.every((r) => r.attempts === 1)).toBe(true);
    expect(all.length).toBeLessThanOrEqual(Math.floor(elapsedMs / 1000) + 2);
    for (let i = 1; i < all.length; i++) {
      expect(all[i]!.startedAt.getTime() - all[i - 1]!.startedAt.getTime()).toBeGreaterThanOrEqual(500);
    }
    // The feed's one article was submitted by exactly one run; the rest found it in flight or saw a 304.
    expect(all.filter((r) => r.new > 0)).toHaveLength(1);
    expect(all.slice(1).every((r) => r.status === 'unchanged' || r.skipped === 1)).toBe(true);
  });
});
