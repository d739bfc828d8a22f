export * from './steps/index.ts';
export {
  submitUrls,
  EnqueueError,
  type SubmitUrlsOptions,
  type SubmitResult,
  type SubmitOutcome,
} from './submit.ts';
export { startWorkers, type StartWorkersOptions, type WorkersHandle, type WorkerRole } from './workers.ts';
export { classifyFailure, type FailureKind } from './failure.ts';
export { batchProgress, batchStartId, type BatchProgress } from './progress.ts';
