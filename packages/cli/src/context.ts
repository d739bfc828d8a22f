/**
 * What every command gets: the validated config, a logger, and lazily opened resources that are
 * closed once when the command ends.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino, destination, type Logger } from 'pino';
import type { Database } from '@vellum/db';
import type { VellumConfig } from './config.ts';
import { compileWasmForShortRuns } from './embedded-wasm.ts';
import { PREFLIGHT_TIMEOUT_MS, postgresError } from './preflight.ts';

export interface CliContext {
  readonly config: VellumConfig;
  readonly logger: Logger;
  /** The archive database, opened and migrated on first use. */
  db(): Promise<Database>;
  /** Registers a cleanup to run when the command ends (last registered runs first). */
  onClose(fn: () => Promise<void> | void): void;
  /** The process exit code the command wants (0 unless a command sets it). */
  exitCode: number;
  close(): Promise<void>;
}

export function createContext(config: VellumConfig): CliContext {
  // Logs go to stderr so that stdout stays clean for --json output.
  const logger = pino({ level: config.logLevel, base: { app: 'vellum' } }, destination(2));
  endQuietlyOnBrokenPipe();
  const closers: Array<() => Promise<void> | void> = [];
  let dbPromise: Promise<Database> | undefined;

  const ctx: CliContext = {
    config,
    logger,
    exitCode: 0,
    db() {
      dbPromise ??= (async () => {
        // Imported here, not at the top: commands that never open the database start faster.
        const { openDatabase, migrate, pgliteTemplateName, DEFAULT_SCHEMA } = await import('@vellum/db');
        const { databaseUrl } = config;
        // The embedded database's WebAssembly costs ~70 MB less with one compiler (embedded-wasm.ts).
        if (!databaseUrl) compileWasmForShortRuns();
        let db: Database;
        try {
          db = await openDatabase({
            connectionString: databaseUrl,
            dataDir: databaseUrl ? undefined : path.join(config.home, 'db'),
            // A new embedded home starts from the data directory the build made (npm ci), if any.
            pgliteTemplate: fileURLToPath(new URL(`../dist/${pgliteTemplateName()}`, import.meta.url)),
            // VELLUM_DB_SCHEMA names the Postgres schema; the embedded database is Vellum's alone
            // and always uses the default, so setting it never hides an embedded archive.
            schema: databaseUrl ? config.dbSchema : DEFAULT_SCHEMA,
            connectTimeoutMs: PREFLIGHT_TIMEOUT_MS,
          });
        } catch (error) {
          throw databaseUrl ? postgresError(databaseUrl, error) : error;
        }
        closers.push(() => db.close());
        await migrate(db);
        return db;
      })();
      return dbPromise;
    },
    onClose(fn) {
      closers.push(fn);
    },
    async close() {
      while (closers.length) {
        const fn = closers.pop()!;
        try {
          await fn();
        } catch (error) {
          logger.warn({ err: error }, 'cleanup failed');
        }
      }
    },
  };
  return ctx;
}

const quietStreams = new WeakSet<NodeJS.WriteStream>();

/**
 * `vellum status 1 | head` closes stdout early: later writes fail with EPIPE. That is the reader
 * saying it has enough, not an error: drop the rest of the output and let the command finish
 * (and close its database) normally, without a stack trace.
 */
function endQuietlyOnBrokenPipe(): void {
  const stdout = process.stdout;
  if (quietStreams.has(stdout)) return;
  quietStreams.add(stdout);
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stdout.write = (() => true) as typeof stdout.write;
  });
}
