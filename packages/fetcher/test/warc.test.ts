import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import zlib from 'node:zlib';
import { WARCParser } from 'warcio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, readWarc, writeWarc, type CaptureRecord, type WarcEntry } from '../src/index.ts';
import { startTestServer, UTF8_HEADER_VALUE, type TestServer } from './helpers/test-server.ts';

let server: TestServer;
let captures: Record<string, CaptureRecord>;
let warc: Buffer;
let entries: WarcEntry[];

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const header = (pairs: Array<[string, string]> | null, name: string) =>
  pairs?.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];

beforeAll(async () => {
  server = await startTestServer();
  const fetcher = createFetcher({ allowCidrs: ['127.0.0.1/32'], perHostDelayMs: 0, maxBodyBytes: 1024 * 1024, oversize: 'truncate' });
  try {
    const get = (path: string) => fetcher.fetch(server.url(path));
    const first = await get('/etag');
    captures = {
      ok: await get('/ok'),
      gzip: await get('/gzip'),
      headers: await get('/headers'),
      pdf: await get('/doc.pdf'),
      utf8Header: await get('/utf8-header'),
      cp1251: await get('/cp1251-header'),
      redirect: await get('/redirect/1'),
      chunked: await get('/oversize-chunked'),
      etag: first,
      revisit: await fetcher.fetch(server.url('/etag'), {
        conditional: { etag: first.etag, refersTo: { url: first.finalUrl, fetchedAt: first.fetchedAt, bodySha256: first.bodySha256! } },
      }),
    };
  } finally {
    await fetcher.close();
  }
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  async function* source() {
    yield* Object.values(captures);
  }
  const summary = await writeWarc(source(), out, { filename: 'test.warc.gz', operator: 'Vellum tests' });
  warc = Buffer.concat(chunks);
  expect(summary.bytes).toBe(warc.length);
  entries = [];
  for await (const entry of readWarc([warc])) entries.push(entry);
  expect(summary.records).toBe(entries.length);
});
afterAll(() => server.close());

/** The response (or revisit) record of a capture's final exchange, and its request record. */
function finalPair(capture: CaptureRecord): { response: WarcEntry; request: WarcEntry } {
  const response = entries.find(
    (e) => (e.type === 'response' || e.type === 'revisit') && e.targetUri === capture.finalUrl && e.date === capture.fetchedAt,
  )!;
  const request = entries.find((e) => e.type === 'request' && header(e.warcHeaders, 'WARC-Concurrent-To') === response.recordId)!;
  return { response, request };
}

describe('WARC export', () => {
  it('is gzip per record, WARC/1.1, starting with warcinfo', () => {
    expect(warc.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(zlib.gunzipSync(warc).subarray(0, 9).toString()).toBe('WARC/1.1\r');
    const info = entries[0]!;
    expect(info.type).toBe('warcinfo');
    expect(header(info.warcHeaders, 'WARC-Filename')).toBe('test.warc.gz');
    expect(Buffer.from(info.payload).toString()).toMatch(/^software: Vellum fetcher .*\r\nformat: WARC File Format 1.1\r\n/);
    expect(Buffer.from(info.payload).toString()).toContain('operator: Vellum tests\r\n');
  });

  it('has a response record per capture whose payload matches the capture byte for byte', () => {
    for (const [name, capture] of Object.entries(captures)) {
      if (capture.outcome !== 'ok') continue;
      const { response } = finalPair(capture);
      expect(response, name).toBeDefined();
      expect(Buffer.from(response.payload).equals(Buffer.from(capture.body)), name).toBe(true);
      expect(header(response.warcHeaders, 'WARC-Payload-Digest'), name).toBe(`sha256:${capture.bodySha256}`);
      expect(header(response.warcHeaders, 'WARC-Block-Digest'), name).toBe(`sha256:${sha256(response.block)}`);
      expect(response.httpStatusLine, name).toBe(`HTTP/1.1 ${capture.httpStatus} ${capture.statusText}`);
    }
  });

  it('keeps headers of untouched bodies exactly, duplicates and order included', () => {
    for (const capture of [captures.ok!, captures.pdf!, captures.cp1251!, captures.utf8Header!]) {
      expect(finalPair(capture).response.httpHeaders).toEqual(capture.responseHeaders);
    }
    // /headers was sent chunked: the framing header is renamed and the real length added.
    const chunked = captures.headers!;
    expect(finalPair(chunked).response.httpHeaders).toEqual([
      ...chunked.responseHeaders.map(([n, v]) => [n.toLowerCase() === 'transfer-encoding' ? `X-Orig-${n}` : n, v]),
      ['Content-Length', String(chunked.body.length)],
    ]);
    expect(finalPair(chunked).response.httpHeaders!.slice(0, 5)).toEqual([
      ['Content-Type', 'text/html'],
      ['X-First', 'a'],
      ['Set-Cookie', 'one=1'],
      ['X-Second', 'b'],
      ['Set-Cookie', 'two=2'],
    ]);
  });

  it('writes non-ASCII header bytes as they came', () => {
    const written = zlib.gunzipSync(warc);
    expect(written.includes(Buffer.from(`X-Title: ${UTF8_HEADER_VALUE}\r\n`, 'utf8'))).toBe(true);
    // The capture holds the value as undici gives it (one char per byte), and so does the reader.
    const asLatin1 = Buffer.from(UTF8_HEADER_VALUE, 'utf8').toString('latin1');
    expect(header(captures.utf8Header!.responseHeaders, 'x-title')).toBe(asLatin1);
    expect(header(finalPair(captures.utf8Header!).response.httpHeaders, 'x-title')).toBe(asLatin1);
  });

  it('gives decompressed bodies the archival treatment (x-orig-* headers, corrected Content-Length)', () => {
    const capture = captures.gzip!;
    const { response } = finalPair(capture);
    const wireLength = header(capture.responseHeaders, 'content-length');
    expect(header(response.httpHeaders, 'X-Orig-content-encoding')).toBe('gzip');
    expect(header(response.httpHeaders, 'content-encoding')).toBeUndefined();
    expect(header(response.httpHeaders, 'X-Orig-content-length')).toBe(wireLength);
    expect(header(response.httpHeaders, 'Content-Length')).toBe(String(capture.body.length));
  });

  it('marks a truncated, de-chunked body', () => {
    const capture = captures.chunked!;
    expect(capture.truncated).toBe(true);
    const { response } = finalPair(capture);
    expect(header(response.warcHeaders, 'WARC-Truncated')).toBe('length');
    expect(header(response.httpHeaders, 'X-Orig-transfer-encoding')).toBe('chunked');
    expect(header(response.httpHeaders, 'Content-Length')).toBe(String(1024 * 1024));
  });

  it('has a request record per response with the headers that were sent', () => {
    for (const capture of Object.values(captures)) {
      const { request } = finalPair(capture);
      const url = new URL(capture.finalUrl);
      expect(request.httpStatusLine).toBe(`GET ${url.pathname}${url.search} HTTP/1.1`);
      expect(request.httpHeaders).toEqual(capture.requestHeaders);
      expect(request.targetUri).toBe(capture.finalUrl);
    }
  });

  it('writes every redirect hop as its own response + request pair', () => {
    const capture = captures.redirect!;
    const hops = entries.filter((e) => e.type === 'response' && capture.redirectChain.some((h) => h.url === e.targetUri && h.fetchedAt === e.date));
    expect(hops.map((e) => e.httpStatusLine)).toEqual(['HTTP/1.1 301 Moved Permanently', 'HTTP/1.1 302 Found', 'HTTP/1.1 307 Temporary Redirect']);
    expect(hops.map((e) => header(e.httpHeaders, 'location'))).toEqual(capture.redirectChain.map((h) => h.location));
    for (const hop of hops) {
      expect(hop.payload.length).toBe(0);
      expect(header(hop.warcHeaders, 'WARC-Truncated')).toBe('unspecified');
    }
  });

  it('writes a 304 as a server-not-modified revisit pointing at the original capture', () => {
    const revisit = captures.revisit!;
    const original = captures.etag!;
    const { response } = finalPair(revisit);
    expect(response.type).toBe('revisit');
    expect(header(response.warcHeaders, 'WARC-Profile')).toBe('http://netpreserve.org/warc/1.1/revisit/server-not-modified');
    expect(header(response.warcHeaders, 'WARC-Refers-To-Target-URI')).toBe(original.finalUrl);
    expect(header(response.warcHeaders, 'WARC-Refers-To-Date')).toBe(original.fetchedAt);
    expect(header(response.warcHeaders, 'WARC-Payload-Digest')).toBe(`sha256:${original.bodySha256}`);
    expect(response.httpStatusLine).toBe('HTTP/1.1 304 Not Modified');
    expect(response.httpHeaders).toEqual(revisit.responseHeaders);
    expect(response.payload.length).toBe(0);
  });

  it('reads back with warcio defaults (HTTP parsing on): content equals the captured bodies', async () => {
    const bodies = new Map(Object.values(captures).filter((c) => c.outcome === 'ok').map((c) => [`${c.finalUrl} ${c.fetchedAt}`, c.body]));
    let compared = 0;
    for await (const record of new WARCParser([warc])) {
      const body = bodies.get(`${record.warcTargetURI} ${record.warcDate}`);
      if (record.warcType !== 'response' || !body) {
        await record.skipFully();
        continue;
      }
      const content = await record.readFully(true);
      expect(Buffer.from(content).equals(Buffer.from(body))).toBe(true);
      compared++;
    }
    expect(compared).toBe(bodies.size);
  });
});
