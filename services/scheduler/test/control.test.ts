/**
 * The control API the CLI calls, on the real Postgres (and the embedded PGlite, where the
 * migration must apply too): validation with messages that say what to do, names, the audit
 * events, and changes stored while Redis is out of reach.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEvents, migrate, openDatabase, type Database } from '@vellum/db';
import {
  addSchedule,
  createScheduleQueue,
  listSchedules,
  pauseSchedule,
  removeSchedule,
  resumeSchedule,
  runNow,
  showSchedule,
  ScheduleInputError,
  ScheduleNotFoundError,
  ScheduleQueueRequiredError,
} from '../src/index.ts';
import { manualClock } from '../../../test/support/manual-clock.ts';
import { openTestEnv, type TestEnv } from './helpers/env.ts';

let env: TestEnv;

beforeAll(async () => {
  env = await openTestEnv('ctl');
});

afterAll(async () => {
  await env?.dispose();
});

describe('addSchedule', () => {
  it('refuses bad input with a message that says what to change', async () => {
    const ctl = { db: env.db };
    await expect(addSchedule(ctl, { url: 'https://a.example/feed', every: '15m', cron: '* * * * *' })).rejects.toThrow(
      new ScheduleInputError('give exactly one of --every (e.g. 15m) or --cron (e.g. "*/15 * * * *")'),
    );
    await expect(addSchedule(ctl, { url: 'https://a.example/feed' })).rejects.toThrow(ScheduleInputError);
    await expect(addSchedule(ctl, { url: 'not a url', every: '1h' })).rejects.toThrow(/is not a URL: give the absolute http\(s\) URL/);
    await expect(addSchedule(ctl, { url: 'file:///etc/passwd', every: '1h' })).rejects.toThrow(/is not http or https/);
    await expect(addSchedule(ctl, { url: 'https://u:p@a.example/', every: '1h' })).rejects.toThrow('the URL must not contain a user name or password');
    await expect(addSchedule(ctl, { url: 'https://a.example/', every: '1h', timezone: 'UTC' })).rejects.toThrow('--timezone applies to --cron only');
    await expect(addSchedule(ctl, { url: 'https://a.example/', every: '1h', name: '42' })).rejects.toThrow(/is all digits/);
    await expect(addSchedule(ctl, { url: 'https://a.example/', every: '1h', priority: 0 })).rejects.toThrow(/--priority must be an integer from 1/);
    expect(await listSchedules(ctl)).toEqual([]);
  });

  it('derives a free name from the URL, refuses a duplicate name, and records the events', async () => {
    const ctl = { db: env.db, actor: 'alice' };
    const first = await addSchedule(ctl, { url: 'https://News.Example/feeds/all.xml#top', every: '15m' });
    expect(first).toMatchObject({
      scheduler: 'deferred',
      schedule: { name: 'news.example-feeds-all.xml', sourceUrl: 'https://news.example/feeds/all.xml', kind: 'auto', everyMs: 900_000, cron: null, paused: false, createdBy: 'alice' },
    });
    const second = await addSchedule(ctl, { url: 'https://news.example/feeds/all.xml', cron: '0 * * * *', timezone: 'Europe/Paris', kind: 'feed' });
    expect(second.schedule).toMatchObject({ name: 'news.example-feeds-all.xml-2', cron: '0 * * * *', timezone: 'Europe/Paris', everyMs: null, kind: 'feed' });
    await expect(addSchedule(ctl, { url: 'https://x.example/', every: '1h', name: 'news.example-feeds-all.xml' })).rejects.toThrow(
      'a schedule named "news.example-feeds-all.xml" already exists: pick another --name, or remove it first',
    );

    await pauseSchedule(ctl, first.schedule.id);
    await resumeSchedule(ctl, 'news.example-feeds-all.xml');
    await removeSchedule(ctl, first.schedule.id);
    const events = await listEvents(env.db, 'schedule', first.schedule.id);
    expect(events.map((e) => [e.action, e.actor])).toEqual([
      ['created', 'alice'],
      ['paused', 'alice'],
      ['resumed', 'alice'],
      ['removed', 'alice'],
    ]);
    expect((await listSchedules(ctl)).map((s) => s.name)).toEqual(['news.example-feeds-all.xml-2']);
    await expect(pauseSchedule(ctl, first.schedule.id)).rejects.toThrow(ScheduleNotFoundError);
    const details = await showSchedule(ctl, second.schedule.id);
    expect(details).toMatchObject({ scheduler: 'unknown', runs: [] });
    expect(details.nextRunAt!.getUTCMinutes()).toBe(0);
    await removeSchedule(ctl, second.schedule.id);
  });

  it('stores a change when Redis does not answer, and says the service will apply it', async () => {
    const unreachable = createScheduleQueue({ connection: { host: '127.0.0.1', port: 1, maxRetriesPerRequest: 1, connectTimeout: 500 }, prefix: `${env.prefix}-down` });
    try {
      const ctl = { db: env.db, queue: unreachable, redisTimeoutMs: 1000 };
      const change = await addSchedule(ctl, { url: 'https://down.example/feed', every: '1h', name: 'down' });
      expect(change.scheduler).toBe('deferred');
      expect(change.warning).toMatch(/^stored, but Redis could not be updated \(.+\): the scheduler service applies it when it next reconciles$/);
      expect((await showSchedule(ctl, 'down')).scheduler).toBe('unknown');
      await expect(runNow({ db: env.db }, 'down')).rejects.toThrow(ScheduleQueueRequiredError);
      await removeSchedule({ db: env.db }, 'down');
    } finally {
      await unreachable.close().catch(() => {});
    }
  });
});

describe('timing from the injected clock', () => {
  it("shows a cron schedule's next fire time from the clock when Redis cannot say", async () => {
    const clock = manualClock(Date.UTC(2026, 2, 10, 8, 20));
    const ctl = { db: env.db, clock };
    const { schedule } = await addSchedule(ctl, { url: 'https://clock.example/feed', cron: '0 */6 * * *', timezone: 'UTC', name: 'clocked' });
    try {
      expect((await showSchedule(ctl, schedule.id)).nextRunAt!.toISOString()).toBe('2026-03-10T12:00:00.000Z');
      clock.advance(4 * 3_600_000);
      expect((await showSchedule(ctl, schedule.id)).nextRunAt!.toISOString()).toBe('2026-03-10T18:00:00.000Z');
    } finally {
      await removeSchedule(ctl, schedule.id);
    }
  });

  it('runNow --wait gives up at its deadline on the clock, polling every pollMs of it', async () => {
    // No scheduler service consumes this queue, so the queued run never starts.
    const clock = manualClock();
    const ctl = { db: env.db, queue: env.scheduleQueue, clock };
    const { schedule } = await addSchedule(ctl, { url: 'https://clock.example/never', every: '1h', name: 'never-runs' });
    try {
      const result = await runNow(ctl, schedule.id, { wait: true, timeoutMs: 10_000, pollMs: 500 });
      expect(result).toMatchObject({ timedOut: true, run: null });
      expect(clock.sleeps).toEqual(Array.from({ length: 20 }, () => 500));
    } finally {
      await removeSchedule(ctl, schedule.id);
    }
  });
});

describe('on the embedded database', () => {
  let db: Database | undefined;
  afterAll(async () => {
    await db?.close();
  });

  it('migration 004 applies on PGlite and schedules work there', async () => {
    db = await openDatabase({});
    const { all } = await migrate(db);
    expect(all).toContain('004-schedules.sql');
    const { schedule } = await addSchedule({ db }, { url: 'https://pglite.example/feed', every: '1h' });
    expect((await listSchedules({ db })).map((s) => s.id)).toEqual([schedule.id]);
    expect((await showSchedule({ db }, schedule.name)).schedule.everyMs).toBe(3_600_000);
  });
});
