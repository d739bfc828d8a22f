/** Options of one benchmark child run (one mode in its own process, so RSS is per mode). */
export interface RunOptions {
  mode: string;
  /** Pages to process in total, cycling through the set; default: the set once. */
  pages?: number;
  /** Print RSS every this many pages (0: never). */
  rssEvery: number;
  /** Worker threads running the mode; 1 runs it on the process's main thread. */
  threads: number;
  /** Where the child writes its RunResult JSON. */
  resultFile: string;
  /** V8 old-space cap in MB for the run (process and worker threads); default: V8's own. */
  heapMb?: number;
}

export interface PageError {
  id: string;
  message: string;
}

export interface RunResult {
  mode: string;
  threads: number;
  pages: number;
  setSize: number;
  wallMs: number;
  pagesPerSec: number;
  /** With more than one pass: pages/s over the first pass, and over the passes after it. */
  firstPassPagesPerSec?: number;
  laterPassesPagesPerSec?: number;
  /** Process CPU time (user + system, all threads) over the pages, from the first page on. */
  cpuMs: number;
  /**
   * CPU and wall time of loading the mode before the first page (its modules; the pool's threads
   * starting): paid once per process, so not in `cpuMs` or `wallMs`.
   */
  setupCpuMs: number;
  setupWallMs: number;
  /** Pages per CPU-second: less sensitive than pages/s to other load on the machine. */
  pagesPerCpuSec: number;
  medianMs: number;
  p95Ms: number;
  /** process.resourceUsage().maxRSS: the process's true peak, in bytes. */
  peakRss: number;
  /** RSS after loading the pages and the mode, before the first page is processed. */
  startRss: number;
  checkpoints: Array<{ pages: number; rss: number; heapUsed: number; elapsedMs: number }>;
  errors: PageError[];
  /** Pages whose output in a later pass differed from the first pass (must be 0). */
  nondeterministic: string[];
  /** First-pass output per page id. */
  predictions: Record<string, { articleBody: string }>;
}

export function parseRunArgs(argv: string[]): RunOptions {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const mode = get('mode');
  const resultFile = get('result');
  if (!mode || !resultFile) throw new Error('run-mode needs --mode NAME --result FILE');
  const pages = get('pages');
  return {
    mode,
    pages: pages === undefined ? undefined : Number(pages),
    rssEvery: Number(get('rss-every') ?? 0),
    threads: Number(get('threads') ?? 1),
    resultFile,
    heapMb: get('heap-mb') === undefined ? undefined : Number(get('heap-mb')),
  };
}

export function toRunArgs(o: RunOptions): string[] {
  const args = ['--mode', o.mode, '--result', o.resultFile, '--rss-every', String(o.rssEvery), '--threads', String(o.threads)];
  if (o.pages !== undefined) args.push('--pages', String(o.pages));
  if (o.heapMb !== undefined) args.push('--heap-mb', String(o.heapMb));
  return args;
}
