/**
 * The process step: run the core pipeline on a stored capture and store the article. Re-running
 * it for the same capture and pipeline version stores nothing new; a new pipeline version
 * stores a new article beside the old one (reprocessing never overwrites).
 */
import {
  nearDuplicateScheme,
  PermanentError,
  processPage,
  tryCanonicalizeUrl,
  type PipelineResult,
  type ProcessPageOptions,
} from '@vellum/core';
import { getCapture, getSubmissionAwaitingCapture, indexArticle, storeArticle, updateSubmissionStatus, type CaptureWithBody } from '@vellum/db';
import type { StepDeps } from './step-deps.ts';

export interface ProcessStepResult {
  articleId: number;
  /** False when this capture already had an article from this pipeline version. */
  created: boolean;
  contentHash: string;
  pipelineVersion: string;
}

export async function runProcessStep(
  deps: StepDeps,
  captureId: number,
  submissionId: number | null = null,
): Promise<ProcessStepResult> {
  const capture = await loadCapture(deps, captureId);
  const result = deps.pipeline ? await deps.pipeline.run(capture.body!, pipelineOptions(deps, capture)) : runPipeline(deps, capture);
  return deps.db.transaction(async (tx) => {
    const url = capture.finalUrl ?? capture.requestedUrl;
    const stored = await storeArticle(tx, {
      captureId: capture.id,
      submissionId: submissionId ?? capture.submissionId,
      url,
      canonicalUrl: archiveIdentity(url, result.canonicalUrl),
      declaredCanonicalUrl: tryCanonicalizeUrl(result.canonicalUrl) ?? result.canonicalUrl,
      ogUrl: result.ogUrl,
      title: result.title,
      byline: result.byline,
      authors: result.authors,
      siteName: result.siteName,
      lang: result.lang,
      publishedAt: result.publishedAt,
      excerpt: result.excerpt,
      text: result.text,
      contentHash: result.contentHash,
      rawSha256: result.rawSha256,
      charset: result.charset,
      charsetSource: result.charsetSource,
      removed: result.removed,
      media: result.media,
      versions: result.versions,
      pipelineVersion: result.versions.pipeline,
      actor: deps.actor,
    });
    if (stored.created) {
      // Fingerprint and link near-duplicates in the same transaction, so no stored article is left unindexed.
      await indexArticle(tx, { id: stored.id, captureId: capture.id, contentHash: result.contentHash, text: result.text }, nearDuplicateScheme, {
        actor: deps.actor,
      });
    }
    // Reprocessing a capture on its own (no submission given) also finishes the submission
    // that fetched it if that one still waits for it (its process job was lost).
    const waiting = submissionId ?? (await getSubmissionAwaitingCapture(tx, capture.id))?.id ?? null;
    if (waiting !== null) {
      await updateSubmissionStatus(tx, waiting, 'processed', { articleId: stored.id, captureId: capture.id, actor: deps.actor });
    }
    return { articleId: stored.id, created: stored.created, contentHash: result.contentHash, pipelineVersion: result.versions.pipeline };
  });
}

/** Runs the pipeline on a stored capture exactly as it would on the fetched bytes. */
export function runPipeline(deps: Pick<StepDeps, 'cleanOptions' | 'minTextChars'>, capture: CaptureWithBody): PipelineResult {
  return processPage(capture.body!, pipelineOptions(deps, capture));
}

/** The options the process step runs the pipeline with on a stored capture (the web UI reruns it with them). */
export function pipelineOptions(deps: Pick<StepDeps, 'cleanOptions' | 'minTextChars'>, capture: CaptureWithBody): ProcessPageOptions {
  const url = capture.finalUrl ?? capture.requestedUrl;
  return {
    url,
    // The charset parameter lives in the Content-Type header as received (the column holds the media type only).
    contentType: contentTypeHeader(capture) ?? undefined,
    cleanOptions: { ...deps.cleanOptions, url },
    minTextChars: deps.minTextChars,
  };
}

function contentTypeHeader(capture: CaptureWithBody): string | null {
  for (const [name, value] of capture.responseHeaders) if (name.toLowerCase() === 'content-type') return value;
  return capture.contentType;
}

/**
 * The URL the archive files an article under: the canonical form of where it was read, or,
 * for a file imported without its web address, the canonical URL the page declares.
 */
export function archiveIdentity(url: string, declared: string | null): string {
  return tryCanonicalizeUrl(url) ?? tryCanonicalizeUrl(declared) ?? url;
}

async function loadCapture(deps: StepDeps, captureId: number): Promise<CaptureWithBody> {
  const capture = await getCapture(deps.db, captureId);
  if (!capture) throw new PermanentError('unknown-capture', `capture ${captureId} does not exist`);
  if (!capture.body || capture.body.length === 0) {
    throw new PermanentError('empty-body', `capture ${captureId} has no body: the server sent an empty response`);
  }
  return capture;
}
