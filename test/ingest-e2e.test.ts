/**
 * `vellum ingest` end to end: the real command, a local HTTP server, the real Postgres (and the
 * embedded PGlite default), then the rows read back with their provenance.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getArticleProvenance, listEvents, openDatabase, type Database } from '@vellum/db';
import { runVellum, REPO_ROOT } from './support/run-vellum.ts';
import { startTestServer, html, type TestServer } from './support/test-server.ts';
import { dropSchema, POSTGRES_URL, uniqueSchema } from './support/postgres-schema.ts';

const EXAMPLES = path.join(REPO_ROOT, 'examples');
const exampleFiles = async () => (await fs.readdir(EXAMPLES)).filter((f) => f.endsWith('.html')).sort();

describe('vellum ingest on Postgres', () => {
  const schema = uniqueSchema('e2e_ingest');
  let server: TestServer;
  let db: Database;
  let env: Record<string, string>;
  let articleHtml: string;

  beforeAll(async () => {
    const [first] = await exampleFiles();
    articleHtml = await fs.readFile(path.join(EXAMPLES, first!), 'utf8');
    server = await startTestServer({
      '/news/story': html(articleHtml),
      '/files/report.pdf': (_req, res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4 fake'),
      '/empty': html(''),
    });
    env = { DATABASE_URL: POSTGRES_URL, VELLUM_DB_SCHEMA: schema, VELLUM_ALLOW_HOSTS: '127.0.0.1' };
    db = await openDatabase({ connectionString: POSTGRES_URL, schema });
  });

  afterAll(async () => {
    await db?.close();
    await server?.close();
    await dropSchema(schema);
  });

  it('stores a fetched page and a file import with full provenance', async () => {
    const [, second] = await exampleFiles();
    const file = path.join(EXAMPLES, second!);
    const run = await runVellum(['ingest', server.url('/news/story'), file, '--url', 'https://news.example/second', '--json'], env).catch((e) => {
      throw e;
    });
    // --url with two inputs is refused: it names a single file's origin.
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--url applies to a single file/);

    const fetched = await runVellum(['ingest', server.url('/news/story'), '--json'], env);
    expect(fetched.code, fetched.stderr).toBe(0);
    const imported = await runVellum(['ingest', file, '--url', 'https://news.example/second', '--json'], env);
    expect(imported.code, imported.stderr).toBe(0);

    const outcomes = [...JSON.parse(fetched.stdout).outcomes, ...JSON.parse(imported.stdout).outcomes];
    expect(outcomes.map((o: { status: string }) => o.status)).toEqual(['stored', 'stored']);

    for (const outcome of outcomes) {
      const prov = await getArticleProvenance(db, outcome.articleId);
      expect(prov).not.toBeNull();
      expect(prov!.submissionId).toBe(outcome.submissionId);
      expect(prov!.bodySha256).toMatch(/^[0-9a-f]{64}$/);
      expect(prov!.rawSha256).toBe(prov!.bodySha256);
      expect(prov!.versions.readability).toBe('0.6.0');
      expect(prov!.versions.dom).toMatch(/^parse5@\d+\.\d+\.\d+\+linkedom@/);
      for (const stage of ['pipeline', 'decode', 'prefilter', 'extract', 'clean', 'normalize', 'hash', 'dom']) expect(prov!.versions[stage]).toBeTruthy();
      const articleEvents = await listEvents(db, 'article', outcome.articleId);
      expect(articleEvents.map((e) => e.action)).toContain('stored');
      const submissionEvents = await listEvents(db, 'submission', outcome.submissionId);
      expect(submissionEvents.map((e) => e.action)).toEqual(expect.arrayContaining(['submitted', 'fetched', 'processed']));
    }
    const [httpProv, fileProv] = await Promise.all(outcomes.map((o: { articleId: number }) => getArticleProvenance(db, o.articleId)));
    expect(httpProv!.origin).toBe('http');
    expect(httpProv!.requestedUrl).toBe(server.url('/news/story'));
    expect(httpProv!.httpStatus).toBe(200);
    expect(fileProv!.origin).toBe('file');
    expect(fileProv!.sourcePath).toBe(file);
    expect(fileProv!.url).toBe('https://news.example/second');
    // The example pages declare og:url; it is kept beside the canonical URL.
    const { rows: declared } = await db.query<{ og_url: string | null }>('SELECT og_url FROM articles WHERE id = $1', [outcomes[1].articleId]);
    expect(declared[0]!.og_url).toMatch(/^https:\/\//);

    const body = await db.query<{ bytes: Uint8Array }>('SELECT bytes FROM bodies WHERE sha256 = $1', [httpProv!.bodySha256]);
    expect(Buffer.from(body.rows[0]!.bytes).toString('utf8')).toBe(articleHtml);
  });

  it('stores nothing new when the same inputs are ingested again', async () => {
    const count = async () => {
      const { rows } = await db.query<{ a: string; c: string; b: string }>(
        'SELECT (SELECT count(*) FROM articles) a, (SELECT count(*) FROM captures) c, (SELECT count(*) FROM bodies) b',
      );
      return rows[0];
    };
    const before = await count();
    const [, second] = await exampleFiles();
    const again = await runVellum(['ingest', server.url('/news/story'), '--json'], env);
    const againFile = await runVellum(['ingest', path.join(EXAMPLES, second!), '--url', 'https://news.example/second', '--json'], env);
    expect(again.code).toBe(0);
    expect(againFile.code).toBe(0);
    expect(JSON.parse(again.stdout).summary).toEqual({ stored: 0, unchanged: 1, failed: 0 });
    expect(JSON.parse(againFile.stdout).summary).toEqual({ stored: 0, unchanged: 1, failed: 0 });
    expect(await count()).toEqual(before);
  });

  it('records a clear failure for each bad input and exits non-zero only when all fail', async () => {
    const bad = ['not a url', server.url('/missing'), server.url('/files/report.pdf'), server.url('/empty')];
    const run = await runVellum(['ingest', ...bad, '--json'], env);
    expect(run.code).toBe(1);
    const outcomes = JSON.parse(run.stdout).outcomes as Array<{ input: string; status: string; reason: string; submissionId: number | null }>;
    expect(outcomes.map((o) => o.status)).toEqual(['failed', 'failed', 'failed', 'failed']);
    // Without a scheme the input names a file, and there is none: refused, nothing recorded.
    expect(outcomes[0]).toMatchObject({ reason: 'no-such-file: not a url: no such file', submissionId: null });
    expect(outcomes[1]!.reason).toMatch(/404/);
    expect(outcomes[2]!.reason).toMatch(/unsupported content type: application\/pdf/);
    expect(outcomes[3]!.reason).toMatch(/empty|no article/);
    for (const o of outcomes.slice(1)) {
      const { rows } = await db.query<{ status: string; status_reason: string }>('SELECT status, status_reason FROM submissions WHERE id = $1', [o.submissionId]);
      expect(rows[0]).toEqual({ status: 'failed', status_reason: o.reason });
    }
    // The 404 page and the PDF were still captured: the archive shows what the server said.
    const { rows: captured } = await db.query<{ http_status: number; outcome: string }>(
      'SELECT http_status, outcome FROM captures WHERE submission_id = ANY($1::bigint[]) ORDER BY submission_id',
      [[outcomes[1]!.submissionId, outcomes[2]!.submissionId]],
    );
    expect(captured).toEqual([
      { http_status: 404, outcome: 'failed' },
      { http_status: 200, outcome: 'ok' },
    ]);

    const mixed = await runVellum(['ingest', 'not a url', server.url('/news/story')], env);
    expect(mixed.code).toBe(0);
    expect(mixed.stdout).toMatch(/0 stored, 1 unchanged, 1 failed/);
  });
});

describe('vellum ingest on the embedded database (no DATABASE_URL)', () => {
  it('ingests the examples offline and lists and shows them', async () => {
    const home = await fs.mkdtemp(path.join(os.tmpdir(), 'vellum-home-'));
    try {
      const env = { VELLUM_HOME: home, DATABASE_URL: undefined };
      const files = (await exampleFiles()).map((f) => path.join(EXAMPLES, f));
      const run = await runVellum(['ingest', ...files], env);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`${files.length} stored, 0 unchanged, 0 failed`));

      const list = await runVellum(['list', '--json'], env);
      const articles = JSON.parse(list.stdout) as Array<{ id: number; title: string; contentHash: string }>;
      expect(articles).toHaveLength(files.length);
      expect(new Set(articles.map((a) => a.contentHash)).size).toBe(files.length);

      const show = await runVellum(['show', String(articles[0]!.id), '--json'], env);
      const shown = JSON.parse(show.stdout);
      expect(shown.provenance.origin).toBe('file');
      expect(shown.article.text.length).toBeGreaterThan(500);
      await expect(fs.stat(path.join(home, 'db'))).resolves.toBeTruthy();
    } finally {
      await fs.rm(home, { recursive: true, force: true });
    }
  });
});
