/**
 * Redis connection options from a `redis://` URL. BullMQ opens its own connections from these
 * options (a worker needs a blocking connection of its own), so callers pass options, not a
 * client.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { PermanentError } from '@vellum/core/errors';
import { REDIS_CONNECTION_DEFAULTS } from './defaults.ts';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export interface RedisConnectionOptions {
  /**
   * `worker`: commands wait for Redis to come back however long it takes
   * (`maxRetriesPerRequest: null`, which BullMQ requires for workers).
   * `producer` (default): a command fails after a few reconnection attempts, so an API request
   * or a `vellum submit` reports that Redis is down instead of hanging.
   * @defaultValue 'producer'
   */
  role?: 'worker' | 'producer';
  /**
   * Connection timeout in ms.
   * @defaultValue 10_000
   */
  connectTimeoutMs?: number;
}

/** REDIS_URL cannot be used; the message says what is expected. */
export class RedisUrlError extends PermanentError<'invalid-redis-url'> {
  constructor(message: string) {
    super('invalid-redis-url', message);
  }
}

/**
 * Parses `redis://[user[:password]@]host[:port][/db]` (or `rediss://` for TLS) into ioredis
 * options. Default URL: `redis://127.0.0.1:6379`.
 */
export function redisConnectionOptions(url: string = DEFAULT_REDIS_URL, options: RedisConnectionOptions = {}): RedisOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RedisUrlError(`REDIS_URL is not a URL: ${JSON.stringify(url)} (expected redis://host:port/db)`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new RedisUrlError(`REDIS_URL must start with redis:// or rediss://, got ${parsed.protocol}//`);
  }
  const dbPath = parsed.pathname.replace(/^\//, '');
  if (dbPath !== '' && !/^\d+$/.test(dbPath)) {
    throw new RedisUrlError(`REDIS_URL database must be a number, got ${JSON.stringify(dbPath)}`);
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
  const result: RedisOptions = {
    host,
    port: parsed.port ? Number(parsed.port) : 6379,
    db: dbPath ? Number(dbPath) : 0,
    connectTimeout: options.connectTimeoutMs ?? REDIS_CONNECTION_DEFAULTS.connectTimeoutMs,
    maxRetriesPerRequest: (options.role ?? REDIS_CONNECTION_DEFAULTS.role) === 'worker' ? null : 3,
  };
  if (parsed.username) result.username = decodeURIComponent(parsed.username);
  if (parsed.password) result.password = decodeURIComponent(parsed.password);
  if (parsed.protocol === 'rediss:') result.tls = { servername: host };
  return result;
}

/** A URL for logs: the password replaced by `***`. */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}

/**
 * A plain Redis client on the same URL, for what is not a queue (e.g. the fetcher's shared
 * politeness state). The caller closes it (`quit()`).
 */
export function createRedisClient(url: string = DEFAULT_REDIS_URL, options: RedisConnectionOptions = {}): Redis {
  const client = new Redis({ ...redisConnectionOptions(url, options), lazyConnect: false });
  // Errors surface through the commands that fail; reconnection is automatic.
  client.on('error', () => {});
  return client;
}
