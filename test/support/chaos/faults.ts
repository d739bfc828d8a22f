/**
 * The chaos run's faults and their schedule. A schedule is a list `kind@seconds` (seconds after
 * the run starts), e.g. `kill@20,redis@40,pg-fast@60,cut@100,pg-slow@120`. Faults run one after
 * the other: one that is due while another is still running waits for it.
 *  - kill:    `kill -9` of a worker (round robin over the slots), started again at once;
 *  - redis:   Redis stopped without saving (no persistence: every queue emptied) and started again;
 *  - pg-fast: Postgres `pg_ctl stop -m fast`, down a few seconds, started again;
 *  - pg-slow: Postgres `pg_ctl stop -m immediate` (a crash), down ~30 s, started again;
 *  - cut:     the proxied worker's network to Postgres cut just after it wrote inside a
 *             transaction, restored a few seconds later.
 */
import type { ChaosCluster } from './cluster.ts';

export const FAULT_KINDS = ['kill', 'redis', 'pg-fast', 'pg-slow', 'cut'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface ScheduledFault {
  kind: FaultKind;
  atS: number;
}

export interface FaultDurations {
  pgFastDownS: number;
  pgSlowDownS: number;
  cutDownS: number;
  redisDownS: number;
}

export interface FaultRecord {
  kind: FaultKind;
  /** Seconds after the run's start: when it began and when the system was whole again. */
  startS: number;
  endS: number;
  /** What it hit (worker slot, mode). */
  detail: string;
}

export function parseSchedule(text: string): ScheduledFault[] {
  const faults = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((item) => {
      const m = /^([a-z-]+)@(\d+(?:\.\d+)?)$/.exec(item);
      if (!m || !(FAULT_KINDS as readonly string[]).includes(m[1]!)) {
        throw new Error(`bad fault ${JSON.stringify(item)}: expected kind@seconds with kind one of ${FAULT_KINDS.join(', ')}`);
      }
      return { kind: m[1] as FaultKind, atS: Number(m[2]) };
    });
  return faults.sort((a, b) => a.atS - b.atS);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Runs the schedule against the cluster; resolves with what was done once the last fault has
 * healed (the server back up, the worker consuming again).
 */
export async function runFaults(
  cluster: ChaosCluster,
  schedule: ScheduledFault[],
  durations: FaultDurations,
  startedAt: number,
  log: (line: string) => void,
): Promise<FaultRecord[]> {
  const records: FaultRecord[] = [];
  const now = (): number => (Date.now() - startedAt) / 1000;
  let kills = 0;
  for (const fault of schedule) {
    const wait = fault.atS - now();
    if (wait > 0) await sleep(wait * 1000);
    const startS = now();
    let detail = '';
    switch (fault.kind) {
      case 'kill': {
        const slot = cluster.slots[kills++ % cluster.slots.length]!;
        detail = `worker ${slot.index}${slot.proxied ? ' (proxied)' : ''}, pid ${slot.process.child.pid}`;
        await cluster.killAndRestart(slot);
        break;
      }
      case 'redis':
        detail = `down ${durations.redisDownS} s, restarted empty`;
        await cluster.redis.stop();
        await sleep(durations.redisDownS * 1000);
        await cluster.redis.start();
        break;
      case 'pg-fast':
        detail = `stop -m fast, down ${durations.pgFastDownS} s`;
        await cluster.pg.stop('fast');
        await sleep(durations.pgFastDownS * 1000);
        await cluster.pg.start();
        break;
      case 'pg-slow':
        detail = `stop -m immediate, down ${durations.pgSlowDownS} s`;
        await cluster.pg.stop('immediate');
        await sleep(durations.pgSlowDownS * 1000);
        await cluster.pg.start();
        break;
      case 'cut': {
        const slot = cluster.slots.find((s) => s.proxied)!;
        await cluster.proxy.cutInTransaction(120_000);
        detail = `worker ${slot.index}'s Postgres connections cut mid-transaction, down ${durations.cutDownS} s`;
        await sleep(durations.cutDownS * 1000);
        await cluster.proxy.up();
        break;
      }
    }
    const record = { kind: fault.kind, startS, endS: now(), detail };
    records.push(record);
    log(`fault ${fault.kind} at ${startS.toFixed(1)} s, healed at ${record.endS.toFixed(1)} s: ${detail}`);
  }
  return records;
}
