/**
 * The chaos run, short (`npm run bench:chaos` is the long one; same driver,
 * test/support/chaos/): 150 real pages through three `vellum worker` processes on a Postgres and
 * a Redis of the test's own, with one of each fault while the pages arrive: a worker killed
 * (-9) and started again, Redis restarted empty, Postgres restarted fast and slow (down 8 s),
 * and one worker's network to Postgres cut mid-transaction. Then, with no one's help: every
 * submission processed, nothing lost, nothing stored twice, no job stuck, no worker crashed,
 * and `vellum verify --integrity` passes.
 */
import { describe, expect, it } from 'vitest';
import { parseSchedule } from './support/chaos/faults.ts';
import { runChaos } from './support/chaos/run.ts';

const PAGES = 150;

describe('chaos, short', () => {
  it('survives one of each fault with nothing lost, duplicated or stuck', { timeout: 480_000 }, async () => {
    const lines: string[] = [];
    const report = await runChaos({
      pages: PAGES,
      workers: 3,
      schedule: parseSchedule('kill@3,redis@8,pg-fast@12,cut@16,pg-slow@20'),
      durations: { pgFastDownS: 2, pgSlowDownS: 8, cutDownS: 3, redisDownS: 1 },
      timings: { lockDurationMs: 8000, stalledIntervalMs: 3000, reconcileIntervalMs: 3000, reconcileMinAgeMs: 3000, retryBackoffMs: 500 },
      submitOverS: 18,
      stallTimeoutS: 60,
      bases: 15,
      log: (line) => lines.push(line),
    });
    const context = JSON.stringify({ ...report, log: lines }, null, 1);
    expect(report.faults.map((f) => f.kind), context).toEqual(['kill', 'redis', 'pg-fast', 'cut', 'pg-slow']);
    expect(report.workerCrashes, context).toEqual([]);
    expect(report.workerErrors.unhandled, context).toBe(0);
    expect(report.statuses, context).toEqual({ processed: PAGES });
    expect(report.lost, context).toBe(0);
    expect(report.duplicatedTotal, context).toBe(0);
    expect(report.stuck, context).toBe(0);
    expect(report.jobs.failed, context).toBe(0);
    expect(report.operatorActionNeeded, context).toBe(false);
    expect(report.drainAfterLastFaultS, context).not.toBeNull();
    expect(report.integrity, context).toMatchObject({ ok: true, exitCode: 0, articles: PAGES });
  });
});
