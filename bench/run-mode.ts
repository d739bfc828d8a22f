/**
 * Child process of the benchmark: runs one mode over the pages and writes a RunResult file.
 *   node --import tsx bench/run-mode.ts --mode vellum --result out/vellum.result.json
 *     [--pages N] [--rss-every N] [--threads N]
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setImmediate as turn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { loadPages, type BenchPage } from './lib/dataset.ts';
import { createMode, type ModeName, type RunPage } from './lib/modes.ts';
import { parseRunArgs, type PageError, type RunOptions, type RunResult } from './lib/run-options.ts';
import type { PoolReply, PoolTask } from './lib/pool-worker.ts';
import { mb, median, percentile } from './lib/stats.ts';

interface Outcome {
  text: string;
  ms: number;
  error?: string;
}

/** Collects per-page outcomes in page order and the memory checkpoints. */
class Recorder {
  readonly times: number[] = [];
  readonly errors: PageError[] = [];
  readonly nondeterministic = new Set<string>();
  readonly predictions: Record<string, { articleBody: string }> = {};
  readonly checkpoints: RunResult['checkpoints'] = [];
  /** When the last page of the first pass over the set was recorded. */
  firstPassEnd: number | undefined;
  private done = 0;
  constructor(
    private readonly pages: BenchPage[],
    private readonly rssEvery: number,
    private readonly started: number,
  ) {}

  record(i: number, o: Outcome): void {
    const page = this.pages[i % this.pages.length]!;
    this.times.push(o.ms);
    if (o.error !== undefined && i < this.pages.length) this.errors.push({ id: page.id, message: o.error.split('\n')[0]! });
    const first = this.predictions[page.id];
    if (first === undefined) this.predictions[page.id] = { articleBody: o.text };
    else if (first.articleBody !== o.text) this.nondeterministic.add(page.id);
    this.done++;
    if (this.done === this.pages.length) this.firstPassEnd = performance.now();
    if (this.rssEvery > 0 && this.done % this.rssEvery === 0) {
      const m = process.memoryUsage();
      const elapsedMs = performance.now() - this.started;
      this.checkpoints.push({ pages: this.done, rss: m.rss, heapUsed: m.heapUsed, elapsedMs });
      console.log(
        `  [${this.done} pages] rss ${mb(m.rss)}, heap ${mb(m.heapUsed)}, ${((this.done / elapsedMs) * 1000).toFixed(1)} pages/s`,
      );
    }
  }
}

async function runInline(run: RunPage, pages: BenchPage[], total: number, rec: Recorder): Promise<void> {
  for (let i = 0; i < total; i++) {
    const page = pages[i % pages.length]!;
    const t0 = performance.now();
    let text = '';
    let error: string | undefined;
    try {
      text = run(page.raw, page.url);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    rec.record(i, { text, ms: performance.now() - t0, error });
    // Let the event loop turn: jsdom frees a closed window's memory only then.
    await turn();
  }
}

/** Worker threads that have loaded the mode, ready for pages. */
async function startPool(o: RunOptions): Promise<Worker[]> {
  const workers = Array.from(
    { length: o.threads },
    () => new Worker(new URL('./lib/pool-worker-entry.mjs', import.meta.url), {
        workerData: { mode: o.mode },
        resourceLimits: o.heapMb === undefined ? undefined : { maxOldGenerationSizeMb: o.heapMb },
      }),
  );
  await Promise.all(workers.map((w) => new Promise((resolve, reject) => w.once('message', resolve).once('error', reject))));
  return workers;
}

/** Pages through the pool; two tasks in flight per worker hide the messaging latency. */
async function runPool(workers: Worker[], pages: BenchPage[], total: number, rec: Recorder): Promise<void> {
  let next = 0;
  // Replies arrive out of order; record them in page order so predictions are the first pass.
  const pending = new Map<number, Outcome>();
  let recorded = 0;
  await new Promise<void>((resolve, reject) => {
    const send = (w: Worker) => {
      if (next >= total) return;
      const page = pages[next % pages.length]!;
      const task: PoolTask = { i: next++, raw: page.raw, url: page.url };
      w.postMessage(task);
    };
    for (const w of workers) {
      w.on('error', reject);
      w.on('message', (r: PoolReply) => {
        pending.set(r.i, r);
        while (pending.has(recorded)) {
          rec.record(recorded, pending.get(recorded)!);
          pending.delete(recorded++);
        }
        if (recorded === total) resolve();
        else send(w);
      });
      send(w);
      send(w);
    }
  });
  await Promise.all(workers.map((w) => w.terminate()));
}

/**
 * The first pass pays for V8 compiling everything (the first pages cost several times what
 * they cost later); later passes are what a long-running worker sees.
 */
function passRates(total: number, setSize: number, started: number, firstPassEnd: number | undefined, ended: number) {
  if (firstPassEnd === undefined || total <= setSize) return {};
  return {
    firstPassPagesPerSec: (setSize / (firstPassEnd - started)) * 1000,
    laterPassesPagesPerSec: ((total - setSize) / (ended - firstPassEnd)) * 1000,
  };
}

async function main(): Promise<void> {
  const o = parseRunArgs(process.argv.slice(2));
  const pages = loadPages();
  const total = o.pages ?? pages.length;
  // Loading the mode's modules (or starting the pool's threads, which load them) is a one-off
  // cost of a process, not of a page: it is timed apart. The baseline's and Vellum's alike.
  const setupStarted = performance.now();
  const setupCpuStart = process.cpuUsage();
  const workers = o.threads > 1 ? await startPool(o) : null;
  const run = workers === null ? await createMode(o.mode as ModeName) : null;
  const setupCpu = process.cpuUsage(setupCpuStart);
  const setupWallMs = performance.now() - setupStarted;
  const startRss = process.memoryUsage().rss;
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const rec = new Recorder(pages, o.rssEvery, started);
  if (workers !== null) await runPool(workers, pages, total, rec);
  else await runInline(run!, pages, total, rec);
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const sorted = [...rec.times].sort((a, b) => a - b);
  const result: RunResult = {
    mode: o.mode,
    threads: o.threads,
    pages: total,
    setSize: pages.length,
    wallMs,
    pagesPerSec: (total / wallMs) * 1000,
    ...passRates(total, pages.length, started, rec.firstPassEnd, started + wallMs),
    cpuMs,
    pagesPerCpuSec: (total / cpuMs) * 1000,
    setupCpuMs: (setupCpu.user + setupCpu.system) / 1000,
    setupWallMs,
    medianMs: median(sorted),
    p95Ms: percentile(sorted, 95),
    peakRss: process.resourceUsage().maxRSS * 1024,
    startRss,
    checkpoints: rec.checkpoints,
    errors: rec.errors,
    nondeterministic: [...rec.nondeterministic],
    predictions: rec.predictions,
  };
  fs.writeFileSync(o.resultFile, JSON.stringify(result));
}

await main();
