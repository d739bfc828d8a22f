import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Database, Queryable } from './database.ts';
import { PermanentError } from '@vellum/core/errors';

export interface MigrateOptions {
  /**
   * Directory of `NNN-name.sql` files.
   * @defaultValue this package's `migrations/`
   */
  migrationsDir?: string;
}

export interface MigrateResult {
  /** Migrations applied by this call, in order. */
  applied: string[];
  /** Every migration the database now has, in order. */
  all: string[];
}

/** A migration that cannot be applied safely; the message says what to do. */
export class MigrationError extends PermanentError<'migration-failed'> {
  constructor(message: string, options?: { cause?: unknown }) {
    super('migration-failed', message, options);
  }
}

interface MigrationFile {
  name: string;
  sql: string;
  sha256: string;
}

const FILE_NAME = /^(\d{3})-[a-z0-9-]+\.sql$/;

export function defaultMigrationsDir(): string {
  return fileURLToPath(new URL('../migrations/', import.meta.url));
}

async function loadMigrations(dir: string): Promise<MigrationFile[]> {
  const names = (await readdir(dir)).filter((n) => FILE_NAME.test(n)).sort();
  const seen = new Map<string, string>();
  const files: MigrationFile[] = [];
  for (const name of names) {
    const number = FILE_NAME.exec(name)![1]!;
    const other = seen.get(number);
    if (other) throw new MigrationError(`two migrations share number ${number}: ${other} and ${name}; renumber one`);
    seen.set(number, name);
    const bytes = await readFile(path.join(dir, name));
    files.push({ name, sql: bytes.toString('utf8'), sha256: createHash('sha256').update(bytes).digest('hex') });
  }
  return files;
}

/**
 * Serializes migrators of one schema across processes (Postgres only; PGlite has one
 * connection and serializes transactions itself). Released at COMMIT/ROLLBACK.
 */
async function lock(db: Database, tx: Queryable): Promise<void> {
  if (db.kind !== 'postgres') return;
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('vellum:migrate:' || current_schema()))`);
}

async function appliedMigrations(tx: Queryable): Promise<Map<string, string>> {
  const { rows } = await tx.query<{ name: string; sha256: string }>(
    'SELECT name, sha256 FROM schema_migrations ORDER BY name',
  );
  return new Map(rows.map((r) => [r.name, r.sha256]));
}

function checkApplied(files: MigrationFile[], applied: Map<string, string>): void {
  const byName = new Map(files.map((f) => [f.name, f]));
  for (const [name, sha256] of applied) {
    const file = byName.get(name);
    if (!file) {
      throw new MigrationError(
        `migration ${name} is applied in the database but missing from the code: the database was migrated by a newer or different Vellum; upgrade Vellum`,
      );
    }
    if (file.sha256 !== sha256) {
      throw new MigrationError(
        `migration ${name} changed after it was applied (sha256 ${sha256.slice(0, 12)}… in the database, ${file.sha256.slice(0, 12)}… on disk): restore the original file and put the change in a new numbered migration`,
      );
    }
  }
  // Applying an older-numbered file after a newer one would give this database a different
  // history from every other: renumber it after the last applied one instead.
  const lastApplied = [...applied.keys()].sort().at(-1);
  const late = lastApplied === undefined ? undefined : files.find((f) => !applied.has(f.name) && f.name < lastApplied);
  if (late && lastApplied) {
    throw new MigrationError(
      `migration ${late.name} is pending but the later ${lastApplied} is already applied: renumber ${late.name} to follow the last applied migration`,
    );
  }
}

/**
 * Brings the schema up to date: applies each pending migration in its own transaction and
 * records its name and sha256 in `schema_migrations`. Re-running is a no-op; an applied file
 * that has changed is refused. Safe to call from several processes at once.
 */
export async function migrate(db: Database, options: MigrateOptions = {}): Promise<MigrateResult> {
  const files = await loadMigrations(options.migrationsDir ?? defaultMigrationsDir());

  const pending = await db.transaction(async (tx) => {
    await lock(db, tx);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name       text PRIMARY KEY,
      sha256     text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const applied = await appliedMigrations(tx);
    checkApplied(files, applied);
    return files.filter((f) => !applied.has(f.name));
  });

  const appliedNow: string[] = [];
  for (const file of pending) {
    const ran = await db.transaction(async (tx) => {
      await lock(db, tx);
      // Another process may have applied it while we waited for the lock.
      const applied = await appliedMigrations(tx);
      if (applied.has(file.name)) {
        checkApplied(files, applied);
        return false;
      }
      try {
        await tx.exec(file.sql);
      } catch (error) {
        throw new MigrationError(`migration ${file.name} failed and was rolled back: ${(error as Error).message}`, {
          cause: error,
        });
      }
      await tx.query('INSERT INTO schema_migrations (name, sha256) VALUES ($1, $2)', [file.name, file.sha256]);
      return true;
    });
    if (ran) appliedNow.push(file.name);
  }

  return { applied: appliedNow, all: files.map((f) => f.name) };
}
