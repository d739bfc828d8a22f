/** Versions of a page and word diffs between them (issue 13), on both backends. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffArticles, listArticleVersions, migrate, NoPreviousVersionError, RecordNotFoundError, type Database } from '../src/index.ts';
import { seedArticle } from './archive-seed.ts';
import { BACKENDS, disposeTestDatabase, openTestDatabase } from './helpers.ts';

describe.each(BACKENDS)('versions and diffs on %s', (backend) => {
  let db: Database;
  const url = 'https://paper.example/story';
  const ids: number[] = [];
  beforeAll(async () => {
    db = await openTestDatabase(backend, 'vt_versions');
    await migrate(db);
    const texts = ['The mayor resigned on Monday.', 'The mayor resigned on Monday.', 'The mayor resigned on Tuesday.', 'The mayor resigned on Tuesday, aides said.'];
    for (const [i, text] of texts.entries()) {
      ids.push((await seedArticle(db, { url: `${url}?utm_source=${i}`, canonicalUrl: url, title: `Story ${i}`, text, fetchedAt: `2025-06-0${i + 1}T12:00:00Z` })).id);
    }
  });
  afterAll(() => disposeTestDatabase(db));

  it('lists every version with fetch time, content hash, pipeline version and article id, by id or URL', async () => {
    const versions = await listArticleVersions(db, ids[3]!);
    expect(versions.map((v) => [v.version, v.articleId, v.captureCount])).toEqual([
      [1, ids[0], 2],
      [2, ids[2], 1],
      [3, ids[3], 1],
    ]);
    expect(versions[0]).toMatchObject({ pipelineVersion: 'test-pipeline-1', canonicalUrl: url, isLatest: false, previousArticleId: null });
    expect(versions[0]!.firstFetchedAt.toISOString()).toBe('2025-06-01T12:00:00.000Z');
    expect(versions[0]!.lastFetchedAt.toISOString()).toBe('2025-06-02T12:00:00.000Z');
    expect(versions[0]!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(versions[2]).toMatchObject({ isLatest: true, previousArticleId: ids[2] });
    expect(await listArticleVersions(db, url)).toEqual(versions);
    expect(await listArticleVersions(db, `${url}?utm_source=1`)).toEqual(versions); // a URL as fetched
    expect(await listArticleVersions(db, 'https://paper.example/none')).toEqual([]);
    expect(await listArticleVersions(db, 999_999)).toEqual([]);
  });

  it('diffs a version against the one before it by default', async () => {
    const diff = await diffArticles(db, ids[2]!);
    expect(diff.from).toMatchObject({ articleId: ids[0], version: 1 });
    expect(diff.to).toMatchObject({ articleId: ids[2], version: 2, title: 'Story 2' });
    expect(diff.parts).toEqual([
      { op: 'equal', text: 'The mayor resigned on ' },
      { op: 'delete', text: 'Monday' },
      { op: 'insert', text: 'Tuesday' },
      { op: 'equal', text: '.' },
    ]);
    expect(diff.stats).toEqual({ insertedWords: 1, deletedWords: 1 });
    expect(diff.identical).toBe(false);
    // The second capture of version 1 also diffs against nothing before it.
    await expect(diffArticles(db, ids[1]!)).rejects.toThrow(NoPreviousVersionError);
  });

  it('diffs any two articles on request, and refuses unknown ids', async () => {
    const diff = await diffArticles(db, ids[3]!, ids[0]!);
    expect(diff.stats).toEqual({ insertedWords: 3, deletedWords: 1 });
    expect((await diffArticles(db, ids[1]!, ids[0]!)).identical).toBe(true);
    await expect(diffArticles(db, 999_999)).rejects.toThrow(RecordNotFoundError);
    await expect(diffArticles(db, ids[0]!, 999_999)).rejects.toThrow(/article 999999 does not exist/);
  });
});
