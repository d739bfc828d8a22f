/**
 * The fetch step: fetch a submission's URL, keep what the server sent, and say whether the
 * process step has work to do. Safe to run twice for one submission (at-least-once jobs).
 */
import { PermanentError } from '@vellum/core';
import {
  appendEvent,
  getSubmission,
  insertCapture,
  latestArticleIdOfCapture,
  latestCaptureForUrl,
  updateSubmissionStatus,
  type Capture,
  type Queryable,
  type Submission,
} from '@vellum/db';
import type { CaptureRecord, Fetcher } from '@vellum/fetcher';
import type { StepDeps } from './step-deps.ts';

export type FetchStepResult =
  /** A new body was captured: run the process step on `captureId`. */
  | { kind: 'captured'; captureId: number }
  /** Nothing new: a 304, or the same bytes as the last capture of this URL. */
  | { kind: 'unchanged'; captureId: number }
  /** Captured but not processable (not HTML); the submission is marked failed. */
  | { kind: 'unsupported'; captureId: number; reason: string }
  /** An earlier run of this step already finished; nothing was done now. */
  | { kind: 'already-done'; captureId: number | null; status: Submission['status'] };

/**
 * Runs the fetch step. Errors from the fetcher are thrown (typed: PermanentError or
 * TransientError); a response that came with one (a 404 page, a 500) is stored as a failed
 * capture first, so the archive shows what the server said. The caller decides when a
 * failure is final and records it (`recordFailure`).
 */
export async function runFetchStep(deps: StepDeps, submissionId: number): Promise<FetchStepResult> {
  const fetcher = requireFetcher(deps.fetcher);
  const submission = await loadSubmission(deps, submissionId);
  if (submission.captureId !== null || isFinal(submission.status)) {
    return { kind: 'already-done', captureId: submission.captureId, status: submission.status };
  }
  await updateSubmissionStatus(deps.db, submission.id, 'fetching', { incrementAttempts: true, actor: deps.actor });
  const previous = await latestCaptureForUrl(deps.db, submission.url);

  let record: CaptureRecord;
  try {
    record = await fetcher.fetch(submission.url, { conditional: conditionalFrom(previous) });
  } catch (error) {
    await storeFailedResponse(deps, submission, error);
    throw error;
  }
  return deps.db.transaction((tx) => storeOutcome(tx, deps.actor, submission, record, previous));
}

async function storeOutcome(
  tx: Queryable,
  actor: string,
  submission: Submission,
  record: CaptureRecord,
  previous: Capture | null,
): Promise<FetchStepResult> {
  if (record.outcome === 'not-modified' && previous) {
    const { id } = await insertCapture(tx, {
      ...captureFields(submission, record, actor),
      captureKey: `fetch:${submission.id}`,
      outcome: 'not-modified',
      revisitOf: previous.id,
      bodySha256: previous.bodySha256,
    });
    await markUnchanged(tx, actor, submission, previous, 'not modified (304)');
    return { kind: 'unchanged', captureId: id };
  }
  if (previous && record.bodySha256 !== null && previous.bodySha256 === record.bodySha256) {
    return recordRevisit(tx, actor, submission, previous, {
      fetchedAt: record.fetchedAt,
      httpStatus: record.httpStatus,
      bodySha256: record.bodySha256,
    });
  }
  const { id } = await insertCapture(tx, {
    ...captureFields(submission, record, actor),
    captureKey: `fetch:${submission.id}`,
    outcome: 'ok',
    body: record.body,
  });
  if (record.contentClass !== 'html') {
    // An empty response (a 204, or a 200 with nothing and no type) has no type to blame.
    const reason =
      record.body.length === 0
        ? `empty-body: ${record.finalUrl} answered HTTP ${record.httpStatus} with an empty body; there is nothing to archive`
        : `unsupported content type: ${record.contentType ?? '(none)'}; the response was captured but only HTML/XHTML is processed`;
    await updateSubmissionStatus(tx, submission.id, 'failed', { reason, captureId: id, actor });
    return { kind: 'unsupported', captureId: id, reason };
  }
  await updateSubmissionStatus(tx, submission.id, 'fetched', { captureId: id, actor });
  return { kind: 'captured', captureId: id };
}

/**
 * The same bytes as the last capture of this URL: nothing new is stored. The revisit itself is an
 * event on that capture, and the submission is marked unchanged.
 */
export async function recordRevisit(
  tx: Queryable,
  actor: string,
  submission: Submission,
  previous: Capture,
  details: Record<string, unknown>,
): Promise<FetchStepResult> {
  await appendEvent(tx, { entity: 'capture', entityId: previous.id, action: 'revisited', actor, details: { submissionId: submission.id, ...details } });
  await markUnchanged(tx, actor, submission, previous, 'same content as the last capture');
  return { kind: 'unchanged', captureId: previous.id };
}

/** Marks a submission unchanged, pointing at the capture (and its article) it matched. */
async function markUnchanged(tx: Queryable, actor: string, submission: Submission, previous: Capture, note: string): Promise<void> {
  const articleId = await latestArticleIdOfCapture(tx, previous.id);
  await updateSubmissionStatus(tx, submission.id, 'unchanged', { reason: note, captureId: previous.id, articleId, actor });
}

/** Keeps the response that came with a fetch error (status, headers, error page). */
async function storeFailedResponse(deps: StepDeps, submission: Submission, error: unknown): Promise<void> {
  const capture = (error as { capture?: CaptureRecord }).capture;
  if (!capture) return;
  const attempt = submission.attempts + 1;
  await insertCapture(deps.db, {
    ...captureFields(submission, capture, deps.actor),
    captureKey: `fetch:${submission.id}:failed:${attempt}`,
    outcome: 'failed',
    failureReason: error instanceof Error ? error.message : String(error),
    body: capture.body.length > 0 ? capture.body : null,
  });
}

function captureFields(submission: Submission, record: CaptureRecord, actor: string) {
  return {
    submissionId: submission.id,
    origin: 'http' as const,
    requestedUrl: record.requestedUrl,
    finalUrl: record.finalUrl,
    redirectChain: record.redirectChain,
    httpStatus: record.httpStatus,
    requestHeaders: record.requestHeaders,
    responseHeaders: record.responseHeaders,
    fetchedAt: record.fetchedAt,
    // The media type alone (documented so); the whole header stays in responseHeaders.
    contentType: record.mediaType,
    charset: record.charset,
    fetcherVersion: record.fetcherVersion,
    etag: record.etag,
    lastModified: record.lastModified,
    truncated: record.truncated,
    remoteAddress: record.remoteAddress,
    timings: record.timings,
    meta: { httpVersion: record.httpVersion, statusText: record.statusText, contentEncoding: record.contentEncoding },
    actor,
  };
}

function conditionalFrom(previous: Capture | null) {
  if (!previous || (!previous.etag && !previous.lastModified) || !previous.bodySha256) return undefined;
  return {
    etag: previous.etag ?? undefined,
    lastModified: previous.lastModified ?? undefined,
    refersTo: { url: previous.finalUrl ?? previous.requestedUrl, fetchedAt: previous.fetchedAt.toISOString(), bodySha256: previous.bodySha256 },
  };
}

async function loadSubmission(deps: StepDeps, id: number): Promise<Submission> {
  const submission = await getSubmission(deps.db, id);
  if (!submission) throw new PermanentError('unknown-submission', `submission ${id} does not exist`);
  return submission;
}

function isFinal(status: Submission['status']): boolean {
  return status === 'processed' || status === 'unchanged' || status === 'failed';
}

function requireFetcher(fetcher: Fetcher | undefined): Fetcher {
  if (!fetcher) throw new Error('the fetch step needs a fetcher (StepDeps.fetcher)');
  return fetcher;
}
