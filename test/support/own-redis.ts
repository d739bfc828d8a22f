/**
 * A Redis server of the test's own: `redis-server` as a child process on a spare port, with no
 * persistence, so that stopping it loses every key (as a Redis restarted without a dump
 * does). Tests that take Redis down or wipe it use this, never the shared one on 6379.
 *
 *   const redis = await startOwnRedis();
 *   await redis.stop();      // SHUTDOWN NOSAVE: every key gone
 *   await redis.start();     // empty, on the same port
 *   await redis.cleanup();   // in afterAll: stops it whatever state it is in
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from './free-port.ts';

export interface OwnRedis {
  readonly port: number;
  readonly url: string;
  /** True while the server runs. */
  readonly running: boolean;
  /** Starts the server (again) on the same port, empty; resolves once it answers PING. */
  start(): Promise<void>;
  /** Stops it losing every key: SHUTDOWN NOSAVE, then SIGKILL if it lingers. */
  stop(): Promise<void>;
  /** Kills it at once (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  /** Stops it if running. Safe to call more than once; never throws. */
  cleanup(): Promise<void>;
  /** What the server wrote, for failure messages. */
  log(): string;
}

export async function startOwnRedis(options: { port?: number } = {}): Promise<OwnRedis> {
  const port = options.port ?? (await freePort());
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let output = '';

  const ping = async (timeoutMs: number): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      client.on('error', () => {});
      try {
        await client.connect();
        await client.ping();
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`own Redis on port ${port} did not answer: ${(error as Error).message}\n${output}`);
      } finally {
        client.disconnect();
      }
      if (child?.exitCode !== null && child?.exitCode !== undefined) throw new Error(`own Redis on port ${port} exited:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const waitExit = async (ms: number): Promise<boolean> =>
    Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

  const handle: OwnRedis = {
    port,
    url: `redis://127.0.0.1:${port}`,
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    async start() {
      if (handle.running) throw new Error('own Redis is already running');
      const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      proc.stdout!.on('data', (d: Buffer) => (output += d.toString()));
      proc.stderr!.on('data', (d: Buffer) => (output += d.toString()));
      exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      await ping(10_000);
    },
    async stop() {
      if (!handle.running) return;
      const client = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: 0, retryStrategy: () => null });
      client.on('error', () => {});
      // The server closes the connection as it goes, so the reply never comes.
      await client.call('SHUTDOWN', 'NOSAVE').catch(() => {});
      client.disconnect();
      if (!(await waitExit(5000))) await handle.kill();
    },
    async kill() {
      if (!handle.running) return;
      child!.kill('SIGKILL');
      await exited;
    },
    async cleanup() {
      try {
        await handle.kill();
      } catch {
        // Cleanup must not hide the test's own failure.
      }
    },
    log: () => output,
  };
  await handle.start();
  return handle;
}
