/**
 * Every way a fetch can fail, as typed errors with a stable `code` (recorded as the
 * submission's status reason). Permanent ones will fail again on retry; transient ones may not.
 * Each message says what happened and what the operator can do about it.
 */
import { PermanentError, TransientError } from '@vellum/core/errors';
import type { CaptureRecord } from './capture.ts';

/** Every error the fetcher throws (its address guard's AddressBlockedError stays inside it). */
export type FetchError =
  | InvalidUrlError
  | UrlTooLongError
  | BlockedDestinationError
  | RobotsDisallowedError
  | RobotsUnavailableError
  | RedirectLoopError
  | TooManyRedirectsError
  | InvalidRedirectError
  | BodyTooLargeError
  | UnsupportedContentTypeError
  | UnsupportedContentEncodingError
  | CorruptContentEncodingError
  | HttpClientError
  | HttpServerError
  | RateLimitedError
  | FetchTimeoutError
  | DnsFailureError
  | ConnectionFailedError;

/** Codes of every error the fetcher throws: each is the recorded reason of a failed fetch. */
export type FetchErrorCode = FetchError['code'];

export class InvalidUrlError extends PermanentError<'invalid-url'> {
  constructor(
    readonly url: string,
    reason: string,
  ) {
    super('invalid-url', `cannot fetch ${JSON.stringify(truncate(url))}: ${reason}; submit an absolute http(s) URL`);
  }
}

export class UrlTooLongError extends PermanentError<'url-too-long'> {
  constructor(
    readonly url: string,
    readonly maxUrlLength: number,
    /** How the operator sets the limit, named in the message. */
    setting = 'maxUrlLength',
  ) {
    super(
      'url-too-long',
      `URL is ${url.length} characters, over the ${maxUrlLength} limit (${truncate(url)}); ` +
        `submit a shorter URL or raise ${setting}`,
    );
  }
}

/** The destination address is private, loopback, link-local, reserved... and not allow-listed. */
export class BlockedDestinationError extends PermanentError<'blocked-destination'> {
  constructor(
    readonly url: string,
    readonly address: string,
    readonly range: string,
    /** How the operator lets a host through, named in the message. */
    setting = 'allowHosts or allowCidrs',
  ) {
    super(
      'blocked-destination',
      `refused to connect to ${address} (${range} range) for ${truncate(url)}: destinations outside the ` +
        `public internet are blocked; if this host is meant to be fetched, add it to ${setting}`,
    );
  }
}

export class RobotsDisallowedError extends PermanentError<'robots-disallowed'> {
  constructor(
    readonly url: string,
    readonly robotsUrl: string,
    readonly userAgent: string,
  ) {
    super(
      'robots-disallowed',
      `${robotsUrl} disallows ${truncate(url)} for user agent "${userAgent}"; the page will not be ` +
        'fetched unless the site changes its robots.txt',
    );
  }
}

/** robots.txt answered 429/5xx or could not be reached: RFC 9309 says assume full disallow for now. */
export class RobotsUnavailableError extends TransientError<'robots-unavailable'> {
  constructor(
    readonly robotsUrl: string,
    detail: string,
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super(
      'robots-unavailable',
      `could not read ${robotsUrl} (${detail}); the site is treated as disallowed until it answers, retry later`,
      options,
    );
  }
}

export class RedirectLoopError extends PermanentError<'redirect-loop'> {
  constructor(
    readonly url: string,
    readonly chain: string[],
  ) {
    super(
      'redirect-loop',
      `redirect loop: ${truncate(url)} was already visited (chain: ${chain.map((u) => truncate(u, 80)).join(' -> ')}); ` +
        'the site is misconfigured, submit the final article URL instead',
    );
  }
}

export class TooManyRedirectsError extends PermanentError<'too-many-redirects'> {
  constructor(
    readonly url: string,
    readonly maxRedirects: number,
    setting = 'maxRedirects',
  ) {
    super(
      'too-many-redirects',
      `more than ${maxRedirects} redirects starting at ${truncate(url)}; submit the final URL or raise ${setting}`,
    );
  }
}

export class InvalidRedirectError extends PermanentError<'invalid-redirect'> {
  constructor(
    readonly url: string,
    readonly status: number,
    detail: string,
  ) {
    super(
      'invalid-redirect',
      `${truncate(url)} answered ${status} with ${detail}; the redirect cannot be followed, submit the target URL directly`,
    );
  }
}

export class BodyTooLargeError extends PermanentError<'body-too-large'> {
  constructor(
    readonly url: string,
    readonly maxBodyBytes: number,
    setting = 'maxBodyBytes',
  ) {
    super(
      'body-too-large',
      `the response body of ${truncate(url)} exceeds ${maxBodyBytes} bytes (after decompression); ` +
        `it was not stored; raise ${setting} if such pages are expected`,
    );
  }
}

/**
 * The response is not HTML/XHTML. `fetch()` itself returns such captures (contentClass
 * `unsupported`) so they are stored; callers that stop there throw this to record the outcome.
 */
export class UnsupportedContentTypeError extends PermanentError<'unsupported-content-type'> {
  constructor(readonly capture: CaptureRecord) {
    super(
      'unsupported-content-type',
      `unsupported content type ${JSON.stringify(capture.contentType ?? '(none)')} at ${truncate(capture.finalUrl)}: ` +
        'the response was captured but only HTML/XHTML is processed',
    );
  }
}

export class UnsupportedContentEncodingError extends PermanentError<'unsupported-content-encoding'> {
  constructor(
    readonly url: string,
    readonly contentEncoding: string,
  ) {
    super(
      'unsupported-content-encoding',
      `${truncate(url)} was sent with Content-Encoding "${contentEncoding}", which the fetcher cannot decode ` +
        '(it only asks for gzip, deflate, br); report the site',
    );
  }
}

export class CorruptContentEncodingError extends PermanentError<'corrupt-content-encoding'> {
  constructor(
    readonly url: string,
    readonly contentEncoding: string,
    options?: { cause?: unknown },
  ) {
    super(
      'corrupt-content-encoding',
      `the ${contentEncoding} body of ${truncate(url)} could not be decoded (the compressed data is corrupt or cut short); ` +
        'the server is sending broken responses, report the site',
      options,
    );
  }
}

/** A 4xx other than 429. The capture (status, headers, error page body) is attached. */
export class HttpClientError extends PermanentError<'http-4xx'> {
  constructor(
    readonly url: string,
    readonly status: number,
    readonly capture: CaptureRecord,
  ) {
    super(
      'http-4xx',
      `${truncate(url)} answered HTTP ${status}; the page is missing or refused to us, check the URL`,
    );
  }
}

/** A 5xx. Transient: the caller's retry policy decides when to try again. */
export class HttpServerError extends TransientError<'http-5xx'> {
  constructor(
    readonly url: string,
    readonly status: number,
    readonly capture: CaptureRecord,
    retryAfterMs?: number,
  ) {
    super('http-5xx', `${truncate(url)} answered HTTP ${status} (server error); retry later`, { retryAfterMs });
  }
}

/** A 429. `retryAfterMs` is the server's Retry-After, capped at `maxRetryAfterMs`. */
export class RateLimitedError extends TransientError<'rate-limited'> {
  constructor(
    readonly url: string,
    readonly capture: CaptureRecord,
    retryAfterMs: number | undefined,
  ) {
    super(
      'rate-limited',
      `${truncate(url)} answered HTTP 429 (too many requests); retry after ` +
        `${retryAfterMs === undefined ? 'a backoff' : `${Math.ceil(retryAfterMs / 1000)} s`}, and consider a larger per-host delay`,
      { retryAfterMs },
    );
  }
}

export type TimeoutPhase = 'connect' | 'headers' | 'body-idle' | 'total';

export class FetchTimeoutError extends TransientError<'timeout'> {
  constructor(
    readonly url: string,
    readonly phase: TimeoutPhase,
    readonly timeoutMs: number,
    options?: { cause?: unknown },
  ) {
    super('timeout', `${describePhase(phase)} of ${truncate(url)} took longer than ${timeoutMs} ms; retry later`, options);
  }
}

export class DnsFailureError extends TransientError<'dns-failure'> {
  constructor(
    readonly url: string,
    readonly hostname: string,
    options?: { cause?: unknown },
  ) {
    const code = (options?.cause as { code?: string } | undefined)?.code;
    super(
      'dns-failure',
      `could not resolve ${hostname}${code ? ` (${code})` : ''} for ${truncate(url)}; check the host name, retry later if it is right`,
      options,
    );
  }
}

export class ConnectionFailedError extends TransientError<'connection-failed'> {
  constructor(
    readonly url: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super('connection-failed', `connection to ${truncate(url)} failed (${detail}); retry later`, options);
  }
}

function describePhase(phase: TimeoutPhase): string {
  switch (phase) {
    case 'connect':
      return 'connecting to the server';
    case 'headers':
      return 'waiting for the response headers';
    case 'body-idle':
      return 'waiting for the next chunk of the body';
    case 'total':
      return 'the whole fetch';
  }
}

function truncate(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}...` : text;
}
