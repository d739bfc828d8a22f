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

/** KEYS[1] last claimed start (ms); ARGV delayMs. Returns 0 when claimed, else the wait in ms. */
const CLAIM = `${NOW_MS}
local delay = tonumber(ARGV[1])
local last = tonumber(redis.call('GET', KEYS[1]) or '')
if last and now < last + delay then return last + delay - now end
redis.call('SET', KEYS[1], now, 'PX', delay + 1000)
return 0`;

/** KEYS[1] last claimed start (ms); ARGV delayMs. Moves it forward to now. */
const MARK = `${NOW_MS}
local last = tonumber(redis.call('GET', KEYS[1]) or '')
if not last or last < now then redis.call('SET', KEYS[1], now, 'PX', tonumber(ARGV[1]) + 1000) end
return 0`;

/**
 * Politeness state in Redis, shared by all processes using `prefix`. Keys:
 * `<prefix>host:<host>:slots` (leased semaphore) and `<prefix>host:<host>:last` (last start).
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

  async claimStart(host: string, delayMs: number): Promise<number> {
    const wait = await this.redis.eval(CLAIM, 1, this.#key(host, 'last'), delayMs);
    return Number(wait);
  }

  async markStart(host: string, delayMs: number): Promise<void> {
    await this.redis.eval(MARK, 1, this.#key(host, 'last'), delayMs);
  }

  #key(host: string, kind: string): string {
    return `${this.prefix}host:${host}:${kind}`;
  }
}
