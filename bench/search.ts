/**
 * `npm run bench:search`: query latency of full-text search (issue 13) in archives of 10,000
 * and 100,000 synthetic articles (bench/scale-corpus.ts: 250-550 words from a Zipf vocabulary,
 * with syndicated copies, near-duplicates and new versions), built in a schema of their own
 * with multi-row inserts. Target: p95 <= 50 ms at 100k.
 *
 * Queries (first page of 20, with ts_headline snippets, through searchArticles) come in classes
 * by how many articles contain the word (document frequency measured on the corpus): rare
 * (0.05-0.5 %), medium (0.5-3 %), broad (10-30 %), two medium words, a two-word phrase, medium
 * with a site filter, medium with a language filter, and the second page (cursor) of a medium
 * query; plus browse (listLatestArticles, first page). Every class runs the same words at both
 * sizes. EXPLAIN (ANALYZE) shows the GIN index in the plan; the whole plan (with BUFFERS) of the
 * class with the highest p95 is printed.
 *
 * CPU: the benchmark's own process (client) and the Postgres backend serving the queries (read
 * from /proc, the server being local), during the query phase only.
 *
 * Options: --sizes 10000,100000 --per-class 40 --keep (keep the schema), --schema NAME (reuse a
 * kept schema: only the articles it lacks are loaded, the same corpus is replayed). Postgres at
 * DATABASE_URL or postgres://postgres@127.0.0.1:5432/test. Figures: stdout and bench/out/search-<time>.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sha256Hex } from '@vellum/core';
import { bulkInsertArticles, listLatestArticles, migrate, openDatabase, searchArticles, searchQuery, type BulkArticle, type Database, type SearchOptions } from '@vellum/db';
import { percentile, table } from './lib/stats.ts';
import { prng, syntheticCorpus } from './scale-corpus.ts';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    'per-class': { type: 'string', default: '40' },
    keep: { type: 'boolean', default: false },
    schema: { type: 'string' },
  },
});
const SIZES = args.sizes.split(',').map(Number);
const PER_CLASS = Number(args['per-class']);
const BATCH = 1000;
const LANGS = ['en', 'en', 'en', 'en', 'en', 'en', 'en', 'en', 'fr', 'de'];

type QueryClass = { name: string; options: SearchOptions[]; secondPage?: boolean };

function backendCpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks (100/s)
}

async function main(): Promise<void> {
  const schema = args.schema ?? `bench_search_${Date.now().toString(36)}`;
  // One connection: every query runs on the same backend, whose CPU time is read from /proc.
  const db = await openDatabase({ connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', schema, maxConnections: 1 });
  const cleanup = async () => {
    if (!args.keep) await db.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db.close();
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    await migrate(db);
    const pid = Number((await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid);
    const corpus = syntheticCorpus();
    const df = new Map<string, number>();
    const hosts: string[] = [];
    const phrases: string[] = [];
    // A reused schema already holds the corpus's first `present` articles.
    const present = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM articles')).rows[0]!.n);
    let loaded = 0;
    let classes: QueryClass[] | null = null;
    const results: Record<string, unknown>[] = [];

    for (const size of SIZES) {
      const started = performance.now();
      while (loaded < size) {
        const batch: BulkArticle[] = [];
        while (batch.length < BATCH && loaded + batch.length < size) {
          const a = corpus.next().value!;
          const seq = a.seq;
          const title = a.text.split(/\s+/).slice(0, 7).join(' ').replace(/\.$/, '');
          const fetchedAt = new Date(Date.UTC(2024, 0, 1) + seq * 60_000);
          batch.push({
            url: a.url, canonicalUrl: a.url, title, text: a.text, lang: LANGS[seq % LANGS.length]!, fetchedAt,
            publishedAt: new Date(fetchedAt.getTime() - 3_600_000), contentHash: sha256Hex(a.text), pipelineVersion: 'bench',
          });
          if (!classes) {
            for (const w of new Set<string>(a.text.toLowerCase().match(/[a-z]+/g) ?? [])) df.set(w, (df.get(w) ?? 0) + 1);
            if (seq % 50 === 0) {
              hosts.push(new URL(a.url).hostname);
              const words = a.text.split(/\s+/);
              phrases.push(`"${words[10]!.replace(/\W/g, '')} ${words[11]!.replace(/\W/g, '')}"`);
            }
          }
        }
        const fresh = batch.slice(Math.max(0, Math.min(batch.length, present - loaded)));
        if (fresh.length) await db.transaction((tx) => bulkInsertArticles(tx, fresh));
        loaded += batch.length;
        if (loaded % 10_000 === 0) process.stderr.write(`  ${loaded.toLocaleString('en')} articles loaded\n`);
      }
      await db.exec('VACUUM ANALYZE articles');
      await db.exec('VACUUM ANALYZE latest_pages');
      await db.exec('ANALYZE captures');
      const loadSeconds = (performance.now() - started) / 1000;
      classes ??= buildClasses(df, loaded, hosts, phrases);

      // Warm up (the first queries load the index pages), then measure.
      for (const c of classes) await searchArticles(db, c.options[0]!);
      const cpu0 = process.cpuUsage();
      const server0 = backendCpuSeconds(pid);
      const wall0 = performance.now();
      const rows: string[][] = [];
      const all: number[] = [];
      const perClass: Record<string, { p50: number; p95: number; hits: number }> = {};
      for (const c of classes) {
        const times: number[] = [];
        let hits = 0;
        for (const options of c.options) {
          let cursor: string | null = null;
          if (c.secondPage) cursor = (await searchArticles(db, options)).nextCursor;
          const t0 = performance.now();
          const page = await searchArticles(db, { ...options, cursor });
          times.push(performance.now() - t0);
          hits += page.items.length;
        }
        times.sort((a, b) => a - b);
        all.push(...times);
        perClass[c.name] = { p50: percentile(times, 50), p95: percentile(times, 95), hits: hits / c.options.length };
        rows.push([c.name, String(times.length), (hits / c.options.length).toFixed(1), percentile(times, 50).toFixed(1), percentile(times, 95).toFixed(1), times.at(-1)!.toFixed(1)]);
      }
      const browse: number[] = [];
      for (let i = 0; i < PER_CLASS; i++) {
        const t0 = performance.now();
        await listLatestArticles(db, i % 2 ? { site: hosts[i % hosts.length] } : {});
        browse.push(performance.now() - t0);
      }
      browse.sort((a, b) => a - b);
      rows.push(['browse (list latest)', String(browse.length), '20', percentile(browse, 50).toFixed(1), percentile(browse, 95).toFixed(1), browse.at(-1)!.toFixed(1)]);
      const wall = (performance.now() - wall0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const server = backendCpuSeconds(pid) - server0;
      all.sort((a, b) => a - b);
      rows.push(['all search queries', String(all.length), '', percentile(all, 50).toFixed(1), percentile(all, 95).toFixed(1), all.at(-1)!.toFixed(1)]);

      console.log(`\n## ${size.toLocaleString('en')} articles (loaded in ${loadSeconds.toFixed(0)} s)\n`);
      console.log(table(['query class', 'queries', 'hits/page', 'p50 ms', 'p95 ms', 'max ms'], rows));
      console.log(`\nquery phase: ${wall.toFixed(1)} s wall, client CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, Postgres backend CPU ${server.toFixed(1)} s`);
      const plan = await explain(db, classes.find((c) => c.name === 'medium word')!.options[0]!);
      console.log(`EXPLAIN (medium query): GIN index latest_pages_search_idx ${plan.usesIndex ? 'USED' : 'NOT USED'}; execution ${plan.executionMs.toFixed(1)} ms`);
      console.log(plan.text.split('\n').filter((l) => /Index|Scan|Execution/.test(l)).slice(0, 8).join('\n'));
      // The whole plan of the slowest class's slowest-but-one query shape (its first query).
      const slowest = classes.filter((c) => !c.secondPage).sort((a, b) => perClass[b.name]!.p95 - perClass[a.name]!.p95)[0]!;
      const slowPlan = await explain(db, slowest.options[0]!);
      console.log(`\nEXPLAIN (ANALYZE, BUFFERS) of the slowest class (${slowest.name}, ${JSON.stringify(slowest.options[0])}):\n${slowPlan.text}`);
      results.push({ size, loadSeconds, perClass, browse: { p50: percentile(browse, 50), p95: percentile(browse, 95) }, all: { p50: percentile(all, 50), p95: percentile(all, 95) }, wallSeconds: wall, clientCpuSeconds: (cpu.user + cpu.system) / 1e6, serverCpuSeconds: server, usesIndex: plan.usesIndex });
    }
    const out = path.join('bench', 'out', `search-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify({ perClass: PER_CLASS, results }, null, 2));
    console.log(`\nwritten to ${out}`);
  } finally {
    await cleanup();
  }
}

/** Words by document frequency (share of the first archive's articles containing them). */
function buildClasses(df: Map<string, number>, docs: number, hosts: string[], phrases: string[]): QueryClass[] {
  const rand = prng(7);
  const band = (lo: number, hi: number): string[] => {
    const words = [...df].filter(([, n]) => n / docs >= lo && n / docs <= hi).map(([w]) => w).sort();
    const picked: string[] = [];
    for (let i = 0; i < PER_CLASS; i++) picked.push(words[Math.floor(rand() * words.length)]!);
    return picked;
  };
  const rare = band(0.0005, 0.005);
  const medium = band(0.005, 0.03);
  const medium2 = band(0.005, 0.03);
  const broad = band(0.1, 0.3);
  return [
    { name: 'rare word', options: rare.map((q) => ({ q })) },
    { name: 'medium word', options: medium.map((q) => ({ q })) },
    { name: 'broad word', options: broad.map((q) => ({ q })) },
    { name: 'two medium words', options: medium.map((q, i) => ({ q: `${q} ${medium2[i]}` })) },
    { name: 'phrase', options: phrases.slice(0, PER_CLASS).map((q) => ({ q })) },
    { name: 'medium + site', options: medium.map((q, i) => ({ q, site: hosts[i % hosts.length]! })) },
    { name: 'medium + lang fr', options: medium.map((q) => ({ q, lang: 'fr' })) },
    { name: 'medium, page 2', options: medium.map((q) => ({ q })), secondPage: true },
  ];
}

async function explain(db: Database, options: SearchOptions): Promise<{ usesIndex: boolean; executionMs: number; text: string }> {
  const query = searchQuery(options)!;
  const json = await db.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${query.text}`, query.params);
  const plan = JSON.stringify(json.rows[0]!['QUERY PLAN']);
  const text = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${query.text}`, query.params);
  const executionMs = Number(/"Execution Time":\s*([\d.]+)/.exec(plan)?.[1] ?? NaN);
  return { usesIndex: plan.includes('"Index Name":"latest_pages_search_idx"'), executionMs, text: text.rows.map((r) => r['QUERY PLAN']).join('\n') };
}

await main();
