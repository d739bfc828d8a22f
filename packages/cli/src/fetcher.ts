/** Builds the fetcher the CLI and the services use, from the validated config. */
import net from 'node:net';
import { createFetcher, type Fetcher, type FetcherOptions } from '@vellum/fetcher';
import { createRedisClient } from '@vellum/queue';
import type { CliContext } from './context.ts';
import type { VellumConfig } from './config.ts';
import { SETTINGS } from './config-schema.ts';

/** Splits VELLUM_ALLOW_HOSTS into address ranges and host names for the destination guard. */
export function allowListFrom(entries: readonly string[]): Pick<FetcherOptions, 'allowCidrs' | 'allowHosts'> {
  const allowCidrs: string[] = [];
  const allowHosts: string[] = [];
  for (const entry of entries) {
    const [address, bits] = entry.split('/');
    const family = net.isIP(address ?? '');
    if (family === 0) allowHosts.push(entry);
    else allowCidrs.push(bits === undefined ? `${address}/${family === 4 ? 32 : 128}` : entry);
  }
  return { allowCidrs, allowHosts };
}

/** The fetcher's options from the configuration: every limit and politeness knob. */
export function fetcherOptionsFrom(config: VellumConfig): FetcherOptions {
  return {
    ...(config.userAgent ? { userAgent: config.userAgent } : {}),
    ...allowListFrom(config.allowHosts),
    connectTimeoutMs: config.connectTimeoutMs,
    headersTimeoutMs: config.headersTimeoutMs,
    bodyIdleTimeoutMs: config.bodyIdleTimeoutMs,
    totalTimeoutMs: config.totalTimeoutMs,
    maxBodyBytes: config.maxBodyBytes,
    oversize: config.oversize,
    maxRedirects: config.maxRedirects,
    maxUrlLength: config.maxUrlLength,
    perHostDelayMs: config.perHostDelayMs,
    maxCrawlDelayMs: config.maxCrawlDelayMs,
    perHostConcurrency: config.perHostConcurrency,
    globalConcurrency: config.fetchConcurrency,
    maxRetryAfterMs: config.maxRetryAfterMs,
    robotsCacheTtlMs: config.robotsCacheTtlMs,
    // Errors that say "raise the limit" name the variables an operator sets.
    settingNames: {
      allowHosts: SETTINGS.allowHosts.env,
      maxBodyBytes: SETTINGS.maxBodyBytes.env,
      maxRedirects: SETTINGS.maxRedirects.env,
      maxUrlLength: SETTINGS.maxUrlLength.env,
    },
  };
}

export function fetcherFromConfig(config: VellumConfig, overrides: FetcherOptions = {}): Fetcher {
  return createFetcher({ ...fetcherOptionsFrom(config), ...overrides });
}

/**
 * A fetcher whose politeness state (per-host gaps and slots) lives in Redis, so every worker and
 * scheduler process on every machine respects the same limits. Closed with the command.
 */
export function sharedFetcher(ctx: CliContext, redisUrl: string, overrides: FetcherOptions = {}): Fetcher {
  const politeness = createRedisClient(redisUrl, { role: 'worker' });
  ctx.onClose(async () => {
    await politeness.quit().catch(() => politeness.disconnect());
  });
  const fetcher = fetcherFromConfig(ctx.config, { redis: politeness, redisKeyPrefix: `${ctx.config.queuePrefix}:fetcher:`, ...overrides });
  ctx.onClose(() => fetcher.close());
  return fetcher;
}
