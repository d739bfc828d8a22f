/**
 * What the article tabs read: the article, its capture, provenance and events, and the layout of
 * its removals (core's layoutRemovals, run in a pipeline thread with a time budget, so a hostile
 * page cannot block the API; the thread starts on the first article viewed).
 */
import type { CleanOptions, RemovalLayout } from '@vellum/core';
import { getArticle, getArticleProvenance, getCapture, listEvents, type Article, type ArticleProvenance, type AuditEvent, type Capture, type Queryable } from '@vellum/db';
import { createPipelineRunner, pipelineOptions, type PipelineRunner } from '@vellum/ingest';
import type { CaptureLinks } from './pages/article-header.ts';
import { WEB_DEFAULTS } from '../defaults.ts';

export interface LayoutService {
  layout(article: Article): Promise<RemovalLayout>;
  /** Starts the pipeline thread (it takes a while to load the pipeline): called at login. */
  warm(): void;
  close(): Promise<void>;
}

export function createLayoutService(db: Queryable, options: { cleanOptions?: CleanOptions; timeoutMs?: number }): LayoutService {
  let runner: PipelineRunner | null = null;
  const start = (): PipelineRunner => (runner ??= createPipelineRunner({ timeoutMs: options.timeoutMs ?? WEB_DEFAULTS.layoutTimeoutMs, threads: 1 }));
  return {
    warm() {
      start();
    },
    async layout(article) {
      const fieldRemovals = article.removed.filter((r) => r.position < 0);
      const capture = await getCapture(db, article.captureId);
      if (!capture?.body || capture.body.length === 0) return { placed: false, reason: 'the capture has no stored body to run the pipeline on again', fieldRemovals };
      try {
        return await start().layout(capture.body, pipelineOptions({ cleanOptions: options.cleanOptions }, capture), { text: article.text, removed: article.removed });
      } catch (error) {
        return { placed: false, reason: `running the pipeline again failed: ${(error as Error).message}`, fieldRemovals };
      }
    },
    async close() {
      await runner?.close();
    },
  };
}

export function captureLinks(capture: Capture | null): CaptureLinks {
  return {
    raw: capture !== null && capture.bodySha256 !== null,
    warc: capture !== null && capture.origin === 'http' && capture.httpStatus !== null,
  };
}

export interface ArticleBundle {
  article: Article;
  capture: Capture | null;
  links: CaptureLinks;
}

export async function loadArticle(db: Queryable, id: number): Promise<ArticleBundle | null> {
  const article = await getArticle(db, id);
  if (!article) return null;
  const capture = await getCapture(db, article.captureId, { withBody: false });
  return { article, capture, links: captureLinks(capture) };
}

export interface ProvenanceBundle {
  provenance: ArticleProvenance | null;
  events: AuditEvent[];
}

/** Provenance and the events of the article, its capture and its submission, oldest first. */
export async function loadProvenance(db: Queryable, article: Article): Promise<ProvenanceBundle> {
  const provenance = await getArticleProvenance(db, article.id);
  const about: Array<[string, number]> = [['article', article.id], ['capture', article.captureId]];
  const submissionId = provenance?.submissionId ?? article.submissionId;
  if (submissionId !== null) about.push(['submission', submissionId]);
  const events: ProvenanceBundle['events'] = [];
  for (const [entity, entityId] of about) {
    events.push(...(await listEvents(db, entity, entityId)));
  }
  events.sort((a, b) => a.id - b.id);
  return { provenance, events };
}
