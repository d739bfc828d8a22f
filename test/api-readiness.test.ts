/**
 * /readyz follows the dependencies: 503 (saying which) while Postgres or Redis is unreachable,
 * 200 again once it is back, with no restart; /healthz (liveness) answers 200 throughout.
 * Both are reached through TCP proxies the test takes down, never the shared servers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '@vellum/api';
import { createApiToken, migrate, openDatabase, type Database } from '@vellum/db';
import { createQueues, redisConnectionOptions, type VellumQueues } from '@vellum/queue';
import { dropSchema, POSTGRES_URL, uniqueSchema } from './support/postgres-schema.ts';
import { deleteKeys, waitFor } from './queue-harness.ts';
import { TcpProxy } from './support/tcp-proxy.ts';

const TOKEN = 'readiness-test-token-0123456789';

describe('GET /readyz while Postgres or Redis comes and goes', () => {
  const schema = uniqueSchema('readyz');
  const prefix = `vtest-readyz-${Date.now()}`;
  const pgProxy = new TcpProxy('127.0.0.1', 5432);
  const redisProxy = new TcpProxy('127.0.0.1', 6379);
  let db: Database;
  let queues: VellumQueues;
  let app: FastifyInstance;
  let named: string;

  beforeAll(async () => {
    await pgProxy.up();
    await redisProxy.up();
    const pgUrl = new URL(POSTGRES_URL);
    pgUrl.port = String(pgProxy.port);
    db = await openDatabase({ connectionString: pgUrl.toString(), schema, connectTimeoutMs: 1000 });
    // The API's own producer connection: it reconnects by itself (ioredis' default backoff).
    queues = createQueues({ connection: redisConnectionOptions(`redis://127.0.0.1:${redisProxy.port}`), prefix, enqueueTimeoutMs: 500 });
    await migrate(db);
    named = (await createApiToken(db, 'prober')).secret;
    app = await buildApi({ db, queues, token: TOKEN, healthTimeoutMs: 500, jobEvents: false, tokenCacheMs: 0 });
  });

  afterAll(async () => {
    await app?.close();
    await queues?.close();
    await db?.close();
    await pgProxy.down();
    await redisProxy.down();
    await dropSchema(schema);
    await deleteKeys(prefix);
  });

  const ready = async () => {
    const res = await app.inject({ method: 'GET', url: '/readyz', headers: { authorization: `Bearer ${TOKEN}` } });
    return { status: res.statusCode, body: res.json() as { status: string; db: string; redis: string } };
  };
  const live = async () => (await app.inject({ method: 'GET', url: '/healthz' })).statusCode;
  const until = (status: number) => waitFor(`/readyz ${status}`, async () => ((await ready()).status === status ? ready() : undefined), 20_000);

  it('is 200 with both up', async () => {
    expect(await ready()).toEqual({ status: 200, body: { status: 'ok', db: 'ok', redis: 'ok' } });
  });

  it('is 503 naming Redis while Redis is down, and 200 again when it is back', async () => {
    await redisProxy.down();
    const down = await until(503);
    expect(down.body).toMatchObject({ status: 'degraded', db: 'ok', redis: expect.stringMatching(/^error: /) });
    expect(await live()).toBe(200);
    await redisProxy.up();
    expect((await until(200)).body).toEqual({ status: 'ok', db: 'ok', redis: 'ok' });
  });

  it('is 503 naming the database while Postgres is down, and 200 again when it is back', async () => {
    await pgProxy.down();
    const down = await until(503);
    expect(down.body).toMatchObject({ status: 'degraded', db: expect.stringMatching(/^error: /), redis: 'ok' });
    expect(await live()).toBe(200);
    // A named token cannot be checked without the database: 503 saying so, not 401 or 500.
    for (const url of ['/readyz', '/v1/submissions/1']) {
      const unchecked = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${named}` } });
      expect(unchecked.statusCode, url).toBe(503);
      expect(unchecked.json(), url).toMatchObject({ statusCode: 503, message: expect.stringMatching(/^the token could not be checked: the database does not answer/) });
    }
    await pgProxy.up();
    expect((await until(200)).body).toEqual({ status: 'ok', db: 'ok', redis: 'ok' });
  });
});
