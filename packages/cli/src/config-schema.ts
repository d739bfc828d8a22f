/**
 * Every setting of the `vellum` command and the services: its environment variable, its key in
 * `vellum.config.json` (or YAML), its default and its validation. One zod schema checks values
 * from every source, so a limit means the same whether it comes from the environment or a file.
 */
import { z } from 'zod';
import { PROCESS_PAGE_DEFAULTS as coreDefaults } from '@vellum/core/defaults';
import { FETCHER_DEFAULTS as fetchDefaults } from '@vellum/fetcher/defaults';
import { CREATE_QUEUES_DEFAULTS as queueDefaults, JOB_RETRY_DEFAULTS as retryDefaults } from '@vellum/queue/defaults';
import { DATABASE_DEFAULTS as dbDefaults } from '@vellum/db/defaults';
import { PIPELINE_RUNNER_DEFAULTS as runnerDefaults } from '@vellum/ingest/defaults';
import { BUILD_API_DEFAULTS as apiDefaults, RATE_LIMIT_DEFAULTS as rateLimitDefaults } from '@vellum/api/defaults';

/**
 * The packages' defaults, so `vellum config` shows the values in force. From their `/defaults`
 * subpaths, modules with no imports: every command reads the config at start, and importing
 * @vellum/core itself here would load the pipeline for `vellum --help`.
 */
export const MIN_TEXT_CHARS_DEFAULT = coreDefaults.minTextChars;
/** The process step's time budget per page (DEFAULT_PROCESS_TIMEOUT_MS in @vellum/ingest). */
export const PROCESS_TIMEOUT_MS_DEFAULT = runnerDefaults.timeoutMs;

const positiveInt = z.coerce.number().int().positive();
const nonNegativeInt = z.coerce.number().int().min(0);

function urlWithScheme(schemes: string[], example: string) {
  return z
    .string()
    .refine((value) => URL.canParse(value), { message: `not a URL; expected e.g. ${example}` })
    .refine((value) => !URL.canParse(value) || schemes.includes(new URL(value).protocol), {
      message: `must start with ${schemes.map((s) => `${s}//`).join(' or ')}, e.g. ${example}`,
    });
}

/** A list given as "a, b" (environment) or ["a", "b"] (file). */
const hostList = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : value.split(',')).map((s) => s.trim()).filter(Boolean));

export const configSchema = z
  .object({
    home: z.string().min(1).default('./.vellum'),
    databaseUrl: urlWithScheme(['postgres:', 'postgresql:'], 'postgres://postgres@127.0.0.1:5432/vellum').optional(),
    // Lowercase only: Postgres folds the unquoted search_path, so an uppercase name would miss.
    dbSchema: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a plain lowercase SQL identifier').default(dbDefaults.schema),
    redisUrl: urlWithScheme(['redis:', 'rediss:'], 'redis://127.0.0.1:6379').optional(),
    queuePrefix: z.string().min(1).default(queueDefaults.prefix),
    apiToken: z.string().min(16, 'use at least 16 characters').optional(),
    apiTokenName: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'use 1-63 lowercase letters, digits, ".", "_" or "-"').default(apiDefaults.tokenName),
    apiRateLimitMax: positiveInt.default(rateLimitDefaults.max),
    apiRateLimitAnonymousMax: positiveInt.default(rateLimitDefaults.anonymousMax),
    apiRateLimitWindowMs: positiveInt.default(rateLimitDefaults.windowMs),
    apiHost: z.string().min(1).default('127.0.0.1'),
    apiPort: z.coerce.number().int().min(0).max(65535).default(8080),
    userAgent: z.string().min(1).optional(),
    allowHosts: hostList.default([]),
    siteRulesPath: z.string().min(1).optional(),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),

    connectTimeoutMs: positiveInt.default(fetchDefaults.connectTimeoutMs),
    headersTimeoutMs: positiveInt.default(fetchDefaults.headersTimeoutMs),
    bodyIdleTimeoutMs: positiveInt.default(fetchDefaults.bodyIdleTimeoutMs),
    totalTimeoutMs: positiveInt.default(fetchDefaults.totalTimeoutMs),
    maxBodyBytes: positiveInt.default(fetchDefaults.maxBodyBytes),
    oversize: z.enum(['fail', 'truncate']).default(fetchDefaults.oversize),
    maxRedirects: nonNegativeInt.default(fetchDefaults.maxRedirects),
    maxUrlLength: positiveInt.default(fetchDefaults.maxUrlLength),
    perHostDelayMs: nonNegativeInt.default(fetchDefaults.perHostDelayMs),
    maxCrawlDelayMs: nonNegativeInt.default(fetchDefaults.maxCrawlDelayMs),
    perHostConcurrency: positiveInt.default(fetchDefaults.perHostConcurrency),
    fetchConcurrency: positiveInt.default(fetchDefaults.globalConcurrency),
    maxRetryAfterMs: nonNegativeInt.default(fetchDefaults.maxRetryAfterMs),
    robotsCacheTtlMs: nonNegativeInt.default(fetchDefaults.robotsCacheTtlMs),
    jobAttempts: positiveInt.default(retryDefaults.attempts),
    retryBackoffMs: nonNegativeInt.default(retryDefaults.backoffMs),
    minTextChars: nonNegativeInt.default(MIN_TEXT_CHARS_DEFAULT),
    processTimeoutMs: positiveInt.default(PROCESS_TIMEOUT_MS_DEFAULT),
  })
  .strict();

export type ConfigValues = z.output<typeof configSchema>;
export type ConfigKey = keyof ConfigValues;

/** How each setting is secret: a token shown as ***, or a URL whose password is masked. */
export type SecretKind = 'token' | 'url';

export interface SettingInfo {
  env: string;
  secret?: SecretKind;
  doc: string;
}

/** The environment variable of every setting (the file uses the key itself). */
export const SETTINGS: Record<ConfigKey, SettingInfo> = {
  home: { env: 'VELLUM_HOME', doc: 'where the embedded database (PGlite) keeps its data' },
  databaseUrl: { env: 'DATABASE_URL', secret: 'url', doc: 'a postgres:// URL; when set, Postgres is used instead of the embedded database' },
  dbSchema: { env: 'VELLUM_DB_SCHEMA', doc: 'the Postgres schema holding the tables (not used by the embedded database)' },
  redisUrl: { env: 'REDIS_URL', secret: 'url', doc: 'Redis for the queues (submit, worker, serve, scheduler)' },
  queuePrefix: { env: 'VELLUM_QUEUE_PREFIX', doc: 'BullMQ key prefix, one per deployment' },
  apiToken: { env: 'VELLUM_API_TOKEN', secret: 'token', doc: 'legacy shared bearer token of the HTTP API (16+ characters), beside the named tokens of `vellum token`' },
  apiTokenName: { env: 'VELLUM_API_TOKEN_NAME', doc: 'the name submissions made with VELLUM_API_TOKEN record as submitted_by' },
  apiRateLimitMax: { env: 'VELLUM_API_RATE_LIMIT_MAX', doc: 'API requests one token may make per window (then 429)' },
  apiRateLimitAnonymousMax: { env: 'VELLUM_API_RATE_LIMIT_ANONYMOUS_MAX', doc: 'API requests one IP address without a valid token may make per window' },
  apiRateLimitWindowMs: { env: 'VELLUM_API_RATE_LIMIT_WINDOW_MS', doc: 'the rate-limit window of the API' },
  apiHost: { env: 'VELLUM_API_HOST', doc: 'address `vellum serve` listens on' },
  apiPort: { env: 'VELLUM_API_PORT', doc: 'port `vellum serve` listens on' },
  userAgent: { env: 'VELLUM_USER_AGENT', doc: "the fetcher's User-Agent (default Vellum/<version> (+contact URL))" },
  allowHosts: { env: 'VELLUM_ALLOW_HOSTS', doc: 'comma-separated hosts or CIDRs let through the private-address guard' },
  siteRulesPath: { env: 'VELLUM_SITE_RULES', doc: 'JSON file of host-specific cleaning rules' },
  logLevel: { env: 'LOG_LEVEL', doc: 'pino log level (logs go to stderr as JSON)' },
  connectTimeoutMs: { env: 'VELLUM_CONNECT_TIMEOUT_MS', doc: 'TCP + TLS connect timeout of a fetch' },
  headersTimeoutMs: { env: 'VELLUM_HEADERS_TIMEOUT_MS', doc: 'time from request to all response headers' },
  bodyIdleTimeoutMs: { env: 'VELLUM_BODY_IDLE_TIMEOUT_MS', doc: 'longest pause between two body chunks' },
  totalTimeoutMs: { env: 'VELLUM_TOTAL_TIMEOUT_MS', doc: 'whole fetch of one hop, headers and body' },
  maxBodyBytes: { env: 'VELLUM_MAX_BODY_BYTES', doc: 'largest body kept, after decompression' },
  oversize: { env: 'VELLUM_OVERSIZE', doc: 'a body over the limit: fail, or truncate (keep the first bytes, marked)' },
  maxRedirects: { env: 'VELLUM_MAX_REDIRECTS', doc: 'redirects followed before giving up' },
  maxUrlLength: { env: 'VELLUM_MAX_URL_LENGTH', doc: 'longest URL accepted, in characters' },
  perHostDelayMs: { env: 'VELLUM_PER_HOST_DELAY_MS', doc: 'minimum gap between two requests to one host (all workers)' },
  maxCrawlDelayMs: { env: 'VELLUM_MAX_CRAWL_DELAY_MS', doc: "cap on a robots.txt Crawl-delay's raise of that gap" },
  perHostConcurrency: { env: 'VELLUM_PER_HOST_CONCURRENCY', doc: 'requests in flight to one host (all workers)' },
  fetchConcurrency: { env: 'VELLUM_FETCH_CONCURRENCY', doc: 'requests in flight from one process' },
  maxRetryAfterMs: { env: 'VELLUM_MAX_RETRY_AFTER_MS', doc: 'cap on a Retry-After honoured for 429/5xx' },
  robotsCacheTtlMs: { env: 'VELLUM_ROBOTS_CACHE_TTL_MS', doc: 'how long a fetched robots.txt is trusted' },
  jobAttempts: { env: 'VELLUM_JOB_ATTEMPTS', doc: 'attempts of a queued fetch or process job, the first included' },
  retryBackoffMs: { env: 'VELLUM_RETRY_BACKOFF_MS', doc: 'base of the exponential backoff between attempts' },
  minTextChars: { env: 'VELLUM_MIN_TEXT_CHARS', doc: 'an article needs at least this many characters of text (not counting spaces)' },
  processTimeoutMs: { env: 'VELLUM_PROCESS_TIMEOUT_MS', doc: "the process step's time budget per page; a page past it fails (process-timeout)" },
};

export const CONFIG_KEYS = Object.keys(SETTINGS) as ConfigKey[];

/** A value for display: tokens as ***, URL passwords as ***. */
export function maskValue(key: ConfigKey, value: unknown): unknown {
  if (value === undefined) return value;
  const secret = SETTINGS[key].secret;
  if (secret === 'token') return '***';
  if (secret === 'url' && typeof value === 'string' && URL.canParse(value)) {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.toString();
  }
  return value;
}
