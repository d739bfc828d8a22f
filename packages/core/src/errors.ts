/**
 * Typed errors. Every Vellum error says whether retrying can help: a `TransientError` may
 * succeed later (timeouts, 5xx, a database that is down); a `PermanentError` never will
 * (a 404, a page with no article, a blocked destination). Workers map the latter to BullMQ's
 * UnrecoverableError.
 */
export abstract class VellumError extends Error {
  /** A short machine-readable reason, recorded as the submission's status reason. */
  abstract readonly code: string;
  abstract readonly retryable: boolean;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class PermanentError extends VellumError {
  readonly retryable = false;
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export class TransientError extends VellumError {
  readonly retryable = true;
  readonly code: string;
  /** A server-suggested wait before retrying (e.g. from Retry-After), in ms. */
  readonly retryAfterMs: number | undefined;
  constructor(code: string, message: string, options?: { cause?: unknown; retryAfterMs?: number }) {
    super(message, options);
    this.code = code;
    this.retryAfterMs = options?.retryAfterMs;
  }
}

/** Readability found no article in the page. */
export class NotAnArticleError extends PermanentError {
  constructor(message = 'no article content found in the page') {
    super('not-an-article', message);
  }
}

/** The input could not be parsed at all (bad URL, undecodable bytes, empty page). */
export class InvalidInputError extends PermanentError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('invalid-input', message, options);
  }
}

/**
 * The page could not be read on either DOM: building it or running Readability on it threw,
 * on the pipeline's DOM and again on the reference (jsdom). The cause is the first failure.
 */
export class UnreadablePageError extends PermanentError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('unreadable-page', message, options);
  }
}

/** True when the error (or anything it wraps) says a retry may help. Unknown errors: yes. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof VellumError) return error.retryable;
  return true;
}
