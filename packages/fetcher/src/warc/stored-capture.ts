/**
 * A stored capture (as @vellum/db reads it back) in the shape the WARC writer takes. Shared by
 * `vellum export warc` and the web UI's one-capture WARC route, so both write the same records.
 * The capture's shape is written out here (the fetcher does not depend on the db package).
 */
import type { HeaderPairs } from '../capture.ts';
import type { WarcCapture } from './write-warc.ts';

/** What this needs of a stored capture (@vellum/db's Capture fits). */
export interface StoredCaptureFields {
  requestedUrl: string;
  finalUrl: string | null;
  redirectChain: unknown[];
  httpStatus: number | null;
  requestHeaders: HeaderPairs;
  responseHeaders: HeaderPairs;
  fetchedAt: Date;
  bodySha256: string | null;
  outcome: string;
  truncated: boolean;
  remoteAddress: string | null;
  meta: Record<string, unknown>;
}

/**
 * @param body the capture's stored body (ignored for a 304 revisit, which has none of its own)
 * @param original for a `not-modified` capture, the capture whose body it confirmed
 */
export function warcCaptureFromStored(
  c: StoredCaptureFields & { httpStatus: number },
  body: Uint8Array | null,
  original: StoredCaptureFields | null,
): WarcCapture {
  const meta = c.meta as { statusText?: string; contentEncoding?: string | null; httpVersion?: string };
  const notModified = c.outcome === 'not-modified';
  return {
    finalUrl: c.finalUrl ?? c.requestedUrl,
    redirectChain: c.redirectChain as WarcCapture['redirectChain'],
    httpStatus: c.httpStatus,
    statusText: meta.statusText ?? '',
    httpVersion: meta.httpVersion,
    remoteAddress: c.remoteAddress,
    requestHeaders: c.requestHeaders,
    responseHeaders: c.responseHeaders,
    fetchedAt: c.fetchedAt.toISOString(),
    body: notModified || !c.bodySha256 ? new Uint8Array(0) : (body ?? new Uint8Array(0)),
    contentEncoding: meta.contentEncoding ?? null,
    truncated: c.truncated,
    outcome: notModified ? 'not-modified' : 'ok',
    refersTo:
      notModified && original?.bodySha256
        ? { url: original.finalUrl ?? original.requestedUrl, fetchedAt: original.fetchedAt.toISOString(), bodySha256: original.bodySha256 }
        : null,
  };
}
