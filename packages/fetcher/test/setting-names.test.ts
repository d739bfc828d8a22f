/**
 * Errors that tell the operator to change a limit name it the way the operator sets it, when
 * the entry point says how (`settingNames`); without it, the option names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, type FetcherOptions } from '../src/index.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

const NAMES: FetcherOptions['settingNames'] = {
  allowHosts: 'VELLUM_ALLOW_HOSTS',
  maxBodyBytes: 'VELLUM_MAX_BODY_BYTES',
  maxRedirects: 'VELLUM_MAX_REDIRECTS',
  maxUrlLength: 'VELLUM_MAX_URL_LENGTH',
};

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

async function failure(options: FetcherOptions, url: string): Promise<Error> {
  const fetcher = createFetcher({ perHostDelayMs: 0, ...options });
  try {
    return await fetcher.fetch(url).then(
      () => {
        throw new Error('expected the fetch to fail');
      },
      (error: Error) => error,
    );
  } finally {
    await fetcher.close();
  }
}

describe('settingNames', () => {
  it('the private-address refusal names the operator setting, not allowHosts/allowCidrs', async () => {
    const named = await failure({ settingNames: NAMES }, server.url('/ok'));
    expect(named).toMatchObject({ code: 'blocked-destination' });
    expect(named.message).toMatch(/add it to VELLUM_ALLOW_HOSTS$/);
    expect(named.message).not.toMatch(/allowHosts|allowCidrs/);
    const plain = await failure({}, server.url('/ok'));
    expect(plain.message).toMatch(/add it to allowHosts or allowCidrs$/);
  });

  it('the limits name theirs: body size, redirects, URL length', async () => {
    const local = { allowCidrs: ['127.0.0.1/32'], settingNames: NAMES };
    expect((await failure({ ...local, maxBodyBytes: 1 }, server.url('/ok'))).message).toMatch(/raise VELLUM_MAX_BODY_BYTES if such pages are expected$/);
    expect((await failure({ ...local, maxRedirects: 1 }, server.url('/redirect/1'))).message).toMatch(/raise VELLUM_MAX_REDIRECTS$/);
    expect((await failure({ ...local, maxUrlLength: 20 }, server.url('/ok'))).message).toMatch(/raise VELLUM_MAX_URL_LENGTH$/);
  });
});
