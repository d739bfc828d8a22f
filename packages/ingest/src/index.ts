/**
 * @vellum/ingest: the application layer. Submitting URLs (`submitUrls`), the fetch, file-import
 * and process steps (usable inline, as `vellum ingest` does, or bound to BullMQ by
 * services/worker), the pipeline threads with their time budget, failure recording and recovery
 * (`reconcileSubmissions`). Services are thin adapters over it.
 */
export * from './steps/index.ts';
export {
  submitUrls,
  EnqueueError,
  type SubmitUrlsOptions,
  type SubmitResult,
  type SubmitOutcome,
} from './submit.ts';
export { classifyFailure, databaseRetryDelayMs, type FailureKind } from './failure.ts';
export {
  createPipelineRunner,
  DEFAULT_PIPELINE_THREAD_ENTRY,
  DEFAULT_PROCESS_TIMEOUT_MS,
  ProcessCrashedError,
  ProcessTimeoutError,
  type PipelineRunner,
  type PipelineRunnerOptions,
} from './pipeline/pipeline-runner.ts';
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
export { PIPELINE_RUNNER_DEFAULTS, RECONCILE_DEFAULTS, SUBMIT_URLS_DEFAULTS } from './defaults.ts';
