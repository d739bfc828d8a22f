import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { PolitenessStore } from './store.ts';

// Times come from Redis (TIME), not from the callers, so machines with skewed clocks agree.
const NOW_MS = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** KEYS[1] zset token->expiry; ARGV limit, leaseMs, token. Returns 1 when a slot was taken. */
const ACQUIRE = `${NOW_MS}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
  return 1
end
return 0`;

/** KEYS[1] next permitted start (ms); ARGV delayMs. Returns the wait in ms. */
const RESERVE = `${NOW_MS}
local nextStart = tonumber(redis.call('GET', KEYS[1]) or '0')
local start = math.max(now, nextStart)
local delay = tonumber(ARGV[1])
redis.call('SET', KEYS[1], start + delay, 'PX', start - now + delay + 1000)
return start - now`;

/**
 * Politeness state in Redis, shared by all processes using `prefix`. Keys:
 * `<prefix>host:<host>:slots` (leased semaphore) and `<prefix>host:<host>:next` (next start).
 * Both expire on their own; nothing is left behind once a host goes quiet.
 */
export class RedisPolitenessStore implements PolitenessStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async tryAcquire(host: string, limit: number, leaseMs: number): Promise<string | null> {
    const token = randomUUID();
    const taken = await this.redis.eval(ACQUIRE, 1, this.#key(host, 'slots'), limit, leaseMs, token);
    return taken === 1 ? token : null;
  }

  async release(host: string, token: string): Promise<void> {
    await this.redis.zrem(this.#key(host, 'slots'), token);
  }

  async reserveStart(host: string, delayMs: number): Promise<number> {
    const wait = await this.redis.eval(RESERVE, 1, this.#key(host, 'next'), delayMs);
    return Number(wait);
  }

  #key(host: string, kind: string): string {
    return `${this.prefix}host:${host}:${kind}`;
  }
}
