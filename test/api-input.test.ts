/**
 * Issue 19 item 7: secrets and control characters in submitted URLs, on the real Postgres and
 * Redis. A URL with user:password@ is refused (400) and never stored; CR/LF and NUL are refused;
 * surrounding whitespace is trimmed; no bad input to any route gets a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApi } from '@vellum/api';
import { ingestOne, submitUrls } from '@vellum/ingest';
import { queueEnv, type QueueEnv } from './queue-harness.ts';

const TOKEN = 'test-token-0123456789abcdef';
const auth = { authorization: `Bearer ${TOKEN}` };
const SECRET = 's3cret-pw';

describe('API input: URLs with secrets and control characters', () => {
  let q: QueueEnv;
  let app: FastifyInstance;
  let base: string;

  const call = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${base}${path}`, init);
    const text = await res.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body, text };
  };
  const postRaw = (raw: string) =>
    call('/v1/submissions', { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: raw });
  const post = (body: unknown) => postRaw(JSON.stringify(body));
  const storedUrls = async () => (await q.db.query<{ url: string; submitted_by: string }>('SELECT url, submitted_by FROM submissions ORDER BY id')).rows;

  beforeAll(async () => {
    q = await queueEnv('apiinput');
    app = await buildApi({ db: q.db, queues: q.queues, token: TOKEN, batchLimit: 5, logger: pino({ level: 'silent' }), jobEvents: false });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    await app?.close();
    await q?.cleanup();
  });

  it('refuses user:password@ with 400 and the reason, stores nothing and never echoes the password', async () => {
    for (const url of [`http://user:${SECRET}@example.com/story`, `https://${SECRET}@example.com/`, `http://user:${SECRET}@127.0.0.1:1/x`]) {
      const res = await post({ url });
      expect(res.status, url).toBe(400);
      expect(res.body.message).toMatch(/user name or password/);
      expect(res.text).not.toContain(SECRET);
    }
    const batch = await post({ urls: ['https://example.com/fine', `http://u:${SECRET}@example.com/`] });
    expect(batch.status).toBe(400);
    expect(batch.body.details[0].field).toBe('body.urls[1]');
    expect(batch.text).not.toContain(SECRET);
    expect(await storedUrls()).toEqual([]);
  });

  it.each([
    ['CR LF inside', 'http://example.com/a\r\nX-Injected: 1'],
    ['LF inside', 'http://example.com/a\nb'],
    ['a tab inside', 'http://example.com/a\tb'],
    ['NUL', 'http://example.com/\u0000x'],
    ['ESC', 'http://example.com/\u001b[31mred'],
    ['a C1 control', 'http://example.com/\u0085'],
  ])('refuses a URL with %s (400, never 500), storing nothing', async (_what, url) => {
    const res = await post({ url });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/control character/);
    expect(await storedUrls()).toEqual([]);
  });

  it('trims surrounding whitespace and stores the trimmed URL', async () => {
    const res = await post({ url: '  \n https://example.com/trimmed \r\n\t' });
    expect(res.status).toBe(202);
    expect(res.body.submissions[0]).toMatchObject({ url: 'https://example.com/trimmed', normalizedUrl: 'https://example.com/trimmed', outcome: 'queued' });
    expect((await storedUrls()).map((r) => r.url)).toEqual(['https://example.com/trimmed']);
  });

  it.each([
    ['NUL', 'ann\u0000'],
    ['CR LF', 'ann\r\nX-Forged: 1'],
    ['ESC', '\u001b]0;pwned\u0007'],
    ['only spaces', '   '],
    ['a plain name', 'alice'],
  ])('refuses a submittedBy with %s (400, never 500): the submitter is the token', async (_what, submittedBy) => {
    const before = (await storedUrls()).length;
    const res = await post({ url: 'https://example.com/by', submittedBy });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^body\.submittedBy is no longer accepted: a submission records the name of the token/);
    expect((await storedUrls()).length).toBe(before);
  });

  it('records the configured name of the legacy token as submitted_by', async () => {
    const res = await post({ url: 'https://example.com/by-token' });
    expect(res.status).toBe(202);
    expect((await storedUrls()).at(-1)).toEqual({ url: 'https://example.com/by-token', submitted_by: 'default' });
  });

  it('answers no bad input on any route with a 500', async () => {
    const get = (path: string) => call(path, { headers: auth });
    const answers = await Promise.all([
      get('/v1/submissions/%00'),
      get('/v1/submissions/1%0d%0a'),
      get('/v1/submissions/99999999999999999999'),
      get('/v1/submissions/-1'),
      get('/v1/articles/%00'),
      get('/v1/articles/1.5'),
      get('/v1/articles?url=%00'),
      get('/v1/articles?url=http://example.com/%00'),
      get('/v1/articles?url=http%3A%2F%2Fexample.com%2F%0D%0Ax'),
      get('/v1/articles?url=http://example.com/&limit=%00'),
      get('/v1/articles?url=http://u:p@example.com/'),
      get('/v1/articles?url=%E0%A4%A'),
      get('/v1/articles?url=x&url=y'),
      postRaw('{"url": "http://example.com/\\u0000"}'),
      postRaw('{"url": "http://example.com/", "submittedBy": "\\u0000"}'),
      postRaw('{"url\\u0000": "http://example.com/"}'),
      postRaw('{"url": "http://example.com/\\ud800"}'),
      postRaw('{"urls": ["http://example.com/", null]}'),
      postRaw('{"url": '),
      postRaw('\u0000'),
      postRaw('[]'),
      postRaw('"http://example.com/"'),
      call('/v1/submissions', { method: 'POST', headers: { 'content-type': 'text/plain', ...auth }, body: 'http://example.com/' }),
    ]);
    for (const answer of answers) {
      expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(500);
      expect(answer.status).not.toBe(0);
    }
    // The control characters and the credentials were refused, not looked up.
    expect(answers[6]!.status).toBe(400);
    expect(answers[7]!.status).toBe(400);
    expect(answers[8]!.status).toBe(400);
  });

  it('submitUrls (vellum submit, the scheduler) records a refused URL without its secret or its NUL', async () => {
    const results = await submitUrls({
      db: q.db,
      queues: q.queues,
      urls: [`http://user:${SECRET}@example.com/cli`, 'http://example.com/\u0000nul', ' https://example.com/cli-ok '],
      submittedBy: 'cli-user',
      source: 'cli',
    });
    expect(results.map((r) => r.outcome)).toEqual(['invalid', 'invalid', 'queued']);
    expect(results[0]!.reason).toMatch(/user name or password/);
    expect(results[1]!.reason).toMatch(/control character/);
    const rows = await q.db.query<{ url: string; status: string; status_reason: string | null }>(
      `SELECT url, normalized_url, status, status_reason FROM submissions WHERE submitted_by = 'cli-user' ORDER BY id`,
    );
    expect(rows.rows.map((r) => r.url)).toEqual(['http://***@example.com/cli', 'http://example.com/\\u{0}nul', 'https://example.com/cli-ok']);
    expect(JSON.stringify(rows.rows)).not.toContain(SECRET);
    await expect(
      submitUrls({ db: q.db, queues: q.queues, urls: ['https://example.com/x'], submittedBy: 'bad\u0000name', source: 'cli' }),
    ).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it('vellum ingest (ingestOne) records a URL with a password as failed, without the password', async () => {
    const outcome = await ingestOne({ db: q.db, actor: 'cli' }, { kind: 'url', url: `http://user:${SECRET}@example.com/ingest` }, { submittedBy: 'ingest-user' });
    expect(outcome.status).toBe('failed');
    expect(outcome.reason).toMatch(/user name or password/);
    const rows = await q.db.query(`SELECT url, normalized_url, status_reason FROM submissions WHERE submitted_by = 'ingest-user'`);
    expect(rows.rows).toHaveLength(1);
    expect(JSON.stringify(rows.rows)).not.toContain(SECRET);
  });
});
