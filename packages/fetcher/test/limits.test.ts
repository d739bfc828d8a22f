import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRetryable } from '@vellum/core';
import { createFetcher, type Fetcher, type FetcherOptions } from '../src/index.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

const LOCAL: FetcherOptions = { allowCidrs: ['127.0.0.1/32'], perHostDelayMs: 0, perHostConcurrency: 8 };
const MiB = 1024 * 1024;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

async function withFetcher<T>(options: FetcherOptions, run: (f: Fetcher) => Promise<T>): Promise<T> {
  const fetcher = createFetcher({ ...LOCAL, ...options });
  try {
    return await run(fetcher);
  } finally {
    await fetcher.close();
  }
}

describe('timeouts', () => {
  it('a server that never sends headers hits the headers timeout', async () => {
    const error = await withFetcher({ headersTimeoutMs: 300 }, (f) => f.fetch(server.url('/hang')).catch((e: unknown) => e));
    expect(error).toMatchObject({ code: 'timeout', phase: 'headers', retryable: true });
    expect((error as Error).message).toMatch(/300 ms/);
  });

  it('a body that stalls between chunks hits the body idle timeout', async () => {
    const error = await withFetcher({ bodyIdleTimeoutMs: 400 }, (f) => f.fetch(server.url('/slow-body')).catch((e: unknown) => e));
    expect(error).toMatchObject({ code: 'timeout', phase: 'body-idle', retryable: true });
  });

  it('a body that keeps trickling forever hits the whole-fetch timeout', async () => {
    const started = Date.now();
    const error = await withFetcher({ totalTimeoutMs: 800, bodyIdleTimeoutMs: 5_000 }, (f) =>
      f.fetch(server.url('/trickle')).catch((e: unknown) => e),
    );
    expect(error).toMatchObject({ code: 'timeout', phase: 'total', retryable: true });
    expect(isRetryable(error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('body size', () => {
  it.each(['/oversize', '/oversize-chunked'])('%s over maxBodyBytes fails as body-too-large', async (path) => {
    const error = await withFetcher({ maxBodyBytes: MiB }, (f) => f.fetch(server.url(path)).catch((e: unknown) => e));
    expect(error).toMatchObject({ code: 'body-too-large', retryable: false, maxBodyBytes: MiB });
    expect((error as Error).message).toMatch(/raise maxBodyBytes/);
  });

  it('with oversize "truncate", keeps the first maxBodyBytes and marks the capture', async () => {
    const capture = await withFetcher({ maxBodyBytes: MiB, oversize: 'truncate' }, (f) => f.fetch(server.url('/oversize-chunked')));
    expect(capture.truncated).toBe(true);
    expect(capture.body.length).toBe(MiB);
    expect(capture.body.every((b) => b === 0)).toBe(true);
  });

  it('a gzip bomb stops at the cap after decompression, long before the server runs out', async () => {
    const error = await withFetcher({ maxBodyBytes: MiB }, (f) => f.fetch(server.url('/gzip-bomb')).catch((e: unknown) => e));
    expect(error).toMatchObject({ code: 'body-too-large' });
    // The whole bomb is ~8 MB of gzip (8 GiB inflated); 1 MiB of zeros is ~1 KB of gzip. The
    // fetcher hung up after a few KB: 64 KiB would already be ~64 MiB inflated.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.bombBytesWritten()).toBeLessThan(64 * 1024);
  });
});
