/** The pure rules of a run: intervals, which entries are submitted, and a run's verdict. */
import { describe, expect, it } from 'vitest';
import { checkCron, formatEvery, parseEvery, ScheduleInputError } from '../src/index.ts';
import { decideEntry } from '../src/run/decide-entry.ts';
import { verdict } from '../src/run/run-schedule.ts';
import type { RunDocument } from '@vellum/db';

describe('intervals and cron patterns', () => {
  it('parses intervals with units and combinations', () => {
    expect(parseEvery('15m')).toBe(900_000);
    expect(parseEvery('1h30m')).toBe(5_400_000);
    expect(parseEvery('90s')).toBe(90_000);
    expect(parseEvery('1d')).toBe(86_400_000);
    expect(parseEvery('2500')).toBe(2500);
    expect(parseEvery(60_000)).toBe(60_000);
    expect(formatEvery(5_400_000)).toBe('1h30m');
    expect(formatEvery(1500)).toBe('1s500ms');
  });

  it('refuses what is not an interval, or is shorter than a second, saying what to write', () => {
    expect(() => parseEvery('soon')).toThrow(new ScheduleInputError('--every "soon" is not an interval: use e.g. 15m, 1h, 1h30m, 90s or 1d'));
    expect(() => parseEvery('15 minutes')).toThrow(ScheduleInputError);
    expect(() => parseEvery('500ms')).toThrow('--every must be at least 1000 ms, got 500 ms');
  });

  it('checks cron patterns and time zones as BullMQ reads them', () => {
    const next = checkCron('0 3 * * *', 'UTC');
    expect(next.getUTCHours()).toBe(3);
    expect(next.getUTCMinutes()).toBe(0);
    // From a given time (the caller's clock), the next fire time is exact.
    expect(checkCron('0 3 * * *', 'UTC', Date.UTC(2026, 0, 1, 12)).toISOString()).toBe('2026-01-02T03:00:00.000Z');
    expect(checkCron('30 9 * * 1', 'Europe/Paris', Date.UTC(2026, 6, 1)).toISOString()).toBe('2026-07-06T07:30:00.000Z');
    expect(() => checkCron('61 * * * *')).toThrow(/--cron "61 \* \* \* \*" is not valid/);
    expect(() => checkCron('* * * * *', 'Mars/Olympus')).toThrow(ScheduleInputError);
  });
});

describe('which entries a run submits', () => {
  const archivedAt = new Date('2024-05-01T12:00:00Z');

  it('submits what the archive has never seen', () => {
    expect(decideEntry({ url: 'https://a.example/1' }, undefined)).toEqual({ action: 'submit', refetch: false, why: 'new' });
  });

  it('skips what is in flight, whatever the entry says', () => {
    const state = { inFlight: true, archivedAt, failedAt: null };
    expect(decideEntry({ url: 'u', updatedAt: '2030-01-01T00:00:00.000Z' }, state)).toEqual({ action: 'skip', why: 'in-flight' });
  });

  it('skips what is archived unless the entry changed after the capture, then refetches', () => {
    const state = { inFlight: false, archivedAt, failedAt: null };
    expect(decideEntry({ url: 'u' }, state)).toEqual({ action: 'skip', why: 'archived' });
    expect(decideEntry({ url: 'u', updatedAt: '2024-05-01T11:59:59.000Z' }, state)).toEqual({ action: 'skip', why: 'archived' });
    expect(decideEntry({ url: 'u', updatedAt: '2024-05-01T12:00:01.000Z' }, state)).toEqual({ action: 'submit', refetch: true, why: 'updated' });
    // Without updatedAt, a publication date after the capture counts (a republished story).
    expect(decideEntry({ url: 'u', publishedAt: '2024-05-02T00:00:00.000Z' }, state)).toEqual({ action: 'submit', refetch: true, why: 'updated' });
    // updatedAt wins over publishedAt.
    expect(decideEntry({ url: 'u', updatedAt: '2024-04-01T00:00:00.000Z', publishedAt: '2024-06-01T00:00:00.000Z' }, state)).toEqual({ action: 'skip', why: 'archived' });
  });

  it('does not retry a failed URL every run, only when its entry changed after the failure', () => {
    const state = { inFlight: false, archivedAt: null, failedAt: new Date('2024-05-01T00:00:00Z') };
    expect(decideEntry({ url: 'u' }, state)).toEqual({ action: 'skip', why: 'failed-before' });
    expect(decideEntry({ url: 'u', updatedAt: '2024-05-03T00:00:00.000Z' }, state)).toEqual({ action: 'submit', refetch: false, why: 'updated-after-failure' });
  });
});

describe("a run's verdict", () => {
  const doc = (d: Partial<RunDocument>): RunDocument => ({ url: 'https://s.example/x', role: 'source', outcome: 'fetched', kind: 'rss', ...d });

  it('a failed source fails the run with its reason', () => {
    expect(verdict({ failure: 'boom', documents: [doc({ outcome: 'failed', reason: 'boom' })] })).toEqual({ status: 'failed', reason: 'boom' });
  });

  it('all 304s is unchanged', () => {
    expect(verdict({ failure: null, documents: [doc({ outcome: 'unchanged', kind: 'sitemap-index' }), doc({ role: 'child-sitemap', outcome: 'unchanged', kind: 'sitemap' })] })).toEqual({ status: 'unchanged', reason: null });
  });

  it('an index whose children all failed is a failed run; some failing is a success with a reason', () => {
    const index = doc({ kind: 'sitemap-index' });
    const bad = doc({ role: 'child-sitemap', outcome: 'failed', reason: 'x answered HTTP 500' });
    const good = doc({ role: 'child-sitemap', kind: 'sitemap' });
    expect(verdict({ failure: null, documents: [index, bad, bad] })).toEqual({ status: 'failed', reason: '2 of 2 documents failed; first: x answered HTTP 500' });
    expect(verdict({ failure: null, documents: [index, bad, good] })).toEqual({ status: 'succeeded', reason: '1 of 2 documents failed; first: x answered HTTP 500' });
  });
});
