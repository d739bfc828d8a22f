import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendEvent,
  countArticles,
  countSubmissionsByStatus,
  createSubmission,
  findArticlesByContentHash,
  findArticlesByUrl,
  findSubmissionsByUrl,
  getArticle,
  getArticleProvenance,
  getBody,
  getCapture,
  getSubmission,
  insertCapture,
  latestCaptureForUrl,
  listArticles,
  listCaptures,
  listEvents,
  listSubmissions,
  migrate,
  RecordNotFoundError,
  storeArticle,
  storeBody,
  updateSubmissionStatus,
  type Database,
} from '../src/index.ts';
import { articleInput, captureInput, RAW_BODY, VERSIONS } from './fixtures.ts';
import { BACKENDS, disposeTestDatabase, openTestDatabase } from './helpers.ts';

describe.each(BACKENDS)('repositories on %s', (backend) => {
  let db: Database;

  beforeAll(async () => {
    db = await openTestDatabase(backend, 'vt_repo');
    await migrate(db);
  });
  afterAll(async () => {
    await disposeTestDatabase(db);
  });

  describe('submissions', () => {
    it('round-trips a submission and records the submitted event', async () => {
      const created = await createSubmission(db, {
        url: 'HTTP://Example.test/a?utm_source=x',
        normalizedUrl: 'http://example.test/a',
        submittedBy: 'alice',
        source: 'cli',
        priority: 5,
        options: { refetch: true },
      });
      expect(created.created).toBe(true);
      const read = await getSubmission(db, created.id);
      expect({ ...read, created: true }).toEqual(created);
      expect(read).toMatchObject({
        id: created.id,
        url: 'HTTP://Example.test/a?utm_source=x',
        normalizedUrl: 'http://example.test/a',
        submittedBy: 'alice',
        source: 'cli',
        priority: 5,
        status: 'queued',
        statusReason: null,
        attempts: 0,
        captureId: null,
        articleId: null,
        options: { refetch: true },
        idempotencyKey: null,
      });
      expect(read!.submittedAt).toBeInstanceOf(Date);
      const events = await listEvents(db, 'submission', created.id);
      expect(events.map((e) => [e.action, e.actor])).toEqual([['submitted', 'alice']]);
      expect(events[0]!.details).toEqual({ url: 'HTTP://Example.test/a?utm_source=x', source: 'cli', priority: 5 });
    });

    it('defaults normalizedUrl to the submitted URL and finds submissions by either URL', async () => {
      const a = await createSubmission(db, { url: 'https://find.test/x', submittedBy: 'bob', source: 'api' });
      const b = await createSubmission(db, {
        url: 'https://find.test/x?utm_medium=y',
        normalizedUrl: 'https://find.test/x',
        submittedBy: 'bob',
        source: 'api',
      });
      expect(a.normalizedUrl).toBe('https://find.test/x');
      expect((await findSubmissionsByUrl(db, 'https://find.test/x')).map((s) => s.id)).toEqual([b.id, a.id]);
      expect((await findSubmissionsByUrl(db, 'https://find.test/x?utm_medium=y')).map((s) => s.id)).toEqual([b.id]);
      expect(await findSubmissionsByUrl(db, 'https://find.test/none')).toEqual([]);
    });

    it('returns the first submission for a repeated idempotency key', async () => {
      const input = { url: 'https://idem.test/', submittedBy: 'schedule:7', source: 'schedule', idempotencyKey: 'schedule:7:2025-01-01' };
      const first = await createSubmission(db, input);
      const second = await createSubmission(db, input);
      expect(second.created).toBe(false);
      expect(second.id).toBe(first.id);
      expect(await findSubmissionsByUrl(db, 'https://idem.test/')).toHaveLength(1);
      expect(await listEvents(db, 'submission', first.id)).toHaveLength(1);
    });

    it('moves status with an event per move, counting attempts', async () => {
      const sub = await createSubmission(db, { url: 'https://status.test/', submittedBy: 'w', source: 'cli' });
      await updateSubmissionStatus(db, sub.id, 'fetching', { incrementAttempts: true, actor: 'worker-1' });
      const failed = await updateSubmissionStatus(db, sub.id, 'failed', { reason: 'http 404', actor: 'worker-1' });
      expect(failed).toMatchObject({ status: 'failed', statusReason: 'http 404', attempts: 1 });
      expect(failed.updatedAt.getTime()).toBeGreaterThanOrEqual(sub.updatedAt.getTime());
      const events = await listEvents(db, 'submission', sub.id);
      expect(events.map((e) => e.action)).toEqual(['submitted', 'fetching', 'failed']);
      expect(events[2]!.details).toEqual({ from: 'fetching', to: 'failed', reason: 'http 404' });
      expect(events[2]!.actor).toBe('worker-1');
    });

    it('links the capture and article and keeps links when later moves omit them', async () => {
      const sub = await createSubmission(db, { url: 'https://link.test/', submittedBy: 'w', source: 'cli' });
      const cap = await insertCapture(db, captureInput({ submissionId: sub.id, requestedUrl: 'https://link.test/', captureKey: null }));
      await updateSubmissionStatus(db, sub.id, 'fetched', { captureId: cap.id });
      const art = await storeArticle(db, articleInput(cap.id, { submissionId: sub.id, url: 'https://link.test/' }));
      const done = await updateSubmissionStatus(db, sub.id, 'processed', { articleId: art.id });
      expect(done).toMatchObject({ captureId: cap.id, articleId: art.id, statusReason: null });
      const events = await listEvents(db, 'submission', sub.id);
      expect(events.at(-1)!.details).toEqual({ from: 'fetched', to: 'processed', articleId: art.id });
    });

    it('throws RecordNotFoundError for an unknown submission and rejects an unknown status', async () => {
      await expect(updateSubmissionStatus(db, 987654321, 'fetching')).rejects.toBeInstanceOf(RecordNotFoundError);
      const sub = await createSubmission(db, { url: 'https://bad.test/', submittedBy: 'w', source: 'cli' });
      // @ts-expect-error the database refuses statuses the type does not list
      await expect(updateSubmissionStatus(db, sub.id, 'exploded')).rejects.toThrow(/submissions_status_check/);
      expect((await getSubmission(db, sub.id))!.status).toBe('queued');
    });

    it('lists and counts by status', async () => {
      const counts = await countSubmissionsByStatus(db);
      const failed = await listSubmissions(db, { status: 'failed' });
      expect(counts.failed).toBe(failed.length);
      expect(failed.every((s) => s.status === 'failed')).toBe(true);
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      expect((await listSubmissions(db, { limit: 1000 })).length).toBe(total);
    });
  });

  describe('bodies and captures', () => {
    it('stores an identical body once', async () => {
      const bytes = new TextEncoder().encode(`<html>dedup ${backend}</html>`);
      const first = await storeBody(db, bytes);
      const second = await storeBody(db, Buffer.from(bytes));
      expect(first).toEqual({ sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, created: true });
      expect(second.created).toBe(false);
      const { rows } = await db.query('SELECT count(*)::int AS n FROM bodies WHERE sha256 = $1', [first.sha256]);
      expect(rows[0]!.n).toBe(1);
      expect(Buffer.from((await getBody(db, first.sha256))!)).toEqual(Buffer.from(bytes));
    });

    it('refuses a body whose key is not its sha256', async () => {
      await expect(
        db.query('INSERT INTO bodies (sha256, bytes) VALUES ($1, $2)', ['0'.repeat(64), Buffer.from('x')]),
      ).rejects.toThrow(/bodies_sha256_matches/);
    });

    it('round-trips a capture with its body bytes, headers in order and redirect chain', async () => {
      const input = captureInput({ captureKey: `rt-${backend}` });
      const { id, created, bodySha256 } = await insertCapture(db, input);
      expect(created).toBe(true);
      const cap = await getCapture(db, id);
      expect(cap).not.toBeNull();
      expect(Buffer.from(cap!.body!)).toEqual(Buffer.from(RAW_BODY));
      expect(cap).toMatchObject({
        id,
        submissionId: null,
        captureKey: `rt-${backend}`,
        origin: 'http',
        requestedUrl: input.requestedUrl,
        finalUrl: input.finalUrl,
        redirectChain: input.redirectChain,
        httpStatus: 200,
        requestHeaders: input.requestHeaders,
        responseHeaders: input.responseHeaders,
        bodySha256,
        bodySize: RAW_BODY.length,
        contentType: 'text/html',
        charset: 'windows-1252',
        fetcherVersion: 'fetcher-1.0.0',
        etag: '"v1"',
        lastModified: 'Wed, 01 Jan 2025 00:00:00 GMT',
        outcome: 'ok',
        failureReason: null,
        truncated: false,
        revisitOf: null,
        remoteAddress: '127.0.0.1',
        meta: {},
      });
      expect(cap!.fetchedAt.toISOString()).toBe('2025-01-02T03:04:05.678Z');
      expect((await getCapture(db, id, { withBody: false }))!.body).toBeNull();
      const events = await listEvents(db, 'capture', id);
      expect(events.map((e) => e.action)).toEqual(['captured']);
      expect(events[0]!.details).toMatchObject({ outcome: 'ok', httpStatus: 200, bodySha256 });
    });

    it('does not duplicate a capture retried with the same capture key', async () => {
      const input = captureInput({ captureKey: `retry-${backend}`, body: new TextEncoder().encode('retry body') });
      const first = await insertCapture(db, input);
      const second = await insertCapture(db, { ...input, fetchedAt: new Date() });
      expect(second).toEqual({ id: first.id, created: false, bodySha256: first.bodySha256 });
      const { rows } = await db.query('SELECT count(*)::int AS n FROM captures WHERE capture_key = $1', [`retry-${backend}`]);
      expect(rows[0]!.n).toBe(1);
      expect(await listEvents(db, 'capture', first.id)).toHaveLength(1);
    });

    it('shares one body between captures of identical bytes', async () => {
      const body = new TextEncoder().encode('same bytes, two captures');
      const a = await insertCapture(db, captureInput({ body }));
      const b = await insertCapture(db, captureInput({ body }));
      expect(a.id).not.toBe(b.id);
      expect(a.bodySha256).toBe(b.bodySha256);
      const { rows } = await db.query('SELECT count(*)::int AS n FROM bodies WHERE sha256 = $1', [a.bodySha256]);
      expect(rows[0]!.n).toBe(1);
    });

    it('records failures and 304 revisits without a body', async () => {
      await expect(insertCapture(db, captureInput({ body: null, outcome: 'failed' }))).rejects.toThrow(
        /captures_failure_reason_check/,
      );
      const failed = await insertCapture(db, captureInput({ body: null, httpStatus: 404, outcome: 'failed', failureReason: 'http 404' }));
      const cap = await getCapture(db, failed.id);
      expect(cap).toMatchObject({ outcome: 'failed', failureReason: 'http 404', body: null, bodySha256: null, bodySize: null });
    });

    it('finds the latest successful capture for a URL, for conditional GET', async () => {
      const url = `https://cond.test/${backend}`;
      const old = await insertCapture(db, captureInput({ requestedUrl: url, finalUrl: url, etag: '"old"', fetchedAt: new Date('2025-01-01T00:00:00Z') }));
      const latest = await insertCapture(db, captureInput({ requestedUrl: url, finalUrl: url, etag: '"new"', fetchedAt: new Date('2025-02-01T00:00:00Z') }));
      await insertCapture(db, captureInput({ requestedUrl: url, finalUrl: url, body: null, outcome: 'failed', failureReason: 'timeout', fetchedAt: new Date('2025-03-01T00:00:00Z') }));
      const revisit = await insertCapture(db, captureInput({ requestedUrl: url, finalUrl: url, body: null, httpStatus: 304, outcome: 'not-modified', revisitOf: latest.id, fetchedAt: new Date('2025-04-01T00:00:00Z') }));

      expect((await latestCaptureForUrl(db, url))!).toMatchObject({ id: latest.id, etag: '"new"' });
      expect((await latestCaptureForUrl(db, url, { outcomes: ['ok', 'not-modified'] }))!).toMatchObject({ id: revisit.id, revisitOf: latest.id });
      expect(old.id).toBeLessThan(latest.id);
      expect(await latestCaptureForUrl(db, 'https://cond.test/never')).toBeNull();
    });

    it('pages through captures by id', async () => {
      const firstPage = await listCaptures(db, { limit: 2 });
      expect(firstPage).toHaveLength(2);
      const next = await listCaptures(db, { afterId: firstPage[1]!.id, limit: 1000 });
      expect(next.every((c) => c.id > firstPage[1]!.id)).toBe(true);
      const since = await listCaptures(db, { since: new Date('2025-03-15T00:00:00Z'), limit: 1000 });
      expect(since.every((c) => c.fetchedAt >= new Date('2025-03-15T00:00:00Z'))).toBe(true);
      expect(since.length).toBeGreaterThan(0);
    });
  });

  describe('articles', () => {
    it('stores an article once per capture and pipeline version', async () => {
      const cap = await insertCapture(db, captureInput());
      const first = await storeArticle(db, articleInput(cap.id));
      const second = await storeArticle(db, articleInput(cap.id, { title: 'changed on a retry' }));
      expect(first.created).toBe(true);
      expect(second).toEqual({ id: first.id, created: false });
      const { rows } = await db.query('SELECT count(*)::int AS n FROM articles WHERE capture_id = $1', [cap.id]);
      expect(rows[0]!.n).toBe(1);
      expect((await getArticle(db, first.id))!.title).toBe('A title');
      expect((await listEvents(db, 'article', first.id)).map((e) => e.action)).toEqual(['stored']);

      const reprocessed = await storeArticle(db, articleInput(cap.id, { pipelineVersion: 'test-pipeline-2' }));
      expect(reprocessed.created).toBe(true);
      expect(reprocessed.id).not.toBe(first.id);
    });

    it('round-trips every field', async () => {
      const cap = await insertCapture(db, captureInput());
      const input = articleInput(cap.id);
      const { id } = await storeArticle(db, input);
      const article = await getArticle(db, id);
      expect(article).toEqual({
        id,
        captureId: cap.id,
        submissionId: null,
        url: input.url,
        canonicalUrl: input.canonicalUrl,
        declaredCanonicalUrl: input.declaredCanonicalUrl,
        ogUrl: null,
        title: input.title,
        byline: input.byline,
        authors: input.authors,
        siteName: input.siteName,
        lang: input.lang,
        publishedAt: new Date('2025-01-01T10:00:00Z'),
        publishedText: '2025-01-01T10:00:00Z',
        excerpt: input.excerpt,
        text: input.text,
        contentHash: input.contentHash,
        rawSha256: input.rawSha256,
        charset: null,
        charsetSource: null,
        removed: input.removed,
        media: input.media,
        versions: VERSIONS,
        pipelineVersion: VERSIONS.pipeline,
        createdAt: article!.createdAt,
      });
      expect(article!.createdAt).toBeInstanceOf(Date);
    });

    it('keeps an unparseable publication date as text only', async () => {
      const cap = await insertCapture(db, captureInput());
      const { id } = await storeArticle(db, articleInput(cap.id, { publishedAt: 'last Tuesday-ish' }));
      expect(await getArticle(db, id)).toMatchObject({ publishedAt: null, publishedText: 'last Tuesday-ish' });
    });

    it('finds articles by URL, canonical URL and content hash, and lists them newest first', async () => {
      const cap = await insertCapture(db, captureInput());
      const hash = 'c'.repeat(63) + (backend === 'pglite' ? '1' : '2');
      const a = await storeArticle(db, articleInput(cap.id, { url: 'https://m.find.test/a?x=1', canonicalUrl: 'https://find.test/a', contentHash: hash }));
      expect((await findArticlesByUrl(db, 'https://find.test/a')).map((x) => x.id)).toEqual([a.id]);
      expect((await findArticlesByUrl(db, 'https://m.find.test/a?x=1')).map((x) => x.id)).toEqual([a.id]);
      expect((await findArticlesByContentHash(db, hash)).map((x) => x.id)).toEqual([a.id]);
      const listed = await listArticles(db, { limit: 2 });
      expect(listed[0]!.id).toBe(a.id);
      expect(listed).toHaveLength(2);
      expect((await listArticles(db, { limit: 1, offset: 1 }))[0]!.id).toBe(listed[1]!.id);
      expect(await countArticles(db)).toBeGreaterThanOrEqual(listed.length);
    });
  });

  describe('views', () => {
    it('latest_articles gives one row per canonical URL: the newest capture, then the newest pipeline run', async () => {
      const canonical = `https://view.test/${backend}`;
      const older = await insertCapture(db, captureInput({ fetchedAt: new Date('2024-01-01T00:00:00Z') }));
      const newer = await insertCapture(db, captureInput({ fetchedAt: new Date('2024-06-01T00:00:00Z') }));
      await storeArticle(db, articleInput(newer.id, { canonicalUrl: canonical, title: 'v2' }));
      // Reprocessing the old capture later must not make it "latest".
      await storeArticle(db, articleInput(older.id, { canonicalUrl: canonical, title: 'v1 reprocessed', pipelineVersion: 'p2' }));
      const rerun = await storeArticle(db, articleInput(newer.id, { canonicalUrl: canonical, title: 'v2 reprocessed', pipelineVersion: 'p2' }));
      const { rows } = await db.query<{ id: unknown; title: string; fetched_at: Date }>(
        'SELECT id, title, fetched_at FROM latest_articles WHERE canonical_url = $1',
        [canonical],
      );
      expect(rows).toHaveLength(1);
      expect(Number(rows[0]!.id)).toBe(rerun.id);
      expect(rows[0]!.title).toBe('v2 reprocessed');
    });

    it('article_provenance joins the article to its capture and submission', async () => {
      const sub = await createSubmission(db, { url: 'http://prov.test/a', submittedBy: 'carol', source: 'api' });
      const cap = await insertCapture(db, captureInput({ submissionId: sub.id, requestedUrl: 'http://prov.test/a' }));
      const art = await storeArticle(db, articleInput(cap.id));
      const prov = await getArticleProvenance(db, art.id);
      expect(prov).toMatchObject({
        articleId: art.id,
        captureId: cap.id,
        requestedUrl: 'http://prov.test/a',
        finalUrl: 'https://example.test/a',
        httpStatus: 200,
        fetcherVersion: 'fetcher-1.0.0',
        bodySha256: cap.bodySha256,
        submissionId: sub.id,
        submittedUrl: 'http://prov.test/a',
        submittedBy: 'carol',
        submissionSource: 'api',
        versions: VERSIONS,
        origin: 'http',
      });
      expect(prov!.fetchedAt.toISOString()).toBe('2025-01-02T03:04:05.678Z');
      expect(await getArticleProvenance(db, 987654321)).toBeNull();
    });
  });

  describe('events', () => {
    it('appends and lists events in order', async () => {
      const a = await appendEvent(db, { entity: 'schedule', entityId: 42, action: 'ran', actor: 'scheduler', details: { found: 3 } });
      const b = await appendEvent(db, { entity: 'schedule', entityId: 42, action: 'ran' });
      expect(a).toMatchObject({ entity: 'schedule', entityId: 42, action: 'ran', actor: 'scheduler', details: { found: 3 } });
      expect(b).toMatchObject({ actor: null, details: {} });
      expect((await listEvents(db, 'schedule', 42)).map((e) => e.id)).toEqual([a.id, b.id]);
      expect(b.at.getTime()).toBeGreaterThanOrEqual(a.at.getTime());
    });

    it('rejects UPDATE, DELETE and TRUNCATE', async () => {
      const e = await appendEvent(db, { entity: 'test', entityId: 1, action: 'immutable' });
      await expect(db.query(`UPDATE events SET action = 'tampered' WHERE id = $1`, [e.id])).rejects.toThrow(/append-only/);
      await expect(db.query('DELETE FROM events WHERE id = $1', [e.id])).rejects.toThrow(/append-only/);
      await expect(db.query('TRUNCATE events')).rejects.toThrow(/append-only/);
      expect((await listEvents(db, 'test', 1))[0]).toEqual(e);
    });
  });

  describe('transactions', () => {
    it('commits on success and rolls back everything on error', async () => {
      const kept = await db.transaction(async (tx) => createSubmission(tx, { url: 'https://tx.test/kept', submittedBy: 't', source: 'cli' }));
      await expect(
        db.transaction(async (tx) => {
          await createSubmission(tx, { url: 'https://tx.test/lost', submittedBy: 't', source: 'cli' });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await getSubmission(db, kept.id)).not.toBeNull();
      expect(await findSubmissionsByUrl(db, 'https://tx.test/lost')).toEqual([]);
    });

    it('does not let a concurrent query land inside another caller’s transaction', async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let entered!: () => void;
      const inside = new Promise<void>((r) => (entered = r));
      const failing = db.transaction(async (tx) => {
        await createSubmission(tx, { url: 'https://tx.test/rolled-back', submittedBy: 't', source: 'cli' });
        entered();
        await gate;
        throw new Error('abort');
      });
      await inside;
      const outside = createSubmission(db, { url: 'https://tx.test/outside', submittedBy: 't', source: 'cli' });
      await new Promise((r) => setTimeout(r, 50));
      release();
      await expect(failing).rejects.toThrow('abort');
      await outside;
      expect(await findSubmissionsByUrl(db, 'https://tx.test/outside')).toHaveLength(1);
      expect(await findSubmissionsByUrl(db, 'https://tx.test/rolled-back')).toEqual([]);
    });
  });
});
