/**
 * Typed errors: the one error family of Vellum. Every Vellum error has a machine-readable `code`
 * (typed: each class narrows it to its own codes, each package exports the union of its codes)
 * and says whether retrying can help: a `TransientError` may succeed later (timeouts, 5xx, a
 * database that is down); a `PermanentError` never will (a 404, a page with no article, a blocked
 * destination). Workers map the latter to BullMQ's UnrecoverableError.
 *
 * This module is also the package's `@vellum/core/errors` entry, so that packages which only
 * need the error classes (the fetcher, the queue) do not load the pipeline and its DOMs. It
 * imports nothing.
 */
export abstract class VellumError<Code extends string = string> extends Error {
  /** A short machine-readable reason, recorded as the submission's status reason. */
  abstract readonly code: Code;
  abstract readonly retryable: boolean;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class PermanentError<Code extends string = string> extends VellumError<Code> {
  readonly retryable = false;
  readonly code: Code;
  constructor(code: Code, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export class TransientError<Code extends string = string> extends VellumError<Code> {
  readonly retryable = true;
  readonly code: Code;
  /** A server-suggested wait before retrying (e.g. from Retry-After), in ms. */
  readonly retryAfterMs: number | undefined;
  constructor(code: Code, message: string, options?: { cause?: unknown; retryAfterMs?: number }) {
    super(message, options);
    this.code = code;
    this.retryAfterMs = options?.retryAfterMs;
  }
}

/** Readability found no article in the page. */
export class NotAnArticleError extends PermanentError<'not-an-article'> {
  constructor(message = 'no article content found in the page') {
    super('not-an-article', message);
  }
}

/** The input could not be parsed at all (bad URL, undecodable bytes, empty page). */
export class InvalidInputError extends PermanentError<'invalid-input'> {
  constructor(message: string, options?: { cause?: unknown }) {
    super('invalid-input', message, options);
  }
}

/** Codes of the errors @vellum/core throws. */
export type CoreErrorCode = 'not-an-article' | 'invalid-input' | 'invalid-site-rules' | 'readability-first-pass' | 'unreadable-page';

/**
 * The page could not be read on either DOM: building it or running Readability on it threw,
 * on the pipeline's DOM and again on the reference (jsdom). The cause is the first failure.
 */
export class UnreadablePageError extends PermanentError<'unreadable-page'> {
  constructor(message: string, options?: { cause?: unknown }) {
    super('unreadable-page', message, options);
  }
}

/**
 * True when a retry may help. The first Vellum error on the error's `cause` chain decides (the
 * error itself first, then what it wraps: a plain Error wrapping a PermanentError is permanent);
 * a chain with no Vellum error (an unknown failure) says yes. A cause chain that loops back on
 * itself ends the walk.
 */
export function isRetryable(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let current = error; current !== null && current !== undefined && !seen.has(current); current = (current as { cause?: unknown }).cause) {
    if (current instanceof VellumError) return current.retryable;
    if (typeof current !== 'object') break;
    seen.add(current);
  }
  return true;
}
