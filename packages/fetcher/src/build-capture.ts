/** Assembles a CaptureRecord from the final exchange and its body. */
import { createHash } from 'node:crypto';
import type { CaptureRecord, CaptureReference, RedirectHop } from './capture.ts';
import { parseContentEncoding } from './body-reader.ts';
import { classifyContent } from './content-class.ts';
import { headerValue, type Exchange } from './exchange.ts';
import { finishFacts } from './fetch-facts.ts';
import { FETCHER_VERSION } from './version.ts';

export interface CaptureParts {
  requestedUrl: URL;
  exchange: Exchange;
  redirectChain: RedirectHop[];
  /** null for a 304: there is no body. */
  body: Uint8Array | null;
  truncated: boolean;
  refersTo: CaptureReference | null;
}

export function buildCapture(parts: CaptureParts): CaptureRecord {
  const { exchange } = parts;
  const headers = exchange.responseHeaders;
  const body = parts.body ?? new Uint8Array(0);
  const contentType = headerValue(headers, 'content-type');
  const content = classifyContent(contentType, body);
  const codings = parseContentEncoding(headerValue(headers, 'content-encoding'));
  const notModified = exchange.status === 304;
  // Built right after the body was read (or discarded): that ends the exchange's total time.
  const facts = finishFacts(exchange.facts)!;
  return {
    requestedUrl: parts.requestedUrl.href,
    finalUrl: exchange.url.href,
    redirectChain: parts.redirectChain,
    httpStatus: exchange.status,
    httpVersion: '1.1',
    statusText: exchange.statusText,
    requestHeaders: exchange.requestHeaders,
    responseHeaders: headers,
    fetchedAt: exchange.fetchedAt,
    body,
    bodySha256: parts.body === null ? null : sha256Hex(body),
    contentEncoding: parts.body !== null && codings.length > 0 ? codings.join(', ') : null,
    contentType,
    mediaType: content.mediaType,
    charset: notModified ? null : content.charset,
    contentClass: content.contentClass,
    truncated: parts.truncated,
    etag: headerValue(headers, 'etag'),
    lastModified: headerValue(headers, 'last-modified'),
    outcome: notModified ? 'not-modified' : 'ok',
    refersTo: notModified ? parts.refersTo : null,
    remoteAddress: facts.remoteAddress,
    timings: { ...facts.timings },
    fetcherVersion: FETCHER_VERSION,
  };
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
