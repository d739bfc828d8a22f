import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../../test/support/manual-clock.ts';
import { createFetcher, type Fetcher, type FetcherOptions } from '../src/index.ts';
import { mapLookup } from './helpers/lookup.ts';
import { startTestServer, type TestServer, type TestServerOptions } from './helpers/test-server.ts';

const LOCAL: FetcherOptions = { allowCidrs: ['127.0.0.1/32'], perHostDelayMs: 0, perHostConcurrency: 8 };

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup(serverOptions: TestServerOptions, options: FetcherOptions): Promise<{ server: TestServer; fetcher: Fetcher }> {
  const server = await startTestServer(serverOptions);
  const fetcher = createFetcher({ ...LOCAL, ...options });
  cleanups.push(() => server.close(), () => fetcher.close());
  return { server, fetcher };
}

/**
 * Fetch `urls` at once under a manual clock; returns how much clock time the politeness waits
 * took. Starts are claimed in clock time, so n requests spaced by `d` take at least (n-1)*d
 * whatever the machine's load, and no wall time is spent waiting.
 */
async function clockTimeToFetch(fetcher: Fetcher, clock: { now(): number }, urls: string[]): Promise<number> {
  const start = clock.now();
  await Promise.all(urls.map((url) => fetcher.fetch(url)));
  return clock.now() - start;
}

describe('robots.txt', () => {
  const robotsTxt = 'User-agent: Vellum\nDisallow: /private\n\nUser-agent: *\nDisallow: /\n';

  it('refuses a disallowed path without requesting it, and caches the file', async () => {
    const { server, fetcher } = await setup({ robotsTxt }, {});
    await expect(fetcher.fetch(server.url('/ok'))).resolves.toMatchObject({ httpStatus: 200 });
    const error = await fetcher.fetch(server.url('/private/page')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'robots-disallowed', retryable: false, robotsUrl: server.url('/robots.txt') });
    expect((error as Error).message).toMatch(/disallows .*\/private\/page for user agent "Vellum"/);
    expect(server.hits('/private/page')).toBe(0);
    expect(server.hits('/robots.txt')).toBe(1);
    const robotsRequest = server.requests.find((r) => r.path === '/robots.txt')!;
    expect(robotsRequest.headers['user-agent']).toBe(fetcher.options.userAgent);
  });

  it('refetches robots.txt once the TTL has passed', async () => {
    const clock = manualClock();
    const { server, fetcher } = await setup({ robotsTxt }, { robotsCacheTtlMs: 150, clock });
    await fetcher.fetch(server.url('/ok'));
    clock.advance(149);
    await fetcher.fetch(server.url('/ok'));
    expect(server.hits('/robots.txt')).toBe(1);
    clock.advance(1);
    await fetcher.fetch(server.url('/ok'));
    expect(server.hits('/robots.txt')).toBe(2);
  });

  it('applies robots.txt to every redirect hop', async () => {
    const { server, fetcher } = await setup({ robotsTxt: 'User-agent: *\nDisallow: /ok\n' }, {});
    await expect(fetcher.fetch(server.url('/redirect/1'))).rejects.toMatchObject({ code: 'robots-disallowed' });
    expect(server.hits('/ok')).toBe(0);
  });

  it('a missing robots.txt (404) allows everything', async () => {
    const { server, fetcher } = await setup({ robotsTxt: { status: 404 } }, {});
    await expect(fetcher.fetch(server.url('/ok'))).resolves.toMatchObject({ httpStatus: 200 });
  });

  it('an erroring robots.txt (5xx) is a transient refusal, not cached', async () => {
    const { server, fetcher } = await setup({ robotsTxt: { status: 503 } }, {});
    await expect(fetcher.fetch(server.url('/ok'))).rejects.toMatchObject({ code: 'robots-unavailable', retryable: true });
    await expect(fetcher.fetch(server.url('/ok'))).rejects.toMatchObject({ code: 'robots-unavailable' });
    expect(server.hits('/robots.txt')).toBe(2);
    expect(server.hits('/ok')).toBe(0);
  });

  it('can be switched off', async () => {
    const { server, fetcher } = await setup({ robotsTxt: 'User-agent: *\nDisallow: /\n' }, { respectRobots: false });
    await expect(fetcher.fetch(server.url('/ok'))).resolves.toMatchObject({ httpStatus: 200 });
    expect(server.hits('/robots.txt')).toBe(0);
  });
});

describe('delays', () => {
  it('honours Crawl-delay as the host minimum delay', async () => {
    const clock = manualClock();
    const { server, fetcher } = await setup({ robotsTxt: 'User-agent: *\nCrawl-delay: 0.5\n' }, { clock });
    const took = await clockTimeToFetch(fetcher, clock, [1, 2, 3].map((n) => server.url(`/page/${n}`)));
    expect(server.hits('/page/1') + server.hits('/page/2') + server.hits('/page/3')).toBe(3);
    // Three pages after robots.txt: at least two gaps, at most three (the first page may wait for robots.txt's start).
    expect(took).toBeGreaterThanOrEqual(2 * 500);
    expect(took).toBeLessThan(4 * 500);
  });

  it('caps an extreme Crawl-delay at maxCrawlDelayMs', async () => {
    const clock = manualClock();
    const { server, fetcher } = await setup({ robotsTxt: 'User-agent: *\nCrawl-delay: 3600\n' }, { maxCrawlDelayMs: 300, clock });
    const took = await clockTimeToFetch(fetcher, clock, [1, 2].map((n) => server.url(`/page/${n}`)));
    expect(server.hits('/page/1') + server.hits('/page/2')).toBe(2);
    expect(took).toBeGreaterThanOrEqual(300);
    expect(took).toBeLessThan(3 * 300);
  });

  it('spaces concurrent requests to one host by perHostDelayMs', async () => {
    const clock = manualClock();
    const { server, fetcher } = await setup({}, { perHostDelayMs: 250, clock });
    const took = await clockTimeToFetch(fetcher, clock, [1, 2, 3, 4].map((n) => server.url(`/page/${n}`)));
    expect(server.requests.filter((r) => r.path.startsWith('/page/'))).toHaveLength(4);
    // robots.txt is the host's first start, then four pages: three or four gaps.
    expect(took).toBeGreaterThanOrEqual(3 * 250);
    expect(took).toBeLessThan(5 * 250);
  });
});

describe('concurrency caps', () => {
  it('holds per-host concurrency', async () => {
    const { server, fetcher } = await setup({}, { perHostConcurrency: 2 });
    await fetcher.fetch(server.url('/ok')); // robots.txt out of the way
    server.resetInFlight();
    await Promise.all(Array.from({ length: 6 }, () => fetcher.fetch(server.url('/delay?ms=150'))));
    expect(server.maxInFlight()).toBe(2);
  });

  it('holds the global cap across hosts', async () => {
    const lookup = mapLookup({ 'a.test': '127.0.0.1', 'b.test': '127.0.0.1', 'c.test': '127.0.0.1' });
    const { server, fetcher } = await setup({}, { lookup, perHostConcurrency: 4, globalConcurrency: 2 });
    const hosts = ['a.test', 'b.test', 'c.test'];
    // Three host names for one local server (127.0.0.1 is allow-listed): three politeness keys.
    await Promise.all(hosts.map((h) => fetcher.fetch(`http://${h}:${server.port}/ok`)));
    expect(server.hits('/ok')).toBe(3);
    server.resetInFlight();
    await Promise.all(hosts.flatMap((h) => [1, 2, 3].map(() => fetcher.fetch(`http://${h}:${server.port}/delay?ms=150`))));
    expect(server.maxInFlight()).toBe(2);
  });
});
