import { PermanentError } from '@vellum/core/errors';

/** A row the caller named by id does not exist. */
export class RecordNotFoundError extends PermanentError<'not-found'> {
  constructor(
    readonly entity: string,
    readonly id: number | string,
  ) {
    super('not-found', `${entity} ${id} does not exist`);
  }
}

/** SQLSTATE classes and driver errors that mean "try again later": the server is away or busy. */
const TRANSIENT_SQLSTATE = /^(08|53|57P0[1-3]|40001|40P01)/;
const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
const TRANSIENT_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i;

/**
 * True when a database error is about reaching the server (down, restarting, overloaded,
 * a serialization conflict) rather than about the statement: the worker retries these.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_NODE_CODES.has(code))) return true;
  if (typeof message === 'string' && TRANSIENT_MESSAGES.test(message)) return true;
  const cause = (error as { cause?: unknown }).cause;
  if (cause && cause !== error) return isTransientDatabaseError(cause);
  const errors = (error as { errors?: unknown }).errors; // AggregateError from dual-stack connects
  return Array.isArray(errors) && errors.some((e) => isTransientDatabaseError(e));
}
