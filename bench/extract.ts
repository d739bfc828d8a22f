/**
 * The extraction benchmark: plain Readability+jsdom against Vellum's process stage on the
 * ScrapingHub set, each mode in its own child process (so peak RSS is per mode), scored with the
 * benchmark's own metric.
 *
 *   npm run bench:extract                  the set once per mode, scored, with the speed ratio
 *   npm run bench:speed                    the set twice per mode, plus Vellum on 2 worker threads
 *   npm run bench:memory                   Vellum over 10,000 pages (cycling), RSS every 1,000
 *
 * Options: --modes a,b  --passes N  --pages N  --rss-every N  --threads N (extra pooled run of
 * vellum)  --baseline MODE (for the ratio; default readability)  --repeat N (alternating runs,
 * median reported)  --cpu LIST (pin single-thread runs with taskset). See bench/README.md.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadGroundTruth } from './lib/dataset.ts';
import { MODE_NAMES } from './lib/modes.ts';
import { benchDir, outDir, repoRoot } from './lib/paths.ts';
import { toRunArgs, type RunOptions, type RunResult } from './lib/run-options.ts';
import { mb, table } from './lib/stats.ts';

interface Args {
  modes: string[];
  passes: number;
  pages?: number;
  rssEvery: number;
  threads: number;
  baseline: string;
  repeat: number;
  cpu?: string;
  heapMb?: number;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (argv.includes('--help')) {
    console.log(
      'usage: tsx bench/extract.ts [--modes readability,vellum] [--passes N | --pages N] [--rss-every N]\n' +
        '         [--threads N] [--baseline MODE] [--repeat N] [--cpu LIST] [--heap-mb N]',
    );
    console.log(`modes: ${MODE_NAMES.join(', ')}`);
    console.log('--repeat N runs every mode N times, alternating, and reports the median run (load on a shared');
    console.log('machine drifts); --cpu LIST pins single-thread runs to those CPUs with taskset (e.g. --cpu 1);');
    console.log('--heap-mb N caps the V8 old space of the Vellum runs as a process worker would run (not the baseline).');
    process.exit(0);
  }
  const modes = (get('modes') ?? 'readability,vellum').split(',').filter(Boolean);
  for (const m of modes) if (!MODE_NAMES.includes(m as never)) throw new Error(`unknown mode ${m}: use ${MODE_NAMES.join(', ')}`);
  const pages = get('pages');
  return {
    modes,
    passes: Number(get('passes') ?? 1),
    pages: pages === undefined ? undefined : Number(pages),
    rssEvery: Number(get('rss-every') ?? 0),
    threads: Number(get('threads') ?? 1),
    baseline: get('baseline') ?? 'readability',
    repeat: Math.max(1, Number(get('repeat') ?? 1)),
    cpu: get('cpu'),
    heapMb: get('heap-mb') === undefined ? undefined : Number(get('heap-mb')),
  };
}

function runChild(o: RunOptions, cpu: string | undefined): Promise<RunResult> {
  const script = path.join(repoRoot, 'bench', 'run-mode.ts');
  const heap = o.heapMb === undefined ? [] : [`--max-old-space-size=${o.heapMb}`];
  const node = [process.execPath, ...heap, '--import', 'tsx', script, ...toRunArgs(o)];
  const command = cpu !== undefined && o.threads === 1 ? ['taskset', '-c', cpu, ...node] : node;
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), {
      cwd: repoRoot,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code !== 0) return reject(new Error(`mode ${o.mode} exited with ${signal ?? code}`));
      resolve(JSON.parse(fs.readFileSync(o.resultFile, 'utf8')) as RunResult);
    });
  });
}

type Scores = { f1: number; precision: number; recall: number; accuracy: number };

async function score(predictions: RunResult['predictions']): Promise<Scores> {
  const metric = (await import(pathToFileURL(path.join(benchDir(), 'metric.mjs')).href)) as {
    evaluate: (truth: unknown, pred: unknown, nBootstrap: number) => Scores;
  };
  return metric.evaluate(loadGroundTruth(), predictions, 1);
}

function label(r: RunResult): string {
  return r.threads > 1 ? `${r.mode} (${r.threads} threads)` : r.mode;
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  fs.mkdirSync(outDir, { recursive: true });
  const setSize = Object.keys(loadGroundTruth()).length;
  const pages = a.pages ?? setSize * a.passes;
  console.log(`benchmark: ${benchDir()} (${setSize} pages), ${pages} pages per run`);
  console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, ${new Date().toISOString()}`);
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (other work on the machine slows pages/s)`);
  // The heap cap is how a process worker runs; the baseline keeps V8's defaults.
  const heapMb = (mode: string) => (mode.startsWith('vellum') ? a.heapMb : undefined);
  if (a.heapMb !== undefined) console.log(`Vellum runs: V8 old space capped at ${a.heapMb} MB (--max-old-space-size)`);
  const runs: Array<RunOptions> = a.modes.map((mode) => ({
    mode,
    pages,
    rssEvery: a.rssEvery,
    threads: 1,
    resultFile: path.join(outDir, `${mode}.result.json`),
    heapMb: heapMb(mode),
  }));
  if (a.threads > 1) {
    runs.push({
      mode: 'vellum',
      pages,
      rssEvery: a.rssEvery,
      threads: a.threads,
      resultFile: path.join(outDir, `vellum-${a.threads}t.result.json`),
      heapMb: heapMb('vellum'),
    });
  }
  const rows: string[][] = [];
  const results: RunResult[] = [];
  const byRun: RunResult[][] = runs.map(() => []);
  for (let round = 1; round <= a.repeat; round++) {
    for (const [i, run] of runs.entries()) {
      const what = `${run.mode}${run.threads > 1 ? ` on ${run.threads} threads` : ''}`;
      console.log(`running ${what}${a.repeat > 1 ? ` (round ${round} of ${a.repeat})` : ''} ...`);
      const r = await runChild(run, a.cpu);
      const passes = r.laterPassesPagesPerSec === undefined ? '' : ` (first pass ${r.firstPassPagesPerSec!.toFixed(1)}, later passes ${r.laterPassesPagesPerSec.toFixed(1)})`;
      console.log(`  ${r.pagesPerSec.toFixed(1)} pages/s${passes}, ${r.pagesPerCpuSec.toFixed(1)} pages/CPU-s, peak RSS ${mb(r.peakRss)}`);
      console.log(`  (loading the mode before the first page: ${r.setupCpuMs.toFixed(0)} ms CPU, ${r.setupWallMs.toFixed(0)} ms wall, not counted above)`);
      byRun[i]!.push(r);
    }
  }
  for (const [i, run] of runs.entries()) {
    const all = byRun[i]!;
    // The median run by pages/s stands for the mode; outputs must agree across all runs.
    const r = [...all].sort((x, y) => x.pagesPerSec - y.pagesPerSec)[Math.floor((all.length - 1) / 2)]!;
    const first = all[0]!;
    const differing = new Set(all.flatMap((x) => x.nondeterministic));
    for (const other of all.slice(1)) {
      for (const [id, p] of Object.entries(other.predictions)) if (first.predictions[id]?.articleBody !== p.articleBody) differing.add(id);
    }
    r.nondeterministic = [...differing];
    r.peakRss = Math.max(...all.map((x) => x.peakRss));
    results.push(r);
    const predFile = path.join(outDir, `${path.basename(run.resultFile, '.result.json')}.json`);
    fs.writeFileSync(predFile, JSON.stringify(first.predictions, null, 1));
    // A run shorter than the set covers only some pages: it is timed but not scored.
    const s = Object.keys(first.predictions).length === first.setSize ? await score(first.predictions) : null;
    const fmt = (v: number | undefined) => (v === undefined ? '-' : v.toFixed(3));
    const spread = all.length > 1 ? ` (${Math.min(...all.map((x) => x.pagesPerSec)).toFixed(1)}-${Math.max(...all.map((x) => x.pagesPerSec)).toFixed(1)})` : '';
    rows.push([
      label(r),
      `${r.pagesPerSec.toFixed(1)}${spread}`,
      r.pagesPerCpuSec.toFixed(1),
      r.medianMs.toFixed(0),
      r.p95Ms.toFixed(0),
      mb(r.peakRss),
      fmt(s?.f1),
      fmt(s?.precision),
      fmt(s?.recall),
      String(r.errors.length),
      String(r.nondeterministic.length),
    ]);
    for (const e of r.errors) console.log(`  ${r.mode}: page ${e.id} threw (counted as empty): ${e.message.slice(0, 160)}`);
    if (r.nondeterministic.length) console.log(`  ${r.mode}: NONDETERMINISTIC output on ${r.nondeterministic.join(', ')}`);
    console.log(`  predictions: ${path.relative(repoRoot, predFile)}`);
  }
  console.log();
  if (a.cpu !== undefined) console.log(`single-thread runs pinned to CPU ${a.cpu}`);
  console.log(table(['mode', 'pages/s', 'pages/CPU-s', 'median ms', 'p95 ms', 'peak RSS', 'F1', 'precision', 'recall', 'threw', 'nondet.'], rows));
  const base = results.find((r) => r.mode === a.baseline && r.threads === 1);
  if (base) {
    for (const r of results) {
      if (r === base) continue;
      const wall = (r.pagesPerSec / base.pagesPerSec).toFixed(2);
      const cpu = (r.pagesPerCpuSec / base.pagesPerCpuSec).toFixed(2);
      console.log(`speed ratio ${label(r)} / ${a.baseline}: ${wall}x pages/s, ${cpu}x pages/CPU-s`);
      if (r.laterPassesPagesPerSec !== undefined && base.laterPassesPagesPerSec !== undefined) {
        const first = (r.firstPassPagesPerSec! / base.firstPassPagesPerSec!).toFixed(2);
        const later = (r.laterPassesPagesPerSec / base.laterPassesPagesPerSec).toFixed(2);
        console.log(`  first pass ${first}x, later passes ${later}x (pages/s of the median runs)`);
      }
    }
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
