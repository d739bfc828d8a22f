/**
 * Issue 16 item 4: hostile requests to the API, on the real Postgres and Redis. Oversized bodies
 * and batches are refused (413, 400) before anything is stored; malformed JSON gets a 400 that
 * says what is wrong, never a 500; prototype-pollution keys are refused; SQL-shaped, quoted and
 * huge-Unicode values are stored verbatim and read back unchanged (parameterized SQL: nothing
 * is executed), and every table is still there afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '@vellum/api';
import { queueEnv, type QueueEnv } from './queue-harness.ts';

const TOKEN = 'attack-token-0123456789abcdef';
const BATCH = 4;

describe('API under attack: caps, malformed JSON, injection-shaped values', () => {
  let q: QueueEnv;
  let app: FastifyInstance;
  let base: string;

  const send = async (body: string | Uint8Array, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}/v1/submissions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
      body: body as unknown as BodyInit,
    });
    const text = await res.text();
    return { status: res.status, text, body: text.startsWith('{') ? JSON.parse(text) : text };
  };
  const count = async () => Number((await q.db.query<{ n: string }>('SELECT count(*) AS n FROM submissions')).rows[0]!.n);
  const tables = async () =>
    (await q.db.query<{ t: string }>(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`, [q.schema])).rows.map((r) => r.t);

  beforeAll(async () => {
    q = await queueEnv('apiattack');
    app = await buildApi({ db: q.db, queues: q.queues, token: TOKEN, batchLimit: BATCH, jobEvents: false });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    await app?.close();
    await q?.cleanup();
  });

  it('refuses a body over the cap with 413 and a batch over the limit with 400, storing nothing', async () => {
    // The cap: a full batch of the longest URLs and a little room (build-api.ts).
    const cap = BATCH * (2048 + 8) + 4096;
    const big = await send(JSON.stringify({ url: `https://example.com/${'x'.repeat(cap)}` }));
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large', message: expect.stringMatching(/body is too large/i) });
    // Many megabytes are cut off early, not read to the end.
    const huge = await send(new Uint8Array(20 * 1024 * 1024).fill(0x20));
    expect(huge.status).toBe(413);
    const batch = await send(JSON.stringify({ urls: Array.from({ length: BATCH + 1 }, (_, i) => `https://example.com/${i}`) }));
    expect(batch.status).toBe(400);
    expect(batch.body.message).toBe(`body.urls must NOT have more than ${BATCH} items`);
    const longUrl = await send(JSON.stringify({ url: `https://example.com/${'y'.repeat(2048)}` }));
    expect(longUrl.status).toBe(400);
    expect(longUrl.body.message).toBe('body.url must NOT have more than 2048 characters');
    expect(await count()).toBe(0);
  });

  it.each([
    ['truncated', '{"url": "https://example.com/'],
    ['a trailing comma', '{"url": "https://example.com/",}'],
    ['single quotes', "{'url': 'https://example.com/'}"],
    ['two documents', '{"url": "https://example.com/a"}{"url": "https://example.com/b"}'],
    ['a bare NUL', '\u0000'],
    ['a lone backslash escape', '{"url": "https://example.com/\\x41"}'],
  ])('answers malformed JSON (%s) with 400 saying where the body is not valid JSON', async (_what, raw) => {
    const res = await send(raw);
    expect(res.status, res.text).toBe(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringMatching(/^the body is not valid JSON \((Unexpected|Expected|Bad|Unterminated).+\): send a JSON object, e\.g\. \{"url"/),
    });
  });

  it('answers an empty body, invalid UTF-8 and a non-object with a clear 400', async () => {
    const empty = await send('');
    expect(empty.status).toBe(400);
    expect(empty.body.message).toBe('the body is empty: send a JSON object, e.g. {"url": "https://example.com/story"}');
    const invalidUtf8 = await send(new Uint8Array([0x7b, 0x22, 0x75, 0x72, 0x6c, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]));
    expect(invalidUtf8.status).toBe(400);
    for (const raw of ['[]', '"https://example.com/"', 'null', '42']) {
      const res = await send(raw);
      expect(res.status, raw).toBe(400);
      expect(res.body.message, raw).toMatch(/^body must be object/);
    }
    expect(await count()).toBe(0);
  });

  it('refuses prototype-pollution keys (400) and nothing is polluted', async () => {
    for (const raw of [
      '{"url": "https://example.com/p", "__proto__": {"polluted": "yes"}}',
      '{"url": "https://example.com/p", "constructor": {"prototype": {"polluted": "yes"}}}',
      '{"urls": ["https://example.com/p"], "x": {"__proto__": {"polluted": "yes"}}}',
    ]) {
      const res = await send(raw);
      expect(res.status, raw).toBe(400);
      expect(res.body.message).toBe('the body has a "__proto__" or "constructor.prototype" key: refused (prototype pollution)');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    expect(await count()).toBe(0);
  });

  it('stores SQL-shaped, quoted and huge-Unicode values verbatim and reads them back unchanged', async () => {
    const before = await tables();
    const hostile = [
      "https://example.com/a?q='; DROP TABLE submissions; --",
      'https://example.com/b?q=" OR "1"="1',
      "https://example.com/c?q=1' OR '1'='1' /*",
      'https://example.com/d?q=$1$$;SELECT pg_sleep(10);$$',
      'https://example.com/e?q=\\\\x00\\\\\'%27%00',
      `https://example.com/${'𝔘𝔫𝔦𝔠𝔬𝔡𝔢'.repeat(80)}`,
      `https://example.com/${'\u202e\u0301\u200d\ufeff'.repeat(100)}rtl`,
      'https://пример.испытание/статья?q=新闻',
      'https://example.com/f?__proto__[polluted]=1&constructor[prototype][x]=1',
    ];
    const res = await send(JSON.stringify({ urls: hostile.slice(0, BATCH) }));
    const rest = await send(JSON.stringify({ urls: hostile.slice(BATCH, 2 * BATCH) }));
    const last = await send(JSON.stringify({ url: hostile[2 * BATCH] }));
    for (const r of [res, rest, last]) expect(r.status, r.text).toBe(202);
    const results = [...res.body.submissions, ...rest.body.submissions, ...last.body.submissions];
    expect(results.map((r: { outcome: string }) => r.outcome)).toEqual(hostile.map(() => 'queued'));

    for (const [i, result] of results.entries()) {
      const got = await fetch(`${base}/v1/submissions/${result.id}`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(got.status).toBe(200);
      expect((await got.json()).submission.url, hostile[i]).toBe(hostile[i]);
    }
    const { rows } = await q.db.query<{ url: string }>('SELECT url FROM submissions ORDER BY id');
    expect(rows.map((r) => r.url)).toEqual(hostile);
    // Nothing ran: same tables, and the lookups by such values answer normally.
    expect(await tables()).toEqual(before);
    expect(before).toContain('submissions');
    for (const value of ["' OR '1'='1", "https://example.com/a?q='; DROP TABLE articles; --", '%27%3B%20DROP%20TABLE%20articles%3B--']) {
      const lookup = await fetch(`${base}/v1/articles?url=${encodeURIComponent(value)}`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(lookup.status, value).toBeLessThan(500);
    }
    expect(await tables()).toEqual(before);
  });
});
