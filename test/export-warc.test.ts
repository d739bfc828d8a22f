/**
 * `vellum export warc`: captures stored by real ingests (a redirect, a 304 revisit, a 404 page)
 * written as WARC and read back with warcio's parser, byte for byte.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBody, listCaptures, openDatabase, type Database } from '@vellum/db';
import { readWarc, type WarcEntry } from '@vellum/fetcher';
import { runVellum } from './support/run-vellum.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';
import { dropSchema, POSTGRES_URL, uniqueSchema } from './support/postgres-schema.ts';

const PAGE = `<!doctype html><html><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1>
<p>The harbour reopened on Tuesday after three weeks of repairs to the sea wall, officials said, and the first ferries arrived before noon.</p>
<p>Fishermen, who had moored their boats in the next town, said the closure had cost them a season's worth of catches, and they asked for compensation.</p>
<p>The council said the repairs came in under budget and that a second phase, on the northern pier, would start in the spring.</p></article></body></html>`;

describe('vellum export warc', () => {
  const schema = uniqueSchema('e2e_warc');
  let server: TestServer;
  let db: Database;
  let dir: string;
  const env = () => ({ DATABASE_URL: POSTGRES_URL, VELLUM_DB_SCHEMA: schema, VELLUM_ALLOW_HOSTS: '127.0.0.1' });

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vellum-warc-'));
    server = await startTestServer({
      '/old': (_req, res) => res.writeHead(301, { location: '/story', 'content-length': '0' }).end(),
      '/story': (req, res) => {
        if (req.headers['if-none-match'] === '"v1"') return res.writeHead(304, { etag: '"v1"' }).end();
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag: '"v1"', 'x-dup': 'a' }).end(PAGE);
      },
    });
    db = await openDatabase({ connectionString: POSTGRES_URL, schema });
  });

  afterAll(async () => {
    await db?.close();
    await server?.close();
    await dropSchema(schema);
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('writes request, response and revisit records whose payloads match the stored bodies', async () => {
    expect((await runVellum(['ingest', server.url('/old')], env())).code).toBe(0);
    expect((await runVellum(['ingest', server.url('/story'), server.url('/missing')], env())).code).toBe(0);

    const file = path.join(dir, 'out.warc.gz');
    const run = await runVellum(['export', 'warc', '-o', file], env());
    expect(run.code, run.stderr).toBe(0);

    const entries: WarcEntry[] = [];
    const handle = await fs.open(file);
    for await (const entry of readWarc(handle.readableWebStream() as unknown as AsyncIterable<Uint8Array>)) entries.push(entry);
    await handle.close();

    expect(entries[0]!.type).toBe('warcinfo');
    const captures = (await listCaptures(db, { limit: 100 })).filter((c) => c.origin === 'http');
    // The first ingest: 301 hop + final 200; the second: a 304 revisit and a 404 page.
    expect(captures.map((c) => [c.httpStatus, c.outcome])).toEqual([
      [200, 'ok'],
      [304, 'not-modified'],
      [404, 'failed'],
    ]);
    const responses = entries.filter((e) => e.type === 'response');
    const revisits = entries.filter((e) => e.type === 'revisit');
    const requests = entries.filter((e) => e.type === 'request');
    expect(responses.map((e) => e.targetUri)).toEqual([server.url('/old'), server.url('/story'), server.url('/missing')]);
    expect(requests).toHaveLength(4);
    expect(revisits).toHaveLength(1);

    const [ok, notModified, missing] = captures;
    const okResponse = responses[1]!;
    expect(Buffer.from(okResponse.payload).equals(Buffer.from((await getBody(db, ok!.bodySha256!))!))).toBe(true);
    expect(okResponse.warcHeaders).toContainEqual(['WARC-Payload-Digest', `sha256:${ok!.bodySha256}`]);
    expect(okResponse.httpHeaders).toContainEqual(['x-dup', 'a']);
    expect(Buffer.from(responses[2]!.payload).equals(Buffer.from((await getBody(db, missing!.bodySha256!))!))).toBe(true);
    expect(revisits[0]!.targetUri).toBe(server.url('/story'));
    expect(revisits[0]!.warcHeaders).toContainEqual(['WARC-Refers-To-Target-URI', server.url('/story')]);
    expect(notModified!.revisitOf).toBe(ok!.id);
  });
});
