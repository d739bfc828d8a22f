/**
 * The chaos run's deployment: a Postgres cluster and a Redis of its own on spare ports (never
 * the shared ones), a TCP proxy between the last worker and Postgres (so that worker's network
 * alone can be cut), and N real `vellum worker` processes that can be killed and started again.
 */
import fs from 'node:fs';
import { startOwnPostgres, type OwnPostgres } from '../own-postgres.ts';
import { startOwnRedis, type OwnRedis } from '../own-redis.ts';
import { TcpProxy } from '../tcp-proxy.ts';
import { queueEnv, spawnWorker, type QueueEnv, type WorkerProcess } from '../../queue-harness.ts';

export interface WorkerTimings {
  /** BullMQ job lock: a killed worker's jobs come back after about this plus the stalled interval. */
  lockDurationMs: number;
  stalledIntervalMs: number;
  reconcileIntervalMs: number;
  reconcileMinAgeMs: number;
  retryBackoffMs: number;
}

export interface WorkerSlot {
  index: number;
  /** True for the worker whose Postgres connections go through the proxy. */
  proxied: boolean;
  process: WorkerProcess;
  /** Processes started in this slot (1 + restarts). */
  starts: number;
  /** CPU-seconds of the processes that ran in this slot, sampled (see sampleCpu). */
  cpuSeconds: number;
  lastCpu: number;
  /** stderr of the processes that ended, for failure messages. */
  pastStderr: string;
}

export interface ChaosCluster {
  pg: OwnPostgres;
  redis: OwnRedis;
  proxy: TcpProxy;
  q: QueueEnv;
  slots: WorkerSlot[];
  /** SIGKILLs the slot's worker, waits for it to die, starts a new one and waits until it consumes. */
  killAndRestart(slot: WorkerSlot): Promise<void>;
  /** Adds the workers' CPU time since the last sample (call every second or so). */
  sampleCpu(): void;
  /** Everything every worker of every slot wrote to stderr (pino JSON lines at LOG_LEVEL=warn). */
  workerLogs(): string;
  /** Workers that exited without being killed by the run (they crashed). */
  crashed(): Array<{ index: number; code: number | null; signal: string | null; stderr: string }>;
  /** Stops everything and removes the cluster's directory. Never throws. */
  cleanup(): Promise<void>;
}

const TICKS = 100; // USER_HZ on Linux

/** utime + stime of a live process, in seconds; 0 when it cannot be read. */
function cpuOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return 0;
  }
}

export async function startChaosCluster(options: { workers: number; timings: WorkerTimings; name: string }): Promise<ChaosCluster> {
  const pg = await startOwnPostgres();
  let redis: OwnRedis | undefined;
  const proxy = new TcpProxy('127.0.0.1', pg.port);
  try {
    redis = await startOwnRedis();
    await proxy.up();
  } catch (error) {
    await redis?.cleanup();
    await pg.cleanup();
    throw error;
  }
  const q = await queueEnv(options.name, { postgresUrl: pg.url, redisUrl: redis.url });
  const t = options.timings;
  const args = [
    '--lock-duration', String(t.lockDurationMs),
    '--stalled-interval', String(t.stalledIntervalMs),
    '--reconcile-interval', String(t.reconcileIntervalMs),
    '--reconcile-min-age', String(t.reconcileMinAgeMs),
  ];
  const proxiedUrl = `postgres://postgres@127.0.0.1:${proxy.port}/postgres`;
  const envOf = (proxied: boolean): Record<string, string> => ({
    ...q.env,
    VELLUM_RETRY_BACKOFF_MS: String(t.retryBackoffMs),
    ...(proxied ? { DATABASE_URL: proxiedUrl } : {}),
  });
  const killed = new WeakSet<WorkerProcess>();
  const slots: WorkerSlot[] = [];
  for (let index = 0; index < options.workers; index++) {
    const proxied = index === options.workers - 1;
    slots.push({ index, proxied, process: spawnWorker(envOf(proxied), args), starts: 1, cpuSeconds: 0, lastCpu: 0, pastStderr: '' });
  }
  const sample = (slot: WorkerSlot): void => {
    const now = cpuOf(slot.process.child.pid);
    if (now > slot.lastCpu) {
      slot.cpuSeconds += now - slot.lastCpu;
      slot.lastCpu = now;
    }
  };
  const alive = (w: WorkerProcess): boolean => w.child.exitCode === null && w.child.signalCode === null;

  const cluster: ChaosCluster = {
    pg,
    redis,
    proxy,
    q,
    slots,
    async killAndRestart(slot) {
      sample(slot);
      const old = slot.process;
      killed.add(old);
      old.child.kill('SIGKILL');
      await old.exited;
      slot.pastStderr += old.stderr();
      slot.process = spawnWorker(envOf(slot.proxied), args);
      slot.starts++;
      slot.lastCpu = 0;
      await slot.process.ready;
    },
    sampleCpu() {
      for (const slot of slots) if (alive(slot.process)) sample(slot);
    },
    workerLogs() {
      return slots.map((s) => s.pastStderr + s.process.stderr()).join('\n');
    },
    crashed() {
      return slots
        .filter((s) => !alive(s.process) && !killed.has(s.process))
        .map((s) => ({ index: s.index, code: s.process.child.exitCode, signal: s.process.child.signalCode, stderr: s.process.stderr().slice(-3000) }));
    },
    async cleanup() {
      for (const s of slots) if (alive(s.process)) s.process.child.kill('SIGKILL');
      await Promise.all(slots.map((s) => s.process.exited));
      await q.queues.close().catch(() => {});
      await q.db.close().catch(() => {});
      await proxy.down().catch(() => {});
      await redis!.cleanup();
      await pg.cleanup(); // the schema goes with the cluster
    },
  };
  try {
    await Promise.all(slots.map((s) => s.process.ready));
  } catch (error) {
    await cluster.cleanup();
    throw error;
  }
  return cluster;
}
