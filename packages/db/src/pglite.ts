import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import { quoteSchema, type Database, type Queryable, type QueryResult } from './database.ts';
import { pgliteParams } from './pglite-template.ts';

interface PgliteLike {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[]; affectedRows?: number }>;
  exec(sql: string): Promise<unknown>;
}

function queryableOf(conn: PgliteLike): Queryable {
  return {
    async query<T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      const result = await conn.query<T>(sql, params ? [...params] : undefined);
      return { rows: result.rows, rowCount: result.affectedRows || result.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await conn.exec(sql);
    },
  };
}

/** PGlite's default bytea codec works byte by byte; bodies can be megabytes. */
const byteaSerializer = (value: unknown): string => {
  if (!(value instanceof Uint8Array)) throw new Error('bytea parameter must be a Uint8Array');
  return '\\x' + Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex');
};
const byteaParser = (text: string): Uint8Array => Buffer.from(text.slice(2), 'hex');

export async function openPglite(options: { dataDir?: string; schema: string; template?: string }): Promise<Database> {
  let template: Blob | undefined;
  if (options.dataDir !== undefined) {
    await mkdir(options.dataDir, { recursive: true });
    // A new directory is unpacked from the template when there is one, instead of running initdb.
    const isNew = !existsSync(path.join(options.dataDir, 'PG_VERSION'));
    if (isNew && options.template !== undefined && existsSync(options.template)) template = new Blob([await readFile(options.template)]);
  }
  const pglite = await PGlite.create({
    dataDir: options.dataDir,
    ...(template ? { loadDataDir: template } : {}),
    ...pgliteParams(PGlite.defaultStartParams),
    serializers: { [types.BYTEA]: byteaSerializer },
    parsers: { [types.BYTEA]: byteaParser },
  });
  const quoted = quoteSchema(options.schema);
  // One connection: a session-level search_path holds for every later query.
  await pglite.exec(`CREATE SCHEMA IF NOT EXISTS ${quoted}; SET search_path TO ${quoted};`);

  // PGlite runs top-level queries and transactions under one mutex, so concurrent callers
  // never interleave statements inside someone else's transaction.
  const base = queryableOf(pglite as unknown as PgliteLike);
  return {
    kind: 'pglite',
    schema: options.schema,
    query: base.query,
    exec: base.exec,
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return pglite.transaction((tx) => fn(queryableOf(tx as unknown as PgliteLike)));
    },
    async close(): Promise<void> {
      await pglite.close();
    },
  };
}
