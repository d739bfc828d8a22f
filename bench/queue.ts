/**
 * The queue benchmark: N distinct article pages from a local server through the real queues
 * (Redis), the real database (Postgres) and `vellum worker` child processes, once with 1
 * worker process and once with 2.
 *
 *   npm run bench:queue                      300 URLs, 1 then 2 worker processes
 *   npm run bench:queue -- --urls 500 --workers 1,2,3 --pages synthetic
 *
 * Pages: the real ScrapingHub news pages from shared/bench when present (cycled), else small
 * generated ones (--pages picks).
 *
 * For each run it prints articles/s (submit to last article stored) and where the worker
 * processes' time went. "Pipeline stages" is the time the same pages take through processPage
 * (decode, prefilter, extract, clean, normalize, hash) measured inline in this process first;
 * everything else the workers spent (fetching from the local server, Redis round trips, job
 * bookkeeping, database reads and writes, waiting) is "outside the stages". Worker CPU time
 * comes from /proc, so the split of CPU and of wall time are both shown.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { processPage } from '@vellum/core';
import { submitUrls } from '@vellum/ingest';
import { articlePage, queueEnv, spawnWorker, statusCounts, waitFor, type WorkerProcess } from '../test/queue-harness.ts';
import { startTestServer } from '../test/support/test-server.ts';
import { loadPages } from './lib/dataset.ts';
import { datasetDir, outDir } from './lib/paths.ts';
import { table } from './lib/stats.ts';
import { cpuSeconds } from './lib/proc-cpu.ts';

interface Args {
  urls: number;
  workers: number[];
  /** Extra `vellum worker` flags, e.g. `--concurrency 4`. */
  workerArgs: string[];
  pages: 'real' | 'synthetic';
}

/** The pages served: page i of N is `body(i)`. */
interface PageSet {
  kind: Args['pages'];
  body(i: number): Uint8Array | string;
}

/**
 * `real`: the 181 ScrapingHub news pages (shared/bench), cycled; a repeated page is another
 * URL with the same bytes, stored as its own capture and article. `synthetic`: small generated
 * pages, for machines without the data set.
 */
function pageSet(kind: Args['pages']): PageSet {
  if (kind === 'synthetic') return { kind, body: articlePage };
  const pages = loadPages();
  return { kind, body: (i) => pages[i % pages.length]!.raw };
}

function parseArgs(argv: string[]): Args {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (argv.includes('--help')) {
    console.log('usage: tsx bench/queue.ts [--urls N (default 300)] [--workers 1,2 (worker processes per run)] [--pages real|synthetic] [--worker-args "--concurrency 4"]');
    process.exit(0);
  }
  const urls = Number(get('urls') ?? 300);
  const workers = (get('workers') ?? '1,2').split(',').map(Number);
  if (!Number.isInteger(urls) || urls < 1 || workers.some((w) => !Number.isInteger(w) || w < 1)) {
    throw new Error('--urls and --workers take positive integers');
  }
  const pages = get('pages') ?? (fs.existsSync(path.join(datasetDir(), 'ground-truth.json')) ? 'real' : 'synthetic');
  if (pages !== 'real' && pages !== 'synthetic') throw new Error('--pages takes real or synthetic');
  const workerArgs = get('worker-args')?.split(' ').filter(Boolean) ?? [];
  return { urls, workers, pages, workerArgs };
}

/** Time through the pipeline stages alone, inline, one page after another (warmed up first). */
/** Wall and CPU seconds of the pipeline stages alone, inline, one page after another (warmed up). */
async function stageSeconds(pages: PageSet, n: number): Promise<{ wall: number; cpu: number }> {
  const run = (i: number): void => {
    try {
      processPage(pages.body(i), { url: `http://127.0.0.1/p/${i}`, contentType: 'text/html' });
    } catch {
      // a page with no article costs its stages all the same
    }
  };
  for (let i = 0; i < 20; i++) run(i);
  let wall = 0;
  let cpu = 0;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    run(i);
    const dc = process.cpuUsage(c);
    wall += performance.now() - t;
    cpu += (dc.user + dc.system) / 1000;
    await new Promise((r) => setImmediate(r));
  }
  return { wall: wall / 1000, cpu: cpu / 1000 };
}

async function servePages(pages: PageSet, n: number) {
  const routes: Parameters<typeof startTestServer>[0] = {};
  for (let i = 0; i < n; i++) {
    routes[`/p/${i}`] = (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(pages.body(i));
  }
  const server = await startTestServer(routes);
  return { ...server, urls: Array.from({ length: n }, (_, i) => server.url(`/p/${i}`)) };
}

interface RunResult {
  workers: number;
  urls: number;
  processed: number;
  failed: number;
  seconds: number;
  articlesPerSecond: number;
  workerCpuSeconds: number;
  stageShareOfWall: number;
  stageShareOfCpu: number;
}

async function run(pages: PageSet, n: number, k: number, stageCpu: number, workerArgs: string[]): Promise<RunResult> {
  const q = await queueEnv(`bench${k}`);
  const server = await servePages(pages, n);
  const workers: WorkerProcess[] = [];
  try {
    for (let i = 0; i < k; i++) workers.push(spawnWorker(q.env, workerArgs));
    await Promise.all(workers.map((w) => w.ready));
    const cpuBefore = workers.map((w) => cpuSeconds(w.child.pid!));
    const started = performance.now();
    for (let i = 0; i < n; i += 100) {
      await submitUrls({ db: q.db, queues: q.queues, urls: server.urls.slice(i, i + 100), submittedBy: 'bench', source: 'bench' });
    }
    const counts = await waitFor(
      `${n} submissions finished`,
      async () => {
        const c = await statusCounts(q.db);
        return (c.processed ?? 0) + (c.failed ?? 0) === n ? c : undefined;
      },
      30 * 60_000,
      100,
    );
    const seconds = (performance.now() - started) / 1000;
    const cpu = workers.reduce((sum, w, i) => sum + cpuSeconds(w.child.pid!) - cpuBefore[i]!, 0);
    return {
      workers: k,
      urls: n,
      processed: counts.processed ?? 0,
      failed: counts.failed ?? 0,
      seconds,
      articlesPerSecond: (counts.processed ?? 0) / seconds,
      workerCpuSeconds: cpu,
      stageShareOfWall: stageCpu / (k * seconds),
      stageShareOfCpu: stageCpu / cpu,
    };
  } finally {
    for (const w of workers) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.exited));
    await server.close();
    await q.cleanup();
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const pages = pageSet(args.pages);
  console.log(
    `queue benchmark: ${args.urls} URLs (${args.pages} pages), worker processes ${args.workers.join(' then ')}` +
      `${args.workerArgs.length ? ` (vellum worker ${args.workerArgs.join(' ')})` : ''}, ` +
      `${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}, Node ${process.version}`,
  );
  const stages = await stageSeconds(pages, args.urls);
  console.log(
    `pipeline stages inline: ${stages.cpu.toFixed(2)} CPU s (${stages.wall.toFixed(2)} s wall) for ${args.urls} pages, ` +
      `${((stages.cpu / args.urls) * 1000).toFixed(1)} CPU ms/page`,
  );
  const results: RunResult[] = [];
  for (const k of args.workers) {
    const r = await run(pages, args.urls, k, stages.cpu, args.workerArgs);
    results.push(r);
    console.log(`  ${k} worker process(es): ${r.articlesPerSecond.toFixed(1)} articles/s (${r.processed} processed, ${r.failed} failed)`);
  }
  const pct = (x: number): string => `${(100 * x).toFixed(0)}%`;
  console.log(
    `\n${table(
      ['worker processes', 'URLs', 'failed', 'seconds', 'articles/s', 'worker CPU s', 'outside stages (of wall)', 'outside stages (of CPU)'],
      results.map((r) => [
        String(r.workers),
        String(r.urls),
        String(r.failed),
        r.seconds.toFixed(1),
        r.articlesPerSecond.toFixed(1),
        r.workerCpuSeconds.toFixed(1),
        pct(1 - r.stageShareOfWall),
        pct(1 - r.stageShareOfCpu),
      ]),
    )}`,
  );
  console.log(
    '\n"outside stages (of CPU)": share of the worker processes\' CPU time not spent in the pipeline stages (the stages\'\n' +
      'CPU time measured inline above): fetching, queue and database work in the workers. "(of wall)": the share of\n' +
      'their wall time (processes x seconds), which also counts waiting (on Redis, Postgres, the network, the CPU).',
  );
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, 'queue.json');
  fs.writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), pages: args.pages, loadAverage: os.loadavg(), stages, results }, null, 2)}\n`);
  console.log(`\nwritten to ${path.relative(process.cwd(), file)}`);
}

await main();
