import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressRange, BlockedDestinationError, createFetcher, type Fetcher } from '../src/index.ts';
import { mapLookup } from './helpers/lookup.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('addressRange', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['0.0.0.0', 'unspecified'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['224.0.0.1', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['64:ff9b::a00:1', 'private'],
    ['2002:c0a8:101::1', 'private'],
    ['8.8.8.8', 'unicast'],
    ['2606:4700:4700::1111', 'unicast'],
  ])('%s is %s', (address, range) => {
    expect(addressRange(address)).toBe(range);
  });
});

describe('the destination guard (no allow-list)', () => {
  let fetcher: Fetcher;
  const lookups: string[] = [];
  beforeAll(() => {
    fetcher = createFetcher({
      perHostDelayMs: 0,
      lookup: mapLookup(
        {
          'evil.test': '10.0.0.1',
          'loop.test': '127.0.0.1',
          'mixed.test': ['93.184.216.34', '127.0.0.1'],
          'mapped.test': '::ffff:127.0.0.1',
        },
        lookups,
      ),
    });
  });
  afterAll(() => fetcher.close());

  it('blocks literal loopback and metadata addresses before connecting', async () => {
    const before = server.requests.length;
    await expect(fetcher.fetch(server.url('/ok'))).rejects.toMatchObject({
      code: 'blocked-destination',
      retryable: false,
      address: '127.0.0.1',
      range: 'loopback',
    });
    await expect(fetcher.fetch('http://169.254.169.254/latest/meta-data/')).rejects.toMatchObject({
      code: 'blocked-destination',
      range: 'linkLocal',
    });
    await expect(fetcher.fetch(`http://[::ffff:127.0.0.1]:${server.port}/ok`)).rejects.toMatchObject({
      code: 'blocked-destination',
      range: 'loopback',
    });
    await expect(fetcher.fetch('http://0.0.0.0/')).rejects.toMatchObject({ code: 'blocked-destination' });
    expect(server.requests.length).toBe(before);
  });

  it.each([
    ['evil.test', '10.0.0.1', 'private'],
    ['loop.test', '127.0.0.1', 'loopback'],
    ['mixed.test', '127.0.0.1', 'loopback'],
    ['mapped.test', '::ffff:127.0.0.1', 'loopback'],
  ])('blocks a hostname (%s) resolving to a private address', async (host, address, range) => {
    const before = server.requests.length;
    const error = await fetcher.fetch(`http://${host}:${server.port}/ok`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BlockedDestinationError);
    expect(error).toMatchObject({ code: 'blocked-destination', address, range });
    expect((error as Error).message).toMatch(/allowHosts or allowCidrs/);
    expect(lookups).toContain(host);
    expect(server.requests.length).toBe(before);
  });

  it('reports a name that does not resolve as a transient DNS failure', async () => {
    await expect(fetcher.fetch('http://nowhere.test/')).rejects.toMatchObject({ code: 'dns-failure', retryable: true });
  });
});

describe('the guard on redirect hops', () => {
  // site.test is the test server, allowed by name; any other private destination stays blocked.
  let fetcher: Fetcher;
  beforeAll(() => {
    fetcher = createFetcher({
      perHostDelayMs: 0,
      allowHosts: ['site.test'],
      lookup: mapLookup({ 'site.test': '127.0.0.1', 'evil.test': '10.0.0.1' }),
    });
  });
  afterAll(() => fetcher.close());
  const site = (path: string) => `http://site.test:${server.port}${path}`;

  it('fetches the allow-listed host', async () => {
    const capture = await fetcher.fetch(site('/ok'));
    expect(capture.httpStatus).toBe(200);
  });

  it.each([
    ['/to-loopback', '127.0.0.1', 'loopback'],
    ['/to-metadata', '169.254.169.254', 'linkLocal'],
    ['/to-mapped', '::ffff:7f00:1', 'loopback'],
    ['/to-evil', '10.0.0.1', 'private'],
  ])('blocks the hop of %s', async (path, address, range) => {
    const okHitsBefore = server.hits('/ok');
    const error = await fetcher.fetch(site(path)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'blocked-destination', address, range });
    expect(server.hits(path)).toBeGreaterThan(0);
    expect(server.hits('/ok')).toBe(okHitsBefore);
  });
});

describe('the allow-list', () => {
  it('lets an allow-listed CIDR through, and only that one', async () => {
    const fetcher = createFetcher({ perHostDelayMs: 0, allowCidrs: ['127.0.0.0/8'] });
    try {
      await expect(fetcher.fetch(server.url('/ok'))).resolves.toMatchObject({ httpStatus: 200 });
      await expect(fetcher.fetch('http://10.0.0.1/')).rejects.toMatchObject({ code: 'blocked-destination' });
    } finally {
      await fetcher.close();
    }
  });

  it('rejects a malformed CIDR at construction', () => {
    expect(() => createFetcher({ allowCidrs: ['127.0.0.1/99'] })).toThrow(/allowCidrs/);
  });
});

describe('the connector', () => {
  it('re-checks the connected address even when no lookup ran (IP literal)', async () => {
    const { createGuardedAgent } = await import('../src/dispatcher.ts');
    const { createAddressPolicy } = await import('../src/address-guard.ts');
    const agent = createGuardedAgent({
      policy: createAddressPolicy([], []),
      lookup: undefined,
      connectTimeoutMs: 2_000,
      headersTimeoutMs: 2_000,
      bodyIdleTimeoutMs: 2_000,
    });
    const before = server.requests.length;
    try {
      const error = await agent.request({ origin: server.origin, path: '/ok', method: 'GET' }).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'AddressBlockedError', address: '127.0.0.1', range: 'loopback' });
      expect(server.requests.length).toBe(before);
    } finally {
      await agent.close();
    }
  });
});
