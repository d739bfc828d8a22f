/**
 * Exact duplicates and canonical URLs, end to end: one text published on two sites with
 * different boilerplate is one work with two captures; one article reached through a tracking
 * URL is the same article (one canonical URL). The real `vellum` command, local HTTP servers,
 * the real Postgres in a schema of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalizeUrl } from '@vellum/core';
import { getWork, listArticleVersions, openDatabase, type Database } from '@vellum/db';
import { EXAMPLE_FILES, seedArticle, templateA, templateB } from './dedup-pages.ts';
import { runVellum } from './support/run-vellum.ts';
import { startTestServer, html, type TestServer } from './support/test-server.ts';
import { dropSchema, POSTGRES_URL, uniqueSchema } from './support/postgres-schema.ts';

interface Outcome {
  status: string;
  articleId: number | null;
  contentHash: string | null;
  reason: string | null;
}

describe('works: one text on two sites', () => {
  const schema = uniqueSchema('dedup_works');
  const seed = seedArticle(EXAMPLE_FILES[0]!);
  let ledger: TestServer;
  let harbour: TestServer;
  let db: Database;
  let env: Record<string, string>;

  beforeAll(async () => {
    // Two sites: two origins, each with its own template around the same article.
    ledger = await startTestServer({ '/world/story-123': html(templateA(seed, 'https://ledger.example/world/story-123')) });
    harbour = await startTestServer({ '/news/2024/05/story': html(templateB(seed, 'https://harbour.example/news/2024/05/story')) });
    env = { DATABASE_URL: POSTGRES_URL, VELLUM_DB_SCHEMA: schema, VELLUM_ALLOW_HOSTS: '127.0.0.1' };
    db = await openDatabase({ connectionString: POSTGRES_URL, schema });
  });

  afterAll(async () => {
    await db?.close();
    await ledger?.close();
    await harbour?.close();
    await dropSchema(schema);
  });

  it('stores both captures under one content hash, shown as one work', async () => {
    const urlA = ledger.url('/world/story-123');
    const urlB = harbour.url('/news/2024/05/story');
    const run = await runVellum(['ingest', urlA, urlB, '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const [a, b] = JSON.parse(run.stdout).outcomes as Outcome[];
    expect([a!.status, b!.status]).toEqual(['stored', 'stored']);
    expect(a!.articleId).not.toBe(b!.articleId);
    expect(a!.contentHash).toBe(b!.contentHash);

    const work = await getWork(db, a!.contentHash!);
    expect(work).not.toBeNull();
    expect(work!.captureCount).toBe(2);
    expect(work!.urlCount).toBe(2);
    expect(work!.captures.map((c) => c.canonicalUrl).sort()).toEqual([canonicalizeUrl(urlA), canonicalizeUrl(urlB)].sort());
    const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM works');
    expect(Number(rows[0]!.n)).toBe(1);

    // `vellum similar` lists the other capture as an exact duplicate, and no near-duplicate.
    const similar = await runVellum(['similar', String(a!.articleId), '--json'], env);
    expect(similar.code, similar.stderr).toBe(0);
    const report = JSON.parse(similar.stdout);
    expect(report.exact.map((c: { articleId: number }) => c.articleId)).toEqual([b!.articleId]);
    expect(report.near).toEqual([]);
  });

  it('files a tracking-link visit of the same page under the same canonical URL', async () => {
    const plain = ledger.url('/world/story-123');
    const tracked = `${ledger.origin.replace('http://', 'HTTP://')}/world/story-123?utm_source=newsletter&utm_medium=email&fbclid=abc123#comments`;
    const run = await runVellum(['ingest', tracked, '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const [outcome] = JSON.parse(run.stdout).outcomes as Outcome[];
    expect(outcome!.status).not.toBe('failed');

    const { rows } = await db.query<{ canonical_url: string; url: string }>(
      'SELECT DISTINCT canonical_url FROM articles WHERE url LIKE $1',
      [`${ledger.origin}%`],
    );
    expect(rows.map((r) => r.canonical_url)).toEqual([canonicalizeUrl(plain)]);
    // Same text, same canonical URL: still one version of one article.
    const versions = await listArticleVersions(db, canonicalizeUrl(plain));
    expect(versions).toHaveLength(1);
    expect(versions[0]!.isLatest).toBe(true);
  });
});
