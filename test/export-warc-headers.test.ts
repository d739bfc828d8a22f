/**
 * `vellum export warc` read back with an independent WARC parser (the npm `warc` package, not
 * warcio which writes the file): the file name carries no local directory, every record names
 * the warcinfo record, the revisit names its original, the redirect hop's status line has its
 * reason phrase, and the connected address is written. The captures behind it record the
 * address and the fetch timings, and content_type is the bare media type.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import zlib from 'node:zlib';
import WARCStream from 'warc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCaptures, openDatabase, type Database } from '@vellum/db';
import { runVellum } from './support/run-vellum.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';
import { dropSchema, POSTGRES_URL, uniqueSchema } from './support/postgres-schema.ts';

const PAGE = `<!doctype html><html><head><title>Lighthouse restored</title></head><body><article><h1>Lighthouse restored</h1>
<p>The old lighthouse on the point was lit again on Saturday after a two-year restoration paid for by the town and a group of volunteers.</p>
<p>The lamp, which had been removed for safety, was rebuilt by a firm in the next county using drawings found in the harbour office archive.</p>
<p>Volunteers said they hoped to open the tower to visitors in the summer, once a new handrail has been fitted to the spiral stair.</p></article></body></html>`;

interface ParsedRecord {
  protocol: string;
  headers: Record<string, string>;
  content: Buffer;
}

async function parseWarc(file: string): Promise<ParsedRecord[]> {
  const records: ParsedRecord[] = [];
  await pipeline(
    fs.createReadStream(file),
    zlib.createGunzip(),
    new WARCStream(),
    new Writable({
      objectMode: true,
      write(record: ParsedRecord, _enc, done) {
        records.push(record);
        done();
      },
    }),
  );
  return records;
}

describe('vellum export warc, read by an independent parser', () => {
  const schema = uniqueSchema('e2e_warc_hdr');
  let server: TestServer;
  let db: Database;
  let dir: string;
  const env = () => ({ DATABASE_URL: POSTGRES_URL, VELLUM_DB_SCHEMA: schema, VELLUM_ALLOW_HOSTS: '127.0.0.1' });

  beforeAll(async () => {
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'vellum-warc-hdr-'));
    server = await startTestServer({
      '/old': (_req, res) => res.writeHead(301, { location: '/story', 'content-length': '0' }).end(),
      '/story': (req, res) => {
        if (req.headers['if-none-match'] === '"v1"') return res.writeHead(304, { etag: '"v1"' }).end();
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag: '"v1"' }).end(PAGE);
      },
    });
    db = await openDatabase({ connectionString: POSTGRES_URL, schema });
  });

  afterAll(async () => {
    await db?.close();
    await server?.close();
    await dropSchema(schema);
    await fsp.rm(dir, { recursive: true, force: true });
  });

  it('records the address and timings, and writes the WARC 1.1 linking headers', async () => {
    expect((await runVellum(['ingest', server.url('/old')], env())).code).toBe(0);
    expect((await runVellum(['ingest', server.url('/story')], env())).code).toBe(0);

    const [ok, notModified] = (await listCaptures(db, { limit: 10 })).filter((c) => c.origin === 'http');
    expect(ok!.outcome).toBe('ok');
    expect(notModified!.outcome).toBe('not-modified');
    // docs/schema.md: a 304 capture names the body it confirmed, that of the capture it revisits.
    expect(notModified!.revisitOf).toBe(ok!.id);
    expect(notModified!.bodySha256).toBe(ok!.bodySha256);
    // docs/schema.md: the media type without parameters; the header as sent stays in response_headers.
    expect(ok!.contentType).toBe('text/html');
    expect(ok!.responseHeaders).toContainEqual(['content-type', 'text/html; charset=utf-8']);
    for (const capture of [ok!, notModified!]) {
      expect(capture.remoteAddress).toBe('127.0.0.1');
      const { firstByteMs, totalMs } = capture.timings;
      expect(firstByteMs).toBeGreaterThanOrEqual(0);
      expect(totalMs).toBeGreaterThanOrEqual(firstByteMs!);
    }
    // An IP-literal host needs no name lookup; the first ingest opened a new connection.
    expect(ok!.timings.dnsMs).toBeNull();
    expect(ok!.timings.connectMs).toBeGreaterThanOrEqual(0);

    const file = path.join(dir, 'nested', 'out.warc.gz');
    await fsp.mkdir(path.dirname(file));
    const run = await runVellum(['export', 'warc', '-o', file], env());
    expect(run.code, run.stderr).toBe(0);
    const records = await parseWarc(file);

    const [info, ...rest] = records;
    expect(info!.headers['WARC-Type']).toBe('warcinfo');
    expect(info!.headers['WARC-Filename']).toBe('out.warc.gz');
    const infoId = info!.headers['WARC-Record-ID'];
    expect(infoId).toMatch(/^<urn:uuid:[0-9a-f-]{36}>$/);
    expect(rest.length).toBe(6); // 301 hop (response, request), 200 (response, request), 304 (revisit, request)
    for (const record of rest) {
      expect(record.protocol).toBe('WARC/1.1');
      expect(record.headers['WARC-Warcinfo-ID'], record.headers['WARC-Type']).toBe(infoId);
      expect(record.headers['WARC-IP-Address'], record.headers['WARC-Type']).toBe('127.0.0.1');
    }

    const responses = rest.filter((r) => r.headers['WARC-Type'] === 'response');
    const hop = responses.find((r) => r.headers['WARC-Target-URI'] === server.url('/old'))!;
    expect(hop.content.toString('latin1').split('\r\n')[0]).toBe('HTTP/1.1 301 Moved Permanently');
    const original = responses.find((r) => r.headers['WARC-Target-URI'] === server.url('/story'))!;
    expect(original.content.toString('latin1').split('\r\n')[0]).toBe('HTTP/1.1 200 OK');

    const revisit = rest.find((r) => r.headers['WARC-Type'] === 'revisit')!;
    expect(revisit.headers['WARC-Refers-To']).toBe(original.headers['WARC-Record-ID']);
    expect(revisit.headers['WARC-Refers-To-Target-URI']).toBe(original.headers['WARC-Target-URI']);
    expect(revisit.headers['WARC-Refers-To-Date']).toBe(original.headers['WARC-Date']);
    expect(revisit.headers['WARC-Profile']).toBe('http://netpreserve.org/warc/1.1/revisit/server-not-modified');
  }, 240_000); // three `vellum` processes: slow on a loaded machine
});
