/**
 * The ingest package's defaults, in a module with no imports so that the CLI's settings schema can
 * show them without loading the pipeline (`@vellum/ingest/defaults`). `PipelineRunnerOptions`
 * documents each with `@defaultValue`; createPipelineRunner reads them from here, and
 * test/documented-defaults.test.ts holds the documentation and these values equal.
 */
export const PIPELINE_RUNNER_DEFAULTS = {
  /** The slowest benchmark page takes ~0.7 s cold. */
  timeoutMs: 30_000,
  threads: 1,
  /** What the benchmarks run with. */
  heapMb: 256,
} as const;
