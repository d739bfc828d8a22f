import type { LookupFunction } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockedRange, createAddressPolicy, createGuardedLookup } from '../src/address-guard.ts';
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

/**
 * Issue 19 item 6: every IPv6 form that embeds an IPv4 address is decided by that address, and
 * nothing the guard meets (an odd answer, a resolver that throws) escapes as a crash.
 */
const EMBEDDED_FORMS: Array<[string, string, string]> = [
  // [form, address, range]
  ['IPv4-mapped', '::ffff:7f00:1', 'loopback'],
  ['IPv4-translated', '::ffff:0:7f00:1', 'loopback'],
  ['IPv4-translated (dotted)', '::ffff:0:127.0.0.1', 'loopback'],
  ['IPv4-translated, metadata', '::ffff:0:a9fe:a9fe', 'linkLocal'],
  ['IPv4-compatible', '::7f00:1', 'loopback'],
  ['IPv4-compatible (dotted)', '::10.0.0.1', 'private'],
  ['NAT64 64:ff9b::/96', '64:ff9b::7f00:1', 'loopback'],
  ['NAT64 local-use 64:ff9b:1::/96', '64:ff9b:1::a9fe:a9fe', 'linkLocal'],
  ['NAT64 local-use, other embedding', '64:ff9b:1:7f00:1::', 'nat64LocalUse'],
  ['6to4', '2002:7f00:1::1', 'loopback'],
  ['6to4, private', '2002:c0a8:101::1', 'private'],
  // Teredo: server 65.54.227.120 (public); client 127.0.0.1 stored inverted (80ff:fffe).
  ['Teredo, loopback client', '2001:0:4136:e378:8000:63bf:80ff:fffe', 'loopback'],
  // Teredo: server 10.0.0.1; client 8.8.8.8 (f7f7:f7f7).
  ['Teredo, private server', '2001:0:a00:1:8000:63bf:f7f7:f7f7', 'private'],
];

describe('IPv6 forms embedding an IPv4 address (issue 19 item 6)', () => {
  it.each(EMBEDDED_FORMS)('%s %s is %s', (_form, address, range) => {
    expect(addressRange(address)).toBe(range);
  });

  it.each([
    ['IPv4-mapped', '::ffff:808:808'],
    ['IPv4-translated', '::ffff:0:808:808'],
    ['IPv4-compatible', '::8.8.8.8'],
    ['NAT64', '64:ff9b::808:808'],
    ['NAT64 local-use /96', '64:ff9b:1::808:808'],
    ['6to4', '2002:808:808::1'],
    ['Teredo', '2001:0:4136:e378:8000:63bf:f7f7:f7f7'],
  ])('%s %s carrying a public address is unicast', (_form, address) => {
    expect(addressRange(address)).toBe('unicast');
  });

  it('the allow-list applies to the embedded address', () => {
    const policy = createAddressPolicy([], ['127.0.0.0/8']);
    expect(blockedRange('::ffff:0:7f00:1', 'x.test', policy)).toBeNull();
    expect(blockedRange('::ffff:0:a00:1', 'x.test', policy)).toBe('private');
  });

  it('blockedRange never throws: what it cannot judge is blocked', () => {
    const policy = createAddressPolicy([], []);
    expect(blockedRange('not-an-address', 'x.test', policy)).toBe('invalid');
    expect(blockedRange(undefined as unknown as string, 'x.test', policy)).not.toBeNull();
  });

  describe('as DNS answers, through a resolver stub', () => {
    let fetcher: Fetcher;
    const table = Object.fromEntries(EMBEDDED_FORMS.map(([, address], i) => [`embedded-${i}.test`, address]));
    beforeAll(() => {
      fetcher = createFetcher({ perHostDelayMs: 0, lookup: mapLookup(table) });
    });
    afterAll(() => fetcher.close());

    it.each(EMBEDDED_FORMS.map(([form, address, range], i) => [form, `embedded-${i}.test`, address, range] as const))(
      '%s: %s answering %s is blocked (%s), the process lives on',
      async (_form, host, address, range) => {
        const before = server.requests.length;
        const error = await fetcher.fetch(`http://${host}:${server.port}/ok`).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(BlockedDestinationError);
        expect(error).toMatchObject({ code: 'blocked-destination', retryable: false, address, range });
        expect(server.requests.length).toBe(before);
      },
    );
  });

  it('a resolver that throws or answers nonsense gives a block, not a crash', () => {
    const policy = createAddressPolicy([], []);
    const run = (base: LookupFunction) =>
      new Promise<unknown>((resolve) => createGuardedLookup(policy, base)('odd.test', {}, (error) => resolve(error)));
    const throwing = (() => {
      throw new Error('resolver exploded');
    }) as unknown as LookupFunction;
    const nonsense = ((_h: string, _o: unknown, cb: (e: null, r: unknown) => void) => cb(null, [{ address: 42 }])) as unknown as LookupFunction;
    return Promise.all([
      expect(run(throwing)).resolves.toMatchObject({ name: 'AddressBlockedError', range: expect.stringMatching(/^unclassifiable/) }),
      expect(run(nonsense)).resolves.toMatchObject({ name: 'AddressBlockedError' }),
    ]);
  });

  describe('as URL literals', () => {
    let fetcher: Fetcher;
    beforeAll(() => {
      fetcher = createFetcher({ perHostDelayMs: 0 });
    });
    afterAll(() => fetcher.close());

    it.each(EMBEDDED_FORMS)('%s [%s] is blocked (%s) before robots.txt is asked for', async (_form, address, range) => {
      const before = server.requests.length;
      const error = await fetcher.fetch(`http://[${address}]:${server.port}/ok`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BlockedDestinationError);
      expect(error).toMatchObject({ code: 'blocked-destination', retryable: false, range });
      expect(server.requests.length).toBe(before);
    });

    it('http://[::ffff:0:127.0.0.1]:1/ is blocked (permanent), not robots-unavailable (retryable)', async () => {
      const error = await fetcher.fetch('http://[::ffff:0:127.0.0.1]:1/').catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'blocked-destination', retryable: false, address: '::ffff:0:7f00:1', range: 'loopback' });
    });
  });
});
