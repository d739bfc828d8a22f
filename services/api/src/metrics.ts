/**
 * Prometheus metrics. Job outcomes come from BullMQ's QueueEvents (the Redis event stream of
 * each queue), so the API sees every worker's jobs wherever they run; queue depths and
 * submission counts are read when Prometheus scrapes. Each API replica counts every event:
 * aggregate replicas with max(), not sum(). Every name starts with `vellum_` (the process and
 * Node.js defaults too) and follows promtool's lint: only counters end in `_total`.
 */
import { QueueEvents, type ConnectionOptions } from 'bullmq';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics, type Metric } from 'prom-client';
import { countSubmissionsByStatus, type Database } from '@vellum/db';
import { ALL_QUEUE_NAMES, type VellumQueues } from '@vellum/queue';
import { QUEUE_METRICS_DEFAULTS } from './defaults.ts';

export interface QueueMetricsOptions {
  db: Database;
  queues: VellumQueues;
  /**
   * Subscribe to job events (completed/failed/stalled counters, durations).
   * @defaultValue true
   */
  jobEvents?: boolean;
}

export interface QueueMetrics {
  readonly registry: Registry;
  /** Resolves once the event subscriptions are connected (immediately without jobEvents). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** The one prefix of every metric the API exposes. */
export const METRIC_PREFIX = 'vellum_';

/**
 * prom-client's defaults include gauges named `…_total` (`nodejs_active_handles_total`), which
 * promtool flags: `_total` is the counter suffix. Each is the sum of a per-type gauge it sits
 * beside (`nodejs_active_handles{type=…}`), so it is dropped (`sum(vellum_nodejs_active_handles)`
 * gives it); one without such a twin is renamed without the suffix. prom-client has no option
 * for these names.
 */
function renameTotalGauges(registry: Registry): void {
  for (const metric of registry.getMetricsAsArray() as unknown as Array<Metric & { name: string; type?: unknown }>) {
    if (!metric.name.endsWith('_total') || String(metric.type) === 'counter') continue;
    registry.removeSingleMetric(metric.name);
    const name = metric.name.slice(0, -'_total'.length);
    if (registry.getSingleMetric(name)) continue;
    metric.name = name;
    registry.registerMetric(metric);
  }
}

/** A blocking reader needs maxRetriesPerRequest null: copy plain options with it set. */
function blockingConnection(connection: ConnectionOptions): ConnectionOptions {
  const isClient = typeof (connection as { duplicate?: unknown }).duplicate === 'function';
  return isClient ? connection : { ...(connection as object), maxRetriesPerRequest: null };
}

export function createQueueMetrics(options: QueueMetricsOptions): QueueMetrics {
  const { db, queues } = options;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  renameTotalGauges(registry);

  const completed = new Counter({
    name: 'vellum_jobs_completed_total',
    help: 'Jobs completed, by queue',
    labelNames: ['queue'] as const,
    registers: [registry],
  });
  const failed = new Counter({
    name: 'vellum_jobs_failed_total',
    help: 'Jobs failed for good (retries exhausted or a permanent error), by queue',
    labelNames: ['queue'] as const,
    registers: [registry],
  });
  const stalled = new Counter({
    name: 'vellum_jobs_stalled_total',
    help: 'Jobs whose worker stopped renewing the lock (crash, kill) and that were handed back, by queue',
    labelNames: ['queue'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'vellum_job_duration_seconds',
    help: 'Time a worker spent on a completed job, by queue',
    labelNames: ['queue'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  for (const queue of ALL_QUEUE_NAMES) {
    completed.inc({ queue }, 0);
    failed.inc({ queue }, 0);
    stalled.inc({ queue }, 0);
  }

  new Gauge({
    name: 'vellum_queue_jobs',
    help: 'Jobs in each queue by state, read at scrape time',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      const counts = await queues.counts();
      for (const [queue, byState] of Object.entries(counts)) {
        for (const [state, n] of Object.entries(byState)) this.set({ queue, state }, n);
      }
    },
  });
  new Gauge({
    name: 'vellum_submissions',
    help: 'Submissions by status, read at scrape time',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const counts = await countSubmissionsByStatus(db);
      for (const [status, n] of Object.entries(counts)) this.set({ status }, n);
    },
  });

  const events: QueueEvents[] = [];
  if (options.jobEvents ?? QUEUE_METRICS_DEFAULTS.jobEvents) {
    for (const name of ALL_QUEUE_NAMES) {
      const queue = name === 'schedule' ? queues.schedule : queues.byName(name);
      const qe = new QueueEvents(name, { connection: blockingConnection(queue.opts.connection), prefix: queues.prefix });
      qe.on('error', () => {}); // reconnects by itself; a scrape still answers meanwhile
      qe.on('completed', ({ returnvalue }) => {
        completed.inc({ queue: name });
        const ms = (returnvalue as unknown as { durationMs?: unknown } | null)?.durationMs;
        if (typeof ms === 'number' && Number.isFinite(ms)) duration.observe({ queue: name }, ms / 1000);
      });
      qe.on('failed', () => failed.inc({ queue: name }));
      qe.on('stalled', () => stalled.inc({ queue: name }));
      events.push(qe);
    }
  }

  return {
    registry,
    async ready() {
      await Promise.all(events.map((e) => e.waitUntilReady()));
    },
    async close() {
      await Promise.allSettled(events.map((e) => e.close()));
    },
  };
}
