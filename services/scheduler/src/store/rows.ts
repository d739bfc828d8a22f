/**
 * Row values as both drivers return them: node-postgres gives bigint as a string, PGlite as a
 * number; timestamps come back as Date.
 */
export type Row = Record<string, unknown>;

export function asId(value: unknown): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer id: ${String(value)}`);
  return n;
}

export function asDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(value as string);
}

export function asDateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : asDate(value);
}

export function asNumberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}
