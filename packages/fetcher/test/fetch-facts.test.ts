/**
 * Fetch facts (issue 14): the address connected to and the phase timings of the final request,
 * and each redirect hop's address and reason phrase. Names resolve through a fake resolver to
 * 127.0.0.1, let through the guard by the allow-list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, type Fetcher } from '../src/index.ts';
import { mapLookup } from './helpers/lookup.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

describe('fetch facts', () => {
  let server: TestServer;
  let fetcher: Fetcher;
  const lookups: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    fetcher = createFetcher({
      perHostDelayMs: 0,
      respectRobots: false,
      allowCidrs: ['127.0.0.1/32'],
      lookup: mapLookup({ 'facts.test': '127.0.0.1' }, lookups),
    });
  });
  afterAll(async () => {
    await fetcher?.close();
    await server?.close();
  });

  it('records the connected address and the dns, connect, first-byte and total times', async () => {
    const capture = await fetcher.fetch(`http://facts.test:${server.port}/ok`);
    expect(lookups).toContain('facts.test');
    expect(capture.remoteAddress).toBe('127.0.0.1');
    const { dnsMs, connectMs, firstByteMs, totalMs } = capture.timings;
    // A new connection: the name was looked up and a socket opened for this request.
    expect(dnsMs).toBeGreaterThanOrEqual(0);
    expect(connectMs).toBeGreaterThanOrEqual(0);
    expect(firstByteMs).toBeGreaterThanOrEqual(dnsMs! + connectMs!);
    expect(totalMs).toBeGreaterThanOrEqual(firstByteMs!);

    // A later request may reuse the connection: then it had no lookup or connect of its own.
    const again = await fetcher.fetch(`http://facts.test:${server.port}/ok`);
    expect(again.remoteAddress).toBe('127.0.0.1');
    expect(again.timings.dnsMs === null).toBe(again.timings.connectMs === null);
    expect(again.timings.totalMs).toBeGreaterThanOrEqual(again.timings.firstByteMs!);
  });

  it('gives an IP-literal host no lookup time, and keeps each hop address and reason phrase', async () => {
    const capture = await fetcher.fetch(server.url('/redirect/1'));
    expect(capture.timings.dnsMs).toBeNull();
    expect(capture.remoteAddress).toBe('127.0.0.1');
    expect(capture.redirectChain.map((h) => [h.status, h.statusText, h.remoteAddress])).toEqual([
      [301, 'Moved Permanently', '127.0.0.1'],
      [302, 'Found', '127.0.0.1'],
      [307, 'Temporary Redirect', '127.0.0.1'],
    ]);
  });
});
