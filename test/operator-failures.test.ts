/**
 * Failures are loud and bounded: with Redis or Postgres pointed at a closed port, every command
 * that needs them exits non-zero within its start-up check, with one message naming the
 * variable and what to do, instead of hanging, retrying silently or claiming to run. Spawned
 * (with a kill timer as the bound) where a hang or an exit code must be observed; in process
 * otherwise.
 */
import net from 'node:net';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVellum, REPO_ROOT, VELLUM_BIN } from './support/run-vellum.ts';
import { dropSchema, POSTGRES_URL, uniqueSchema } from './support/postgres-schema.ts';
import { runMain } from '../packages/cli/test/helpers/run-main.ts';

/** A port on 127.0.0.1 where nothing listens (taken, then released). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// Well past the 5 s start-up check, well short of a hang: a killed child has code null.
const BOUND = { timeoutMs: 40_000 };
const TOKEN = 'operator-failures-token-0123456789';

describe('Redis or Postgres unreachable at start', () => {
  const schema = uniqueSchema('opfail');
  let deadRedis: string;
  let deadPostgres: string;

  beforeAll(async () => {
    deadRedis = `redis://127.0.0.1:${await closedPort()}`;
    deadPostgres = `postgres://postgres@127.0.0.1:${await closedPort()}/test`;
  });

  afterAll(async () => {
    await dropSchema(schema);
  });

  const redisDown = () => ({ REDIS_URL: deadRedis, DATABASE_URL: POSTGRES_URL, VELLUM_DB_SCHEMA: schema, VELLUM_API_TOKEN: TOKEN });
  const postgresDown = () => ({ REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL: deadPostgres, VELLUM_API_TOKEN: TOKEN });

  for (const args of [['serve', '--port', '0'], ['worker'], ['scheduler'], ['status', '--watch'], ['submit', 'https://example.com/a']]) {
    it(`vellum ${args.join(' ')} exits 1 naming REDIS_URL when Redis is down`, async () => {
      const run = await runVellum(args, redisDown(), BOUND);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toContain(`cannot reach Redis at REDIS_URL=${deadRedis}`);
      expect(run.stderr).toMatch(/ECONNREFUSED.*Start Redis there, or set REDIS_URL/);
      expect(run.stderr).not.toMatch(/consuming|listening/);
    });
  }

  for (const args of [['worker'], ['serve', '--port', '0']]) {
    it(`vellum ${args.join(' ')} exits 1 naming DATABASE_URL when Postgres is down`, async () => {
      const run = await runVellum(args, postgresDown(), BOUND);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toContain(`cannot use Postgres at DATABASE_URL=${deadPostgres}`);
      expect(run.stderr).toMatch(/Start Postgres there, or set DATABASE_URL/);
    });
  }

  it('vellum list names DATABASE_URL when Postgres is down (in process)', async () => {
    const run = await runMain(['list'], { DATABASE_URL: deadPostgres });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/cannot use Postgres at DATABASE_URL=postgres:\/\/postgres@127\.0\.0\.1:\d+\/test \(connect ECONNREFUSED/);
  });

  it('a missing database is named with the createdb command that makes it', async () => {
    const url = 'postgres://postgres@127.0.0.1:5432/vellum_no_such_db_h14b';
    const run = await runMain(['list'], { DATABASE_URL: url });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`the database in DATABASE_URL=${url} does not exist`);
    expect(run.stderr).toContain('createdb -h 127.0.0.1 -p 5432 -U postgres vellum_no_such_db_h14b');
  });

  it('a password in DATABASE_URL is not printed', async () => {
    const run = await runMain(['list'], { DATABASE_URL: deadPostgres.replace('postgres@', 'postgres:hunter2@') });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('postgres:***@');
    expect(run.stderr).not.toContain('hunter2');
  });
});

describe('output to a closed pipe', () => {
  it('ends quietly, without an EPIPE stack trace', async () => {
    const page = path.join(REPO_ROOT, 'examples', 'surge-in-ukrainian-soldier-defections.html');
    const child = spawn(process.execPath, [VELLUM_BIN, 'extract', page, '--json'], {
      cwd: REPO_ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The reader goes away before the command writes anything, as `| head -c0` would.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    clearTimeout(timer);
    expect(stderr).not.toMatch(/EPIPE|Error|at /);
    expect(code).toBe(0);
  });
});
