/**
 * The ingest package's defaults, in a module with no imports so that the CLI's settings schema can
 * show them without loading the pipeline (`@vellum/ingest/defaults`). `PipelineRunnerOptions`
 * documents each with `@defaultValue`; createPipelineRunner reads them from here, and
 * test/documented-defaults.test.ts holds the documentation and these values equal.
 */
/** submitUrls (`SubmitUrlsOptions`). */
export const SUBMIT_URLS_DEFAULTS = {
  refetch: false,
} as const;

/** reconcileSubmissions and the reconciler (`ReconcileOptions`). */
export const RECONCILE_DEFAULTS = {
  /** A submitter may be about to enqueue the job itself; the worker's sweep passes more. */
  minAgeMs: 0,
  dryRun: false,
  actor: 'reconciler',
} as const;

/** createPipelineRunner (`PipelineRunnerOptions`). */
export const PIPELINE_RUNNER_DEFAULTS = {
  /** The slowest benchmark page takes ~0.7 s cold. */
  timeoutMs: 30_000,
  threads: 1,
  /** What the benchmarks run with. */
  heapMb: 256,
} as const;
