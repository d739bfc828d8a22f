/**
 * Fetcher configuration: every knob with its documented default, resolved once in
 * `createFetcher`. Nothing here reads the environment; entry points pass values in.
 */
import type { LookupFunction } from 'node:net';
import type { Redis } from 'ioredis';
import { FETCHER_VERSION } from './version.ts';

export interface FetcherOptions {
  /**
   * User-Agent header. Must identify Vellum and say how to reach the operator.
   * Default: `Vellum/<FETCHER_VERSION> (+<contactUrl>)`.
   */
  userAgent?: string;
  /** Contact URL put in the default user agent. Default `https://github.com/vellum-archive/vellum`. */
  contactUrl?: string;
  /** Product token matched against robots.txt `User-agent` lines. Default `Vellum`. */
  robotsUserAgent?: string;

  /** TCP + TLS connect timeout. Default 10 000 ms. */
  connectTimeoutMs?: number;
  /** Time from sending the request to receiving all response headers. Default 15 000 ms. */
  headersTimeoutMs?: number;
  /** Longest pause between two body chunks (catches trickling servers). Default 15 000 ms. */
  bodyIdleTimeoutMs?: number;
  /** Whole fetch of one hop, headers and body included. Default 60 000 ms. */
  totalTimeoutMs?: number;

  /** Largest body kept, counted after decompression. Default 10 MiB. */
  maxBodyBytes?: number;
  /** What to do when a body exceeds `maxBodyBytes`: fail (`body-too-large`) or keep the first bytes and mark the capture truncated. Default `fail`. */
  oversize?: 'fail' | 'truncate';
  /** Redirects followed before giving up. Default 10. */
  maxRedirects?: number;
  /** Longest URL accepted (submitted or redirect target), in characters. Default 2048. */
  maxUrlLength?: number;

  /**
   * Host names exempt from the destination guard (exact, case-insensitive), e.g. an internal
   * mirror. Default none. Prefer `allowCidrs` when the address is known.
   */
  allowHosts?: string[];
  /** Address ranges exempt from the destination guard, e.g. `['127.0.0.1/32']` in tests. Default none. */
  allowCidrs?: string[];
  /**
   * Resolver used for every connection (same contract as `dns.lookup`). Injectable so tests
   * can map names to private addresses without real DNS. Default `dns.lookup`.
   */
  lookup?: LookupFunction;

  /** Check robots.txt before fetching. Default true. */
  respectRobots?: boolean;
  /** How long a fetched robots.txt is trusted. Default 1 hour. */
  robotsCacheTtlMs?: number;
  /** robots.txt hosts kept in the in-process cache. Default 10 000. */
  robotsCacheMaxEntries?: number;
  /** Largest robots.txt read; the rest is ignored (RFC 9309 asks for at least 500 KiB). Default 512 KiB. */
  maxRobotsBytes?: number;

  /** Minimum gap between the starts of two requests to one host. Default 1 000 ms. */
  perHostDelayMs?: number;
  /** A robots.txt Crawl-delay raises the gap, up to this much. Default 30 000 ms. */
  maxCrawlDelayMs?: number;
  /** Requests in flight to one host at once (across processes when Redis is set). Default 2. */
  perHostConcurrency?: number;
  /** Requests in flight from this fetcher at once. Default 16. */
  globalConcurrency?: number;

  /**
   * Redis client holding the per-host delay and concurrency state, shared by every process
   * using the same `redisKeyPrefix`. Default none: state is kept in this process. The fetcher
   * never closes a client it was given.
   */
  redis?: Redis;
  /** Key prefix for the politeness keys in Redis. Default `vellum:fetcher:`. */
  redisKeyPrefix?: string;

  /** Cap on the Retry-After reported with 429/5xx errors. Default 1 hour. */
  maxRetryAfterMs?: number;

  /**
   * How the operator sets each limit (e.g. `VELLUM_MAX_BODY_BYTES`), named by the errors that
   * say to raise it. Default: the option names above.
   */
  settingNames?: SettingNames;
}

/** Operator-facing names of the options that error messages tell people to change. */
export interface SettingNames {
  allowHosts?: string;
  maxBodyBytes?: string;
  maxRedirects?: string;
  maxUrlLength?: string;
}

export interface ResolvedFetcherOptions
  extends Required<Omit<FetcherOptions, 'redis' | 'lookup' | 'contactUrl' | 'settingNames'>> {
  settingNames: SettingNames;
  redis: Redis | undefined;
  lookup: LookupFunction | undefined;
}

export const DEFAULT_CONTACT_URL = 'https://github.com/vellum-archive/vellum';

export function resolveOptions(options: FetcherOptions): ResolvedFetcherOptions {
  const contactUrl = options.contactUrl ?? DEFAULT_CONTACT_URL;
  const resolved: ResolvedFetcherOptions = {
    userAgent: options.userAgent ?? `Vellum/${FETCHER_VERSION} (+${contactUrl})`,
    robotsUserAgent: options.robotsUserAgent ?? 'Vellum',
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    headersTimeoutMs: options.headersTimeoutMs ?? 15_000,
    bodyIdleTimeoutMs: options.bodyIdleTimeoutMs ?? 15_000,
    totalTimeoutMs: options.totalTimeoutMs ?? 60_000,
    maxBodyBytes: options.maxBodyBytes ?? 10 * 1024 * 1024,
    oversize: options.oversize ?? 'fail',
    maxRedirects: options.maxRedirects ?? 10,
    maxUrlLength: options.maxUrlLength ?? 2048,
    allowHosts: (options.allowHosts ?? []).map((h) => h.toLowerCase()),
    allowCidrs: options.allowCidrs ?? [],
    lookup: options.lookup,
    respectRobots: options.respectRobots ?? true,
    robotsCacheTtlMs: options.robotsCacheTtlMs ?? 3_600_000,
    robotsCacheMaxEntries: options.robotsCacheMaxEntries ?? 10_000,
    maxRobotsBytes: options.maxRobotsBytes ?? 512 * 1024,
    perHostDelayMs: options.perHostDelayMs ?? 1_000,
    maxCrawlDelayMs: options.maxCrawlDelayMs ?? 30_000,
    perHostConcurrency: options.perHostConcurrency ?? 2,
    globalConcurrency: options.globalConcurrency ?? 16,
    redis: options.redis,
    redisKeyPrefix: options.redisKeyPrefix ?? 'vellum:fetcher:',
    maxRetryAfterMs: options.maxRetryAfterMs ?? 3_600_000,
    settingNames: options.settingNames ?? {},
  };
  validate(resolved);
  return resolved;
}

function validate(o: ResolvedFetcherOptions): void {
  const positive: Array<keyof ResolvedFetcherOptions> = [
    'connectTimeoutMs',
    'headersTimeoutMs',
    'bodyIdleTimeoutMs',
    'totalTimeoutMs',
    'maxBodyBytes',
    'maxUrlLength',
    'robotsCacheMaxEntries',
    'maxRobotsBytes',
    'perHostConcurrency',
    'globalConcurrency',
  ];
  for (const key of positive) {
    const value = o[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
      throw new RangeError(`fetcher option ${key} must be a positive integer, got ${String(value)}`);
    }
  }
  for (const key of ['maxRedirects', 'robotsCacheTtlMs', 'perHostDelayMs', 'maxCrawlDelayMs', 'maxRetryAfterMs'] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 0) {
      throw new RangeError(`fetcher option ${key} must be a non-negative integer, got ${String(o[key])}`);
    }
  }
  if (!o.userAgent.trim()) throw new RangeError('fetcher option userAgent must not be empty');
}
