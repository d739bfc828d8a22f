/**
 * The capture record: plain data describing one fetch, exactly as the server answered. It is
 * what storage keeps and what WARC export writes; nothing in it needs the fetcher to be read.
 */

import type { FetchTimings } from './fetch-facts.ts';

/** Header lines as `[name, value]` pairs, in wire order, duplicates kept, names as sent. */
export type HeaderPairs = Array<[name: string, value: string]>;

/** One redirect the fetcher followed before reaching `finalUrl`. */
export interface RedirectHop {
  /** The URL that answered with the redirect. */
  url: string;
  status: number;
  /** The status line's reason phrase as sent (may be empty; absent in captures made before fetcher 1.5). */
  statusText?: string;
  /** The IP address the hop's request was sent to, when known. */
  remoteAddress?: string | null;
  /** The `Location` header exactly as sent (may be relative). */
  location: string;
  /** When this hop's response started (ISO 8601). */
  fetchedAt: string;
  requestHeaders: HeaderPairs;
  responseHeaders: HeaderPairs;
}

/** HTML/XHTML goes on to processing; anything else is kept but not processed. */
export type ContentClass = 'html' | 'unsupported';

/** `ok`: a full response (2xx) was captured. `not-modified`: a 304 to a conditional GET. */
export type CaptureOutcome = 'ok' | 'not-modified';

/** The earlier capture a conditional GET revalidated; a 304 capture points back to it. */
export interface CaptureReference {
  url: string;
  fetchedAt: string;
  /** Hex SHA-256 of that capture's body. */
  bodySha256: string;
}

export interface CaptureRecord {
  /** The URL as submitted, after WHATWG URL normalization. */
  requestedUrl: string;
  /** The URL that produced the final response (after redirects). */
  finalUrl: string;
  redirectChain: RedirectHop[];
  httpStatus: number;
  /** HTTP version of the final response, e.g. `1.1`. */
  httpVersion: string;
  /** The status line's reason phrase as sent (may be empty). */
  statusText: string;
  /** Request headers of the final request, in the order sent (includes `host`). */
  requestHeaders: HeaderPairs;
  responseHeaders: HeaderPairs;
  /** When the final response started (ISO 8601, ms precision). */
  fetchedAt: string;
  /**
   * The payload after removing Content-Encoding (gzip, deflate, br): the server's bytes,
   * otherwise untouched. Empty for a 304.
   */
  body: Uint8Array;
  /** Hex SHA-256 of `body`; null for a 304 (no body). */
  bodySha256: string | null;
  /** The Content-Encoding that was removed from the body (e.g. `gzip`), or null. */
  contentEncoding: string | null;
  /** The Content-Type header as sent, or null. */
  contentType: string | null;
  /** Media type, lower-cased, without parameters (e.g. `text/html`), or null. */
  mediaType: string | null;
  /** HTML: the encoding the HTML sniffing algorithm picks. Others: the header's charset, if any. */
  charset: string | null;
  /**
   * `html` goes on to processing. For a 304 this is judged from the 304's own headers (which
   * rarely say): check `outcome` first and use the revalidated capture's class.
   */
  contentClass: ContentClass;
  /** True when the body was cut at `maxBodyBytes` (only with `oversize: 'truncate'`). */
  truncated: boolean;
  etag: string | null;
  lastModified: string | null;
  outcome: CaptureOutcome;
  /** For a 304: the capture that was revalidated, when the caller said which. */
  refersTo: CaptureReference | null;
  /** The IP address the final request was sent to (null when undici did not say). */
  remoteAddress: string | null;
  /** Phase timings of the final request (its redirects not included). */
  timings: FetchTimings;
  fetcherVersion: string;
}
