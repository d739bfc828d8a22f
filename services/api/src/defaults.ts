/**
 * The API's defaults, in a module with no imports so that the CLI's settings schema can show them
 * without loading fastify (`@vellum/api/defaults`). `BuildApiOptions` and `RateLimitOptions`
 * document each with `@defaultValue`; the code reads them from here, and
 * test/documented-defaults.test.ts holds the documentation and these values equal.
 */
export const BUILD_API_DEFAULTS = {
  tokenName: 'default',
  tokenCacheMs: 5_000,
  /** The connection pool has 10. */
  submitConcurrency: 4,
  batchLimit: 1000,
  healthTimeoutMs: 2000,
  jobEvents: true,
  web: true,
} as const;

/** The queue metrics (`QueueMetricsOptions`). */
export const QUEUE_METRICS_DEFAULTS = {
  jobEvents: true,
} as const;

/** The web UI (`WebOptions`). */
export const WEB_DEFAULTS = {
  layoutTimeoutMs: 10_000,
} as const;

export const RATE_LIMIT_DEFAULTS = {
  max: 1200,
  anonymousMax: 60,
  windowMs: 60_000,
} as const;
