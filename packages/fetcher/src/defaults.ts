/**
 * The fetcher's defaults, in a module with no imports so that the CLI's settings schema can show
 * them (`vellum config`, `--help`) without loading the fetcher (`@vellum/fetcher/defaults`).
 * `FetcherOptions` documents each with `@defaultValue`; `resolveOptions` reads them from here,
 * and a test holds the documentation and these values equal.
 */
export const FETCHER_DEFAULTS = {
  contactUrl: 'https://github.com/vellum-archive/vellum',
  robotsUserAgent: 'Vellum',
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 15_000,
  bodyIdleTimeoutMs: 15_000,
  totalTimeoutMs: 60_000,
  maxBodyBytes: 10 * 1024 * 1024,
  oversize: 'fail',
  maxRedirects: 10,
  maxUrlLength: 2048,
  allowHosts: [],
  allowCidrs: [],
  respectRobots: true,
  robotsCacheTtlMs: 3_600_000,
  robotsCacheMaxEntries: 10_000,
  maxRobotsBytes: 512 * 1024,
  perHostDelayMs: 1_000,
  maxCrawlDelayMs: 30_000,
  perHostConcurrency: 2,
  globalConcurrency: 16,
  redisKeyPrefix: 'vellum:fetcher:',
  maxRetryAfterMs: 3_600_000,
} as const;

/** writeWarc (`WriteWarcOptions`). */
export const WRITE_WARC_DEFAULTS = {
  end: true,
} as const;
