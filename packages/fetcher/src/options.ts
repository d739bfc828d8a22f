/**
 * Fetcher configuration: every knob with its `@defaultValue` (the values live in defaults.ts),
 * resolved once in `createFetcher`. Nothing here reads the environment; entry points pass values in.
 */
import type { LookupFunction } from 'node:net';
import type { Redis } from 'ioredis';
import { systemClock, type Clock } from '@vellum/core/clock';
import { FETCHER_DEFAULTS as D } from './defaults.ts';
import { FETCHER_VERSION } from './version.ts';

export interface FetcherOptions {
  /**
   * User-Agent header. Must identify Vellum and say how to reach the operator.
   * @defaultValue `Vellum/<FETCHER_VERSION> (+<contactUrl>)`
   */
  userAgent?: string;
  /**
   * Contact URL put in the default user agent.
   * @defaultValue 'https://github.com/vellum-archive/vellum'
   */
  contactUrl?: string;
  /**
   * Product token matched against robots.txt `User-agent` lines.
   * @defaultValue 'Vellum'
   */
  robotsUserAgent?: string;

  /**
   * TCP + TLS connect timeout, in ms.
   * @defaultValue 10_000
   */
  connectTimeoutMs?: number;
  /**
   * Time from sending the request to receiving all response headers, in ms.
   * @defaultValue 15_000
   */
  headersTimeoutMs?: number;
  /**
   * Longest pause between two body chunks (catches trickling servers), in ms.
   * @defaultValue 15_000
   */
  bodyIdleTimeoutMs?: number;
  /**
   * Whole fetch of one hop, headers and body included, in ms.
   * @defaultValue 60_000
   */
  totalTimeoutMs?: number;

  /**
   * Largest body kept, counted after decompression, in bytes (10 MiB).
   * @defaultValue 10 * 1024 * 1024
   */
  maxBodyBytes?: number;
  /**
   * What to do when a body exceeds `maxBodyBytes`: fail (`body-too-large`) or keep the first
   * bytes and mark the capture truncated.
   * @defaultValue 'fail'
   */
  oversize?: 'fail' | 'truncate';
  /**
   * Redirects followed before giving up.
   * @defaultValue 10
   */
  maxRedirects?: number;
  /**
   * Longest URL accepted (submitted or redirect target), in characters.
   * @defaultValue 2048
   */
  maxUrlLength?: number;

  /**
   * Host names exempt from the destination guard (exact, case-insensitive), e.g. an internal
   * mirror. Prefer `allowCidrs` when the address is known.
   * @defaultValue []
   */
  allowHosts?: string[];
  /**
   * Address ranges exempt from the destination guard, e.g. `['127.0.0.1/32']` in tests.
   * @defaultValue []
   */
  allowCidrs?: string[];
  /**
   * Resolver used for every connection (same contract as `dns.lookup`). Injectable so tests
   * can map names to private addresses without real DNS.
   * @defaultValue `dns.lookup`
   */
  lookup?: LookupFunction;

  /**
   * Check robots.txt before fetching.
   * @defaultValue true
   */
  respectRobots?: boolean;
  /**
   * How long a fetched robots.txt is trusted, in ms (1 hour).
   * @defaultValue 3_600_000
   */
  robotsCacheTtlMs?: number;
  /**
   * robots.txt hosts kept in the in-process cache.
   * @defaultValue 10_000
   */
  robotsCacheMaxEntries?: number;
  /**
   * Largest robots.txt read, in bytes; the rest is ignored (RFC 9309 asks for at least 500 KiB).
   * @defaultValue 512 * 1024
   */
  maxRobotsBytes?: number;

  /**
   * Minimum gap between the starts of two requests to one host, in ms.
   * @defaultValue 1_000
   */
  perHostDelayMs?: number;
  /**
   * A robots.txt Crawl-delay raises the gap, up to this much, in ms.
   * @defaultValue 30_000
   */
  maxCrawlDelayMs?: number;
  /**
   * Requests in flight to one host at once (across processes when Redis is set).
   * @defaultValue 2
   */
  perHostConcurrency?: number;
  /**
   * Requests in flight from this fetcher at once.
   * @defaultValue 16
   */
  globalConcurrency?: number;

  /**
   * Redis client holding the per-host delay and concurrency state, shared by every process
   * using the same `redisKeyPrefix`. Without one, state is kept in this process. The fetcher
   * never closes a client it was given.
   * @defaultValue none
   */
  redis?: Redis;
  /**
   * Key prefix for the politeness keys in Redis.
   * @defaultValue 'vellum:fetcher:'
   */
  redisKeyPrefix?: string;

  /**
   * Time source of the in-process politeness delays and of robots.txt expiry; tests pass a
   * clock they move themselves. The Redis politeness store ignores it and keeps Redis's TIME,
   * so processes on machines with skewed clocks agree.
   * @defaultValue systemClock
   */
  clock?: Clock;

  /**
   * Cap on the Retry-After reported with 429/5xx errors, in ms (1 hour).
   * @defaultValue 3_600_000
   */
  maxRetryAfterMs?: number;

  /**
   * How the operator sets each limit (e.g. `VELLUM_MAX_BODY_BYTES`), named by the errors that
   * say to raise it.
   * @defaultValue the option names above
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

export const DEFAULT_CONTACT_URL = D.contactUrl;

export function resolveOptions(options: FetcherOptions): ResolvedFetcherOptions {
  const contactUrl = options.contactUrl ?? D.contactUrl;
  const resolved: ResolvedFetcherOptions = {
    userAgent: options.userAgent ?? `Vellum/${FETCHER_VERSION} (+${contactUrl})`,
    robotsUserAgent: options.robotsUserAgent ?? D.robotsUserAgent,
    connectTimeoutMs: options.connectTimeoutMs ?? D.connectTimeoutMs,
    headersTimeoutMs: options.headersTimeoutMs ?? D.headersTimeoutMs,
    bodyIdleTimeoutMs: options.bodyIdleTimeoutMs ?? D.bodyIdleTimeoutMs,
    totalTimeoutMs: options.totalTimeoutMs ?? D.totalTimeoutMs,
    maxBodyBytes: options.maxBodyBytes ?? D.maxBodyBytes,
    oversize: options.oversize ?? D.oversize,
    maxRedirects: options.maxRedirects ?? D.maxRedirects,
    maxUrlLength: options.maxUrlLength ?? D.maxUrlLength,
    allowHosts: (options.allowHosts ?? D.allowHosts).map((h) => h.toLowerCase()),
    allowCidrs: options.allowCidrs ?? [...D.allowCidrs],
    lookup: options.lookup,
    respectRobots: options.respectRobots ?? D.respectRobots,
    robotsCacheTtlMs: options.robotsCacheTtlMs ?? D.robotsCacheTtlMs,
    robotsCacheMaxEntries: options.robotsCacheMaxEntries ?? D.robotsCacheMaxEntries,
    maxRobotsBytes: options.maxRobotsBytes ?? D.maxRobotsBytes,
    perHostDelayMs: options.perHostDelayMs ?? D.perHostDelayMs,
    maxCrawlDelayMs: options.maxCrawlDelayMs ?? D.maxCrawlDelayMs,
    perHostConcurrency: options.perHostConcurrency ?? D.perHostConcurrency,
    globalConcurrency: options.globalConcurrency ?? D.globalConcurrency,
    redis: options.redis,
    redisKeyPrefix: options.redisKeyPrefix ?? D.redisKeyPrefix,
    clock: options.clock ?? systemClock,
    maxRetryAfterMs: options.maxRetryAfterMs ?? D.maxRetryAfterMs,
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
