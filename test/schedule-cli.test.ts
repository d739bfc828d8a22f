/**
 * `vellum schedule …` as an operator uses it: the real command against the real Postgres and
 * Redis, each in a namespace of this test's own.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { runVellum } from './support/run-vellum.ts';
import { dropSchema, POSTGRES_URL, uniqueSchema } from './support/postgres-schema.ts';

describe('vellum schedule', () => {
  const schema = uniqueSchema('e2e_sched');
  const prefix = `test-sched-cli-${randomBytes(4).toString('hex')}`;
  const env = { DATABASE_URL: POSTGRES_URL, VELLUM_DB_SCHEMA: schema, REDIS_URL: 'redis://127.0.0.1:6379', VELLUM_QUEUE_PREFIX: prefix };

  afterAll(async () => {
    await dropSchema(schema);
    const redis = new Redis('redis://127.0.0.1:6379');
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('adds, lists, pauses, shows and removes a schedule, with clear errors for bad input', async () => {
    const add = await runVellum(['schedule', 'add', 'https://news.example/feed.xml', '--every', '15m', '--name', 'news', '--json'], env);
    expect(add.code, add.stderr).toBe(0);
    expect(JSON.parse(add.stdout).schedule).toMatchObject({ name: 'news', sourceUrl: 'https://news.example/feed.xml', paused: false });

    const bad = await runVellum(['schedule', 'add', 'https://news.example/other.xml', '--every', 'soon'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/every/i);

    const duplicate = await runVellum(['schedule', 'add', 'https://news.example/feed2.xml', '--every', '1h', '--name', 'news'], env);
    expect(duplicate.code).not.toBe(0);
    expect(duplicate.stderr).toMatch(/news/);

    expect((await runVellum(['schedule', 'pause', 'news'], env)).code).toBe(0);
    const list = await runVellum(['schedule', 'list', '--json'], env);
    const schedules = JSON.parse(list.stdout) as Array<{ name: string; paused: boolean }>;
    expect(schedules.map((s) => [s.name, s.paused])).toEqual([['news', true]]);

    const show = await runVellum(['schedule', 'show', 'news', '--json'], env);
    expect(show.code, show.stderr).toBe(0);
    expect(JSON.parse(show.stdout)).toMatchObject({ schedule: { name: 'news', paused: true }, runs: [] });

    expect((await runVellum(['schedule', 'remove', 'news'], env)).code).toBe(0);
    const after = await runVellum(['schedule', 'show', 'news'], env);
    expect(after.code).not.toBe(0);
    expect(after.stderr).toMatch(/news/);
  });
});
