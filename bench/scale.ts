/**
 * `npm run bench:scale`: does storing one more article stay as cheap when the archive is ten
 * times larger? Ingests a synthetic corpus (bench/scale-corpus.ts) until the archive holds
 * 100,000 articles and measures the per-article cost of the dedup lookups and the store there
 * and in an archive of 10,000 (built the same way), storing 1,000 more articles into each in
 * alternating blocks so that other load on the machine weighs on both alike. Target: ratio <= 1.2.
 *
 * Per article, timed separately:
 *  - exact:   the work of its content hash (its exact duplicates: `works` / `work_captures`);
 *  - version: the latest version at its canonical URL (views of migration 003);
 *  - store:   capture (raw body, content-addressed) + article + events, and the commit;
 *  - near:    fingerprint, LSH band insert, candidate lookup, scoring and links (same transaction).
 * The archives are filled through the same code, 100 articles per transaction.
 *
 * Options: --target N (default 100000), --first N (default 10000), --window N (default 1000),
 * --pglite (in-memory PGlite instead of Postgres at DATABASE_URL or 127.0.0.1), --keep (keep the
 * schema). Figures are printed and written to bench/out/scale-<time>.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { canonicalizeUrl, contentHash, nearDuplicateScheme, pipelineVersions, sha256Hex } from '@vellum/core';
import {
  getWork,
  indexArticle,
  insertCapture,
  latestArticleVersion,
  migrate,
  openDatabase,
  storeArticle,
  type Database,
  type Queryable,
} from '@vellum/db';
import { syntheticCorpus, type SyntheticArticle } from './scale-corpus.ts';

const { values: args } = parseArgs({
  options: {
    target: { type: 'string', default: '100000' },
    first: { type: 'string', default: '10000' },
    window: { type: 'string', default: '1000' },
    pglite: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const TARGET = Number(args.target);
const FIRST = Number(args.first);
const WINDOW = Number(args.window);
const VERSIONS = pipelineVersions({});

interface Timing {
  exact: number;
  version: number;
  store: number;
  near: number;
  total: number;
}

const encoder = new TextEncoder();

function bodyOf(a: SyntheticArticle): Uint8Array {
  const paragraphs = a.text.split('\n\n').map((p) => `<p>${p}</p>`).join('\n');
  return encoder.encode(`<!DOCTYPE html><html><head><title>${a.seq}</title></head><body><article>\n${paragraphs}\n</article></body></html>`);
}

/** The dedup lookups and the store of one article, each phase timed. */
async function ingestOne(db: Database, q: Queryable, a: SyntheticArticle, inTransaction: boolean): Promise<Timing> {
  const canonicalUrl = canonicalizeUrl(a.url);
  const hash = contentHash(a.text);
  const body = bodyOf(a);
  const t0 = performance.now();
  await getWork(q, hash);
  const t1 = performance.now();
  await latestArticleVersion(q, canonicalUrl);
  const t2 = performance.now();
  let t3 = 0;
  let t4 = 0;
  const store = async (tx: Queryable): Promise<void> => {
    const capture = await insertCapture(tx, {
      requestedUrl: a.url,
      finalUrl: a.url,
      httpStatus: 200,
      body,
      contentType: 'text/html; charset=utf-8',
      fetcherVersion: 'bench-scale',
      outcome: 'ok',
      actor: 'bench',
    });
    const article = await storeArticle(tx, {
      captureId: capture.id,
      url: a.url,
      canonicalUrl,
      title: `Article ${a.seq}`,
      text: a.text,
      contentHash: hash,
      rawSha256: sha256Hex(body),
      versions: VERSIONS,
      pipelineVersion: VERSIONS.pipeline,
      actor: 'bench',
    });
    t3 = performance.now();
    await indexArticle(tx, { id: article.id, captureId: capture.id, contentHash: hash, text: a.text }, nearDuplicateScheme, { actor: 'bench' });
    t4 = performance.now();
  };
  if (inTransaction) await store(q);
  else await db.transaction(store);
  const t5 = performance.now();
  // The commit belongs to the store.
  return { exact: t1 - t0, version: t2 - t1, store: t3 - t2 + (t5 - t4), near: t4 - t3, total: t5 - t0 };
}

/**
 * Ingests articles until the archive holds `until`, in batches of 100 per transaction, on
 * `lanes` connections at once (Postgres) so the fill does not take all day.
 */
async function fill(db: Database, corpus: Iterator<SyntheticArticle>, until: number, lanes: number): Promise<void> {
  const started = performance.now();
  let next = 0;
  let done = 0;
  const lane = async (): Promise<void> => {
    while (next < until) {
      const batch = Math.min(100, until - next);
      next += batch;
      const articles = Array.from({ length: batch }, () => corpus.next().value as SyntheticArticle);
      await db.transaction(async (tx) => {
        for (const a of articles) await ingestOne(db, tx, a, true);
      });
      done += batch;
      if (done % 10_000 === 0 || done === until) {
        const rate = done / ((performance.now() - started) / 1000);
        process.stderr.write(`  ${db.schema}: ${done.toLocaleString('en')} articles stored (${rate.toFixed(0)}/s)\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
}

interface WindowFigures {
  archiveSize: number;
  articles: number;
  mean: Timing;
  p50: number;
  p95: number;
}

interface Archive {
  db: Database;
  corpus: Iterator<SyntheticArticle>;
  size: number;
  timings: Timing[];
}

/**
 * Ingests `count` more articles into each archive, one transaction each (as the process step
 * does), timing each. Blocks of 50 alternate between the archives, so whatever else the machine
 * is doing weighs on both measurements alike.
 */
async function measureInterleaved(archives: Archive[], count: number): Promise<WindowFigures[]> {
  for (const a of archives) await a.db.exec('ANALYZE');
  for (let done = 0; done < count; done += 50) {
    for (const a of archives) {
      for (let i = 0; i < Math.min(50, count - done); i++) {
        a.timings.push(await ingestOne(a.db, a.db, a.corpus.next().value as SyntheticArticle, false));
      }
    }
  }
  return archives.map((a) => {
    const mean = (k: keyof Timing) => a.timings.reduce((s, t) => s + t[k], 0) / a.timings.length;
    const totals = a.timings.map((t) => t.total).sort((x, y) => x - y);
    return {
      archiveSize: a.size,
      articles: a.timings.length,
      mean: { exact: mean('exact'), version: mean('version'), store: mean('store'), near: mean('near'), total: mean('total') },
      p50: totals[Math.floor(totals.length * 0.5)]!,
      p95: totals[Math.floor(totals.length * 0.95)]!,
    };
  });
}

async function open(name: string): Promise<Database> {
  if (args.pglite) return openDatabase({ schema: name });
  const schema = `${name}_${Date.now().toString(36)}`;
  return openDatabase({ connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', schema });
}

async function main(): Promise<void> {
  if (!(WINDOW > 0 && TARGET > FIRST)) throw new Error('need --window > 0 and --target > --first');
  // Two archives, one filled to --first and one to --target, measured side by side.
  const small = await open('bench_scale_small');
  const large = await open('bench_scale_large');
  const started = performance.now();
  // Interrupted: drop the half-built schemas rather than leave them behind.
  process.once('SIGINT', () => {
    void Promise.allSettled([small, large].map((db) => (db.kind === 'postgres' && !args.keep ? db.exec(`DROP SCHEMA "${db.schema}" CASCADE`) : null))).then(() => process.exit(130));
  });
  process.stderr.write(`bench:scale on ${small.kind}: archives of ${FIRST.toLocaleString('en')} and ${TARGET.toLocaleString('en')} articles, ${WINDOW} measured in each\n`);
  try {
    const archives: Archive[] = [];
    for (const [db, size] of [[small, FIRST], [large, TARGET]] as const) {
      await migrate(db);
      const corpus = syntheticCorpus();
      await fill(db, corpus, size, db.kind === 'postgres' ? 2 : 1);
      archives.push({ db, corpus, size, timings: [] });
    }
    const windows = await measureInterleaved(archives, WINDOW);
    const counts = await large.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM works) AS works,
              (SELECT count(*) FROM article_links) AS links, (SELECT count(*) FROM article_lsh_bands) AS band_rows`,
    );
    report(windows, counts.rows[0]!, (performance.now() - started) / 1000, small.kind);
  } finally {
    for (const db of [small, large]) {
      if (!args.keep && db.kind === 'postgres') await db.exec(`DROP SCHEMA "${db.schema}" CASCADE`);
      await db.close();
    }
  }
}

function report(windows: WindowFigures[], counts: Record<string, string>, seconds: number, kind: string): void {
  const f = (x: number) => x.toFixed(3).padStart(8);
  const lines = [
    '',
    `per-article cost (ms, mean over ${windows[0]!.articles} articles stored into an archive of that size)`,
    `${'archive'.padStart(9)} ${'exact'.padStart(8)} ${'version'.padStart(8)} ${'store'.padStart(8)} ${'near'.padStart(8)} ${'total'.padStart(8)} ${'p50'.padStart(8)} ${'p95'.padStart(8)}`,
    ...windows.map((w) => `${w.archiveSize.toLocaleString('en').padStart(9)} ${f(w.mean.exact)} ${f(w.mean.version)} ${f(w.mean.store)} ${f(w.mean.near)} ${f(w.mean.total)} ${f(w.p50)} ${f(w.p95)}`),
  ];
  const [small, large] = windows;
  const ratio = large!.mean.total / small!.mean.total;
  lines.push(
    '',
    `ratio ${large!.archiveSize.toLocaleString('en')} / ${small!.archiveSize.toLocaleString('en')}: total ${ratio.toFixed(2)} (target <= 1.2: ${ratio <= 1.2 ? 'met' : 'NOT met'}), p50 ${(large!.p50 / small!.p50).toFixed(2)}`,
    `large archive: ${counts.articles} articles, ${counts.works} works, ${counts.links} near-duplicate links, ${counts.band_rows} band rows; ${seconds.toFixed(0)} s in all on ${kind}`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
  const out = path.join(path.dirname(new URL(import.meta.url).pathname), 'out');
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, `scale-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify({ kind, windows, ratio, counts, seconds }, null, 2)}\n`);
  process.stdout.write(`figures written to ${path.relative(process.cwd(), file)}\n`);
}

await main();
