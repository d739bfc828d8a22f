/**
 * What every command gets: the validated config, a logger, and lazily opened resources that are
 * closed once when the command ends.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino, destination, type Logger } from 'pino';
import type { Database } from '@vellum/db';
import type { VellumConfig } from './config.ts';

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
  const closers: Array<() => Promise<void> | void> = [];
  let dbPromise: Promise<Database> | undefined;

  const ctx: CliContext = {
    config,
    logger,
    exitCode: 0,
    db() {
      dbPromise ??= (async () => {
        // Imported here, not at the top: commands that never open the database start faster.
        const { openDatabase, migrate, pgliteTemplateName } = await import('@vellum/db');
        const db = await openDatabase({
          connectionString: config.databaseUrl,
          dataDir: config.databaseUrl ? undefined : path.join(config.home, 'db'),
          // A new embedded home starts from the data directory the build made (npm ci), if any.
          pgliteTemplate: fileURLToPath(new URL(`../dist/${pgliteTemplateName()}`, import.meta.url)),
          schema: config.dbSchema,
        });
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
