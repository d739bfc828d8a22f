import type { CleanOptions } from '@vellum/core';
import type { Database } from '@vellum/db';
import type { Fetcher } from '@vellum/fetcher';
import type { PipelineRunner } from '../pipeline/pipeline-runner.ts';

/** What the fetch and process steps need; the BullMQ workers and `vellum ingest` both pass it. */
export interface StepDeps {
  db: Database;
  /**
   * Needed by the fetch step only.
   * @defaultValue none
   */
  fetcher?: Fetcher;
  /**
   * Cleaning options in force (site rules); part of the recorded pipeline version.
   * @defaultValue none (the built-in rules)
   */
  cleanOptions?: CleanOptions;
  /**
   * The quality gate's minimum text (see processPage); part of the recorded pipeline version.
   * @defaultValue the pipeline's (DEFAULT_MIN_TEXT_CHARS)
   */
  minTextChars?: number;
  /** Who does the work, recorded on every event: a worker id, `cli`. */
  actor: string;
  /**
   * Runs the pipeline for the process step, within a time budget (createPipelineRunner).
   * @defaultValue none (processPage on the calling thread, with no budget)
   */
  pipeline?: PipelineRunner;
}
