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
/**
 * Gaps are measured on arrival at the server, so they include each request's own latency
 * from the moment its start was claimed (a Redis reply, the event loop, a connect); on a
 * loaded 2-core machine those differ by tens of ms (31 ms seen at load average 20). Without
 * shared state the two processes start together, gaps near 0, so the slack still tells the
 * two apart.
 */
const SLACK_MS = 100;

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
      // Workers are long-running: warm each process up on another host before measuring.
      warmUpUrl: warmUp.url('/ok'),
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

let warmUp: TestServer;

describe('per-host delay across processes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    warmUp = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
    await warmUp.close();
  });

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
    // Real time on purpose: the lease runs on Redis's clock (TIME), which no injected clock moves.
    // memory-politeness.test.ts checks the same on a manual clock.
    await new Promise((resolve) => setTimeout(resolve, 250));
    const afterLease = await store.tryAcquire('example.org', 1, 200);
    expect(afterLease).not.toBeNull();
    await store.release('example.org', afterLease!);
    expect(await store.tryAcquire('example.org', 1, 200)).not.toBeNull();
  });

  it('grants a start only once the delay since the last start has passed', async () => {
    const store = new RedisPolitenessStore(redis, newPrefix());
    expect(await store.claimStart('example.org', 300)).toBe(0);
    const wait = await store.claimStart('example.org', 300);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(300);
    // Real time on purpose, as above: start times are Redis's TIME.
    await new Promise((resolve) => setTimeout(resolve, wait + 5));
    expect(await store.claimStart('example.org', 300)).toBe(0);
    // A start that was delayed after its claim moves the host's last start forward.
    await new Promise((resolve) => setTimeout(resolve, 310));
    await store.markStart('example.org', 300);
    expect(await store.claimStart('example.org', 300)).toBeGreaterThan(150);
  });
});
