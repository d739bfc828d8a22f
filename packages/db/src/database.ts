/**
 * The database handle every repository and the migration runner take. Two backends share one
 * interface: node-postgres (a pool, for real deployments and integration tests) and PGlite
 * (embedded Postgres in WebAssembly, the zero-setup default of `vellum ingest`).
 */
import { DATABASE_DEFAULTS } from './defaults.ts';

export interface QueryResult<T> {
  rows: T[];
  /** Rows returned or affected by the statement. */
  rowCount: number;
}

/** Anything SQL can be sent to: the database itself or a transaction's handle. */
export interface Queryable {
  /** One parameterized statement ($1, $2, ...). */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** A script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export type DatabaseKind = 'postgres' | 'pglite';

export interface Database extends Queryable {
  readonly kind: DatabaseKind;
  /** The schema every connection's search_path points at. */
  readonly schema: string;
  /**
   * Runs `fn` in BEGIN/COMMIT on one connection; ROLLBACK if it throws. Inside `fn`, use only
   * `tx`: on PGlite (one connection) a call on the database itself waits for the transaction
   * to end, so it would deadlock.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /**
   * A postgres:// URL. When set, node-postgres is used; otherwise embedded PGlite.
   * @defaultValue none (PGlite)
   */
  connectionString?: string;
  /**
   * PGlite data directory (created if missing). Undefined: in-memory, gone on close. One
   * process at a time: PGlite is not a server, so two processes must not open the same directory.
   * @defaultValue none (in memory)
   */
  dataDir?: string;
  /**
   * PGlite only: a data-directory template (see pglite-template.ts) unpacked into `dataDir` when
   * that directory is new, instead of running initdb. Ignored when the file does not exist.
   * @defaultValue none (initdb)
   */
  pgliteTemplate?: string;
  /**
   * Schema holding Vellum's tables; created if missing and set as the search_path of every
   * connection. Lowercase letters, digits and underscores only.
   * @defaultValue 'vellum'
   */
  schema?: string;
  /**
   * node-postgres only: maximum pool size.
   * @defaultValue 10
   */
  maxConnections?: number;
  /**
   * node-postgres only: how long to wait for a connection before failing, in ms.
   * @defaultValue 10_000
   */
  connectTimeoutMs?: number;
}

export const DEFAULT_SCHEMA = DATABASE_DEFAULTS.schema;

// Lowercase only: the search_path connection parameter is unquoted, so Postgres folds case.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Validates a schema name and returns it double-quoted for use as an identifier. */
export function quoteSchema(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(
      `invalid schema name ${JSON.stringify(schema)}: use lowercase letters, digits and underscores (max 63), not starting with a digit`,
    );
  }
  return `"${schema}"`;
}

/**
 * Opens the archive database. Does not migrate: call `migrate(db)` once at start-up.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  quoteSchema(schema);
  if (options.connectionString) {
    const { openPostgres } = await import('./postgres.ts');
    return openPostgres({ ...options, connectionString: options.connectionString, schema });
  }
  const { openPglite } = await import('./pglite.ts');
  return openPglite({ dataDir: options.dataDir, schema, template: options.pgliteTemplate });
}

/** One round trip, for readiness checks: resolves when the database answers. */
export async function pingDatabase(q: Queryable): Promise<void> {
  await q.query('SELECT 1');
}
