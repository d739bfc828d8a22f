/**
 * Importing a local HTML file instead of fetching: the file's bytes become a capture with
 * origin `file`, so provenance says the page came from a file, which one, and when.
 */
import { bodySha256, getSubmission, insertCapture, latestCaptureForUrl, updateSubmissionStatus } from '@vellum/db';
import { PermanentError } from '@vellum/core';
import { recordRevisit, type FetchStepResult } from './fetch-step.ts';
import type { StepDeps } from './step-deps.ts';

/** Recorded as the capture's fetcher version for file imports. */
export const FILE_IMPORT_VERSION = 'file-import/1';

export interface FileImport {
  /** Absolute path of the file, recorded as the capture's source. */
  path: string;
  bytes: Uint8Array;
  /** When the file was read (ISO 8601). */
  readAt: string;
}

export async function runFileImportStep(deps: StepDeps, submissionId: number, file: FileImport): Promise<FetchStepResult> {
  const submission = await getSubmission(deps.db, submissionId);
  if (!submission) throw new PermanentError('unknown-submission', `submission ${submissionId} does not exist`);
  if (file.bytes.length === 0) throw new PermanentError('empty-body', `${file.path} is empty`);
  const sha256 = bodySha256(file.bytes);
  const previous = await latestCaptureForUrl(deps.db, submission.url);

  return deps.db.transaction(async (tx) => {
    if (previous && previous.bodySha256 === sha256) {
      return recordRevisit(tx, deps.actor, submission, previous, { sourcePath: file.path, readAt: file.readAt, bodySha256: sha256 });
    }
    const { id } = await insertCapture(tx, {
      submissionId,
      captureKey: `file:${submissionId}`,
      origin: 'file',
      requestedUrl: submission.url,
      finalUrl: submission.url,
      fetchedAt: file.readAt,
      body: file.bytes,
      contentType: null,
      fetcherVersion: FILE_IMPORT_VERSION,
      sourcePath: file.path,
      outcome: 'ok',
      actor: deps.actor,
    });
    await updateSubmissionStatus(tx, submissionId, 'fetched', { captureId: id, actor: deps.actor });
    return { kind: 'captured', captureId: id };
  });
}
