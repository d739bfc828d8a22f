/**
 * Named API tokens (migration 010). The secret is generated here and only its SHA-256 is stored;
 * a request's token is found by its hash, so checking it costs one index lookup and compares no
 * secret byte by byte (nothing to time). Revoking keeps the row: the name stays tied to the
 * submissions it made.
 */
import { createHash, randomBytes } from 'node:crypto';
import { PermanentError } from '@vellum/core/errors';
import type { Queryable } from './database.ts';
import { bytesParam, toDate, toDateOrNull, toId, type Row } from './sql-values.ts';

/** Lowercase letters, digits, `.`, `_` and `-`, up to 63 characters (what submitted_by records). */
export const API_TOKEN_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;

/** `last_used_at` is refreshed at most this often, so a busy token does not write on every request. */
const TOUCH_INTERVAL = '1 minute';

export interface ApiToken {
  id: number;
  name: string;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

/** A token name that cannot be used (malformed, or taken): the operator must choose another. */
export class ApiTokenError extends PermanentError<'invalid-token-name'> {
  constructor(message: string) {
    super('invalid-token-name', message);
  }
}

function tokenFromRow(row: Row): ApiToken {
  return {
    id: toId(row.id),
    name: row.name as string,
    createdAt: toDate(row.created_at),
    revokedAt: toDateOrNull(row.revoked_at),
    lastUsedAt: toDateOrNull(row.last_used_at),
  };
}

export function hashApiToken(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

export function checkApiTokenName(name: string): string {
  if (!API_TOKEN_NAME.test(name)) {
    throw new ApiTokenError(`invalid token name ${JSON.stringify(name)}: use 1-63 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit`);
  }
  return name;
}

/** Creates a token; returns it with its secret, which is never stored and cannot be shown again. */
export async function createApiToken(q: Queryable, name: string): Promise<{ token: ApiToken; secret: string }> {
  checkApiTokenName(name);
  // 32 random bytes; the prefix makes a leaked token recognizable to secret scanners.
  const secret = `vlm_${randomBytes(32).toString('base64url')}`;
  const { rows } = await q.query<Row>(
    `INSERT INTO api_tokens (name, token_sha256) VALUES ($1, $2)
     ON CONFLICT (name) DO NOTHING RETURNING *`,
    [name, bytesParam(hashApiToken(secret))],
  );
  if (rows.length === 0) throw new ApiTokenError(`a token named ${JSON.stringify(name)} already exists (revoked names are not reused): choose another name`);
  return { token: tokenFromRow(rows[0]!), secret };
}

/** Every token, revoked ones included, oldest first. */
export async function listApiTokens(q: Queryable): Promise<ApiToken[]> {
  const { rows } = await q.query<Row>('SELECT id, name, created_at, revoked_at, last_used_at FROM api_tokens ORDER BY id');
  return rows.map(tokenFromRow);
}

export async function countActiveApiTokens(q: Queryable): Promise<number> {
  const { rows } = await q.query<{ n: unknown }>('SELECT count(*) AS n FROM api_tokens WHERE revoked_at IS NULL');
  return Number(rows[0]!.n);
}

/** Revokes a live token; returns it, or null when no live token has that name. */
export async function revokeApiToken(q: Queryable, name: string): Promise<ApiToken | null> {
  const { rows } = await q.query<Row>(
    `UPDATE api_tokens SET revoked_at = now() WHERE name = $1 AND revoked_at IS NULL
     RETURNING id, name, created_at, revoked_at, last_used_at`,
    [name],
  );
  return rows[0] ? tokenFromRow(rows[0]) : null;
}

/**
 * The live token whose secret this is, or null. Refreshes its last_used_at when older than a
 * minute (a conditional UPDATE: concurrent requests do not queue on the row otherwise).
 */
export async function findApiTokenBySecret(q: Queryable, secret: string): Promise<ApiToken | null> {
  const { rows } = await q.query<Row>(
    `SELECT id, name, created_at, revoked_at, last_used_at, (last_used_at IS NULL OR last_used_at < now() - interval '${TOUCH_INTERVAL}') AS stale
       FROM api_tokens WHERE token_sha256 = $1 AND revoked_at IS NULL`,
    [bytesParam(hashApiToken(secret))],
  );
  const row = rows[0];
  if (!row) return null;
  if (row.stale) {
    await q.query(
      `UPDATE api_tokens SET last_used_at = now()
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '${TOUCH_INTERVAL}')`,
      [row.id],
    );
  }
  return tokenFromRow(row);
}
