/**
 * Runs the pipeline (processPage) with a time budget, off the main thread. A hostile page can
 * hold the CPU for minutes (issue 19: deeply nested markup); on the main thread that blocks the
 * event loop, so BullMQ stops renewing the job's lock, the job is handed to another worker as
 * stalled and blocks it too. Here each page runs in a long-lived worker thread: the main thread
 * stays free (locks renewed, shutdown heard), and a page past the budget is cut off by
 * terminating its thread (the only way to stop synchronous JavaScript); it fails permanently
 * with `process-timeout`, and a fresh thread takes the next page.
 *
 * One thread per page run at once (`threads`), kept between pages (a thread costs ~40 MB and
 * ~0.5 s to start, so one per job would be wasteful); each with a capped V8 heap.
 */
import { Worker } from 'node:worker_threads';
import {
  InvalidInputError,
  NotAnArticleError,
  PermanentError,
  TransientError,
  type PipelineResult,
  type ProcessPageOptions,
  type RemovalLayout,
  type StoredRemovals,
} from '@vellum/core';
import type { PageReply, PageTask, SerializedError } from './messages.ts';
import { PIPELINE_RUNNER_DEFAULTS } from '../defaults.ts';

/** Default budget of one page in the pipeline. The slowest benchmark page takes ~0.7 s cold. */
export const DEFAULT_PROCESS_TIMEOUT_MS = PIPELINE_RUNNER_DEFAULTS.timeoutMs;

/** The page took longer than the process step's budget: it would take as long next time. */
export class ProcessTimeoutError extends PermanentError<'process-timeout'> {
  constructor(timeoutMs: number) {
    super('process-timeout', `the pipeline took longer than ${timeoutMs} ms on this page (the process step's time budget); refused`);
  }
}

/** The pipeline thread died on this page (e.g. its heap limit). */
export class ProcessCrashedError extends PermanentError<'process-crashed'> {
  constructor(detail: string) {
    super('process-crashed', `the pipeline thread died on this page: ${detail}`);
  }
}

export interface PipelineRunner {
  /** processPage(raw, options), within the budget. Rejects as processPage throws, or ProcessTimeoutError. */
  run(raw: Uint8Array, options: ProcessPageOptions): Promise<PipelineResult>;
  /**
   * core's layoutRemovals(raw, options, stored) in a thread, within the same budget (the web UI
   * reruns the text stages to place an article's removals: a hostile page must not block the API).
   */
  layout(raw: Uint8Array, options: ProcessPageOptions, stored: StoredRemovals): Promise<RemovalLayout>;
  /** Ends the threads. Pages in flight are rejected. */
  close(): Promise<void>;
}

export interface PipelineRunnerOptions {
  /**
   * Longest a page may take in the pipeline, in ms (DEFAULT_PROCESS_TIMEOUT_MS).
   * @defaultValue 30_000
   */
  timeoutMs?: number;
  /**
   * Pages run at once, one thread each.
   * @defaultValue 1
   */
  threads?: number;
  /**
   * V8 old-space cap of each thread, in MB (what the benchmarks run with).
   * @defaultValue 256
   */
  heapMb?: number;
  /**
   * The module each thread runs: pipeline-thread.ts, or a bundle of it. The default registers
   * tsx in the thread and loads the TypeScript sources; a compiled program passes its bundle
   * instead (the `vellum` build passes dist/pipeline-thread.js), which saves the thread tsx and
   * the source transforms (~30 MB and ~1.5 s of CPU per thread start).
   * @defaultValue `DEFAULT_PIPELINE_THREAD_ENTRY`
   */
  threadEntry?: URL;
}

/** The sources' thread entry: worker threads do not inherit the tsx loader, so it registers it. */
export const DEFAULT_PIPELINE_THREAD_ENTRY = new URL('./pipeline-thread-entry.mjs', import.meta.url);

export function createPipelineRunner(options: PipelineRunnerOptions = {}): PipelineRunner {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROCESS_TIMEOUT_MS;
  const threads = options.threads ?? PIPELINE_RUNNER_DEFAULTS.threads;
  const heapMb = options.heapMb ?? PIPELINE_RUNNER_DEFAULTS.heapMb;
  const entry = options.threadEntry ?? DEFAULT_PIPELINE_THREAD_ENTRY;
  if (!(timeoutMs > 0)) throw new RangeError(`timeoutMs must be positive, got ${timeoutMs}`);
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be a positive integer, got ${threads}`);
  const idle: Slot[] = Array.from({ length: threads }, () => new Slot(entry, heapMb));
  const all = [...idle];
  const waiting: Array<(slot: Slot) => void> = [];
  let closed = false;
  // Threads start now, so loading the pipeline in them overlaps the caller's own start-up.
  for (const slot of all) slot.warm();

  const acquire = (): Promise<Slot> => {
    const slot = idle.pop();
    return slot ? Promise.resolve(slot) : new Promise((resolve) => waiting.push(resolve));
  };
  const release = (slot: Slot): void => {
    const next = waiting.shift();
    if (next) next(slot);
    else idle.push(slot);
  };

  const runTask = async (task: PageTask): Promise<PipelineResult | RemovalLayout> => {
    if (closed) throw new Error('the pipeline runner is closed');
    const slot = await acquire();
    try {
      return await slot.run(task, timeoutMs);
    } finally {
      release(slot);
    }
  };

  return {
    async run(raw, pageOptions) {
      return (await runTask({ raw, options: pageOptions })) as PipelineResult;
    },
    async layout(raw, pageOptions, stored) {
      return (await runTask({ raw, options: pageOptions, layout: stored })) as RemovalLayout;
    },
    async close() {
      closed = true;
      await Promise.all(all.map((slot) => slot.shutdown()));
    },
  };
}

/** One thread, started on first use and again after it was terminated or died. */
class Slot {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private pending: { resolve(result: PipelineResult | RemovalLayout): void; reject(error: Error): void } | null = null;
  private closed = false;

  constructor(
    private readonly entry: URL,
    private readonly heapMb: number,
  ) {}

  async run(task: PageTask, timeoutMs: number): Promise<PipelineResult | RemovalLayout> {
    const worker = await this.start();
    return new Promise<PipelineResult | RemovalLayout>((resolve, reject) => {
      // Only a page in flight keeps the process alive; an idle thread does not.
      worker.ref();
      const timer = setTimeout(() => {
        this.pending = null;
        // The replacement starts at once, ready for the next page.
        void this.stop().then(() => this.warm());
        reject(new ProcessTimeoutError(timeoutMs));
      }, timeoutMs);
      const settle = (): void => {
        clearTimeout(timer);
        this.pending = null;
        worker.unref();
      };
      this.pending = {
        resolve: (result) => {
          settle();
          resolve(result);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      };
      worker.postMessage(task);
    });
  }

  /** Starts the thread if it is not running; a failure to start is reported to the next run. */
  warm(): void {
    if (!this.closed) this.start().catch(() => {});
  }

  /** Stops the thread for good (the runner is closing). */
  shutdown(): Promise<void> {
    this.closed = true;
    return this.stop();
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.ready = null;
    this.pending?.reject(new Error('the pipeline runner was closed'));
    if (worker) await worker.terminate();
  }

  private start(): Promise<Worker> {
    if (this.worker && this.ready) {
      const worker = this.worker;
      return this.ready.then(() => worker);
    }
    const worker = new Worker(this.entry, { resourceLimits: { maxOldGenerationSizeMb: this.heapMb } });
    worker.unref();
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      let started = false;
      worker.on('message', (message: 'ready' | PageReply) => {
        if (message === 'ready') {
          started = true;
          resolve();
        } else if (this.worker !== worker) {
          // A thread already given up (timed out): its late answer is for nobody.
        } else if (message.ok) {
          this.pending?.resolve(message.result);
        } else {
          this.pending?.reject(deserialize(message.error));
        }
      });
      const died = (detail: string): void => {
        if (!started) reject(new Error(`the pipeline thread did not start: ${detail}`));
        // A thread already given up (timed out, stopped) ends as expected; the slot has moved on.
        if (this.worker !== worker) return;
        this.worker = null;
        this.ready = null;
        this.pending?.reject(new ProcessCrashedError(detail));
      };
      worker.on('error', (error) => died(error.message));
      worker.on('exit', (code) => died(`exited with code ${code}`));
    });
    return this.ready.then(() => worker);
  }
}

/** The error processPage threw in the thread, as the same class where it matters to callers. */
function deserialize(error: SerializedError): Error {
  if (error.name === 'NotAnArticleError') return new NotAnArticleError(error.message);
  if (error.name === 'InvalidInputError') return new InvalidInputError(error.message);
  if (error.code !== undefined) {
    return error.retryable ? new TransientError(error.code, error.message) : new PermanentError(error.code, error.message);
  }
  const Builtin = { TypeError, RangeError, SyntaxError }[error.name] ?? Error;
  const plain = new Builtin(error.message);
  plain.name = error.name;
  return plain;
}
