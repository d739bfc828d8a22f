import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, FETCHER_VERSION, type Fetcher, type FetcherOptions } from '../src/index.ts';
import { OK_HTML, PDF_BYTES, startTestServer, type TestServer } from './helpers/test-server.ts';

/** Tests reach the local server only because 127.0.0.1 is allow-listed explicitly. */
const LOCAL: FetcherOptions = { allowCidrs: ['127.0.0.1/32'], perHostDelayMs: 0, perHostConcurrency: 8 };

let server: TestServer;
let fetcher: Fetcher;

beforeAll(async () => {
  server = await startTestServer();
  fetcher = createFetcher(LOCAL);
});
afterAll(async () => {
  await fetcher.close();
  await server.close();
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('a plain HTML page', () => {
  it('is captured with request and response details', async () => {
    const capture = await fetcher.fetch(server.url('/ok#frag'));
    expect(capture).toMatchObject({
      requestedUrl: server.url('/ok'),
      finalUrl: server.url('/ok'),
      redirectChain: [],
      httpStatus: 200,
      httpVersion: '1.1',
      statusText: 'OK',
      contentType: 'text/html; charset=utf-8',
      mediaType: 'text/html',
      charset: 'utf-8',
      contentClass: 'html',
      outcome: 'ok',
      truncated: false,
      contentEncoding: null,
      fetcherVersion: FETCHER_VERSION,
    });
    expect(Buffer.from(capture.body).toString()).toBe(OK_HTML);
    expect(capture.body).toBeInstanceOf(Uint8Array);
    expect(capture.bodySha256).toBe(sha256(Buffer.from(OK_HTML)));
    expect(Date.parse(capture.fetchedAt)).toBeGreaterThan(Date.now() - 60_000);
    const sent = server.requests.find((r) => r.path === '/ok')!;
    expect(sent.headers['user-agent']).toBe(fetcher.options.userAgent);
    expect(fetcher.options.userAgent).toMatch(/^Vellum\/.+\(\+https?:\/\/.+\)$/);
    expect(capture.requestHeaders.map(([n]) => n)).toEqual(['host', 'connection', 'user-agent', 'accept', 'accept-encoding']);
    // What the fetcher records as sent is what the server received.
    for (const [name, value] of capture.requestHeaders) expect(sent.headers[name]).toBe(value);
  });

  it('keeps response headers in wire order with duplicates', async () => {
    const capture = await fetcher.fetch(server.url('/headers'));
    const names = capture.responseHeaders.map(([n]) => n);
    expect(names.slice(0, 5)).toEqual(['Content-Type', 'X-First', 'Set-Cookie', 'X-Second', 'Set-Cookie']);
    expect(capture.responseHeaders.filter(([n]) => n === 'Set-Cookie').map(([, v]) => v)).toEqual(['one=1', 'two=2']);
  });

  it('classifies XHTML as HTML and sniffs an untyped HTML page', async () => {
    const xhtml = await fetcher.fetch(server.url('/xhtml'));
    expect(xhtml.contentClass).toBe('html');
    expect(xhtml.charset).toBe('utf-8');
    const untyped = await fetcher.fetch(server.url('/no-type'));
    expect(untyped.contentType).toBeNull();
    expect(untyped.contentClass).toBe('html');
  });

  it('captures a PDF verbatim as unsupported content', async () => {
    const capture = await fetcher.fetch(server.url('/doc.pdf'));
    expect(capture.contentClass).toBe('unsupported');
    expect(capture.mediaType).toBe('application/pdf');
    expect(capture.charset).toBeNull();
    expect(Buffer.from(capture.body).equals(PDF_BYTES)).toBe(true);
    expect(capture.bodySha256).toBe(sha256(PDF_BYTES));
  });
});

describe('content encodings', () => {
  it.each(['/gzip', '/br', '/deflate-raw', '/deflate-zlib'])('%s is decoded to the original bytes', async (path) => {
    const capture = await fetcher.fetch(server.url(path));
    expect(Buffer.from(capture.body).toString()).toBe(OK_HTML);
    expect(capture.contentEncoding).toBe(path === '/gzip' ? 'gzip' : path === '/br' ? 'br' : 'deflate');
    expect(capture.bodySha256).toBe(sha256(Buffer.from(OK_HTML)));
  });

  it.each(['/bad-gzip', '/bad-br'])('corrupt compressed data (%s) is a permanent, explained failure', async (path) => {
    await expect(fetcher.fetch(server.url(path))).rejects.toMatchObject({
      code: 'corrupt-content-encoding',
      retryable: false,
      message: expect.stringContaining('could not be decoded'),
    });
  });

  it.each(['/truncated-gzip', '/truncated-br', '/truncated-deflate'])(
    'a compressed body cut short (%s) fails as corrupt instead of being kept as if whole',
    async (path) => {
      await expect(fetcher.fetch(server.url(path))).rejects.toMatchObject({
        code: 'corrupt-content-encoding',
        retryable: false,
        message: expect.stringContaining('corrupt or cut short'),
      });
    },
  );

  it('an empty body labelled gzip is an empty capture, not a decoding error', async () => {
    const capture = await fetcher.fetch(server.url('/empty-gzip'));
    expect(capture.body.length).toBe(0);
    expect(capture.truncated).toBe(false);
  });

  it('an encoding it did not ask for is a permanent, explained failure', async () => {
    await expect(fetcher.fetch(server.url('/zstd'))).rejects.toMatchObject({
      code: 'unsupported-content-encoding',
      retryable: false,
      message: expect.stringContaining('zstd'),
    });
  });
});

describe('redirects', () => {
  it('follows a chain by hand and records every hop', async () => {
    const capture = await fetcher.fetch(server.url('/redirect/1'));
    expect(capture.finalUrl).toBe(server.url('/ok'));
    expect(capture.requestedUrl).toBe(server.url('/redirect/1'));
    expect(capture.redirectChain.map(({ url, status, location }) => ({ url, status, location }))).toEqual([
      { url: server.url('/redirect/1'), status: 301, location: '/redirect/2' },
      { url: server.url('/redirect/2'), status: 302, location: '3' },
      { url: server.url('/redirect/3'), status: 307, location: server.url('/ok') },
    ]);
    expect(capture.redirectChain[0]!.responseHeaders).toContainEqual(['location', '/redirect/2']);
    expect(Buffer.from(capture.body).toString()).toBe(OK_HTML);
  });

  it('detects a loop', async () => {
    const error = await fetcher.fetch(server.url('/loop/a')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'redirect-loop', retryable: false });
    expect((error as Error).message).toContain('/loop/b');
  });

  it('stops after maxRedirects', async () => {
    // /chain?n=9 takes exactly 10 redirects to reach /ok; n=10 takes 11.
    const ten = await fetcher.fetch(server.url('/chain?n=9'));
    expect(ten.redirectChain).toHaveLength(10);
    await expect(fetcher.fetch(server.url('/chain?n=10'))).rejects.toMatchObject({ code: 'too-many-redirects' });
  });

  it('rejects a redirect without Location or to another scheme', async () => {
    await expect(fetcher.fetch(server.url('/no-location'))).rejects.toMatchObject({ code: 'invalid-redirect' });
    await expect(fetcher.fetch(server.url('/to-ftp'))).rejects.toMatchObject({
      code: 'invalid-redirect',
      message: expect.stringContaining('ftp'),
    });
  });
});

describe('URLs', () => {
  it.each([
    ['garbage', 'not a url', 'invalid-url'],
    ['ftp', 'ftp://example.org/', 'invalid-url'],
    ['file', 'file:///etc/passwd', 'invalid-url'],
    ['credentials', 'http://user:pw@example.org/', 'invalid-url'],
    ['3000 characters', `http://example.org/${'a'.repeat(3000)}`, 'url-too-long'],
  ])('%s is refused before any request', async (_name, url, code) => {
    await expect(fetcher.fetch(url)).rejects.toMatchObject({ code, retryable: false });
  });
});

describe('HTTP errors', () => {
  it('404 is permanent and carries the error page', async () => {
    const error = await fetcher.fetch(server.url('/missing')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'http-4xx', retryable: false, status: 404 });
    expect(Buffer.from((error as { capture: { body: Uint8Array } }).capture.body).toString()).toBe('<h1>Not found</h1>');
  });
});
