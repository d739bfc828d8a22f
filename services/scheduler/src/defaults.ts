/**
 * The scheduler's defaults, in a module with no imports so that they can be shown without loading
 * BullMQ or the fetcher (`@vellum/scheduler/defaults`). The options interfaces document each with
 * `@defaultValue`; the code reads them from here, and test/documented-defaults.test.ts holds the
 * documentation and these values equal.
 */

/** Bounds on one run (`RunLimits`). */
export const RUN_LIMITS_DEFAULTS = {
  maxDocuments: 100,
  maxIndexDepth: 2,
  maxDiscoveredFeeds: 1,
  maxEntriesPerDocument: 50_000,
  /** The sitemap protocol's limit. */
  maxDecodedBytes: 50 * 1024 * 1024,
} as const;

/** startScheduler (`StartSchedulerOptions`). */
export const START_SCHEDULER_DEFAULTS = {
  concurrency: 2,
  reconcileIntervalMs: 60_000,
} as const;

/** addSchedule (`AddScheduleInput`). */
export const ADD_SCHEDULE_DEFAULTS = {
  kind: 'auto',
} as const;

/** The control functions `vellum schedule …` calls (`ScheduleControl`). */
export const SCHEDULE_CONTROL_DEFAULTS = {
  actor: 'cli',
  redisTimeoutMs: 5_000,
} as const;
