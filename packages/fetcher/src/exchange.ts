/**
 * One HTTP request/response with no redirect handling: what the fetcher sends and what it
 * records of it. Response headers come back raw, so their order, case and duplicates survive.
 */
import type { Readable } from 'node:stream';
import type { Agent } from 'undici';
import type { HeaderPairs } from './capture.ts';
import { withFetchFacts, type ExchangeFacts } from './fetch-facts.ts';

export interface Exchange {
  url: URL;
  status: number;
  statusText: string;
  fetchedAt: string;
  requestHeaders: HeaderPairs;
  responseHeaders: HeaderPairs;
  body: Readable;
  /** Connected address and phase timings (totalMs is set once the body has been read). */
  facts: ExchangeFacts;
}

export interface RequestSettings {
  userAgent: string;
  accept: string;
  /** Extra headers (conditional GET validators). */
  extra?: HeaderPairs;
}

export const PAGE_ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8';
export const ACCEPT_ENCODING = 'gzip, deflate, br';

/** The headers sent, in wire order. undici writes `host` and `connection` itself, first. */
export function buildRequestHeaders(url: URL, settings: RequestSettings): HeaderPairs {
  return [
    ['host', url.host],
    // undici's HTTP/1.1 client always sends this (no pipelining limits are configured).
    ['connection', 'keep-alive'],
    ['user-agent', settings.userAgent],
    ['accept', settings.accept],
    ['accept-encoding', ACCEPT_ENCODING],
    ...(settings.extra ?? []),
  ];
}

export async function sendRequest(
  agent: Agent,
  url: URL,
  requestHeaders: HeaderPairs,
  signal: AbortSignal,
): Promise<Exchange> {
  // host and connection are written by undici from `origin`; passing them again would duplicate them.
  const sent = requestHeaders.filter(([name]) => name !== 'host' && name !== 'connection').flat();
  const { result: response, facts } = await withFetchFacts(url, () =>
    agent.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers: sent,
      signal,
      responseHeaders: 'raw',
    }),
  );
  const fetchedAt = new Date().toISOString();
  const raw = response.headers as unknown as string[];
  const responseHeaders: HeaderPairs = [];
  for (let i = 0; i + 1 < raw.length; i += 2) responseHeaders.push([raw[i]!, raw[i + 1]!]);
  return {
    url,
    status: response.statusCode,
    statusText: response.statusText ?? '',
    fetchedAt,
    requestHeaders,
    responseHeaders,
    body: response.body as unknown as Readable,
    facts,
  };
}

/** First value of a header (case-insensitive), or null. */
export function headerValue(headers: HeaderPairs, name: string): string | null {
  const lower = name.toLowerCase();
  for (const [key, value] of headers) if (key.toLowerCase() === lower) return value;
  return null;
}
