import { afterEach, describe, expect, it } from 'vitest';
import { createFetcher, type Fetcher, type FetcherOptions } from '../src/index.ts';
import { mapLookup } from './helpers/lookup.ts';
import { startTestServer, type TestServer, type TestServerOptions } from './helpers/test-server.ts';

const LOCAL: FetcherOptions = { allowCidrs: ['127.0.0.1/32'], perHostDelayMs: 0, perHostConcurrency: 8 };
/**
 * Gaps are measured at the server, on arrival: request starts are spaced exactly, but one
 * request may need a new connection while the next reuses one, and test files share 2 cores.
 */
const SLACK_MS = 25;

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

function gaps(server: TestServer, prefix: string): number[] {
  const times = server.requests.filter((r) => r.path.startsWith(prefix)).map((r) => r.at);
  return times.slice(1).map((t, i) => t - times[i]!);
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
    const { server, fetcher } = await setup({ robotsTxt }, { robotsCacheTtlMs: 150 });
    await fetcher.fetch(server.url('/ok'));
    await fetcher.fetch(server.url('/ok'));
    expect(server.hits('/robots.txt')).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
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
    const { server, fetcher } = await setup({ robotsTxt: 'User-agent: *\nCrawl-delay: 0.5\n' }, {});
    await Promise.all([1, 2, 3].map((n) => fetcher.fetch(server.url(`/page/${n}`))));
    const spacing = gaps(server, '/page/');
    expect(spacing).toHaveLength(2);
    for (const gap of spacing) expect(gap).toBeGreaterThanOrEqual(500 - SLACK_MS);
  });

  it('caps an extreme Crawl-delay at maxCrawlDelayMs', async () => {
    const { server, fetcher } = await setup({ robotsTxt: 'User-agent: *\nCrawl-delay: 3600\n' }, { maxCrawlDelayMs: 300 });
    await Promise.all([1, 2].map((n) => fetcher.fetch(server.url(`/page/${n}`))));
    const [gap] = gaps(server, '/page/');
    expect(gap).toBeGreaterThanOrEqual(300 - SLACK_MS);
    expect(gap).toBeLessThan(3_000);
  });

  it('spaces concurrent requests to one host by perHostDelayMs', async () => {
    const { server, fetcher } = await setup({}, { perHostDelayMs: 250 });
    await Promise.all([1, 2, 3, 4].map((n) => fetcher.fetch(server.url(`/page/${n}`))));
    const spacing = gaps(server, '/page/');
    expect(spacing).toHaveLength(3);
    for (const gap of spacing) expect(gap).toBeGreaterThanOrEqual(250 - SLACK_MS);
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
