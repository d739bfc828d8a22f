import { createHash } from 'node:crypto';
import type { Queryable } from './database.ts';
import { bytesParam, toBytes, type Row } from './sql-values.ts';

export interface StoredBody {
  /** SHA-256 of the bytes, lowercase hex: the body's key. */
  sha256: string;
  size: number;
  /** False when an identical body was already stored. */
  created: boolean;
}

export function bodySha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Stores raw bytes once per content: storing the same bytes again is a no-op. */
export async function storeBody(q: Queryable, bytes: Uint8Array): Promise<StoredBody> {
  const sha256 = bodySha256(bytes);
  // Look first so a repeated body (a refetch of an unchanged page) is not sent over the wire again.
  const existing = await q.query<Row>('SELECT 1 FROM bodies WHERE sha256 = $1', [sha256]);
  if (existing.rows.length > 0) return { sha256, size: bytes.byteLength, created: false };
  const inserted = await q.query<Row>(
    'INSERT INTO bodies (sha256, bytes) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING RETURNING sha256',
    [sha256, bytesParam(bytes)],
  );
  return { sha256, size: bytes.byteLength, created: inserted.rows.length > 0 };
}

export async function getBody(q: Queryable, sha256: string): Promise<Uint8Array | null> {
  const { rows } = await q.query<Row>('SELECT bytes FROM bodies WHERE sha256 = $1', [sha256]);
  return rows[0] ? toBytes(rows[0].bytes) : null;
}
