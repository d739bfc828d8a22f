import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from '../src/index.ts';

export const POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

export type Backend = 'pglite' | 'postgres';
export const BACKENDS: Backend[] = ['pglite', 'postgres'];

/** A unique schema name so parallel test files never see each other's rows. */
export function testSchema(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/** In-memory PGlite, or the real Postgres in a schema of its own. */
export async function openTestDatabase(backend: Backend, prefix = 'vt_db'): Promise<Database> {
  if (backend === 'pglite') return openDatabase({});
  return openDatabase({ connectionString: POSTGRES_URL, schema: testSchema(prefix) });
}

/** Drops the test schema (Postgres) and closes the handle. */
export async function disposeTestDatabase(db: Database | undefined): Promise<void> {
  if (!db) return;
  if (db.kind === 'postgres') await db.exec(`DROP SCHEMA IF EXISTS "${db.schema}" CASCADE`);
  await db.close();
}
