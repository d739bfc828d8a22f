/**
 * Near-duplicates end to end: a copy with a corrected sentence and a copy with an appended
 * update (on other sites) are linked to the original with their similarity; the other seeds,
 * including two rewrites of one story, are linked to nothing. Real CLI, HTTP, Postgres; the
 * candidate lookup is checked to use the band index, not a scan.
 */
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEAR_DUPLICATE_THRESHOLD } from '@vellum/core';
import { listSimilarArticles, openDatabase, type Database } from '@vellum/db';
import { appendUpdate, correctSentence, EXAMPLE_FILES, examplePath, seedArticle, templateA, templateB } from './dedup-pages.ts';
import { runVellum } from './support/run-vellum.ts';
import { startTestServer, html, type TestServer } from './support/test-server.ts';
import { dropSchema, POSTGRES_URL, uniqueSchema } from './support/postgres-schema.ts';

describe('near-duplicate links', () => {
  const schema = uniqueSchema('dedup_near');
  const [seedFile, ...otherFiles] = EXAMPLE_FILES;
  const seed = seedArticle(seedFile!);
  let server: TestServer;
  let db: Database;
  let env: Record<string, string>;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    const routes: Record<string, ReturnType<typeof html>> = {
      '/original': html(templateA(seed, 'https://ledger.example/original')),
      '/corrected': html(templateB(correctSentence(seed), 'https://harbour.example/corrected')),
      '/updated': html(templateA(appendUpdate(seed), 'https://mirror.example/updated')),
    };
    for (const [i, file] of otherFiles.entries()) routes[`/other-${i}`] = html(await fs.readFile(examplePath(file), 'utf8'));
    server = await startTestServer(routes);
    env = { DATABASE_URL: POSTGRES_URL, VELLUM_DB_SCHEMA: schema, VELLUM_ALLOW_HOSTS: '127.0.0.1' };
    db = await openDatabase({ connectionString: POSTGRES_URL, schema });

    const paths = Object.keys(routes);
    const run = await runVellum(['ingest', ...paths.map((p) => server.url(p)), '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const outcomes = JSON.parse(run.stdout).outcomes as Array<{ status: string; articleId: number }>;
    expect(outcomes.map((o) => o.status)).toEqual(paths.map(() => 'stored'));
    paths.forEach((p, i) => (ids[p.slice(1)] = outcomes[i]!.articleId));
  });

  afterAll(async () => {
    await db?.close();
    await server?.close();
    await dropSchema(schema);
  });

  it('links the corrected and the updated copy to the original, with scores', async () => {
    const run = await runVellum(['similar', String(ids.original), '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { exact: unknown[]; near: Array<{ articleId: number; score: number }> };
    expect(report.exact).toEqual([]);
    expect(report.near.map((n) => n.articleId).sort()).toEqual([ids.corrected, ids.updated].sort());
    for (const n of report.near) {
      expect(n.score).toBeGreaterThanOrEqual(NEAR_DUPLICATE_THRESHOLD);
      expect(n.score).toBeLessThan(1);
    }
  });

  it('links nothing else: unrelated seeds (and two rewrites of one story) stay apart', async () => {
    // `vellum similar` indexes whatever was stored without a fingerprint before answering.
    const run = await runVellum(['similar', String(ids['other-0']), '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).near).toEqual([]);
    const { rows } = await db.query<{ article_id: string; linked_article_id: string }>(
      'SELECT article_id, linked_article_id FROM article_links ORDER BY 1, 2',
    );
    const family = new Set([ids.original, ids.corrected, ids.updated]);
    expect(rows.length).toBe(3);
    for (const r of rows) {
      expect(family.has(Number(r.article_id))).toBe(true);
      expect(family.has(Number(r.linked_article_id))).toBe(true);
    }
    for (const i of otherFiles.keys()) expect(await listSimilarArticles(db, ids[`other-${i}`]!)).toEqual([]);
  });

  it('finds candidates through the band index, without scanning the archive', async () => {
    // With sequential scans priced out (one transaction, one connection), the planner must
    // still have a plan: a lookup by (band, bucket) through the primary key.
    const plan = await db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      return tx.query<Record<string, string>>(
        `EXPLAIN SELECT b.article_id FROM unnest($1::integer[]) WITH ORDINALITY AS t(bucket, ord)
         JOIN article_lsh_bands b ON b.band = t.ord - 1 AND b.bucket = t.bucket`,
        [Array.from({ length: 16 }, (_, i) => i * 7919)],
      );
    });
    const text = plan.rows.map((r) => Object.values(r)[0]).join('\n');
    expect(text).toMatch(/Index (Only )?Scan using article_lsh_bands_pkey/);
    expect(text).not.toMatch(/Seq Scan on article_lsh_bands/);
  });
});
