/** Builds the fetcher the CLI and the services use, from the validated config. */
import net from 'node:net';
import { createFetcher, type Fetcher, type FetcherOptions } from '@vellum/fetcher';
import { createRedisClient } from '@vellum/queue';
import type { CliContext } from './context.ts';
import type { VellumConfig } from './config.ts';

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

export function fetcherFromConfig(config: VellumConfig, overrides: FetcherOptions = {}): Fetcher {
  return createFetcher({
    ...(config.userAgent ? { userAgent: config.userAgent } : {}),
    ...allowListFrom(config.allowHosts),
    ...overrides,
  });
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
