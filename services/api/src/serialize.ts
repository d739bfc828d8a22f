/** The JSON shapes the API returns, and their schemas (used for the OpenAPI document too). */
import type { Article, AuditEvent, Submission } from '@vellum/db';

export function submissionJson(s: Submission) {
  return {
    id: s.id,
    url: s.url,
    normalizedUrl: s.normalizedUrl,
    status: s.status,
    statusReason: s.statusReason,
    submittedBy: s.submittedBy,
    source: s.source,
    submittedAt: s.submittedAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    priority: s.priority,
    attempts: s.attempts,
    captureId: s.captureId,
    articleId: s.articleId,
  };
}

export function eventJson(e: AuditEvent) {
  return { id: e.id, action: e.action, actor: e.actor, at: e.at.toISOString(), details: e.details };
}

export function articleJson(a: Article) {
  return {
    id: a.id,
    captureId: a.captureId,
    submissionId: a.submissionId,
    url: a.url,
    canonicalUrl: a.canonicalUrl,
    title: a.title,
    byline: a.byline,
    authors: a.authors,
    siteName: a.siteName,
    lang: a.lang,
    publishedAt: a.publishedAt ? a.publishedAt.toISOString() : null,
    publishedText: a.publishedText,
    excerpt: a.excerpt,
    text: a.text,
    contentHash: a.contentHash,
    rawSha256: a.rawSha256,
    removed: a.removed,
    media: a.media,
    versions: a.versions,
    pipelineVersion: a.pipelineVersion,
    createdAt: a.createdAt.toISOString(),
  };
}

const nullableString = { type: ['string', 'null'] } as const;
const nullableId = { type: ['integer', 'null'] } as const;

export const submissionSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    url: { type: 'string' },
    normalizedUrl: { type: 'string' },
    status: { type: 'string', enum: ['queued', 'fetching', 'fetched', 'processed', 'failed', 'unchanged'] },
    statusReason: nullableString,
    submittedBy: { type: 'string' },
    source: { type: 'string' },
    submittedAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    priority: { type: 'integer' },
    attempts: { type: 'integer' },
    captureId: nullableId,
    articleId: nullableId,
  },
} as const;

export const eventSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    action: { type: 'string' },
    actor: nullableString,
    at: { type: 'string', format: 'date-time' },
    details: { type: 'object', additionalProperties: true },
  },
} as const;

export const articleSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    captureId: { type: 'integer' },
    submissionId: nullableId,
    url: { type: 'string' },
    canonicalUrl: { type: 'string' },
    title: nullableString,
    byline: nullableString,
    authors: { type: 'array', items: { type: 'string' } },
    siteName: nullableString,
    lang: nullableString,
    publishedAt: nullableString,
    publishedText: nullableString,
    excerpt: nullableString,
    text: { type: 'string', description: 'Normalized text, paragraphs separated by one blank line.' },
    contentHash: { type: 'string', description: 'SHA-256 hex of `text`.' },
    rawSha256: { type: 'string', description: 'SHA-256 hex of the raw response body.' },
    removed: {
      type: 'array',
      items: {
        type: 'object',
        properties: { rule: { type: 'string' }, text: { type: 'string' }, position: { type: 'integer' } },
      },
    },
    media: {
      type: 'array',
      items: {
        type: 'object',
        properties: { src: nullableString, caption: nullableString, credit: nullableString },
      },
    },
    versions: { type: 'object', additionalProperties: { type: 'string' } },
    pipelineVersion: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

export const errorSchema = {
  type: 'object',
  properties: {
    statusCode: { type: 'integer' },
    error: { type: 'string' },
    message: { type: 'string' },
    details: { type: 'array', items: { type: 'object', additionalProperties: true } },
  },
} as const;
