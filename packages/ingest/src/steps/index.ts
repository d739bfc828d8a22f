export { runFetchStep, recordRevisit, type FetchStepResult } from './fetch-step.ts';
export { runFileImportStep, FILE_IMPORT_VERSION, type FileImport } from './file-import-step.ts';
export { runProcessStep, runPipeline, pipelineOptions, type ProcessStepResult } from './process-step.ts';
export { ingestOne, type IngestInput, type IngestOptions, type IngestOutcome } from './ingest-inline.ts';
export { failureReason, recordFailure, recordCaptureFailure } from './record-failure.ts';
export type { StepDeps } from './step-deps.ts';
