/**
 * A Postgres cluster of the test's own: `initdb` into a temporary directory and `pg_ctl` on a
 * spare port, so a test can stop it (fast or immediate) and start it again without touching
 * the shared server on 5432. initdb refuses to run as root, so as root the binaries run as
 * the `postgres` user (`runuser`) on a directory it owns.
 *
 *   const pg = await startOwnPostgres();
 *   await pg.stop('fast');   // clients get 57P01 "terminating connection due to administrator command"
 *   await pg.start();        // same data, same port
 *   await pg.cleanup();      // in afterAll: stops it and removes the directory
 */
import { execFile, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.ts';

const run = promisify(execFile);

/** Where Debian puts the server binaries; override with PG_BIN_DIR. */
export const PG_BIN_DIR = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';

export type StopMode = 'smart' | 'fast' | 'immediate';

export interface OwnPostgres {
  readonly port: number;
  readonly dataDir: string;
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust authentication). */
  readonly url: string;
  readonly running: boolean;
  /** Starts the server (again); resolves once it accepts connections. */
  start(): Promise<void>;
  /** `pg_ctl stop -m <mode>`: fast ends sessions with 57P01, immediate kills them without a word. */
  stop(mode?: StopMode): Promise<void>;
  /** Stops the server if it runs and removes its directory. Safe to call twice; never throws. */
  cleanup(): Promise<void>;
  /** The server's log, for failure messages. */
  log(): string;
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a server binary as a user initdb accepts. */
function command(bin: string, args: string[]): [string, string[]] {
  const file = path.join(PG_BIN_DIR, bin);
  return asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'vellum-pg-'));
  const dataDir = path.join(root, 'data');
  const logFile = path.join(root, 'server.log');
  if (asRoot) {
    const { uid, gid } = postgresUser();
    chownSync(root, uid, gid);
  }
  const port = await freePort();
  let running = false;

  const pgCtl = async (args: string[], timeoutMs = 60_000): Promise<void> => {
    const [file, argv] = command('pg_ctl', ['-D', dataDir, ...args]);
    await run(file, argv, { timeout: timeoutMs });
  };
  // Stops a server the test left running when the test process exits anyway (a crash, a
  // timeout): a stray postgres would hold the port and the directory.
  const onExit = (): void => {
    if (running) {
      const [file, argv] = command('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      spawnSync(file, argv, { stdio: 'ignore' });
    }
    rmSync(root, { recursive: true, force: true });
  };
  process.once('exit', onExit);

  const handle: OwnPostgres = {
    port,
    dataDir,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    get running() {
      return running;
    },
    async start() {
      const options = [
        `-p ${port}`,
        '-c listen_addresses=127.0.0.1',
        `-k ${root}`,
        // A throwaway cluster: no fsync (only an OS crash would lose data). synchronous_commit
        // stays on: an immediate stop is a crash, and it would lose acknowledged commits.
        '-c fsync=off',
        '-c full_page_writes=off',
        '-c max_connections=100',
      ].join(' ');
      await pgCtl(['-l', logFile, '-o', options, '-w', '-t', '60', 'start']);
      running = true;
    },
    async stop(mode = 'fast') {
      if (!running) return;
      await pgCtl(['-m', mode, '-w', '-t', '60', 'stop']);
      running = false;
    },
    async cleanup() {
      try {
        if (running) await handle.stop('immediate');
      } catch {
        // Cleanup must not hide the test's own failure; onExit tries again.
      }
      process.removeListener('exit', onExit);
      onExit();
    },
    log() {
      const r = spawnSync('cat', [logFile], { encoding: 'utf8' });
      return r.stdout ?? '';
    },
  };

  try {
    const [file, argv] = command('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    await run(file, argv, { timeout: 120_000 });
    await handle.start();
  } catch (error) {
    await handle.cleanup();
    throw error;
  }
  return handle;
}

function postgresUser(): { uid: number; gid: number } {
  const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (r.status !== 0 || g.status !== 0) throw new Error('running as root needs a `postgres` user to run initdb and pg_ctl as');
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}
