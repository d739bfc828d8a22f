/**
 * Conversions between JavaScript values and what both drivers send and return. node-postgres
 * returns bigint as a string and bytea as a Buffer; PGlite returns numbers and Uint8Arrays.
 * Repositories go through these so callers see one shape whatever the backend.
 */

/** Ids are bigint in SQL and numbers in JS (exact up to 2^53, far beyond any archive). */
export function toId(value: unknown): number {
  const n = typeof value === 'bigint' ? Number(value) : Number(value as string | number);
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer id: ${String(value)}`);
  return n;
}

export function toIdOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : toId(value);
}

export function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(value as string);
}

export function toDateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}

export function toBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  throw new Error('expected bytea as a Uint8Array');
}

/** A JSON parameter: send text and cast with `::jsonb` in SQL (node-postgres would turn arrays into Postgres arrays). */
export function jsonParam(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** A bytea parameter both drivers accept without copying. */
export function bytesParam(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A timestamptz parameter as ISO 8601, which both drivers pass through unchanged. */
export function timeParam(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`invalid timestamp: ${String(value)}`);
  return date.toISOString();
}

export type Row = Record<string, unknown>;

export function toNumberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}
