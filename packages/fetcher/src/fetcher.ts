/**
 * createFetcher: the polite, guarded HTTP client that turns a URL into a CaptureRecord.
 *
 * Phases of one fetch: vet the URL -> for each hop: robots.txt, politeness gate, request,
 * then either follow the redirect (vetting the target again) or read the body and build the
 * capture. Failures surface as typed errors (see errors.ts).
 */
import type { Agent } from 'undici';
import type { VellumError } from '@vellum/core/errors';
import { checkLiteralHost, createAddressPolicy, type AddressPolicy } from './address-guard.ts';
import { discardBody, parseContentEncoding, readBody } from './body-reader.ts';
import { buildCapture } from './build-capture.ts';
import type { CaptureRecord, CaptureReference, HeaderPairs, RedirectHop } from './capture.ts';
import { createGuardedAgent } from './dispatcher.ts';
import {
  BlockedDestinationError,
  FetchTimeoutError,
  HttpClientError,
  HttpServerError,
  InvalidRedirectError,
  RateLimitedError,
  RedirectLoopError,
  RobotsDisallowedError,
  TooManyRedirectsError,
} from './errors.ts';
import { buildRequestHeaders, headerValue, PAGE_ACCEPT, sendRequest, type Exchange } from './exchange.ts';
import { mapFetchError } from './map-error.ts';
import { resolveOptions, type FetcherOptions, type ResolvedFetcherOptions } from './options.ts';
import { PolitenessGate } from './politeness/gate.ts';
import { MemoryPolitenessStore } from './politeness/memory-store.ts';
import { RedisPolitenessStore } from './politeness/redis-store.ts';
import { parseRetryAfter } from './retry-after.ts';
import { RobotsCache, type RobotsResponse } from './robots.ts';
import { parseTargetUrl } from './url-policy.ts';
import { withSettingNames } from './setting-names.ts';

/** Validators from an earlier capture of the same URL, for a conditional GET. */
export interface ConditionalRequest {
  etag?: string | null;
  lastModified?: string | null;
  /** The capture the validators came from; a 304 capture records it in `refersTo`. */
  refersTo?: CaptureReference;
}

export interface FetchOptions {
  conditional?: ConditionalRequest;
}

export interface Fetcher {
  /**
   * Fetch `url` and return what the server sent. Resolves for 2xx (any content type; see
   * `contentClass`) and 304 (`outcome: 'not-modified'`); every other outcome throws a typed
   * error (PermanentError or TransientError from @vellum/core).
   */
  fetch(url: string, options?: FetchOptions): Promise<CaptureRecord>;
  /** Close idle connections. Does not close a Redis client passed in the options. */
  close(): Promise<void>;
  /** The options in effect, defaults filled in. */
  readonly options: Readonly<ResolvedFetcherOptions>;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** RFC 9309 asks crawlers to follow at least five redirects for robots.txt. */
const ROBOTS_MAX_REDIRECTS = 5;

interface OpenHop {
  exchange: Exchange;
  /** Stop the hop's timer and leave the politeness gate; safe to call twice. */
  finish(): Promise<void>;
}

export function createFetcher(options: FetcherOptions = {}): Fetcher {
  const o = resolveOptions(options);
  const policy = createAddressPolicy(o.allowHosts, o.allowCidrs);
  const agent = createGuardedAgent({
    policy,
    lookup: o.lookup,
    connectTimeoutMs: o.connectTimeoutMs,
    headersTimeoutMs: o.headersTimeoutMs,
    bodyIdleTimeoutMs: o.bodyIdleTimeoutMs,
  });
  const store = o.redis ? new RedisPolitenessStore(o.redis, o.redisKeyPrefix) : new MemoryPolitenessStore(o.clock);
  const gate = new PolitenessGate(store, {
    perHostConcurrency: o.perHostConcurrency,
    globalConcurrency: o.globalConcurrency,
    leaseMs: o.totalTimeoutMs + 30_000,
    clock: o.clock,
  });
  const ctx: Context = { o, policy, agent, gate, robots: undefined as unknown as RobotsCache };
  ctx.robots = new RobotsCache((robotsUrl) => loadRobots(ctx, robotsUrl), {
    userAgent: o.robotsUserAgent,
    ttlMs: o.robotsCacheTtlMs,
    maxEntries: o.robotsCacheMaxEntries,
    clock: o.clock,
  });

  return {
    options: o,
    fetch: (url, fetchOptions) => fetchPage(ctx, url, fetchOptions ?? {}).catch((error: unknown) => Promise.reject(withSettingNames(error, o.settingNames))),
    close: () => agent.close(),
  };
}

interface Context {
  o: ResolvedFetcherOptions;
  policy: AddressPolicy;
  agent: Agent;
  gate: PolitenessGate;
  robots: RobotsCache;
}

async function fetchPage(ctx: Context, input: string, options: FetchOptions): Promise<CaptureRecord> {
  const { o } = ctx;
  const requestedUrl = parseTargetUrl(input, o.maxUrlLength);
  const extra = conditionalHeaders(options.conditional);
  const chain: RedirectHop[] = [];
  const visited = new Set<string>();
  let url = requestedUrl;

  for (;;) {
    visited.add(url.href);
    // An IP literal the guard blocks is refused here, before robots.txt is even asked for it.
    checkLiteralDestination(ctx, url);
    const delayMs = await checkRobots(ctx, url);
    const hop = await openHop(ctx, url, delayMs, buildRequestHeaders(url, { userAgent: o.userAgent, accept: PAGE_ACCEPT, extra }));
    try {
      const { exchange } = hop;
      if (REDIRECT_STATUSES.has(exchange.status)) {
        const next = nextRedirectTarget(ctx, exchange, chain, visited);
        await discardBody(exchange.body);
        url = next;
        continue;
      }
      return await finishPage(ctx, requestedUrl, hop, chain, options.conditional?.refersTo ?? null);
    } finally {
      await hop.finish();
    }
  }
}

/** Record the redirect hop and vet its target (URL policy, loops, count). */
function nextRedirectTarget(ctx: Context, exchange: Exchange, chain: RedirectHop[], visited: Set<string>): URL {
  const location = headerValue(exchange.responseHeaders, 'location');
  if (location === null || location.trim() === '') {
    throw new InvalidRedirectError(exchange.url.href, exchange.status, 'no Location header');
  }
  chain.push({
    url: exchange.url.href,
    status: exchange.status,
    statusText: exchange.statusText,
    remoteAddress: exchange.facts.remoteAddress,
    location,
    fetchedAt: exchange.fetchedAt,
    requestHeaders: exchange.requestHeaders,
    responseHeaders: exchange.responseHeaders,
  });
  let next: URL;
  try {
    next = parseTargetUrl(location.trim(), ctx.o.maxUrlLength, exchange.url.href);
  } catch (error) {
    throw new InvalidRedirectError(exchange.url.href, exchange.status, `an unusable Location (${(error as Error).message})`);
  }
  if (visited.has(next.href)) throw new RedirectLoopError(next.href, [...chain.map((h) => h.url), next.href]);
  if (chain.length > ctx.o.maxRedirects) throw new TooManyRedirectsError(chain[0]!.url, ctx.o.maxRedirects);
  return next;
}

/** Read the final response's body and turn it into a capture, or into the error its status means. */
async function finishPage(
  ctx: Context,
  requestedUrl: URL,
  hop: OpenHop,
  chain: RedirectHop[],
  refersTo: CaptureReference | null,
): Promise<CaptureRecord> {
  const { o } = ctx;
  const { exchange } = hop;
  const status = exchange.status;
  if (status === 304) {
    await discardBody(exchange.body);
    return buildCapture({ requestedUrl, exchange, redirectChain: chain, body: null, truncated: false, refersTo });
  }
  if (status >= 200 && status < 300) {
    const codings = parseContentEncoding(headerValue(exchange.responseHeaders, 'content-encoding'));
    const read = await guard(ctx, exchange.url, () =>
      readBody(exchange.body, codings, { url: exchange.url.href, maxBytes: o.maxBodyBytes, oversize: o.oversize }),
    );
    return buildCapture({ requestedUrl, exchange, redirectChain: chain, body: read.body, truncated: read.truncated, refersTo });
  }
  const capture = await errorCapture(ctx, requestedUrl, exchange, chain);
  const retryAfterMs = parseRetryAfter(headerValue(exchange.responseHeaders, 'retry-after'), Date.now(), o.maxRetryAfterMs);
  if (status === 429) throw new RateLimitedError(exchange.url.href, capture, retryAfterMs);
  if (status >= 500) throw new HttpServerError(exchange.url.href, status, capture, retryAfterMs);
  if (status >= 400) throw new HttpClientError(exchange.url.href, status, capture);
  throw new InvalidRedirectError(exchange.url.href, status, 'a status the fetcher does not handle');
}

/** The error page is kept with the error (it can explain a block); a broken body leaves it empty. */
async function errorCapture(ctx: Context, requestedUrl: URL, exchange: Exchange, chain: RedirectHop[]): Promise<CaptureRecord> {
  const codings = parseContentEncoding(headerValue(exchange.responseHeaders, 'content-encoding'));
  let body: Uint8Array = new Uint8Array(0);
  let truncated = false;
  try {
    const read = await readBody(exchange.body, codings, { url: exchange.url.href, maxBytes: ctx.o.maxBodyBytes, oversize: 'truncate' });
    body = read.body;
    truncated = read.truncated;
  } catch {
    truncated = true;
  }
  return buildCapture({ requestedUrl, exchange, redirectChain: chain, body, truncated, refersTo: null });
}

/** Robots verdict for a hop; returns the host delay to use (per-host delay raised by Crawl-delay). */
async function checkRobots(ctx: Context, url: URL): Promise<number> {
  const { o } = ctx;
  if (!o.respectRobots) return o.perHostDelayMs;
  const verdict = await ctx.robots.check(url).catch((error: unknown) => {
    // The robots.txt request hit the guard first; report it against the page asked for.
    if (error instanceof BlockedDestinationError) throw new BlockedDestinationError(url.href, error.address, error.range);
    throw error;
  });
  if (!verdict.allowed) throw new RobotsDisallowedError(url.href, verdict.robotsUrl, o.robotsUserAgent);
  return Math.max(o.perHostDelayMs, Math.min(verdict.crawlDelayMs ?? 0, o.maxCrawlDelayMs));
}

/**
 * Pass the destination check and the politeness gate, then send the request. The whole hop
 * (headers and body) runs under `totalTimeoutMs`; `finish` must be called when the body is done.
 */
async function openHop(ctx: Context, url: URL, delayMs: number, requestHeaders: HeaderPairs): Promise<OpenHop> {
  const { o } = ctx;
  checkLiteralDestination(ctx, url);
  const leave = await ctx.gate.enter(url.host, delayMs);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new FetchTimeoutError(url.href, 'total', o.totalTimeoutMs)), o.totalTimeoutMs);
  let finished = false;
  const finish = async (): Promise<void> => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    await leave();
  };
  try {
    const exchange = await guard(ctx, url, () => sendRequest(ctx.agent, url, requestHeaders, controller.signal));
    return { exchange, finish };
  } catch (error) {
    await finish();
    throw error;
  }
}

/** Throws BlockedDestinationError (permanent) when the URL's host is an IP literal the guard blocks. */
function checkLiteralDestination(ctx: Context, url: URL): void {
  const literal = checkLiteralHost(url.hostname, ctx.policy);
  if (literal) throw new BlockedDestinationError(url.href, literal.address, literal.range);
}

async function guard<T>(ctx: Context, url: URL, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw mapFetchError(error, url, ctx.o) satisfies VellumError;
  }
}

/** robots.txt through the same guard and gate, redirects followed by hand, body capped (rest ignored). */
async function loadRobots(ctx: Context, robotsUrl: string): Promise<RobotsResponse> {
  const { o } = ctx;
  let url = parseTargetUrl(robotsUrl, o.maxUrlLength);
  for (let redirects = 0; ; redirects++) {
    const headers = buildRequestHeaders(url, { userAgent: o.userAgent, accept: 'text/plain,*/*;q=0.5' });
    const hop = await openHop(ctx, url, o.perHostDelayMs, headers);
    try {
      const { exchange } = hop;
      const location = headerValue(exchange.responseHeaders, 'location');
      if (REDIRECT_STATUSES.has(exchange.status) && location) {
        await discardBody(exchange.body);
        // RFC 9309: past five redirects the file may be treated as unavailable, i.e. no rules.
        if (redirects >= ROBOTS_MAX_REDIRECTS) return { status: 404, text: '' };
        url = parseTargetUrl(location.trim(), o.maxUrlLength, url.href);
        continue;
      }
      if (exchange.status < 200 || exchange.status >= 300) {
        await discardBody(exchange.body);
        return { status: exchange.status, text: '' };
      }
      const codings = parseContentEncoding(headerValue(exchange.responseHeaders, 'content-encoding'));
      const read = await guard(ctx, url, () =>
        readBody(exchange.body, codings, { url: url.href, maxBytes: o.maxRobotsBytes, oversize: 'truncate' }),
      );
      return { status: exchange.status, text: new TextDecoder('utf-8').decode(read.body) };
    } finally {
      await hop.finish();
    }
  }
}

function conditionalHeaders(conditional: ConditionalRequest | undefined): HeaderPairs {
  const headers: HeaderPairs = [];
  if (conditional?.etag) headers.push(['if-none-match', conditional.etag]);
  if (conditional?.lastModified) headers.push(['if-modified-since', conditional.lastModified]);
  return headers;
}
