/**
 * Politeness across worker processes: two child processes fetch from one host at the same
 * moment. With Redis, every request to the host (robots.txt included) is spaced by the
 * per-host delay; with in-process state only, they are not (which is why Redis is needed).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisPolitenessStore } from '../src/politeness/redis-store.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

const REDIS_URL = 'redis://127.0.0.1:6379';
const TSX = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
const CHILD = fileURLToPath(new URL('./fixtures/politeness-child.ts', import.meta.url));
const DELAY_MS = 300;
/** Measured on arrival at the server: see politeness.test.ts. */
const SLACK_MS = 25;

let redis: Redis;
const prefixes: string[] = [];

beforeAll(() => {
  redis = new Redis(REDIS_URL);
});
afterAll(async () => {
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
  }
  await redis.quit();
});

function newPrefix(): string {
  const prefix = `vellum-test:fetcher:${randomUUID()}:`;
  prefixes.push(prefix);
  return prefix;
}

interface ChildResult {
  pid: number;
  results: Array<number | string>;
}

function startChild(config: object): { child: ChildProcessWithoutNullStreams; ready: Promise<void>; done: Promise<ChildResult> } {
  const child = spawn(TSX, [CHILD, JSON.stringify(config)], { stdio: 'pipe' });
  let out = '';
  let err = '';
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.includes('ready\n')) markReady();
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const done = new Promise<ChildResult>((resolve, reject) => {
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (code !== 0 || !line) return reject(new Error(`child exited ${code}: ${err || out}`));
      resolve(JSON.parse(line) as ChildResult);
    });
  });
  return { child, ready, done };
}

async function runTwoWorkers(server: TestServer, redisKeyPrefix: string | undefined): Promise<ChildResult[]> {
  const children = [1, 2].map((worker) =>
    startChild({
      urls: [1, 2, 3].map((n) => server.url(`/page/w${worker}-${n}`)),
      perHostDelayMs: DELAY_MS,
      ...(redisKeyPrefix ? { redisUrl: REDIS_URL, redisKeyPrefix } : {}),
    }),
  );
  await Promise.all(children.map((c) => c.ready));
  for (const c of children) c.child.stdin.write('go\n');
  return Promise.all(children.map((c) => c.done));
}

function arrivalGaps(server: TestServer): number[] {
  const times = server.requests.map((r) => r.at).sort((a, b) => a - b);
  return times.slice(1).map((t, i) => t - times[i]!);
}

describe('per-host delay across processes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('holds with state in Redis', async () => {
    server.requests.length = 0;
    const prefix = newPrefix();
    const results = await runTwoWorkers(server, prefix);
    expect(results.flatMap((r) => r.results)).toEqual([200, 200, 200, 200, 200, 200]);
    // Each process fetched robots.txt once, then its three pages: eight requests to one host.
    expect(server.requests).toHaveLength(8);
    const workers = new Set(server.requests.filter((r) => r.path.startsWith('/page/')).map((r) => r.path.slice(6, 8)));
    expect(workers).toEqual(new Set(['w1', 'w2']));
    for (const gap of arrivalGaps(server)) expect(gap).toBeGreaterThanOrEqual(DELAY_MS - SLACK_MS);
    // The state lives under the prefix, and nowhere else.
    expect((await redis.keys(`${prefix}*`)).every((k) => k.startsWith(`${prefix}host:127.0.0.1:${server.port}:`))).toBe(true);
  });

  it('does not hold with in-process state only (why Redis is needed)', async () => {
    server.requests.length = 0;
    await runTwoWorkers(server, undefined);
    expect(server.requests).toHaveLength(8);
    expect(Math.min(...arrivalGaps(server))).toBeLessThan(DELAY_MS - SLACK_MS);
  });
});

describe('RedisPolitenessStore', () => {
  it('caps concurrent slots and frees a slot whose holder never released it once the lease ends', async () => {
    const store = new RedisPolitenessStore(redis, newPrefix());
    const first = await store.tryAcquire('example.org', 1, 200);
    expect(first).not.toBeNull();
    expect(await store.tryAcquire('example.org', 1, 200)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 250));
    const afterLease = await store.tryAcquire('example.org', 1, 200);
    expect(afterLease).not.toBeNull();
    await store.release('example.org', afterLease!);
    expect(await store.tryAcquire('example.org', 1, 200)).not.toBeNull();
  });

  it('hands out start times spaced by the delay', async () => {
    const store = new RedisPolitenessStore(redis, newPrefix());
    const waits = await Promise.all([1, 2, 3, 4].map(() => store.reserveStart('example.org', 1_000)));
    // Waits are relative to each call's own arrival, a few ms apart, hence 990 rather than 1000.
    const sorted = [...waits].sort((a, b) => a - b);
    expect(sorted[0]).toBe(0);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThanOrEqual(990);
  });
});
