/**
 * Worker-thread side of the multi-core run: runs one mode over the pages the main thread sends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { createMode, type ModeName } from './modes.ts';

export interface PoolTask {
  i: number;
  raw: Uint8Array;
  url: string;
}

export interface PoolReply {
  i: number;
  text: string;
  ms: number;
  error?: string;
}

const port = parentPort;
if (!port) throw new Error('pool-worker.ts runs only as a worker thread');
const run = await createMode((workerData as { mode: ModeName }).mode);
port.on('message', (task: PoolTask) => {
  const t0 = performance.now();
  let text = '';
  let error: string | undefined;
  try {
    text = run(task.raw, task.url);
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const reply: PoolReply = { i: task.i, text, ms: performance.now() - t0, error };
  port.postMessage(reply);
});
port.postMessage('ready');
