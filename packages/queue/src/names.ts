/**
 * The queues Vellum's workers consume. Two stages, two queues: `fetch` is I/O bound (HTTP
 * capture, raw bytes stored), `process` is CPU bound (extract, clean, normalize, hash, store).
 * Reprocessing a stored capture enters at `process` without fetching again.
 */
export const QUEUE_NAMES = {
  fetch: 'fetch',
  process: 'process',
} as const;

export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

export const ALL_QUEUE_NAMES: readonly QueueName[] = [QUEUE_NAMES.fetch, QUEUE_NAMES.process];
