/**
 * The workers' defaults, in a module with no imports so that the CLI's settings schema can show
 * them without loading BullMQ or the pipeline (`@vellum/worker/defaults`). `StartWorkersOptions`
 * documents each with `@defaultValue`; startWorkers reads them from here, and
 * test/documented-defaults.test.ts holds the documentation and these values equal.
 */
export const START_WORKERS_DEFAULTS = {
  role: 'all',
  /** Fetch jobs wait on the network; process jobs are CPU bound (a second overlaps database writes). */
  concurrency: { fetch: 8, process: 2 },
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  maxStalledCount: 2,
  outageLogIntervalMs: 30_000,
  shutdownTimeoutMs: 30_000,
  reconcileIntervalMs: 60_000,
  reconcileMinAgeMs: 10_000,
} as const;
