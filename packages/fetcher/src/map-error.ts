/**
 * Turns whatever undici, net, dns or tls threw into one of the fetcher's typed errors, so
 * callers only ever see a VellumError with a stable code.
 */
import { VellumError } from '@vellum/core/errors';
import { AddressBlockedError } from './address-guard.ts';
import {
  BlockedDestinationError,
  ConnectionFailedError,
  DnsFailureError,
  FetchTimeoutError,
} from './errors.ts';

export interface TimeoutSettings {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyIdleTimeoutMs: number;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_NODATA', 'ENODATA', 'EAI_FAIL', 'ESERVFAIL']);

export function mapFetchError(error: unknown, url: URL, timeouts: TimeoutSettings): VellumError {
  for (const candidate of causes(error)) {
    // Before the VellumError test: the guard's own error is one, but callers get the URL's.
    if (candidate instanceof AddressBlockedError) {
      return new BlockedDestinationError(url.href, candidate.address, candidate.range);
    }
    if (candidate instanceof VellumError) return candidate;
  }
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new FetchTimeoutError(url.href, 'connect', timeouts.connectTimeoutMs, { cause: error });
    case 'UND_ERR_HEADERS_TIMEOUT':
      return new FetchTimeoutError(url.href, 'headers', timeouts.headersTimeoutMs, { cause: error });
    case 'UND_ERR_BODY_TIMEOUT':
      return new FetchTimeoutError(url.href, 'body-idle', timeouts.bodyIdleTimeoutMs, { cause: error });
  }
  for (const candidate of causes(error)) {
    const c = (candidate as { code?: unknown }).code;
    if (typeof c === 'string' && DNS_CODES.has(c)) return new DnsFailureError(url.href, url.hostname, { cause: candidate });
  }
  const detail = [...causes(error)]
    .map((e) => (e as { code?: unknown }).code ?? (e instanceof Error ? e.message : String(e)))
    .filter(Boolean)
    .join(' / ');
  return new ConnectionFailedError(url.href, detail || 'unknown error', { cause: error });
}

/** The error, its causes, and the members of AggregateErrors (happy-eyeballs connects). */
function* causes(error: unknown, depth = 0): Generator<unknown> {
  if (error === null || error === undefined || depth > 8) return;
  yield error;
  if (error instanceof AggregateError) for (const inner of error.errors) yield* causes(inner, depth + 1);
  if (error instanceof Error && error.cause !== undefined) yield* causes(error.cause, depth + 1);
}
