import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeHtml, isRetryable } from '@vellum/core';
import { createFetcher, HttpServerError, RateLimitedError, type CaptureRecord, type Fetcher } from '../src/index.ts';
import {
  cyrillicPage,
  japanesePage,
  JAPANESE_TEXT,
  RUSSIAN_TEXT,
  startTestServer,
  type TestServer,
} from './helpers/test-server.ts';

let server: TestServer;
let fetcher: Fetcher;
beforeAll(async () => {
  server = await startTestServer();
  fetcher = createFetcher({ allowCidrs: ['127.0.0.1/32'], perHostDelayMs: 0, maxRetryAfterMs: 60_000 });
});
afterAll(async () => {
  await fetcher.close();
  await server.close();
});

describe('charsets: raw bytes kept, charset recorded as jsdom would sniff it', () => {
  it.each([
    ['/cp1251-header', 'windows-1251', cyrillicPage(''), RUSSIAN_TEXT],
    ['/cp1251-meta', 'windows-1251', cyrillicPage('<meta charset="windows-1251">'), RUSSIAN_TEXT],
    ['/sjis-header', 'shift_jis', japanesePage(''), JAPANESE_TEXT],
    ['/sjis-meta', 'shift_jis', japanesePage('<meta http-equiv="Content-Type" content="text/html; charset=shift_jis">'), JAPANESE_TEXT],
  ])('%s is recorded as %s and decodes to the original text', async (path, charset, bytes, text) => {
    const capture = await fetcher.fetch(server.url(path));
    expect(capture.charset).toBe(charset);
    expect(capture.contentClass).toBe('html');
    expect(Buffer.from(capture.body).equals(Buffer.from(bytes))).toBe(true);
    expect(decodeHtml(capture.body, capture.contentType ?? undefined).html).toContain(text);
  });

  it.each([
    ['/cp1251-none', 'windows-1251', cyrillicPage(''), RUSSIAN_TEXT],
    ['/sjis-none', 'shift_jis', japanesePage(''), JAPANESE_TEXT],
  ])('%s without any declaration is recorded as the detector guesses (%s), bytes untouched', async (path, charset, bytes, text) => {
    const capture = await fetcher.fetch(server.url(path));
    // Nothing declared and not UTF-8: the decoder's detector decides; the raw bytes allow a re-decode later.
    expect(capture.charset).toBe(charset);
    expect(decodeHtml(capture.body, capture.contentType ?? undefined)).toMatchObject({ charsetSource: 'detector' });
    expect(decodeHtml(capture.body, capture.contentType ?? undefined).html).toContain(text);
    expect(Buffer.from(capture.body).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe('retries are the caller\'s: the fetcher says which failures are transient', () => {
  it('429 is transient with Retry-After in ms', async () => {
    const error = await fetcher.fetch(server.url('/rate-limited')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ code: 'rate-limited', retryable: true, retryAfterMs: 7_000 });
    expect((error as RateLimitedError).capture.httpStatus).toBe(429);
    expect(Buffer.from((error as RateLimitedError).capture.body).toString()).toBe('slow down');
  });

  it('a huge Retry-After is capped at maxRetryAfterMs', async () => {
    await expect(fetcher.fetch(server.url('/rate-limited-long'))).rejects.toMatchObject({ retryAfterMs: 60_000 });
  });

  it('500 then 200: the first attempt is transient, a retry succeeds', async () => {
    const url = server.url('/flaky?case=retry');
    const attempts: Array<CaptureRecord | unknown> = [];
    let capture: CaptureRecord | undefined;
    for (let attempt = 0; attempt < 3 && !capture; attempt++) {
      try {
        capture = await fetcher.fetch(url);
        attempts.push(capture);
      } catch (error) {
        attempts.push(error);
        if (!isRetryable(error)) throw error;
      }
    }
    expect(attempts).toHaveLength(2);
    expect(attempts[0]).toBeInstanceOf(HttpServerError);
    expect(attempts[0]).toMatchObject({ code: 'http-5xx', status: 500, retryable: true });
    expect(capture).toMatchObject({ httpStatus: 200, outcome: 'ok' });
  });
});

describe('conditional refetch', () => {
  it('sends the stored validators and records a 304 as not-modified without a body', async () => {
    const first = await fetcher.fetch(server.url('/etag'));
    expect(first).toMatchObject({ outcome: 'ok', etag: '"v1"', lastModified: 'Tue, 01 Jul 2025 10:00:00 GMT' });

    const refersTo = { url: first.finalUrl, fetchedAt: first.fetchedAt, bodySha256: first.bodySha256! };
    const second = await fetcher.fetch(server.url('/etag'), {
      conditional: { etag: first.etag, lastModified: first.lastModified, refersTo },
    });
    expect(second).toMatchObject({
      outcome: 'not-modified',
      httpStatus: 304,
      bodySha256: null,
      charset: null,
      etag: '"v1"',
      refersTo,
    });
    expect(second.body.length).toBe(0);
    expect(second.requestHeaders).toContainEqual(['if-none-match', '"v1"']);
    expect(second.requestHeaders).toContainEqual(['if-modified-since', 'Tue, 01 Jul 2025 10:00:00 GMT']);
    const received = server.requests.filter((r) => r.path === '/etag').at(-1)!;
    expect(received.headers['if-none-match']).toBe('"v1"');
  });

  it('a changed resource (validators no longer match) comes back in full', async () => {
    const capture = await fetcher.fetch(server.url('/etag'), { conditional: { etag: '"v0"' } });
    expect(capture.outcome).toBe('ok');
    expect(capture.body.length).toBeGreaterThan(0);
  });
});
