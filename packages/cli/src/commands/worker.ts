/**
 * `vellum worker`: consume the fetch and/or process queues until SIGTERM or SIGINT, then stop
 * taking jobs, let the in-flight ones finish (or hand them back after --shutdown-timeout) and
 * exit 0. Run as many as you like, on as many machines: they share Redis and Postgres.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { defaultJobOptions, redisConnectionOptions } from '@vellum/queue';
import { startWorkers, type WorkerRole } from '@vellum/worker';
import type { CliContext } from '../context.ts';
import { sharedFetcher } from '../fetcher.ts';
import { loadCleanOptions } from '../site-rules.ts';
import { parsePositiveInt, queueSetup } from './submit.ts';
import { printNotice } from '../output.ts';
import { pipelineThreadEntry } from '../pipeline-thread.ts';

interface WorkerFlags {
  role: WorkerRole;
  concurrency?: number;
  perHostDelay?: number;
  perHostConcurrency?: number;
  lockDuration: number;
  stalledInterval: number;
  shutdownTimeout: number;
  reconcileInterval: number;
  reconcileMinAge: number;
}

function parseRole(value: string): WorkerRole {
  if (value !== 'fetch' && value !== 'process' && value !== 'all') {
    throw new InvalidArgumentError('expected fetch, process or all');
  }
  return value;
}

export function parseMs(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`expected milliseconds, got ${JSON.stringify(value)}`);
  return n;
}

export function registerWorker(program: Command, ctx: CliContext): void {
  program
    .command('worker')
    .description('run queue workers until SIGTERM/SIGINT (needs REDIS_URL and DATABASE_URL)')
    .option('-r, --role <role>', 'which queues to consume: fetch, process or all', parseRole, 'all')
    .option('-c, --concurrency <n>', 'jobs at once per queue (default: fetch 8, process 2)', parsePositiveInt)
    .option('--per-host-delay <ms>', 'minimum gap between two requests to one host, shared by all workers (default VELLUM_PER_HOST_DELAY_MS, 1000)', parseMs)
    .option('--per-host-concurrency <n>', 'requests in flight to one host across all workers (default VELLUM_PER_HOST_CONCURRENCY, 2)', parsePositiveInt)
    .option('--lock-duration <ms>', 'job lock; a dead worker\'s jobs return after about this plus --stalled-interval', parseMs, 30_000)
    .option('--stalled-interval <ms>', 'how often to look for jobs of dead workers', parseMs, 30_000)
    .option('--shutdown-timeout <ms>', 'on SIGTERM, how long in-flight jobs may take before they are handed back', parseMs, 30_000)
    .option('--reconcile-interval <ms>', 'how often one worker re-enqueues the jobs Redis lost (as `vellum recover`); 0: never', parseMs, 60_000)
    .option('--reconcile-min-age <ms>', 'the sweep leaves alone submissions whose status moved less than this long ago', parseMs, 10_000)
    .action(async (flags: WorkerFlags) => {
      const { redisUrl, db } = await queueSetup(ctx, 'worker');
      const { logger, config } = ctx;
      const fetcher = sharedFetcher(ctx, redisUrl, {
        ...(flags.perHostDelay !== undefined ? { perHostDelayMs: flags.perHostDelay } : {}),
        ...(flags.perHostConcurrency !== undefined ? { perHostConcurrency: flags.perHostConcurrency } : {}),
      });

      const handle = startWorkers({
        role: flags.role,
        concurrency: flags.concurrency,
        connection: redisConnectionOptions(redisUrl, { role: 'worker' }),
        prefix: config.queuePrefix,
        jobOptions: defaultJobOptions({ attempts: config.jobAttempts, backoffMs: config.retryBackoffMs }),
        db,
        fetcher,
        cleanOptions: await loadCleanOptions(config),
        minTextChars: config.minTextChars,
        logger,
        lockDurationMs: flags.lockDuration,
        stalledIntervalMs: flags.stalledInterval,
        shutdownTimeoutMs: flags.shutdownTimeout,
        reconcileIntervalMs: flags.reconcileInterval,
        reconcileMinAgeMs: flags.reconcileMinAge,
        processTimeoutMs: config.processTimeoutMs,
        pipelineThreadEntry: pipelineThreadEntry(),
      });
      printNotice(`vellum worker: consuming ${flags.role === 'all' ? 'fetch and process' : flags.role} (prefix ${config.queuePrefix}); SIGTERM or Ctrl-C stops\n`);

      const signal = await new Promise<NodeJS.Signals>((resolve) => {
        process.once('SIGTERM', () => resolve('SIGTERM'));
        process.once('SIGINT', () => resolve('SIGINT'));
      });
      printNotice(`vellum worker: ${signal}: finishing in-flight jobs (a second signal exits at once)\n`);
      const again = (): void => process.exit(130);
      process.once('SIGTERM', again);
      process.once('SIGINT', again);
      await handle.close();
      printNotice('vellum worker: stopped\n');
    });
}
