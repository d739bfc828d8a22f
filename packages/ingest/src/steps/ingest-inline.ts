/**
 * Runs a whole submission inline (no queue): fetch or import, then process, recording the
 * outcome on the submission whatever happens. This is `vellum ingest`.
 */
import { checkSubmittedUrl, InvalidInputError, redactUrl, tryCanonicalizeUrl } from '@vellum/core';
import { createSubmission, getSubmission, updateSubmissionStatus } from '@vellum/db';
import { runFetchStep, type FetchStepResult } from './fetch-step.ts';
import { runFileImportStep, type FileImport } from './file-import-step.ts';
import { runProcessStep } from './process-step.ts';
import { failureReason } from './record-failure.ts';
import type { StepDeps } from './step-deps.ts';

export type IngestInput =
  | { kind: 'url'; url: string }
  | { kind: 'file'; file: FileImport; /** The page's original URL; default the file's file:// URL. */ url: string };

export interface IngestOutcome {
  /** What was asked for: the URL or the file path. */
  input: string;
  submissionId: number;
  status: 'stored' | 'unchanged' | 'failed';
  reason: string | null;
  articleId: number | null;
  contentHash: string | null;
}

export interface IngestOptions {
  submittedBy: string;
  /**
   * Through what, recorded on the submission.
   * @defaultValue 'cli' for URLs and 'file' for files
   */
  source?: string;
}

export async function ingestOne(deps: StepDeps, input: IngestInput, options: IngestOptions): Promise<IngestOutcome> {
  const label = input.kind === 'url' ? input.url : input.file.path;
  const url = input.kind === 'url' ? recordableUrl(input.url) : input.url;
  const submission = await createSubmission(deps.db, {
    url,
    normalizedUrl: tryCanonicalizeUrl(url) ?? url,
    submittedBy: options.submittedBy,
    source: options.source ?? (input.kind === 'url' ? 'cli' : 'file'),
    options: input.kind === 'file' ? { sourcePath: input.file.path } : {},
  });
  const base = { input: label, submissionId: submission.id };
  try {
    const fetched = await acquire(deps, submission.id, input);
    if (fetched.kind === 'unchanged') {
      const after = await getSubmission(deps.db, submission.id);
      return { ...base, status: 'unchanged', reason: null, articleId: after?.articleId ?? null, contentHash: null };
    }
    if (fetched.kind === 'unsupported') return { ...base, status: 'failed', reason: fetched.reason, articleId: null, contentHash: null };
    if (fetched.kind === 'already-done') return { ...base, status: 'unchanged', reason: null, articleId: null, contentHash: null };
    const processed = await runProcessStep(deps, fetched.captureId, submission.id);
    return {
      ...base,
      status: processed.created ? 'stored' : 'unchanged',
      reason: null,
      articleId: processed.articleId,
      contentHash: processed.contentHash,
    };
  } catch (error) {
    const reason = failureReason(error);
    await updateSubmissionStatus(deps.db, submission.id, 'failed', { reason, actor: deps.actor });
    return { ...base, status: 'failed', reason, articleId: null, contentHash: null };
  }
}

async function acquire(deps: StepDeps, submissionId: number, input: IngestInput): Promise<FetchStepResult> {
  if (input.kind === 'file') return runFileImportStep(deps, submissionId, input.file);
  assertHttpUrl(input.url);
  checkSubmittedUrl(input.url);
  return runFetchStep(deps, submissionId);
}

/** The URL as its submission records it: trimmed; a refused one without secrets or control characters. */
function recordableUrl(given: string): string {
  try {
    return checkSubmittedUrl(given).url;
  } catch {
    return redactUrl(given);
  }
}

function assertHttpUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidInputError(`not a URL: ${JSON.stringify(url)}; give an absolute http(s) URL or a path to an HTML file`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new InvalidInputError(`unsupported scheme ${parsed.protocol} in ${url}; only http and https are fetched`);
  }
}
