/**
 * Facts about one HTTP exchange that undici's response does not carry: the address actually
 * connected to and how long the phases took. undici publishes connection and request events on
 * diagnostics channels; they run synchronously in the async context of the request that caused
 * them, so an AsyncLocalStorage store set around `agent.request` receives them. A message for a
 * different request (another origin or path) is ignored, so a fact is missing rather than wrong.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import diagnostics from 'node:diagnostics_channel';
import type { Socket } from 'node:net';

/** Milliseconds, to the microsecond; null when the phase did not happen for this request. */
export interface FetchTimings {
  /** Name resolution of a new connection; null when the connection was reused or the host is an IP literal. */
  dnsMs: number | null;
  /** TCP (and TLS) connection set-up after resolution; null when the connection was reused. */
  connectMs: number | null;
  /** From sending the request to receiving the response headers (includes dns and connect). */
  firstByteMs: number | null;
  /** From sending the request to the end of the response body. */
  totalMs: number | null;
}

export interface ExchangeFacts {
  /** The IP address of the socket the request was sent on. */
  remoteAddress: string | null;
  timings: FetchTimings;
  /** performance.now() when the request was handed to undici. */
  readonly startedAt: number;
}

interface Pending extends ExchangeFacts {
  readonly origin: string;
  readonly path: string;
  connectStartedAt: number | null;
}

const current = new AsyncLocalStorage<Pending>();
let subscribed = false;

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** Subscribes to undici's channels once; called when a fetcher is created, not at import. */
export function watchFetchFacts(): void {
  if (subscribed) return;
  subscribed = true;
  diagnostics.subscribe('undici:client:beforeConnect', () => {
    const facts = current.getStore();
    if (facts && facts.connectStartedAt === null) facts.connectStartedAt = performance.now();
  });
  diagnostics.subscribe('undici:client:connected', () => {
    const facts = current.getStore();
    if (!facts || facts.connectStartedAt === null) return;
    facts.timings.connectMs = round(performance.now() - facts.connectStartedAt - (facts.timings.dnsMs ?? 0));
  });
  diagnostics.subscribe('undici:client:sendHeaders', (message) => {
    const { request, socket } = message as { request: { origin?: unknown; path?: unknown }; socket: Socket };
    const facts = current.getStore();
    if (!facts || String(request.origin) !== facts.origin || request.path !== facts.path) return;
    facts.remoteAddress = socket.remoteAddress ?? null;
  });
}

/** Runs `send` (which must call undici) with a fresh facts store, and returns both. */
export async function withFetchFacts<T>(url: URL, send: () => Promise<T>): Promise<{ result: T; facts: ExchangeFacts }> {
  const pending: Pending = {
    origin: url.origin,
    path: `${url.pathname}${url.search}`,
    remoteAddress: null,
    timings: { dnsMs: null, connectMs: null, firstByteMs: null, totalMs: null },
    startedAt: performance.now(),
    connectStartedAt: null,
  };
  const result = await current.run(pending, send);
  pending.timings.firstByteMs = round(performance.now() - pending.startedAt);
  return { result, facts: pending };
}

/** Wraps a `dns.lookup`-style function to time the lookups made for the current request. */
export function timedLookup<F extends (...args: never[]) => void>(lookup: F): F {
  return ((hostname: string, options: unknown, callback: (...args: unknown[]) => void) => {
    const facts = current.getStore();
    const started = performance.now();
    (lookup as unknown as (h: string, o: unknown, cb: (...args: unknown[]) => void) => void)(hostname, options, (...args) => {
      if (facts) facts.timings.dnsMs = round(performance.now() - started);
      callback(...args);
    });
  }) as unknown as F;
}

/** Closes the timings when the body has been read: total time of the exchange. */
export function finishFacts(facts: ExchangeFacts | undefined): ExchangeFacts | undefined {
  if (facts && facts.timings.totalMs === null) facts.timings.totalMs = round(performance.now() - facts.startedAt);
  return facts;
}
