import { describe, expect, it } from 'vitest';
import { redisConnectionOptions, redactRedisUrl, RedisUrlError, DEFAULT_REDIS_URL } from '../src/index.ts';

describe('redisConnectionOptions', () => {
  it('defaults to the local Redis, producers failing after a few retries', () => {
    expect(DEFAULT_REDIS_URL).toBe('redis://127.0.0.1:6379');
    const o = redisConnectionOptions();
    expect(o).toMatchObject({ host: '127.0.0.1', port: 6379, db: 0, maxRetriesPerRequest: 3 });
    expect(o.tls).toBeUndefined();
  });

  it('gives workers maxRetriesPerRequest null, as BullMQ requires', () => {
    expect(redisConnectionOptions(DEFAULT_REDIS_URL, { role: 'worker' }).maxRetriesPerRequest).toBeNull();
  });

  it('reads credentials, database and TLS from the URL', () => {
    const o = redisConnectionOptions('rediss://app:p%40ss@redis.internal:6380/3');
    expect(o).toMatchObject({ host: 'redis.internal', port: 6380, db: 3, username: 'app', password: 'p@ss' });
    expect(o.tls).toEqual({ servername: 'redis.internal' });
    expect(redisConnectionOptions('redis://:secret@[::1]:7000').host).toBe('::1');
  });

  it('rejects what is not a Redis URL with a message saying what is expected', () => {
    expect(() => redisConnectionOptions('localhost:6379')).toThrow(RedisUrlError);
    expect(() => redisConnectionOptions('http://127.0.0.1:6379')).toThrow(/redis:\/\/ or rediss:\/\//);
    expect(() => redisConnectionOptions('redis://127.0.0.1/abc')).toThrow(/database must be a number/);
  });

  it('redacts passwords for logs', () => {
    expect(redactRedisUrl('redis://u:secret@h:1/2')).toBe('redis://u:***@h:1/2');
    expect(redactRedisUrl('nope')).toBe('(invalid URL)');
  });
});
