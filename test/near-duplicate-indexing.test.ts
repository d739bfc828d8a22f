/**
 * The process step fingerprints every article it stores and links near-duplicates at once:
 * after a plain `vellum ingest` (no `vellum similar`, no catch-up) the links are in the table.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@vellum/db';
import { appendUpdate, EXAMPLE_FILES, seedArticle, templateA } from './dedup-pages.ts';
import { runVellum } from './support/run-vellum.ts';
import { dropSchema, POSTGRES_URL, uniqueSchema } from './support/postgres-schema.ts';

describe('near-duplicate indexing in the process step', () => {
  const schema = uniqueSchema('e2e_neardup');
  let dir: string | undefined;
  afterAll(async () => {
    await dropSchema(schema);
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('links an updated copy to the original and leaves an unrelated article unlinked', async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vellum-neardup-'));
    const [first, second] = EXAMPLE_FILES;
    const original = seedArticle(first!);
    const pages = {
      original: templateA(original, 'https://a.example/story'),
      updated: templateA(appendUpdate(original), 'https://a.example/story-updated'),
      unrelated: templateA(seedArticle(second!), 'https://a.example/other'),
    };
    const env = { DATABASE_URL: POSTGRES_URL, VELLUM_DB_SCHEMA: schema };
    const ids: Record<string, number> = {};
    for (const [name, html] of Object.entries(pages)) {
      const file = path.join(dir, `${name}.html`);
      await fs.writeFile(file, html);
      const run = await runVellum(['ingest', file, '--url', `https://a.example/${name}`, '--json'], env);
      expect(run.code, run.stderr).toBe(0);
      ids[name] = JSON.parse(run.stdout).outcomes[0].articleId;
    }

    const db = await openDatabase({ connectionString: POSTGRES_URL, schema });
    try {
      const fingerprints = await db.query('SELECT article_id FROM article_fingerprints ORDER BY article_id');
      expect(fingerprints.rows.map((r) => Number(r.article_id))).toEqual([ids.original, ids.updated, ids.unrelated]);
      const links = await db.query<{ article_id: string; linked_article_id: string; score: number }>(
        'SELECT article_id, linked_article_id, score FROM article_links',
      );
      const pairs = links.rows.map((r) => [Number(r.article_id), Number(r.linked_article_id)].sort((a, b) => a - b).join('-'));
      expect(new Set(pairs)).toEqual(new Set([[ids.original, ids.updated].sort((a, b) => a! - b!).join('-')]));
      expect(links.rows.every((r) => r.score >= 0.6 && r.score < 1)).toBe(true);
    } finally {
      await db.close();
    }
  });
});
