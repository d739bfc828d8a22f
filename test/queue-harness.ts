/**
 * What the queue and API tests share: a Postgres schema and a Redis key prefix of the test's
 * own (both removed afterwards), a local server of distinct article pages, `vellum worker`
 * child processes, and polling helpers. Real parts only: no mocks.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { migrate, openDatabase, type Database } from '@vellum/db';
import { createQueues, redisConnectionOptions, type VellumQueues } from '@vellum/queue';
import { dropSchema, POSTGRES_URL, uniqueSchema } from './support/postgres-schema.ts';
import { REPO_ROOT, VELLUM_BIN } from './support/run-vellum.ts';
import { startTestServer, type Route, type TestServer } from './support/test-server.ts';

export const REDIS_URL = 'redis://127.0.0.1:6379';

const WORDS = (
  'council budget river harbour school election museum railway festival market storm library bridge ' +
  'hospital theatre garden factory airport village mayor teacher farmer nurse engineer painter pilot ' +
  'reported announced debated approved delayed reopened expanded criticised praised funded measured'
).split(' ');

/** A news page whose text is unique to `n` (so every page is its own article). */
export function articlePage(n: number): string {
  let seed = n * 2654435761 + 12345;
  const word = (): string => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return WORDS[seed % WORDS.length]!;
  };
  const sentence = (): string => {
    const words = Array.from({ length: 14 }, word);
    return `${words[0]!.charAt(0).toUpperCase()}${words[0]!.slice(1)} ${words.slice(1).join(' ')}.`;
  };
  const paragraphs = Array.from(
    { length: 6 },
    (_, i) => `<p>Story ${n}, part ${i + 1}: ${sentence()} ${sentence()} ${sentence()}</p>`,
  ).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Report number ${n}</title></head>
<body><header><nav><a href="/">Home</a></nav></header>
<article><h1>Report number ${n}</h1><p class="byline">By Test Reporter</p>
${paragraphs}
</article><footer>Local news</footer></body></html>`;
}

export interface ArticleServerOptions {
  /** Pages /a/0 ... /a/<count-1>. */
  count: number;
  /** Delay before each page's response, in ms. Default 0. */
  delayMs?: number;
  /** Extra routes. */
  routes?: Record<string, Route>;
}

export async function startArticleServer(options: ArticleServerOptions): Promise<TestServer & { urls: string[] }> {
  const routes: Record<string, Route> = { ...options.routes };
  for (let i = 0; i < options.count; i++) {
    const body = articlePage(i);
    routes[`/a/${i}`] = (_req, res) => {
      const send = (): void => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
      if (options.delayMs) setTimeout(send, options.delayMs);
      else send();
    };
  }
  const server = await startTestServer(routes);
  return { ...server, urls: Array.from({ length: options.count }, (_, i) => server.url(`/a/${i}`)) };
}

export interface QueueEnv {
  schema: string;
  prefix: string;
  /** Environment for `vellum` child processes. */
  env: Record<string, string>;
  db: Database;
  queues: VellumQueues;
  cleanup(): Promise<void>;
}

export interface QueueEnvOptions {
  /** Postgres to use (e.g. a server of the test's own, see support/own-postgres.ts). Default: the shared one. */
  postgresUrl?: string;
  /** Redis to use (e.g. a server of the test's own, see support/own-redis.ts). Default: the shared one. */
  redisUrl?: string;
}

/** A fresh schema (migrated) and prefix, with a producer-side db and queues for the test. */
export async function queueEnv(name: string, options: QueueEnvOptions = {}): Promise<QueueEnv> {
  const postgresUrl = options.postgresUrl ?? POSTGRES_URL;
  const redisUrl = options.redisUrl ?? REDIS_URL;
  const schema = uniqueSchema(`q_${name}`);
  const prefix = `vtest-${name}-${randomBytes(4).toString('hex')}`;
  const db = await openDatabase({ connectionString: postgresUrl, schema });
  await migrate(db);
  const queues = createQueues({ connection: redisConnectionOptions(redisUrl), prefix });
  const env = {
    DATABASE_URL: postgresUrl,
    VELLUM_DB_SCHEMA: schema,
    REDIS_URL: redisUrl,
    VELLUM_QUEUE_PREFIX: prefix,
    VELLUM_ALLOW_HOSTS: '127.0.0.1',
    LOG_LEVEL: 'warn',
  };
  return {
    schema,
    prefix,
    env,
    db,
    queues,
    async cleanup() {
      await queues.close();
      await db.close();
      await dropSchema(schema, postgresUrl);
      await deleteKeys(prefix, redisUrl);
    },
  };
}

/** Removes every Redis key under `prefix:` (queues and the fetcher's politeness state). */
export async function deleteKeys(prefix: string, redisUrl: string = REDIS_URL): Promise<number> {
  const redis = new Redis(redisUrl);
  let removed = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) removed += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
  return removed;
}

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything the worker wrote to stderr so far. */
  stderr(): string;
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once the worker says it is consuming. */
  ready: Promise<void>;
}

/** Starts `vellum worker` in a child process, with fast local politeness unless told otherwise. */
export function spawnWorker(env: Record<string, string>, args: string[] = []): WorkerProcess {
  const child = spawn(process.execPath, [VELLUM_BIN, 'worker', '--per-host-delay', '0', '--per-host-concurrency', '32', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  let onReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (stderr.includes('vellum worker: consuming')) onReady();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  // A worker that exits before it is ready fails the wait instead of hanging it.
  const readyOrExit = Promise.race([
    ready,
    exited.then(({ code, signal }) => {
      throw new Error(`worker exited before it was ready (code ${code}, signal ${signal}):\n${stderr}`);
    }),
  ]);
  readyOrExit.catch(() => {});
  return { child, stderr: () => stderr, exited, ready: readyOrExit };
}

/** Polls `check` until it returns a value (not undefined) or the time runs out. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Submission counts by status in the test's schema. */
export async function statusCounts(db: Database): Promise<Record<string, number>> {
  const { rows } = await db.query<{ status: string; n: string }>('SELECT status, count(*) AS n FROM submissions GROUP BY status');
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Rows that would betray a job's effect stored twice. */
export async function duplicateRows(db: Database): Promise<{ articlesPerSubmission: number; okCapturesPerSubmission: number; articlesPerCapture: number }> {
  const one = async (sql: string): Promise<number> => Number((await db.query<{ n: string }>(sql)).rows[0]!.n);
  return {
    articlesPerSubmission: await one(
      'SELECT count(*) AS n FROM (SELECT submission_id FROM articles GROUP BY submission_id HAVING count(*) > 1) d',
    ),
    okCapturesPerSubmission: await one(
      "SELECT count(*) AS n FROM (SELECT submission_id FROM captures WHERE outcome = 'ok' GROUP BY submission_id HAVING count(*) > 1) d",
    ),
    articlesPerCapture: await one(
      'SELECT count(*) AS n FROM (SELECT capture_id, pipeline_version FROM articles GROUP BY 1, 2 HAVING count(*) > 1) d',
    ),
  };
}

export { POSTGRES_URL };
