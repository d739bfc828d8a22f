/** Seeds articles straight into a test database (capture, optional submission, article). */
import { sha256Hex } from '@vellum/core';
import { createSubmission, insertCapture, storeArticle, type Queryable } from '../src/index.ts';
import { VERSIONS } from './fixtures.ts';

export interface SeedArticle {
  url: string;
  canonicalUrl?: string;
  title?: string | null;
  text: string;
  lang?: string | null;
  fetchedAt?: string;
  publishedAt?: string | null;
  submittedBy?: string;
  pipelineVersion?: string;
  /** Reprocess: store another pipeline result for this capture instead of a new capture. */
  captureId?: number;
}

let seq = 0;

export async function seedArticle(db: Queryable, input: SeedArticle): Promise<{ id: number; captureId: number }> {
  seq += 1;
  let submissionId: number | null = null;
  if (input.submittedBy) {
    submissionId = (await createSubmission(db, { url: input.url, submittedBy: input.submittedBy, source: 'test' })).id;
  }
  const captureId =
    input.captureId ??
    (
      await insertCapture(db, {
        submissionId,
        requestedUrl: input.url,
        finalUrl: input.url,
        httpStatus: 200,
        fetchedAt: input.fetchedAt ?? new Date(Date.UTC(2025, 0, 1) + seq * 60_000).toISOString(),
        body: new TextEncoder().encode(`<p>${seq} ${input.text}</p>`),
        fetcherVersion: 'test',
        outcome: 'ok',
      })
    ).id;
  const pipelineVersion = input.pipelineVersion ?? VERSIONS.pipeline;
  const { id } = await storeArticle(db, {
    captureId,
    submissionId,
    url: input.url,
    canonicalUrl: input.canonicalUrl ?? input.url,
    title: input.title ?? null,
    lang: input.lang === undefined ? 'en' : input.lang,
    publishedAt: input.publishedAt ?? null,
    text: input.text,
    contentHash: sha256Hex(new TextEncoder().encode(input.text)),
    rawSha256: 'b'.repeat(64),
    versions: { ...VERSIONS, pipeline: pipelineVersion },
    pipelineVersion,
  });
  return { id, captureId };
}
