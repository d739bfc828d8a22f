/**
 * `npm run bench:chaos`: faults survived. 5,000 distinct real article pages (varied benchmark
 * pages) through three `vellum worker` processes on a Postgres cluster and a Redis of the run's
 * own (started and removed here, never the shared ones), while workers are killed (-9), Redis
 * restarts empty, Postgres restarts fast and slow, and one worker's network to Postgres is cut
 * mid-transaction. Ends with the integrity sweep. Targets: 0 lost, 0 duplicated, 0 stuck, no
 * operator action. The driver lives in test/support/chaos/ (the short variant in `npm test`,
 * test/chaos-short.test.ts, runs the same code).
 *
 * Options: --pages N (5000), --workers N (3), --seed N (shifts the fault times by up to 10 s, so
 * runs meet the workers in different states; 0 = the schedule as given), --schedule
 * "kill@20,redis@40,..." (see test/support/chaos/faults.ts), --pg-slow-down S (30),
 * --pg-fast-down S (3), --cut-down S (5), --submit-over S (120), --stall-timeout S (120: no submission final for that long
 * once the faults are over counts as stuck, and the run calls `vellum recover`),
 * --bases N (all usable), --json. Exit status 1 when a target is missed.
 * Figures are also written to bench/out/chaos-<time>.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseSchedule } from '../test/support/chaos/faults.ts';
import { prng } from './scale-corpus.ts';
import { runChaos, type ChaosReport } from '../test/support/chaos/run.ts';

const DEFAULT_SCHEDULE = 'kill@25,redis@45,pg-fast@65,kill@85,cut@105,pg-slow@125,kill@175';

const { values: args } = parseArgs({
  options: {
    pages: { type: 'string', default: '5000' },
    workers: { type: 'string', default: '3' },
    seed: { type: 'string', default: '0' },
    schedule: { type: 'string', default: DEFAULT_SCHEDULE },
    'pg-slow-down': { type: 'string', default: '30' },
    'pg-fast-down': { type: 'string', default: '3' },
    'cut-down': { type: 'string', default: '5' },
    'submit-over': { type: 'string', default: '120' },
    'stall-timeout': { type: 'string', default: '120' },
    bases: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

function count(name: string, value: string | undefined, min = 0): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} takes an integer >= ${min}, got ${value}`);
  return n;
}

const seed = count('seed', args.seed);
const rand = prng(seed);
const schedule = parseSchedule(args.schedule!).map((f) => ({ ...f, atS: seed === 0 ? f.atS : f.atS + Math.round(rand() * 100) / 10 }));

const report = await runChaos({
  pages: count('pages', args.pages, 1),
  workers: count('workers', args.workers, 1),
  schedule,
  durations: {
    pgFastDownS: count('pg-fast-down', args['pg-fast-down']),
    pgSlowDownS: count('pg-slow-down', args['pg-slow-down']),
    cutDownS: count('cut-down', args['cut-down']),
    redisDownS: 1,
  },
  timings: { lockDurationMs: 15_000, stalledIntervalMs: 5_000, reconcileIntervalMs: 10_000, reconcileMinAgeMs: 10_000, retryBackoffMs: 1000 },
  submitOverS: count('submit-over', args['submit-over']),
  stallTimeoutS: count('stall-timeout', args['stall-timeout'], 1),
  bases: args.bases === undefined ? undefined : count('bases', args.bases, 1),
  log: (line) => process.stderr.write(`chaos: ${line}\n`),
});

const met = report.lost === 0 && report.duplicatedTotal === 0 && report.stuck === 0 && !report.operatorActionNeeded && report.integrity.ok && (report.statuses.failed ?? 0) === 0;
const out = path.join(path.dirname(new URL(import.meta.url).pathname), 'out');
fs.mkdirSync(out, { recursive: true });
const file = path.join(out, `chaos-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(file, `${JSON.stringify({ seed, ...report }, null, 2)}\n`);

if (args.json) process.stdout.write(`${JSON.stringify({ seed, targetsMet: met, ...report }, null, 2)}\n`);
else process.stdout.write(text(report, met));
process.exitCode = met ? 0 : 1;

function text(r: ChaosReport, ok: boolean): string {
  const lines = [
    '',
    `chaos run: ${r.pages} pages (${r.bases} benchmark bases), ${r.workers} workers, seed ${seed}`,
    ...r.faults.map((f) => `  ${f.kind.padEnd(8)} ${f.startS.toFixed(1).padStart(6)} s -> ${f.endS.toFixed(1).padStart(6)} s  ${f.detail}`),
    `submissions per status: ${JSON.stringify(r.statuses)}`,
    r.statuses.failed ? `failed because: ${JSON.stringify(r.failedReasons)}` : '',
    `lost (never final): ${r.lost}${r.lost ? ` e.g. ${r.lostSample.join(' ')}` : ''}`,
    `duplicated rows: ${r.duplicatedTotal} ${JSON.stringify(r.duplicated)}`,
    `stuck jobs: ${r.stuck}; failed jobs: ${r.jobs.failed}`,
    `drain after the last fault: ${r.drainAfterLastFaultS === null ? 'did not drain by itself' : `${r.drainAfterLastFaultS.toFixed(1)} s`} (${r.backlogAtLastFault ?? '?'} submissions not yet final when it healed)`,
    `operator action needed: ${r.operatorActionNeeded ? `yes: ${r.operatorActions.join('; ')}` : 'no'}`,
    `submitter: ${r.submit.batches} batches, ${r.submit.retried} retried while Postgres was away, ${r.submit.recordedWithoutJob} recorded while Redis was away (left to the sweep)`,
    `re-enqueued by the workers' sweep: ${r.requeuedBySweep.fetch} fetch and ${r.requeuedBySweep.process} process jobs`,
    `worker processes started: ${r.workerStarts}; crashed on their own: ${r.workerCrashes.length}; error lines logged: ${r.workerErrors.count} (unhandled: ${r.workerErrors.unhandled})`,
    `integrity sweep: ${r.integrity.ok ? 'ok' : 'MISMATCHES'} (${r.integrity.bodies} bodies, ${r.integrity.articles} articles)`,
    `wall ${r.wallS.toFixed(0)} s; CPU ${r.cpuS.workers.toFixed(0)} s in workers, ${r.cpuS.driver.toFixed(0)} s in the driver; load ${r.loadAvg.start.map((x) => x.toFixed(1)).join(' ')} -> ${r.loadAvg.end.map((x) => x.toFixed(1)).join(' ')}`,
    `targets (0 lost, 0 duplicated, 0 stuck, 0 failed, no operator action, integrity ok): ${ok ? 'met' : 'NOT met'}`,
    `figures written to ${path.relative(process.cwd(), file)}`,
  ];
  return `${lines.filter(Boolean).join('\n')}\n`;
}
