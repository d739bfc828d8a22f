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
export {
  createPipelineRunner,
  DEFAULT_PIPELINE_THREAD_ENTRY,
  DEFAULT_PROCESS_TIMEOUT_MS,
  ProcessCrashedError,
  ProcessTimeoutError,
  type PipelineRunner,
  type PipelineRunnerOptions,
} from './pipeline/pipeline-runner.ts';
export { batchProgress, batchStartId, type BatchProgress } from './progress.ts';
export {
  reconcileSubmissions,
  reconcileSubmission,
  startReconciler,
  type ReconcileOptions,
  type ReconcileSummary,
  type ReconcileAction,
  type ReconcilerOptions,
  type ReconcilerHandle,
} from './reconcile.ts';
