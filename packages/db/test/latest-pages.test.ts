/**
 * latest_pages (migration 012), kept by a trigger, against the definition of "the latest article
 * of a page" written out as a query, after every step of a seeded history of refetches (some
 * fetched earlier than the last capture), reprocesses that change a capture's canonical URL,
 * edits and deletions, on both backends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, type Database } from '../src/index.ts';
import { seedArticle } from './archive-seed.ts';
import { mulberry32 } from '../../core/test/helpers/prng.ts';
import { BACKENDS, disposeTestDatabase, openTestDatabase } from './helpers.ts';

/** The definition: the current result of the page's newest capture, independent of 012's code. */
const EXPECTED = `
  SELECT a.canonical_url, a.id AS article_id, a.capture_id, c.fetched_at, a.published_at, a.host, a.lang,
         search_config(a.lang)::text AS config, s.submitted_by,
         (setweight(to_tsvector(search_config(a.lang), left(coalesce(a.title, ''), 1000)), 'A')
          || setweight(to_tsvector(search_config(a.lang), left(a.text, 100000)), 'B'))::text AS vector
  FROM articles a JOIN captures c ON c.id = a.capture_id
  LEFT JOIN submissions s ON s.id = coalesce(a.submission_id, c.submission_id)
  WHERE NOT EXISTS (SELECT 1 FROM articles n WHERE n.capture_id = a.capture_id AND n.id > a.id)
    AND NOT EXISTS (SELECT 1 FROM articles n JOIN captures nc ON nc.id = n.capture_id
                    WHERE n.canonical_url = a.canonical_url AND (nc.fetched_at, nc.id) > (c.fetched_at, c.id))
  ORDER BY 1`;
const ACTUAL = `
  SELECT canonical_url, article_id, capture_id, fetched_at, published_at, host, lang, config::text AS config,
         submitted_by, search_vector::text AS vector
  FROM latest_pages ORDER BY 1`;

describe.each(BACKENDS)('latest_pages on %s', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(backend, 'vt_latest_pages');
    await migrate(db);
  });
  afterAll(() => disposeTestDatabase(db));

  it('always equals the latest article of every page, through refetches, reprocesses, edits and deletions', async () => {
    const rand = mulberry32(13);
    const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)]!;
    const pages = Array.from({ length: 5 }, (_, i) => `https://pages.example/${i}`);
    const captures: number[] = [];
    const steps: string[] = [];
    let versions = 0;
    for (let step = 0; step < 60; step++) {
      const r = rand();
      const { rows: ids } = await db.query<{ id: string }>('SELECT id FROM articles');
      if (r < 0.5 || captures.length === 0) {
        // A capture of a page, fetched at a random day: often before the page's newest.
        const url = pick(pages);
        const day = 1 + Math.floor(rand() * 28);
        const seeded = await seedArticle(db, {
          url, title: `Page ${step}`, text: `Report ${step} about the harbour.`, lang: pick(['en', 'fr', null]),
          fetchedAt: `2025-02-${String(day).padStart(2, '0')}T00:00:00Z`, submittedBy: rand() < 0.5 ? `user${step % 3}` : undefined,
        });
        captures.push(seeded.captureId);
        steps.push(`capture of ${url} on day ${day}`);
      } else if (r < 0.8) {
        // A reprocess of a capture, sometimes naming another canonical URL.
        const captureId = pick(captures);
        const canonicalUrl = rand() < 0.4 ? pick(pages) : undefined;
        const { rows } = await db.query<{ url: string }>('SELECT url FROM articles WHERE capture_id = $1 LIMIT 1', [captureId]);
        await seedArticle(db, { url: rows[0]!.url, canonicalUrl, title: 'Again', text: `Reprocessed ${step}.`, captureId, pipelineVersion: `v${++versions}` });
        steps.push(`reprocess of capture ${captureId}${canonicalUrl ? ` as ${canonicalUrl}` : ''}`);
      } else if (r < 0.9) {
        const id = pick(ids).id;
        await db.query(`UPDATE articles SET text = text || ' Edited.', lang = 'de' WHERE id = $1`, [id]);
        steps.push(`edit of article ${id}`);
      } else {
        const id = pick(ids).id;
        await db.query('DELETE FROM articles WHERE id = $1', [id]);
        steps.push(`deletion of article ${id}`);
      }
      const expected = (await db.query(EXPECTED)).rows;
      expect((await db.query(ACTUAL)).rows, `after step ${step}: ${steps.at(-1)}`).toEqual(expected);
    }
    // Every kind of step happened, and some pages were left without a latest article.
    expect(new Set(steps.map((s) => s.split(' ')[0]))).toEqual(new Set(['capture', 'reprocess', 'edit', 'deletion']));
    expect(steps.some((s) => / as https/.test(s))).toBe(true);
    const { rows } = await db.query<{ n: string }>('SELECT latest_pages_rebuild() AS n');
    expect((await db.query(ACTUAL)).rows).toEqual((await db.query(EXPECTED)).rows);
    expect(Number(rows[0]!.n)).toBe((await db.query(EXPECTED)).rows.length);
  });
});

// Two connections at once: Postgres only (PGlite has one connection, so its writers never overlap).
describe('latest_pages with concurrent writers on postgres', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase('postgres', 'vt_latest_race');
    await migrate(db);
  });
  afterAll(() => disposeTestDatabase(db));

  it('keeps a page whose newer capture commits while another transaction reprocesses its older capture into another page', async () => {
    const [p, q] = ['https://race.example/p', 'https://race.example/q'];
    await seedArticle(db, { url: p, text: 'First report.', fetchedAt: '2025-03-01T00:00:00Z' });
    const second = await seedArticle(db, { url: p, text: 'Second report.', fetchedAt: '2025-03-02T00:00:00Z' });

    // T1 stores a newer capture of p and holds its transaction open.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let stored!: () => void;
    const t1Stored = new Promise<void>((resolve) => (stored = resolve));
    const t1 = db.transaction(async (tx) => {
      await seedArticle(tx, { url: p, text: 'Third report.', fetchedAt: '2025-03-03T00:00:00Z' });
      stored();
      await gate;
    });
    await t1Stored;

    // T2 reprocesses p's older capture into q: it has to decide p while T1 is uncommitted.
    let t2Pid = 0;
    let pidKnown!: () => void;
    const t2PidKnown = new Promise<void>((resolve) => (pidKnown = resolve));
    const t2 = db.transaction(async (tx) => {
      t2Pid = Number((await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid);
      pidKnown();
      await seedArticle(tx, { url: p, canonicalUrl: q, text: 'Second report, moved.', captureId: second.captureId, pipelineVersion: 'v-race' });
    });
    await t2PidKnown;
    // T1 commits only once T2 waits on it: otherwise T2 would simply see T1's commit.
    for (let polls = 0; ; polls++) {
      const { rows } = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'`,
        [t2Pid],
      );
      if (Number(rows[0]!.n) === 1) break;
      if (polls > 1500) throw new Error('the reprocess never waited for the transaction storing the newer capture');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    release();
    await Promise.all([t1, t2]);

    const expected = (await db.query(EXPECTED)).rows;
    expect(expected.map((row) => row.canonical_url)).toEqual([p, q]);
    expect((await db.query(ACTUAL)).rows).toEqual(expected);
  });
});
