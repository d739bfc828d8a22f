import { PermanentError } from '@vellum/core';

/**
 * The source answered, but its body is not a well-formed feed or sitemap of the kind it claims
 * to be. Retrying the same bytes cannot help; the next scheduled run fetches afresh.
 */
export class MalformedSourceError extends PermanentError<'malformed-source'> {
  constructor(message: string, options?: { cause?: unknown }) {
    super('malformed-source', message, options);
  }
}

/** The body is well-formed but is not a feed, a sitemap, or an HTML page (e.g. a PDF). */
export class UnsupportedSourceError extends PermanentError<'unsupported-source'> {
  constructor(message: string, options?: { cause?: unknown }) {
    super('unsupported-source', message, options);
  }
}
