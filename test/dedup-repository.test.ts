/**
 * The dedup repositories and views of migration 003 on both backends (PGlite and the real
 * Postgres in a schema of its own): idempotent indexing, what counts as a candidate, current
 * results after reprocessing, version semantics (A, B, A is three versions), manifest order.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nearDuplicateScheme, pipelineVersions } from '@vellum/core';
import {
  getWork,
  indexArticle,
  insertCapture,
  listArticleVersions,
  listSimilarArticles,
  listUnindexedArticles,
  manifestEntries,
  migrate,
  openDatabase,
  storeArticle,
  writeManifest,
  type Database,
} from '@vellum/db';
import { dropSchema, POSTGRES_URL, uniqueSchema } from './support/postgres-schema.ts';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const VERSIONS = pipelineVersions({});

const BASE = [
  'The regional water authority said on Monday that reservoir levels had fallen to their lowest point in twelve years after a dry spring.',
  'Households in the eastern districts are asked to avoid watering gardens and washing cars until further notice, and fines may follow for repeated breaches.',
  'Engineers are inspecting the main pipeline for leaks, which the authority estimates waste about a fifth of the supply each day.',
  'A spokesperson said the restrictions would be reviewed at the end of the month, depending on rainfall and on demand over the holiday weekend.',
].join('\n\n');
const EDITED = BASE.replace('twelve years', 'fourteen years');
const OTHER = [
  'A new bus line will connect the university campus with the central station from September, the city transport company announced.',
  'Buses will run every ten minutes at peak times and every twenty minutes in the evening, with a night service on Fridays and Saturdays.',
  'Students had campaigned for a direct connection for several years, saying the current route with two changes took almost an hour.',
].join('\n\n');

for (const backend of ['pglite', 'postgres'] as const) {
  describe(`dedup repositories on ${backend}`, () => {
    const schema = uniqueSchema('dedup_repo');
    let db: Database;
    let day = 0;

    /** A capture of `url` fetched a day after the previous one, and its article. */
    const store = async (url: string, text: string, pipeline = VERSIONS.pipeline, captureId?: number) => {
      const id =
        captureId ??
        (await insertCapture(db, { requestedUrl: url, fetcherVersion: 'test', outcome: 'ok', body: new TextEncoder().encode(`${url} ${day}`), fetchedAt: new Date(Date.UTC(2024, 0, ++day)) })).id;
      const article = await storeArticle(db, { captureId: id, url, text, contentHash: sha(text), rawSha256: sha(url), versions: { ...VERSIONS, pipeline }, pipelineVersion: pipeline });
      return { id: article.id, captureId: id, contentHash: sha(text), text };
    };

    beforeAll(async () => {
      db = backend === 'pglite' ? await openDatabase({}) : await openDatabase({ connectionString: POSTGRES_URL, schema });
      await migrate(db);
    });

    afterAll(async () => {
      await db?.close();
      if (backend === 'postgres') await dropSchema(schema);
    });

    it('indexes idempotently and links only near-duplicates of other captures', async () => {
      const a = await store('https://a.example/water', BASE);
      const first = await indexArticle(db, a, nearDuplicateScheme);
      expect(first).toMatchObject({ fingerprinted: true, bands: 16, candidates: 0, links: [] });

      const copy = await store('https://b.example/water', BASE); // exact duplicate: same work, no link
      const edited = await store('https://c.example/water', EDITED);
      const other = await store('https://d.example/bus', OTHER);
      expect((await indexArticle(db, copy, nearDuplicateScheme)).links).toEqual([]);
      const linked = await indexArticle(db, edited, nearDuplicateScheme);
      expect(linked.links.map((l) => l.linkedArticleId).sort()).toEqual([a.id, copy.id].sort());
      expect((await indexArticle(db, other, nearDuplicateScheme)).links).toEqual([]);

      const again = await indexArticle(db, edited, nearDuplicateScheme);
      expect(again.fingerprinted).toBe(false);
      const similar = await listSimilarArticles(db, a.id);
      expect(similar.map((s) => s.articleId)).toEqual([edited.id]);
      expect(similar[0]!.score).toBeCloseTo(nearDuplicateScheme.similarity(BASE, EDITED), 10);
      expect(similar[0]!.method).toBe(nearDuplicateScheme.method);

      const work = await getWork(db, sha(BASE));
      expect(work?.captures.map((c) => c.articleId)).toEqual([a.id, copy.id]);
      expect(await listUnindexedArticles(db)).toEqual([]);
    });

    it('gives a short text a fingerprint but no bands', async () => {
      const short = await store('https://e.example/brief', 'Road closed today.');
      const result = await indexArticle(db, short, nearDuplicateScheme);
      expect(result).toMatchObject({ fingerprinted: true, bands: 0, candidates: 0 });
    });

    it('reads the newest pipeline result of a capture as current', async () => {
      const v1 = await store('https://f.example/rates', OTHER);
      const v1b = await store('https://f.example/rates', `${OTHER}\n\nReprocessed.`, 'next-pipeline', v1.captureId);
      const versions = await listArticleVersions(db, 'https://f.example/rates');
      expect(versions.map((v) => v.articleId)).toEqual([v1b.id]);
      // The old row is kept, and stays in the manifest of every result, not in the current one.
      const all: number[] = [];
      for await (const e of manifestEntries(db)) all.push(e.id);
      const current: number[] = [];
      for await (const e of manifestEntries(db, { currentOnly: true, batchSize: 2 })) current.push(e.id);
      expect(all).toContain(v1.id);
      expect(current).not.toContain(v1.id);
      expect(current).toContain(v1b.id);
      expect(all).toEqual([...all].sort((x, y) => x - y));
    });

    it('counts A, B, A as three versions, each linked to the one before', async () => {
      const url = 'https://g.example/story';
      const a1 = await store(url, BASE);
      const b = await store(url, EDITED);
      const a2 = await store(url, BASE);
      const versions = await listArticleVersions(db, url);
      expect(versions.map((v) => [v.version, v.articleId, v.previousArticleId, v.contentHash])).toEqual([
        [1, a1.id, null, sha(BASE)],
        [2, b.id, a1.id, sha(EDITED)],
        [3, a2.id, b.id, sha(BASE)],
      ]);
    });

    it('writes the same manifest twice', async () => {
      const lines: string[][] = [[], []];
      const roots = [];
      for (const i of [0, 1]) roots.push((await writeManifest(db, (l) => void lines[i]!.push(l), { batchSize: 3 })).root);
      expect(lines[1]).toEqual(lines[0]);
      expect(roots[1]).toBe(roots[0]);
    });
  });
}
