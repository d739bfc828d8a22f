/**
 * The SSRF matrix: every way of naming a destination the guard must refuse, each asked for
 * directly and through a redirect from an allowed host (site.test, a local server allowed by
 * name). Names resolve through a stub resolver injected with the `lookup` option, so private,
 * link-local, CGNAT, multicast, reserved and metadata addresses are judged without any real
 * DNS and without dialing: every dial attempt of the process is watched (net's
 * `connectionAttempt`, reported for each client socket through diagnostics_channel) and the
 * only one allowed is to the allowed site. Pages that try meta refresh, scripts, images and
 * frames towards blocked addresses are fetched and processed: nothing is fetched from them.
 */
import dc from 'node:diagnostics_channel';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { processPage } from '@vellum/core';
import { createFetcher, type Fetcher } from '../src/index.ts';
import { blockedRange, createAddressPolicy } from '../src/address-guard.ts';
import { mapLookup } from './helpers/lookup.ts';

/** Every request the server got, as `host path`. */
const requests: string[] = [];
/** Every TCP connection attempt made by this process, as `ip:port`. */
const dials: string[] = [];
const onSocket = ({ socket }: { socket: Socket }) => socket.on('connectionAttempt', (ip: string, port: number) => dials.push(`${ip}:${port}`));

let server: http.Server;
let port = 0;
let site = '';
const lookups: string[] = [];
let fetcher: Fetcher;

/** Addresses behind the stub's names, by range (metadata addresses of the big clouds included). */
const RANGES: Array<[label: string, address: string, range: string]> = [
  ['10/8', '10.0.0.1', 'private'],
  ['10/8 top', '10.255.255.254', 'private'],
  ['172.16/12', '172.16.0.1', 'private'],
  ['172.16/12 top', '172.31.255.254', 'private'],
  ['192.168/16', '192.168.1.1', 'private'],
  ['fc00::/7', 'fc00::1', 'uniqueLocal'],
  ['fc00::/7 (fd)', 'fdff:ffff::1', 'uniqueLocal'],
  ['169.254/16', '169.254.0.1', 'linkLocal'],
  ['fe80::/10', 'fe80::1', 'linkLocal'],
  ['fe80::/10 top', 'febf::1', 'linkLocal'],
  ['CGNAT 100.64/10', '100.64.0.1', 'carrierGradeNat'],
  ['CGNAT top', '100.127.255.254', 'carrierGradeNat'],
  ['multicast 224/4', '224.0.0.1', 'multicast'],
  ['multicast SSDP', '239.255.255.250', 'multicast'],
  ['multicast ff00::/8', 'ff02::1', 'multicast'],
  ['broadcast', '255.255.255.255', 'broadcast'],
  ['reserved 240/4', '240.0.0.1', 'reserved'],
  ['documentation 192.0.2/24', '192.0.2.1', 'reserved'],
  ['benchmarking 198.18/15', '198.18.0.1', 'reserved'],
  ['documentation 2001:db8::/32', '2001:db8::1', 'reserved'],
  ['this network 0/8', '0.1.2.3', 'unspecified'],
  ['metadata AWS/GCP/Azure', '169.254.169.254', 'linkLocal'],
  ['metadata AWS IPv6', 'fd00:ec2::254', 'uniqueLocal'],
  ['metadata Alibaba', '100.100.100.200', 'carrierGradeNat'],
  ['6to4 of 10.0.0.1', '2002:a00:1::1', 'private'],
  ['NAT64 of 169.254.169.254', '64:ff9b::a9fe:a9fe', 'linkLocal'],
  ['Teredo of 192.168.1.1', '2001:0:c0a8:101::1', 'private'],
];

/** Loopback in every spelling a URL parser or a resolver accepts: [label, host as written in the URL, blocked address]. */
const LOOPBACK: Array<[label: string, host: string, address: string, range: string]> = [
  ['127.0.0.1', '127.0.0.1', '127.0.0.1', 'loopback'],
  ['127.1', '127.1', '127.0.0.1', 'loopback'],
  ['2130706433 (decimal)', '2130706433', '127.0.0.1', 'loopback'],
  ['0x7f000001 (hex)', '0x7f000001', '127.0.0.1', 'loopback'],
  ['0x7f.1 (mixed hex)', '0x7f.1', '127.0.0.1', 'loopback'],
  ['0177.0.0.1 (octal)', '0177.0.0.1', '127.0.0.1', 'loopback'],
  ['017700000001 (octal)', '017700000001', '127.0.0.1', 'loopback'],
  ['127.255.255.254', '127.255.255.254', '127.255.255.254', 'loopback'],
  ['[::1]', '[::1]', '::1', 'loopback'],
  ['[::ffff:127.0.0.1] (mapped)', '[::ffff:127.0.0.1]', '::ffff:7f00:1', 'loopback'],
  ['[::127.0.0.1] (compatible)', '[::127.0.0.1]', '::7f00:1', 'loopback'],
  ['[64:ff9b::127.0.0.1] (NAT64)', '[64:ff9b::127.0.0.1]', '64:ff9b::7f00:1', 'loopback'],
  ['0.0.0.0', '0.0.0.0', '0.0.0.0', 'unspecified'],
  ['0 (short for 0.0.0.0)', '0', '0.0.0.0', 'unspecified'],
  ['[::]', '[::]', '::', 'unspecified'],
  ['localhost (stub: 127.0.0.1 and ::1)', 'localhost', '127.0.0.1', 'loopback'],
  ['LOCALHOST. (case, trailing dot)', 'LOCALHOST.', '127.0.0.1', 'loopback'],
  ['a name resolving to loopback', 'loop.test', '127.0.0.1', 'loopback'],
  ['a name with a public and a loopback address', 'mixed.test', '127.0.0.1', 'loopback'],
  ['a name resolving to mapped loopback', 'mapped.test', '::ffff:127.0.0.1', 'loopback'],
];

const NAMES: Record<string, string | string[]> = {
  'site.test': '127.0.0.1',
  localhost: ['127.0.0.1', '::1'],
  'localhost.': ['127.0.0.1', '::1'],
  'loop.test': '127.0.0.1',
  'mixed.test': ['93.184.216.34', '127.0.0.1'],
  'mapped.test': '::ffff:127.0.0.1',
  'metadata.google.internal': '169.254.169.254',
  ...Object.fromEntries(RANGES.map(([, address], i) => [`r${i}.test`, address])),
};

const literal = (address: string) => (address.includes(':') ? `[${address}]` : address);
const viaRedirect = (target: string) => `${site}/redirect?to=${encodeURIComponent(target)}`;

beforeAll(async () => {
  dc.subscribe('net.client.socket', onSocket as (message: unknown) => void);
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(`${req.headers.host} ${url.pathname}`);
    if (url.pathname === '/redirect') return void res.writeHead(302, { location: url.searchParams.get('to')! }).end();
    if (url.pathname === '/lure') return void res.writeHead(200, { 'content-type': 'text/html' }).end(lurePage());
    if (url.pathname === '/ok') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<p>ok</p>');
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  site = `http://site.test:${port}`;
  fetcher = createFetcher({ perHostDelayMs: 0, allowHosts: ['site.test'], lookup: mapLookup(NAMES, lookups), connectTimeoutMs: 2000 });
});

afterAll(async () => {
  dc.unsubscribe('net.client.socket', onSocket as (message: unknown) => void);
  await fetcher?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

afterEach(() => {
  // Nothing but the allowed site was ever dialed, and it was only ever asked as site.test.
  expect(dials.filter((d) => d !== `127.0.0.1:${port}`)).toEqual([]);
  expect(requests.filter((r) => !r.startsWith(`site.test:${port} `))).toEqual([]);
  expect(requests.filter((r) => r.endsWith(' /secret'))).toEqual([]);
});

/** Fetches `url` expecting a refusal; returns the error. */
async function refused(url: string): Promise<Record<string, unknown>> {
  const error = await fetcher.fetch(url).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `${url} was fetched`).not.toBeNull();
  return error as Record<string, unknown>;
}

describe('loopback in every spelling', () => {
  it.each(LOOPBACK)('%s, asked for directly, is refused without a connection', async (_label, host, address, range) => {
    const before = dials.length;
    expect(await refused(`http://${host}:${port}/secret`)).toMatchObject({ code: 'blocked-destination', address, range });
    expect(dials.length).toBe(before);
  });

  it.each(LOOPBACK)('%s, as the target of a redirect from an allowed host, is refused', async (_label, host, address, range) => {
    const before = requests.length;
    expect(await refused(viaRedirect(`http://${host}:${port}/secret`))).toMatchObject({ code: 'blocked-destination', address, range });
    expect(requests.slice(before).filter((r) => r.endsWith(' /redirect'))).toHaveLength(1);
  });
});

describe('private, link-local, CGNAT, multicast, reserved and metadata ranges, decided at resolution', () => {
  it.each(RANGES.map(([label, address, range], i) => [label, address, range, i] as const))(
    '%s (%s): by literal and by name, directly and via a redirect, refused without a dial',
    async (_label, address, range, i) => {
      const name = `r${i}.test`;
      const targets = [`http://${literal(address)}/`, `http://${name}/`, viaRedirect(`http://${literal(address)}/`), viaRedirect(`http://${name}:${port}/secret`)];
      for (const target of targets) {
        expect(await refused(target), target).toMatchObject({ code: 'blocked-destination', address, range });
      }
      expect(lookups).toContain(name);
      expect(blockedRange(address, name, createAddressPolicy(['site.test'], []))).toBe(range);
    },
  );

  it('metadata.google.internal (stub: 169.254.169.254) is refused directly and via a redirect', async () => {
    for (const target of ['http://metadata.google.internal/computeMetadata/v1/', viaRedirect('http://metadata.google.internal/computeMetadata/v1/')]) {
      expect(await refused(target)).toMatchObject({ code: 'blocked-destination', address: '169.254.169.254', range: 'linkLocal' });
    }
  });

  it('the ranges end where they should: their neighbours are public', () => {
    const policy = createAddressPolicy([], []);
    for (const address of ['9.255.255.255', '11.0.0.0', '172.15.255.255', '172.32.0.0', '192.167.255.255', '192.169.0.0', '100.63.255.255', '100.128.0.0', '169.253.255.255', '169.255.0.0', '223.255.255.255', '2606:4700:4700::1111']) {
      expect(blockedRange(address, 'x.test', policy), address).toBeNull();
    }
  });
});

describe('schemes and credentials', () => {
  const SCHEMES = ['file:///etc/passwd', 'ftp://site.test/x', 'data:text/html,<p>hi</p>', 'javascript:alert(1)', 'gopher://127.0.0.1:70/_GET', 'ws://site.test/', 'view-source:http://site.test/'];
  it.each(SCHEMES)('%s is refused as a submitted URL and as a redirect target', async (target) => {
    expect(await refused(target)).toMatchObject({ code: 'invalid-url', retryable: false });
    expect(await refused(viaRedirect(target))).toMatchObject({ code: 'invalid-redirect', retryable: false });
  });

  it.each(['user:pass@', 'user@', ':pass@', 'admin:admin@'])('credentials (%s) in a URL are refused, directly and as a redirect target', async (credentials) => {
    const target = `http://${credentials}site.test:${port}/ok`;
    expect(await refused(target)).toMatchObject({ code: 'invalid-url', message: expect.stringContaining('embedded credentials') });
    expect(await refused(viaRedirect(target))).toMatchObject({ code: 'invalid-redirect' });
    expect(requests.filter((r) => r.endsWith(' /ok'))).toEqual([]);
  });
});

describe('meta refresh, scripts and subresources', () => {
  it('are neither followed when fetching nor run when processing', async () => {
    const before = requests.length;
    const capture = await fetcher.fetch(`${site}/lure`);
    expect(capture.httpStatus).toBe(200);
    expect(capture.redirectChain).toEqual([]);
    const result = processPage(capture.body, { url: capture.finalUrl, contentType: 'text/html', minTextChars: 0 });
    expect(result.text).toContain('This page tries every way');
    // Give any stray timer, image load or navigation a moment to show up in the hit counts.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const during = requests.slice(before);
    expect(during.filter((r) => r.endsWith(' /lure'))).toHaveLength(1);
    expect(during.filter((r) => !r.endsWith(' /lure') && !r.endsWith(' /robots.txt'))).toEqual([]);
  });
});

function lurePage(): string {
  const loop = `http://127.0.0.1:${port}/secret`;
  return `<!doctype html><html><head><title>Lure</title>
<meta http-equiv="refresh" content="0; url=${loop}">
<script>location.href = "${loop}"; fetch("http://169.254.169.254/latest/meta-data/"); new Image().src = "http://10.0.0.1/";</script>
<link rel="prefetch" href="${loop}"><link rel="stylesheet" href="http://localhost:${port}/secret">
</head><body onload="location='${loop}'">
<article><h1>Lure</h1><p>This page tries every way a browser would leave it: a meta refresh, a script, an onload
handler, an image, a frame, a prefetch and a style sheet, all pointing at blocked addresses. An archive reads it and goes nowhere.</p>
<img src="http://10.0.0.1/pixel.gif"><iframe src="http://[::1]:${port}/secret"></iframe>
<object data="http://192.168.1.1/"></object><video src="http://169.254.169.254/"></video></article>
</body></html>`;
}
