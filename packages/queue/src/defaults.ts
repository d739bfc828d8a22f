/**
 * The queue package's defaults, in a module with no imports so that the CLI's settings schema can
 * show them without loading BullMQ (`@vellum/queue/defaults`). `JobRetryOptions` and
 * `CreateQueuesOptions` document each with `@defaultValue`; the code reads them from here, and
 * test/documented-defaults.test.ts holds the documentation and these values equal.
 */
export const JOB_RETRY_DEFAULTS = {
  attempts: 8,
  backoffMs: 2000,
} as const;

/** redisConnectionOptions (`RedisConnectionOptions`). */
export const REDIS_CONNECTION_DEFAULTS = {
  role: 'producer',
  connectTimeoutMs: 10_000,
} as const;

export const CREATE_QUEUES_DEFAULTS = {
  prefix: 'vellum',
  enqueueTimeoutMs: 10_000,
} as const;
