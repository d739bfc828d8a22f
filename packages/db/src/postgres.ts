import pg from 'pg';
import { quoteSchema, type Database, type OpenDatabaseOptions, type Queryable, type QueryResult } from './database.ts';
import { DATABASE_DEFAULTS } from './defaults.ts';

function queryableOf(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      const result = await client.query(sql, params as unknown[] | undefined);
      return { rows: result.rows as T[], rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(sql: string): Promise<void> {
      // Without parameters node-postgres uses the simple protocol, which allows several statements.
      await client.query(sql);
    },
  };
}

const DUPLICATE_SCHEMA_CODES = new Set(['42P06', '23505']);

export async function openPostgres(
  options: OpenDatabaseOptions & { connectionString: string; schema: string },
): Promise<Database> {
  const { schema } = options;
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? DATABASE_DEFAULTS.maxConnections,
    connectionTimeoutMillis: options.connectTimeoutMs ?? DATABASE_DEFAULTS.connectTimeoutMs,
    // Every connection, including ones the pool opens later, sees only Vellum's schema.
    options: `-c search_path=${schema}`,
  });
  // An idle client losing its connection must not crash the process: the pool drops it and the
  // next query reports the problem to its caller.
  pool.on('error', () => {});

  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${quoteSchema(schema)}`);
  } catch (error) {
    // Two processes creating the same schema at once: the loser sees a duplicate, which is fine.
    if (!DUPLICATE_SCHEMA_CODES.has((error as { code?: string }).code ?? '')) {
      await pool.end();
      throw error;
    }
  }

  const base = queryableOf(pool);
  return {
    kind: 'postgres',
    schema,
    query: base.query,
    exec: base.exec,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      // A checked-out client has no listener of the pool's: when the server ends the session
      // (a restart's 57P01, a killed backend, a cut socket) it emits 'error', which would end
      // the process. The statement in flight fails on its own; the client is only marked
      // broken, so that it is destroyed rather than handed back to the pool.
      let broken = false;
      const onError = (): void => {
        broken = true;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await fn(queryableOf(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        if (!broken) {
          try {
            await client.query('ROLLBACK');
          } catch {
            broken = true;
          }
        }
        throw error;
      } finally {
        // A client whose ROLLBACK failed is in an unknown state: destroy it, don't reuse it.
        // The listener stays on a destroyed client: its socket may still report late errors.
        if (!broken) client.removeListener('error', onError);
        client.release(broken);
      }
    },
    async close(): Promise<void> {
      await pool.end();
    },
  };
}
