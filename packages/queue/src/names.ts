/**
 * Every queue of a deployment, named in one place so that the API's metrics and dashboard see
 * them all. Two pipeline stages: `fetch` is I/O bound (HTTP capture, raw bytes stored), `process`
 * is CPU bound (extract, clean, normalize, hash, store); reprocessing a stored capture enters at
 * `process` without fetching again. `schedule` holds the scheduler's job schedulers and their
 * `run` jobs (services/scheduler produces and consumes it).
 */
export const QUEUE_NAMES = {
  fetch: 'fetch',
  process: 'process',
  schedule: 'schedule',
} as const;

export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

/** The queues a submission's jobs go through. */
export type PipelineQueueName = typeof QUEUE_NAMES.fetch | typeof QUEUE_NAMES.process;

export const PIPELINE_QUEUE_NAMES: readonly PipelineQueueName[] = [QUEUE_NAMES.fetch, QUEUE_NAMES.process];

export const ALL_QUEUE_NAMES: readonly QueueName[] = [QUEUE_NAMES.fetch, QUEUE_NAMES.process, QUEUE_NAMES.schedule];
