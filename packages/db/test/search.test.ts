/**
 * Full-text search and browse (issue 13) on both backends: ranking, language-aware matching,
 * every filter, latest-per-page, keyset pagination while articles arrive, bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InvalidCursorError,
  InvalidFilterError,
  listLatestArticles,
  migrate,
  searchArticles,
  type Database,
  type SearchOptions,
} from '../src/index.ts';
import { seedArticle } from './archive-seed.ts';
import { BACKENDS, disposeTestDatabase, openTestDatabase } from './helpers.ts';

const filler = 'Officials met on Tuesday to discuss the budget for the coming year and the schedule of works.';

describe.each(BACKENDS)('search on %s', (backend) => {
  let db: Database;
  const ids: Record<string, number> = {};
  const search = async (options: SearchOptions) => (await searchArticles(db, options)).items.map((i) => i.id);

  beforeAll(async () => {
    db = await openTestDatabase(backend, 'vt_search');
    await migrate(db);
    const add = async (key: string, input: Parameters<typeof seedArticle>[1]) => {
      ids[key] = (await seedArticle(db, input)).id;
    };
    await add('titleHit', { url: 'https://www.harbour.example/a', title: 'Harbour bridge reopens', text: `${filler} Traffic resumed.`, fetchedAt: '2025-03-01T10:00:00Z', publishedAt: '2025-02-28T08:00:00Z', submittedBy: 'alice' });
    await add('textHit', { url: 'https://news.other.example/b', title: 'City notes', text: `${filler} The harbour was quiet.`, fetchedAt: '2025-03-05T10:00:00Z', publishedAt: '2025-03-04T08:00:00Z', submittedBy: 'schedule:7' });
    await add('manyHits', { url: 'https://other.example/c', title: 'Weekly digest', text: `Harbour fees rose. The harbour master spoke. Harbour traffic fell. ${filler}`, fetchedAt: '2025-03-10T10:00:00Z', submittedBy: 'alice' });
    await add('english', { url: 'https://runners.example/d', title: 'Marathon day', text: `Thousands were running through the streets. ${filler}`, lang: 'en-GB', fetchedAt: '2025-04-01T10:00:00Z' });
    await add('french', { url: 'https://journal.example/e', title: 'Les chevaux', text: 'Les chevaux mangeaient du foin dans la prairie au petit matin.', lang: 'fr', fetchedAt: '2025-04-02T10:00:00Z' });
    await add('simple', { url: 'https://zz.example/f', title: 'Unstemmed', text: `Crowds were running by the river. ${filler}`, lang: 'zz', fetchedAt: '2025-04-03T10:00:00Z' });
    await add('script', { url: 'https://evil.example/g', title: 'Tags', text: 'The harbour <script>alert(1)</script> & "friends" were here.', fetchedAt: '2025-04-04T10:00:00Z' });
    // A page refetched with new text, and a capture reprocessed by a newer pipeline: only the
    // latest result of each page is listed.
    await add('oldVersion', { url: 'https://changing.example/h', title: 'Budget draft', text: 'The lighthouse budget was cut.', fetchedAt: '2025-05-01T10:00:00Z' });
    await add('newVersion', { url: 'https://changing.example/h', title: 'Budget final', text: 'The lighthouse budget was restored.', fetchedAt: '2025-05-02T10:00:00Z' });
    const old = await seedArticle(db, { url: 'https://reprocessed.example/i', title: 'Ferry', text: 'The ferry timetable changed, said the pilot.', fetchedAt: '2025-05-03T10:00:00Z' });
    ids.reprocessOld = old.id;
    ids.reprocessNew = (await seedArticle(db, { url: 'https://reprocessed.example/i', title: 'Ferry', text: 'The ferry timetable changed.', captureId: old.captureId, pipelineVersion: 'test-pipeline-2' })).id;
  });
  afterAll(() => disposeTestDatabase(db));

  it('ranks a title match above text matches, and more matches above one', async () => {
    const result = await searchArticles(db, { q: 'harbour' });
    expect(result.items.map((i) => i.id)).toEqual([ids.titleHit, ids.manyHits, ids.script, ids.textHit]);
    const ranks = result.items.map((i) => i.rank);
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
    expect(result.nextCursor).toBeNull();
    const hit = result.items[0]!;
    expect(hit).toMatchObject({ url: 'https://www.harbour.example/a', site: 'www.harbour.example', title: 'Harbour bridge reopens', lang: 'en' });
    expect(hit.fetchedAt.toISOString()).toBe('2025-03-01T10:00:00.000Z');
  });

  it('highlights matches in the snippet, with the page text escaped', async () => {
    const [hit] = (await searchArticles(db, { q: 'harbour', site: 'evil.example' })).items;
    expect(hit!.snippet).toContain('<mark>harbour</mark>');
    expect(hit!.snippet).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;friends&quot;');
    expect(hit!.snippet).not.toContain('<script>');
    expect(hit!.highlights.filter((p) => p.match).map((p) => p.text)).toEqual(['harbour']);
    expect(hit!.highlights.map((p) => p.text).join('')).toContain('<script>alert(1)</script>');
  });

  it("matches through each article's own language", async () => {
    expect(await search({ q: 'runs' })).toEqual([ids.english]); // english stems running -> run; simple does not
    expect(await search({ q: 'running' })).toEqual(expect.arrayContaining([ids.english, ids.simple]));
    expect(await search({ q: 'cheval' })).toEqual([ids.french]);
    expect(await search({ q: '"harbour master"' })).toEqual([ids.manyHits]);
    expect(await search({ q: 'harbour -fees' })).not.toContain(ids.manyHits);
    expect(await search({ q: '   ' })).toEqual([]);
  });

  it('applies every filter', async () => {
    expect(await search({ q: 'harbour', site: 'harbour.example' })).toEqual([ids.titleHit]);
    expect(await search({ q: 'harbour', site: 'https://other.example/x' })).toEqual([ids.manyHits, ids.textHit]);
    expect(await search({ q: 'harbour', since: '2025-03-05T10:00:00Z', until: '2025-03-10' })).toEqual([ids.manyHits, ids.textHit]);
    expect(await search({ q: 'harbour', until: '2025-03-09' })).toEqual([ids.titleHit, ids.textHit]);
    expect(await search({ q: 'harbour', publishedSince: '2025-03-01' })).toEqual([ids.textHit]);
    expect(await search({ q: 'harbour', publishedUntil: '2025-02-28' })).toEqual([ids.titleHit]);
    expect(await search({ q: 'running', lang: 'en' })).toEqual([ids.english]);
    expect(await search({ q: 'running', lang: 'zz' })).toEqual([ids.simple]);
    expect(await search({ q: 'chevaux', lang: 'FR' })).toEqual([ids.french]);
    expect(await search({ q: 'harbour', submittedBy: 'alice' })).toEqual([ids.titleHit, ids.manyHits]);
    expect(await search({ q: 'harbour', scheduleId: 7 })).toEqual([ids.textHit]);
    expect(await search({ q: 'harbour', scheduleId: 8 })).toEqual([]);
  });

  it('lists only the latest result of each page', async () => {
    expect(await search({ q: 'lighthouse' })).toEqual([ids.newVersion]);
    expect(await search({ q: 'cut' })).toEqual([]);
    expect(await search({ q: 'ferry' })).toEqual([ids.reprocessNew]);
    expect(await search({ q: 'pilot' })).toEqual([]);
    const latest = (await listLatestArticles(db, { limit: 100 })).items.map((i) => i.id);
    expect(latest).toContain(ids.newVersion);
    expect(latest).not.toContain(ids.oldVersion);
    expect(latest).toContain(ids.reprocessNew);
    expect(latest).not.toContain(ids.reprocessOld);
    expect(latest).toHaveLength(9);
  });

  it('browses newest first with the same filters', async () => {
    const all = (await listLatestArticles(db)).items;
    const fetched = all.map((i) => i.fetchedAt.getTime());
    expect([...fetched].sort((a, b) => b - a)).toEqual(fetched);
    expect(all[0]!.id).toBe(ids.reprocessNew);
    const ofAlice = await listLatestArticles(db, { submittedBy: 'alice' });
    expect(ofAlice.items.map((i) => i.id)).toEqual([ids.manyHits, ids.titleHit]);
    expect((await listLatestArticles(db, { lang: 'fr' })).items.map((i) => i.id)).toEqual([ids.french]);
    expect((await listLatestArticles(db, { site: 'other.example', since: '2025-03-06' })).items.map((i) => i.id)).toEqual([ids.manyHits]);
  });

  it('refuses bad cursors and filters with errors that say what to do', async () => {
    await expect(searchArticles(db, { q: 'harbour', cursor: 'not-a-cursor' })).rejects.toThrow(InvalidCursorError);
    const listCursor = (await listLatestArticles(db, { limit: 1 })).nextCursor!;
    await expect(searchArticles(db, { q: 'harbour', cursor: listCursor })).rejects.toThrow(/not a search cursor/);
    // A block floor that is not below the block's upper bound was not written by this server.
    const cursorOf = (payload: unknown[]) => Buffer.from(JSON.stringify(payload)).toString('base64url');
    await expect(searchArticles(db, { q: 'harbour', cursor: cursorOf(['s', '0.1', 5, 3, 7]) })).rejects.toThrow(/bad block floor/);
    await expect(searchArticles(db, { q: 'harbour', cursor: cursorOf(['s', '0.1', 5, 9, 'x']) })).rejects.toThrow(/bad block floor/);
    // A position inside a block without its floor (cursors of earlier versions) cannot be continued safely.
    await expect(searchArticles(db, { q: 'harbour', cursor: cursorOf(['s', '0.1', 5, 9]) })).rejects.toThrow(/earlier version.*first page/);
    await expect(searchArticles(db, { q: 'harbour', cursor: cursorOf(['s', '0.1', 5]) })).rejects.toThrow(/earlier version.*first page/);
    await expect(searchArticles(db, { q: 'harbour', lang: "en'; drop" })).rejects.toThrow(InvalidFilterError);
    await expect(searchArticles(db, { q: 'harbour', since: 'yesterday' })).rejects.toThrow(/since: not a date/);
    await expect(searchArticles(db, { q: 'harbour', limit: 101 })).rejects.toThrow(/limit/);
    await expect(listLatestArticles(db, { site: 'a b' })).rejects.toThrow(/site: not a host/);
  });

  it('maps every language it knows to a configuration the query side also uses', async () => {
    const codes = ['ar', 'hy', 'eu', 'ca', 'da', 'nl', 'en', 'fi', 'fr', 'de', 'el', 'hi', 'hu', 'id', 'ga', 'it', 'lt', 'ne', 'no', 'nb', 'nn', 'pt', 'ro', 'ru', 'sr', 'es', 'sv', 'ta', 'tr', 'yi', 'xx', ''];
    const { rows } = await db.query<{ missing: string[] | null }>(
      `SELECT array_agg(code) FILTER (WHERE NOT search_config(code) = ANY (search_configs())) AS missing
       FROM unnest($1::text[]) AS code`,
      [codes],
    );
    expect(rows[0]!.missing).toBeNull();
  });
});

describe.each(BACKENDS)('pagination on %s while articles arrive', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(backend, 'vt_search_page');
    await migrate(db);
  });
  afterAll(() => disposeTestDatabase(db));

  it('gives every article exactly once, in order, across pages of search and browse', async () => {
    const original: number[] = [];
    for (let i = 0; i < 23; i++) {
      // Repeats vary the rank; pairs of equal texts at different URLs tie on rank.
      const text = `${'tide '.repeat(1 + (i % 4))}report number ${Math.floor(i / 2)} from the coast.`;
      original.push((await seedArticle(db, { url: `https://coast.example/${i}`, title: `Report ${i}`, text, fetchedAt: new Date(Date.UTC(2025, 5, 1, 0, i % 5)).toISOString() })).id);
    }
    let arrivals = 0;
    const arrive = async () => {
      arrivals += 1;
      await seedArticle(db, { url: `https://late.example/${arrivals}`, title: 'Tide tide tide', text: 'tide tide tide tide tide', fetchedAt: new Date().toISOString() });
    };

    for (const list of ['search', 'browse'] as const) {
      const seen: number[] = [];
      const ranks: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { items: Array<{ id: number; rank?: number }>; nextCursor: string | null } =
          list === 'search' ? await searchArticles(db, { q: 'tide', limit: 5, cursor }) : await listLatestArticles(db, { limit: 5, cursor });
        seen.push(...page.items.map((i) => i.id));
        ranks.push(...page.items.map((i) => i.rank ?? 0));
        cursor = page.nextCursor;
        pages += 1;
        await arrive(); // new articles between pages: they rank first / are newest, before the cursor
      } while (cursor);
      expect(new Set(seen).size, `${list}: no duplicates`).toBe(seen.length);
      expect(seen.filter((id) => original.includes(id)).sort((a, b) => a - b), `${list}: no gaps`).toEqual(original);
      expect(pages).toBeGreaterThanOrEqual(5);
      if (list === 'search') expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
    }
  });
});

describe.each(BACKENDS)('the latest-per-page check on %s', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(backend, 'vt_search_window');
    await migrate(db);
  });
  afterAll(() => disposeTestDatabase(db));

  it('fills the page when superseded versions outrank every latest one', async () => {
    // Five versions of one page: the four old ones match best, the latest only once.
    let latest = 0;
    for (let v = 1; v <= 5; v++) {
      const text = v < 5 ? `${'beacon '.repeat(10)} version ${v}.` : 'One beacon, version five.';
      latest = (await seedArticle(db, { url: 'https://keepers.example/log', title: 'Log', text, fetchedAt: `2025-07-0${v}T00:00:00Z` })).id;
    }
    const others: number[] = [];
    for (let i = 0; i < 3; i++) others.push((await seedArticle(db, { url: `https://keepers.example/${i}`, title: 'Note', text: `A beacon ${i} was lit.` })).id);
    for (const candidateWindow of [1, 2, 100]) {
      const first = await searchArticles(db, { q: 'beacon', limit: 2, candidateWindow });
      const second = await searchArticles(db, { q: 'beacon', limit: 2, candidateWindow, cursor: first.nextCursor });
      const ids = [...first.items, ...second.items].map((i) => i.id);
      expect(ids.sort((a, b) => a - b), `window ${candidateWindow}`).toEqual([latest, ...others].sort((a, b) => a - b));
      expect(second.nextCursor).toBeNull();
    }
  });
});

describe.each(BACKENDS)('snippets of long texts on %s', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(backend, 'vt_search_snippet');
    await migrate(db);
  });
  afterAll(() => disposeTestDatabase(db));

  it('come from around the first match, cut to whole words, and from the whole text when the stem is not how the word is written', async () => {
    const long = `${filler} `.repeat(300); // ~28,000 characters
    const far = (await seedArticle(db, { url: 'https://long.example/far', title: 'Far', text: `${long}The walrus was seen near the pier. ${long}` })).id;
    const stem = (await seedArticle(db, { url: 'https://long.example/stem', title: 'Stem', text: `${long}Everyone was happy about the pier. ${long}` })).id;
    const [walrus] = (await searchArticles(db, { q: 'walrus' })).items;
    expect(walrus!.id).toBe(far);
    expect(walrus!.highlights.filter((p) => p.match).map((p) => p.text)).toEqual(['walrus']);
    const words = filler.split(' ');
    const snippetWords = walrus!.highlights.map((p) => p.text).join('').split(/\s+/).filter((w) => w && w !== '…');
    for (const word of snippetWords) expect([...words, 'The', 'walrus', 'was', 'seen', 'near', 'the', 'pier.']).toContain(word);
    // English stems "happy" as "happi", which the text does not contain.
    const [happy] = (await searchArticles(db, { q: 'happy' })).items;
    expect(happy!.id).toBe(stem);
    expect(happy!.highlights.filter((p) => p.match).map((p) => p.text)).toEqual(['happy']);
    // A match in the title only: the snippet is the text's opening, unmarked.
    const [title] = (await searchArticles(db, { q: 'far', site: 'long.example' })).items;
    expect(title!.highlights.every((p) => !p.match)).toBe(true);
    expect(title!.snippet.startsWith('Officials met on Tuesday')).toBe(true);
  });
});

describe.each(BACKENDS)('search blocks on %s while rows change between pages', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(backend, 'vt_search_blocks');
    await migrate(db);
  });
  afterAll(() => disposeTestDatabase(db));

  // Text that ranks by how often the word repeats (ts_rank grows with the count).
  const seed = (word: string, repeats: number, url: string) =>
    seedArticle(db, { url, title: 'Log', text: `${`${word} `.repeat(repeats)}seen from the shore.` });
  /** Pages of one search (window 2, one hit a page), running `between` after each page. */
  const pageAll = async (q: string, between: (page: number) => Promise<void>) => {
    const seen: number[] = [];
    let cursor: string | null = null;
    for (let page = 1; page < 20; page++) {
      const result: Awaited<ReturnType<typeof searchArticles>> = await searchArticles(db, { q, limit: 1, candidateWindow: 2, cursor });
      seen.push(...result.items.map((i) => i.id));
      cursor = result.nextCursor;
      if (!cursor) return seen;
      await between(page);
    }
    throw new Error('search did not end');
  };

  it('skips no match when a member of the block leaves latest_pages between pages', async () => {
    const ids = [
      (await seed('gull', 1, 'https://gulls.example/1')).id,
      (await seed('gull', 2, 'https://gulls.example/2')).id,
      (await seed('gull', 5, 'https://gulls.example/3')).id, // older than the first block, ranks above it
      (await seed('gull', 3, 'https://gulls.example/4')).id,
      (await seed('gull', 4, 'https://gulls.example/5')).id,
    ];
    // The first block is /5 and /4; page 1 shows /5. Then /4 is refetched: its old version
    // leaves latest_pages, the new one is newer than the search and never listed.
    const seen = await pageAll('gull', async (page) => {
      if (page === 1) await seed('gull', 3, 'https://gulls.example/4');
    });
    expect(new Set(seen).size, 'no duplicates').toBe(seen.length);
    expect([...seen].sort((a, b) => a - b)).toEqual(ids.filter((id) => id !== ids[3]));
  });

  it('repeats no match when an article with a lower id than the block newest becomes visible between pages', async () => {
    const sequence = `pg_get_serial_sequence('articles', 'id')`;
    const ids = [
      (await seed('heron', 1, 'https://herons.example/1')).id,
      (await seed('heron', 2, 'https://herons.example/2')).id,
      (await seed('heron', 4, 'https://herons.example/3')).id,
    ];
    // An id taken now and committed only after page 1, as by a transaction that is slow to commit.
    const { rows } = await db.query<{ id: string }>(`SELECT nextval(${sequence}) AS id`);
    const late = Number(rows[0]!.id);
    ids.push((await seed('heron', 3, 'https://herons.example/4')).id);
    // The first block is /4 and /3; page 1 shows /3 (it ranks first). Then the late article
    // (between them by id) is stored: /3 must stay in the block it was shown from.
    const seen = await pageAll('heron', async (page) => {
      if (page !== 1) return;
      await db.query(`SELECT setval(${sequence}, $1::bigint, false)`, [late]);
      expect((await seed('heron', 1, 'https://herons.example/late')).id).toBe(late);
      await db.query(`SELECT setval(${sequence}, (SELECT max(id) FROM articles))`);
    });
    expect(new Set(seen).size, 'no duplicates').toBe(seen.length);
    expect(seen.filter((id) => id !== late).sort((a, b) => a - b)).toEqual(ids);
  });

  it('still reads the whole block when more late articles joined it than the next page reads by default', async () => {
    // A later page of a block reads the newest 2 x window matches below the block; three late
    // articles inside a block of two make five, so the block is read again with no limit.
    const sequence = `pg_get_serial_sequence('articles', 'id')`;
    const ids = [(await seed('tern', 1, 'https://terns.example/1')).id, (await seed('tern', 2, 'https://terns.example/2')).id];
    const { rows } = await db.query<{ id: string }>(`SELECT nextval(${sequence}) AS id FROM generate_series(1, 3)`);
    const late = rows.map((r) => Number(r.id));
    ids.push((await seed('tern', 3, 'https://terns.example/3')).id);
    // The first block is /3 and /2; page 1 shows /3. Then three articles with ids between them commit.
    const seen = await pageAll('tern', async (page) => {
      if (page !== 1) return;
      for (const [i, id] of late.entries()) {
        await db.query(`SELECT setval(${sequence}, $1::bigint, false)`, [id]);
        expect((await seed('tern', 1, `https://terns.example/late-${i}`)).id).toBe(id);
      }
      await db.query(`SELECT setval(${sequence}, (SELECT max(id) FROM articles))`);
    });
    expect(new Set(seen).size, 'no duplicates').toBe(seen.length);
    expect(seen.filter((id) => !late.includes(id)).sort((a, b) => a - b)).toEqual(ids);
  });
});
