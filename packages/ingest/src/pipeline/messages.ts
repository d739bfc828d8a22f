/** What the main thread and a pipeline thread send each other. */
import type { PipelineResult, ProcessPageOptions, RemovalLayout, StoredRemovals } from '@vellum/core';

export interface PageTask {
  raw: Uint8Array;
  options: ProcessPageOptions;
  /** When given, the task is layoutRemovals for this stored record (the web UI), not processPage. */
  layout?: StoredRemovals;
}

/** An error as plain data: Vellum errors keep their code and whether a retry may help. */
export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  retryable?: boolean;
}

export type PageReply = { ok: true; result: PipelineResult | RemovalLayout } | { ok: false; error: SerializedError };
