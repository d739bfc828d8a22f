/**
 * Versions end to end: a page refetched after its text changed becomes a new version linked to
 * the previous one; an unchanged refetch does not; every version is kept, and the views give
 * the latest and the history. Real CLI, local HTTP server, Postgres.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalizeUrl } from '@vellum/core';
import {
  getArticleHistory,
  latestArticleVersion,
  listArticleVersions,
  openDatabase,
  type Database,
} from '@vellum/db';
import { appendUpdate, correctSentence, EXAMPLE_FILES, seedArticle, templateA } from './dedup-pages.ts';
import { runVellum } from './support/run-vellum.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';
import { dropSchema, POSTGRES_URL, uniqueSchema } from './support/postgres-schema.ts';

describe('versions of a refetched article', () => {
  const schema = uniqueSchema('dedup_versions');
  const seed = seedArticle(EXAMPLE_FILES[2]!);
  const pages = [templateA(seed, 'https://ledger.example/story'), templateA(correctSentence(seed), 'https://ledger.example/story'), templateA(appendUpdate(correctSentence(seed)), 'https://ledger.example/story')];
  let current = 0;
  let server: TestServer;
  let db: Database;
  let env: Record<string, string>;
  let url: string;

  const ingest = async (): Promise<{ status: string; articleId: number | null; contentHash: string | null }> => {
    const run = await runVellum(['ingest', url, '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout).outcomes[0];
  };

  beforeAll(async () => {
    server = await startTestServer({
      '/story': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages[current]),
    });
    url = server.url('/story');
    env = { DATABASE_URL: POSTGRES_URL, VELLUM_DB_SCHEMA: schema, VELLUM_ALLOW_HOSTS: '127.0.0.1' };
    db = await openDatabase({ connectionString: POSTGRES_URL, schema });
  });

  afterAll(async () => {
    await db?.close();
    await server?.close();
    await dropSchema(schema);
  });

  it('makes a new version only when the text changed, linked to the one before', async () => {
    const first = await ingest();
    expect(first.status).toBe('stored');
    const canonical = canonicalizeUrl(url);
    expect(await listArticleVersions(db, canonical)).toHaveLength(1);

    // Refetch, same page: the same bytes are not stored again, and no version is made.
    expect((await ingest()).status).toBe('unchanged');
    expect(await listArticleVersions(db, canonical)).toHaveLength(1);

    // The site corrects a sentence: version 2, linked to version 1.
    current = 1;
    const second = await ingest();
    expect(second.status).toBe('stored');
    expect(second.contentHash).not.toBe(first.contentHash);

    // Then appends an update: version 3.
    current = 2;
    const third = await ingest();
    expect(third.status).toBe('stored');

    const versions = await listArticleVersions(db, canonical);
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
    expect(versions.map((v) => v.articleId)).toEqual([first.articleId, second.articleId, third.articleId]);
    expect(versions.map((v) => v.contentHash)).toEqual([first.contentHash, second.contentHash, third.contentHash]);
    expect(versions.map((v) => v.previousArticleId)).toEqual([null, first.articleId, second.articleId]);
    expect(versions.map((v) => v.isLatest)).toEqual([false, false, true]);

    const latest = await latestArticleVersion(db, canonical);
    expect(latest?.articleId).toBe(third.articleId);
    expect(latest?.previousContentHash).toBe(second.contentHash);

    // Every version is kept, text and all.
    const { rows } = await db.query<{ id: string; content_hash: string }>(
      'SELECT id, content_hash FROM articles WHERE canonical_url = $1 ORDER BY id',
      [canonical],
    );
    expect(new Set(rows.map((r) => r.content_hash))).toEqual(new Set([first.contentHash, second.contentHash, third.contentHash]));

    // The history lists every capture with its version, in fetch order.
    const history = await getArticleHistory(db, canonical);
    expect(history.map((h) => [h.version, h.articleId])).toEqual([
      [1, first.articleId],
      [2, second.articleId],
      [3, third.articleId],
    ]);
  });

  it('shows the versions as near-duplicates of each other', async () => {
    const versions = await listArticleVersions(db, canonicalizeUrl(url));
    const run = await runVellum(['similar', String(versions[1]!.articleId), '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const near = JSON.parse(run.stdout).near.map((n: { articleId: number }) => n.articleId).sort();
    expect(near).toEqual([versions[0]!.articleId, versions[2]!.articleId].sort());
  });
});
