/**
 * The search index's keys (migration 013) on both backends: a phrase's pair keys never leave
 * out an article that matches it (checked against Postgres's own phrase matching over a seeded
 * corpus of awkward text), they narrow the index scan to the articles holding the phrase, and a
 * broad word's newest matches are found among the newest ids first with the same results as a
 * scan of the whole table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, searchArticles, searchQuery, type Database, type SearchOptions } from '../src/index.ts';
import { seedArticle } from './archive-seed.ts';
import { mulberry32 } from '../../core/test/helpers/prng.ts';
import { BACKENDS, disposeTestDatabase, openTestDatabase } from './helpers.ts';

// Stop words, hyphenated compounds, apostrophes, numbers, a URL and an e-mail address: the
// parser gives these several lexemes, gaps or odd characters.
const VOCABULARY = [
  'the', 'of', 'and', 'a', 'to', 'harbour', 'master', 'tide', 'gull', 'running', 'runs', 'well-known', 'state-of-the-art',
  "o'neil", "l'eau", 'rock’n’roll', '2024', '3.5', 'http://example.com/a?b=c', 'pilot@example.com', 'Über', 'naïve', 'co-op', 'x',
];

/** Flattens EXPLAIN (FORMAT JSON) into its plan nodes. */
function planNodes(plan: unknown): Record<string, unknown>[] {
  const nodes: Record<string, unknown>[] = [];
  const walk = (node: Record<string, unknown>) => {
    nodes.push(node);
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
  };
  walk((plan as [{ Plan: Record<string, unknown> }])[0].Plan);
  return nodes;
}

describe.each(BACKENDS)('search keys on %s', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(backend, 'vt_search_keys');
    await migrate(db);
  });
  afterAll(() => disposeTestDatabase(db));

  const explain = async (options: SearchOptions) => {
    const query = searchQuery(options)!;
    const { rows } = await db.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${query.text}`, query.params);
    const plan = rows[0]!['QUERY PLAN'];
    return planNodes(typeof plan === 'string' ? JSON.parse(plan) : plan);
  };

  it('never leaves out a match: every text matching a phrase query holds its keys', async () => {
    const random = mulberry32(1307);
    const pick = () => VOCABULARY[Math.floor(random() * VOCABULARY.length)]!;
    const texts = Array.from({ length: 80 }, () => Array.from({ length: 4 + Math.floor(random() * 30) }, pick).join(' '));
    // Phrases cut from the texts (so many match), random pairs, and the same combined with
    // other words, exclusions and OR.
    const queries = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const words = texts[i % texts.length]!.split(' ');
      const at = Math.floor(random() * words.length);
      const phrase = words.slice(at, at + 2 + Math.floor(random() * 3)).join(' ');
      queries.add(`"${phrase}"`);
      queries.add(`"${pick()} ${pick()}"`);
      queries.add(`"${phrase}" ${pick()}`);
      queries.add(`"${phrase}" -"${pick()} ${pick()}"`);
      queries.add(`"${phrase}" OR "${pick()} ${pick()}"`);
      queries.add(`${pick()}-${pick()} ${pick()}`);
    }
    const { rows } = await db.query<{ checked: string; keyed: string; missed: string; example: string | null }>(
      `WITH t AS (SELECT n, to_tsvector(cfg, text) AS v, cfg
                  FROM unnest($1::text[]) WITH ORDINALITY AS x(text, n), unnest(ARRAY['english', 'simple', 'french']::regconfig[]) AS cfg),
            q AS (SELECT text, websearch_to_tsquery(cfg, text) AS query, cfg FROM unnest($2::text[]) AS text,
                         unnest(ARRAY['english', 'simple', 'french']::regconfig[]) AS cfg),
            m AS (SELECT q.text, q.query, search_phrase_keys(q.query) AS keys, t.v FROM t JOIN q ON q.cfg = t.cfg WHERE t.v @@ q.query)
       SELECT count(*) AS checked, count(keys) AS keyed,
              count(*) FILTER (WHERE NOT search_keys(v, 1) @@ keys) AS missed,
              min(text || ' | ' || query::text) FILTER (WHERE NOT search_keys(v, 1) @@ keys) AS example
       FROM m`,
      [texts, [...queries]],
    );
    const result = rows[0]!;
    expect(result.example).toBeNull();
    expect(Number(result.missed)).toBe(0);
    // Not vacuous: many matches of queries that require keys were checked.
    expect(Number(result.keyed)).toBeGreaterThan(300);
  });

  it('asks no key of a prefix or of a negation inside a phrase, which shifts its words (websearch writes neither)', async () => {
    const cases: [string, string][] = [
      ["'ab':* <-> 'c'", "'abc':1 'c':2"],
      ["'x' <-> !'a' <-> 'b'", "'x':1 'z':2 'b':3"],
      ["('x' <-> !'a') <-> 'b'", "'x':1 'z':2 'b':3"],
      ["'x' <-> !!'a' <-> 'b'", "'x':1 'a':2 'b':3"],
      ["'x' <-> !('a' <-> 'c') <-> 'b'", "'x':1 'z':2 'b':3"],
      ["('p' & !('a' <-> 'b')) <-> 'q'", "'p':1 'z':2 'q':3 'a':10 'b':20"],
      ["(!('a' <-> 'b') & 'p') <-> 'q'", "'p':1 'z':2 'q':3 'a':10 'b':20"],
      ["('p' & !!('a' <-> 'b')) <-> 'q'", "'p':1 'a':1 'b':2 'q':3"],
      ["!'c' <-> 'd' & 'a' <-> 'b'", "'a':1 'b':2 'd':5"],
    ];
    for (const [query, vector] of cases) {
      const { rows } = await db.query<{ matches: boolean; keyed: boolean | null }>(
        'SELECT $2::tsvector @@ $1::tsquery AS matches, search_keys($2::tsvector, 1) @@ search_phrase_keys($1::tsquery) AS keyed',
        [query, vector],
      );
      expect(rows[0], query).toEqual({ matches: true, keyed: null });
    }
  });

  it("keeps a phrase's keys beside websearch's exclusions, top-level negated terms", async () => {
    const { rows } = await db.query<{ keys: string | null }>(
      `SELECT search_phrase_keys(websearch_to_tsquery('english', '"lock keeper" -pilot -"tug boat"'))::text AS keys`,
    );
    expect(rows[0]!.keys).toMatch(/^'p[0-9a-f]{4}'$/);
    const keep = await seedArticle(db, { url: 'https://canal.example/exclusion/1', title: 'Port', text: 'The lock keeper waved.' });
    await seedArticle(db, { url: 'https://canal.example/exclusion/2', title: 'Port', text: 'The lock keeper called the pilot.' });
    await seedArticle(db, { url: 'https://canal.example/exclusion/3', title: 'Port', text: 'The lock keeper saw the tug boat.' });
    expect((await searchArticles(db, { q: '"lock keeper" -pilot -"tug boat"' })).items.map((i) => i.id)).toEqual([keep.id]);
  });

  it('keeps its keys through ANALYZE and REINDEX, which run them with only pg_catalog on the search path', async () => {
    const { id } = await seedArticle(db, { url: 'https://port.example/reindex', title: 'Port notes', text: 'The pilot boat left at dawn.' });
    await db.exec('ANALYZE latest_pages');
    await db.exec('REINDEX INDEX latest_pages_search_idx');
    expect((await searchArticles(db, { q: '"pilot boat"' })).items.map((i) => i.id)).toEqual([id]);
  });

  it('narrows a phrase to the articles holding it before any vector is read', async () => {
    for (let i = 0; i < 30; i++) {
      await seedArticle(db, { url: `https://port.example/apart/${i}`, title: 'Port notes', text: `The master of the port spoke about the harbour fees. Entry ${i}.` });
    }
    const together = [];
    for (let i = 0; i < 2; i++) {
      together.push((await seedArticle(db, { url: `https://port.example/together/${i}`, title: 'Port notes', text: `The harbour master spoke. Entry ${i}.` })).id);
    }
    const page = await searchArticles(db, { q: '"harbour master"' });
    expect(page.items.map((i) => i.id).sort()).toEqual(together.sort());
    // The candidates (the rows whose vectors are then read) are the two articles holding the
    // phrase, not the 32 holding both words, whether the keys are an index condition or a filter.
    const candidates = (await explain({ q: '"harbour master"' })).find((n) => n['Subplan Name'] === 'CTE candidates');
    expect(Number(candidates?.['Actual Rows'])).toBe(2);
  });

  it('finds the newest matches among the newest ids first, with the results of the whole scan', async () => {
    const sequence = `pg_get_serial_sequence('articles', 'id')`;
    const seed = (word: string, i: number, repeats: number) =>
      seedArticle(db, { url: `https://birds.example/${word}/${i}`, title: 'Sightings', text: `${`${word} `.repeat(repeats)}near the cliffs, entry ${i}.` });
    for (let i = 0; i < 30; i++) await seed(i % 2 ? 'gannet' : 'petrel', i, 1 + (i % 4));
    // Articles with ids 100,000 on: more than 16,384 above the ones before.
    await db.query(`SELECT setval(${sequence}, 100000)`);
    for (let i = 30; i < 45; i++) await seed('gannet', i, 1 + (i % 5));

    // The reference: every match newest first, cut into blocks of `window`, each ranked.
    const reference = async (word: string, window: number) => {
      const { rows } = await db.query<{ id: string; rank: number }>(
        `SELECT article_id AS id, ts_rank(search_vector, to_tsquery('english', $1)) AS rank
         FROM latest_pages WHERE search_vector @@ to_tsquery('english', $1) ORDER BY article_id DESC`,
        [word],
      );
      const ids: number[] = [];
      for (let at = 0; at < rows.length; at += window) {
        const block = rows.slice(at, at + window).map((r) => ({ id: Number(r.id), rank: Number(r.rank) }));
        ids.push(...block.sort((a, b) => b.rank - a.rank || b.id - a.id).map((r) => r.id));
      }
      return ids;
    };
    const all = async (q: string, window: number) => {
      const ids: number[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof searchArticles>> = await searchArticles(db, { q, limit: 4, candidateWindow: window, cursor });
        ids.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor);
      return ids;
    };
    expect(await all('gannet', 10)).toEqual(await reference('gannet', 10));
    expect(await all('petrel', 10)).toEqual(await reference('petrel', 10));

    // The newest ids hold 15 gannets, more than a block of 10: the scan of the whole table (the
    // branch under the one-time filter "fewer than window + 1 recent candidates") never runs.
    const wholeScans = async (q: string) => {
      const gate = (await explain({ q, candidateWindow: 10 })).find((n) => String(n['One-Time Filter'] ?? '').includes(' < '));
      expect(gate, 'the gated scan of the whole table').toBeDefined();
      return planNodes([{ Plan: gate }]).filter((n) => n['Relation Name'] === 'latest_pages' || n['Index Name'] === 'latest_pages_search_idx');
    };
    const gannet = await wholeScans('gannet');
    expect(gannet.length).toBeGreaterThan(0);
    expect(gannet.every((n) => Number(n['Actual Loops']) === 0)).toBe(true);
    // Petrels are all older: the recent ranges hold none, and the whole table is scanned.
    expect((await wholeScans('petrel')).some((n) => Number(n['Actual Loops']) > 0)).toBe(true);
  });
});
