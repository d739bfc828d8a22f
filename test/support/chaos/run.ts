/**
 * The chaos run (`npm run bench:chaos`, and test/chaos-short.test.ts on a small scale): N real
 * pages submitted over a while to W `vellum worker` processes on a Postgres and a Redis of the
 * run's own, while the fault schedule (faults.ts) kills workers, empties Redis, restarts
 * Postgres and cuts a worker's network. Then it waits for every submission to be final, with
 * no one's help (the workers' reconcile sweep is the only recovery), and reports what
 * audit.ts finds and what `vellum verify --integrity` says. Only if the archive does not drain
 * by itself does it run `vellum recover`, and reports that an operator action was needed.
 */
import os from 'node:os';
import { EnqueueError, submitUrls } from '@vellum/ingest';
import { runVellum } from '../run-vellum.ts';
import { duplicateRows, failureReasons, finalCount, jobFigures, lostSubmissions, statusCounts, type JobFigures } from './audit.ts';
import { startChaosCluster, type ChaosCluster, type WorkerTimings } from './cluster.ts';
import { runFaults, type FaultDurations, type FaultRecord, type ScheduledFault } from './faults.ts';
import { loadBases, startPageServer } from './pages.ts';

export interface ChaosOptions {
  pages: number;
  workers: number;
  schedule: ScheduledFault[];
  durations: FaultDurations;
  timings: WorkerTimings;
  /** Submissions are spread over this many seconds (in batches), so faults meet them arriving. */
  submitOverS: number;
  /**
   * How long the archive may go without one more submission becoming final, once the faults
   * are over, before an operator steps in (`vellum recover`). Progress, not total time: on a
   * loaded machine a long backlog drains slowly but steadily.
   */
  stallTimeoutS: number;
  /** Base pages used (default: every usable benchmark page). */
  bases?: number;
  log?: (line: string) => void;
}

export interface ChaosReport {
  pages: number;
  bases: number;
  workers: number;
  faults: FaultRecord[];
  statuses: Record<string, number>;
  lost: number;
  lostSample: string[];
  failedReasons: Record<string, number>;
  duplicated: Record<string, number>;
  duplicatedTotal: number;
  jobs: JobFigures;
  stuck: number;
  /** Seconds from the last fault healed to every submission final (null: it did not drain alone). */
  drainAfterLastFaultS: number | null;
  /** Submissions not yet final when the last fault healed: the backlog the drain time includes. */
  backlogAtLastFault: number | null;
  operatorActionNeeded: boolean;
  operatorActions: string[];
  submit: { batches: number; retried: number; recordedWithoutJob: number };
  /** Jobs the workers' reconcile sweeps gave back (from their logs): what Redis lost. */
  requeuedBySweep: { fetch: number; process: number };
  /** Worker log lines at level error or fatal, and any unhandled or uncaught error, with a sample. */
  workerErrors: { count: number; unhandled: number; sample: string[] };
  workerStarts: number;
  workerCrashes: Array<{ index: number; code: number | null; signal: string | null; stderr: string }>;
  integrity: { ok: boolean; bodies: number; articles: number; mismatches: unknown[]; exitCode: number | null };
  wallS: number;
  cpuS: { workers: number; driver: number };
  loadAvg: { start: number[]; end: number[] };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const BATCH = 50;

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => {});
  const loadStart = os.loadavg();
  const cpuStart = process.cpuUsage();
  const bases = loadBases(options.bases);
  log(`${bases.length} usable benchmark pages as bases for ${options.pages} pages`);
  const server = await startPageServer(options.pages, bases);
  let cluster: ChaosCluster | undefined;
  let pollTimer: NodeJS.Timeout | undefined;
  let polling = true;
  try {
    cluster = await startChaosCluster({ workers: options.workers, timings: options.timings, name: 'chaos' });
    const c = cluster;
    log(`own Postgres on ${c.pg.port}, own Redis on ${c.redis.port}, ${options.workers} workers consuming`);
    const startedAt = Date.now();
    const elapsed = (): number => (Date.now() - startedAt) / 1000;
    const submit = { batches: 0, retried: 0, recordedWithoutJob: 0 };

    const submitting = (async () => {
      const batches = Math.ceil(options.pages / BATCH);
      for (let b = 0; b < batches; b++) {
        const due = (options.submitOverS * 1000 * b) / batches - (Date.now() - startedAt);
        if (due > 0) await sleep(due);
        const urls = server.urls.slice(b * BATCH, (b + 1) * BATCH);
        for (;;) {
          try {
            await submitUrls({ db: c.q.db, queues: c.q.queues, urls, submittedBy: 'chaos', source: 'bench' });
            break;
          } catch (error) {
            // Recorded in Postgres, not enqueued (Redis away): the workers' sweep must find them.
            if (error instanceof EnqueueError) {
              submit.recordedWithoutJob += error.submissionIds.length;
              break;
            }
            // Postgres away: a submitter retries; URLs already recorded are not recorded twice.
            submit.retried++;
            await sleep(1000);
          }
        }
        submit.batches++;
      }
    })();

    let lastLine = 0;
    const poll = async (): Promise<void> => {
      c.sampleCpu();
      if (Date.now() - lastLine > 5000) {
        lastLine = Date.now();
        const counts = await statusCounts(c.q.db).catch(() => undefined);
        log(`${elapsed().toFixed(0)} s: ${counts ? JSON.stringify(counts) : 'Postgres unreachable'}`);
      }
      if (polling) pollTimer = setTimeout(() => void poll(), 1000);
    };
    void poll();

    const faults = await runFaults(c, options.schedule, options.durations, startedAt, log);
    await submitting;
    const lastFaultEnd = faults.length ? faults[faults.length - 1]!.endS : elapsed();
    const atLastFault = await statusCounts(c.q.db).catch(() => undefined);
    const backlogAtLastFault = atLastFault ? options.pages - finalCount(atLastFault) : null;

    const drained = async (stallS: number): Promise<boolean> => {
      let last = -1;
      let lastMoved = Date.now();
      for (;;) {
        const counts = await statusCounts(c.q.db).catch(() => undefined);
        const final = counts ? finalCount(counts) : last;
        if (final === options.pages) return true;
        if (final > last) {
          last = final;
          lastMoved = Date.now();
        } else if (Date.now() - lastMoved > stallS * 1000) return false;
        await sleep(500);
      }
    };
    const operatorActions: string[] = [];
    let drainAfterLastFaultS: number | null = null;
    if (await drained(options.stallTimeoutS)) drainAfterLastFaultS = Math.max(0, elapsed() - lastFaultEnd);
    else {
      log(`no submission became final for ${options.stallTimeoutS} s: running \`vellum recover\``);
      const recover = await runVellum(['recover', '--json'], c.q.env, { timeoutMs: 300_000 });
      operatorActions.push(`vellum recover (exit ${recover.code}): ${recover.stdout.trim().slice(0, 500)}`);
      await drained(options.stallTimeoutS);
    }
    // Jobs still in Redis once the archive is final: give the last completions a moment.
    let jobs = await jobFigures(c.q.queues);
    for (let i = 0; i < 40 && jobs.stuck > 0; i++) {
      await sleep(500);
      jobs = await jobFigures(c.q.queues);
    }
    polling = false;
    clearTimeout(pollTimer);
    c.sampleCpu();

    const statuses = await statusCounts(c.q.db);
    const lost = await lostSubmissions(c.q.db, server.urls);
    const duplicated = await duplicateRows(c.q.db);
    log('integrity sweep: vellum verify --integrity');
    const verify = await runVellum(['verify', '--integrity', '--json'], c.q.env, { timeoutMs: 600_000 });
    let integrity: ChaosReport['integrity'];
    try {
      const parsed = JSON.parse(verify.stdout) as { ok: boolean; bodies: { checked: number }; articles: { checked: number }; mismatches: unknown[] };
      integrity = { ok: parsed.ok, bodies: parsed.bodies.checked, articles: parsed.articles.checked, mismatches: parsed.mismatches.slice(0, 20), exitCode: verify.code };
    } catch {
      integrity = { ok: false, bodies: 0, articles: 0, mismatches: [`verify printed no report: ${verify.stderr.slice(-1000)}`], exitCode: verify.code };
    }
    const cpu = process.cpuUsage(cpuStart);
    return {
      pages: options.pages,
      bases: bases.length,
      workers: options.workers,
      faults,
      statuses,
      lost: lost.count,
      lostSample: lost.sample,
      failedReasons: await failureReasons(c.q.db),
      duplicated,
      duplicatedTotal: Object.values(duplicated).reduce((a, b) => a + b, 0),
      jobs,
      stuck: jobs.stuck,
      drainAfterLastFaultS,
      backlogAtLastFault,
      operatorActionNeeded: operatorActions.length > 0,
      operatorActions,
      submit,
      requeuedBySweep: sweepFigures(c.workerLogs()),
      workerErrors: errorLines(c.workerLogs()),
      workerStarts: c.slots.reduce((n, s) => n + s.starts, 0),
      workerCrashes: c.crashed(),
      integrity,
      wallS: elapsed(),
      cpuS: { workers: c.slots.reduce((n, s) => n + s.cpuSeconds, 0), driver: (cpu.user + cpu.system) / 1e6 },
      loadAvg: { start: loadStart, end: os.loadavg() },
    };
  } finally {
    polling = false;
    clearTimeout(pollTimer);
    await cluster?.cleanup();
    await server.close();
  }
}

/** Sums the workers' "reconcile: ... given their job back" log lines. */
function sweepFigures(logs: string): { fetch: number; process: number } {
  const out = { fetch: 0, process: 0 };
  for (const line of logs.split('\n')) {
    if (!line.includes('reconcile: submissions without a live job')) continue;
    try {
      const entry = JSON.parse(line) as { requeuedFetch?: number; requeuedProcess?: number };
      out.fetch += entry.requeuedFetch ?? 0;
      out.process += entry.requeuedProcess ?? 0;
    } catch {
      // A line cut by a kill -9: not counted.
    }
  }
  return out;
}

/** Lines at pino level >= 50 (error, fatal), and lines that speak of an unhandled or uncaught error. */
function errorLines(logs: string): { count: number; unhandled: number; sample: string[] } {
  const errors: string[] = [];
  let unhandled = 0;
  for (const line of logs.split('\n')) {
    if (/unhandled|uncaught/i.test(line)) unhandled++;
    const level = /"level":(\d+)/.exec(line);
    if (level && Number(level[1]) >= 50) errors.push(line.slice(0, 500));
  }
  return { count: errors.length, unhandled, sample: errors.slice(0, 5) };
}
