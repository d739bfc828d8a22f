/** JSON shapes and schemas of search, browse, versions and diffs (issue 13). */
import type { ArticleDiff, ArticleSummary, ArticleVersion, LatestArticle, SearchHit } from '@vellum/db';
import { InvalidCursorError, InvalidFilterError, type ArticleFilters } from '@vellum/db';
import { ApiError } from '../errors.ts';
import { articleSchema } from '../serialize.ts';

const nullableString = { type: ['string', 'null'] } as const;
const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function summaryJson(a: ArticleSummary) {
  return {
    id: a.id,
    captureId: a.captureId,
    url: a.url,
    canonicalUrl: a.canonicalUrl,
    title: a.title,
    byline: a.byline,
    site: a.site,
    siteName: a.siteName,
    lang: a.lang,
    publishedAt: iso(a.publishedAt),
    fetchedAt: a.fetchedAt.toISOString(),
    contentHash: a.contentHash,
  };
}

export const latestJson = (a: LatestArticle) => ({ ...summaryJson(a), excerpt: a.excerpt });

export const hitJson = (h: SearchHit) => ({ ...summaryJson(h), snippet: h.snippet, highlights: h.highlights, rank: h.rank });

const summaryProperties = {
  id: { type: 'integer' },
  captureId: { type: 'integer' },
  url: { type: 'string' },
  canonicalUrl: { type: 'string' },
  title: nullableString,
  byline: nullableString,
  site: { ...nullableString, description: 'The host the article was read from.' },
  siteName: { ...nullableString, description: 'The site name the page gave.' },
  lang: nullableString,
  publishedAt: { type: ['string', 'null'], format: 'date-time' },
  fetchedAt: { type: 'string', format: 'date-time' },
  contentHash: { type: 'string' },
} as const;

/** An item of GET /v1/articles: the whole article with `?url=`, else a summary with `site`, `fetchedAt` and `excerpt`. */
export const articleListItemSchema = {
  type: 'object',
  properties: { ...articleSchema.properties, ...summaryProperties, excerpt: nullableString },
} as const;

export const hitSchema = {
  type: 'object',
  properties: {
    ...summaryProperties,
    snippet: {
      type: 'string',
      description: 'The best passages (ts_headline) as safe HTML: page text HTML-escaped, each match in <mark>…</mark>, passages joined by " … ".',
    },
    highlights: {
      type: 'array',
      description: 'The same snippet as plain-text parts, `match` true for the query matches.',
      items: { type: 'object', properties: { text: { type: 'string' }, match: { type: 'boolean' } } },
    },
    rank: { type: 'number', description: 'ts_rank: title matches weigh more than text matches; higher is better.' },
  },
} as const;

export const nextCursorSchema = { type: ['string', 'null'], description: 'Pass as `cursor` for the next page; null on the last page.' } as const;

export function versionJson(v: ArticleVersion) {
  return {
    version: v.version,
    articleId: v.articleId,
    contentHash: v.contentHash,
    pipelineVersion: v.pipelineVersion,
    captureCount: v.captureCount,
    firstFetchedAt: v.firstFetchedAt.toISOString(),
    lastFetchedAt: v.lastFetchedAt.toISOString(),
    previousArticleId: v.previousArticleId,
    isLatest: v.isLatest,
    url: v.url,
    title: v.title,
  };
}

export const versionSchema = {
  type: 'object',
  properties: {
    version: { type: 'integer', description: '1 for the first text seen at the page.' },
    articleId: { type: 'integer', description: "The article of the version's first capture." },
    contentHash: { type: 'string' },
    pipelineVersion: { type: 'string' },
    captureCount: { type: 'integer', description: 'Captures that carried this text, in a row.' },
    firstFetchedAt: { type: 'string', format: 'date-time' },
    lastFetchedAt: { type: 'string', format: 'date-time' },
    previousArticleId: { type: ['integer', 'null'] },
    isLatest: { type: 'boolean' },
    url: { type: 'string' },
    title: nullableString,
  },
} as const;

export function diffJson(d: ArticleDiff) {
  const side = (s: ArticleDiff['from']) => ({ ...s, fetchedAt: s.fetchedAt.toISOString() });
  return { from: side(d.from), to: side(d.to), identical: d.identical, stats: d.stats, parts: d.parts };
}

const sideSchema = {
  type: 'object',
  properties: {
    articleId: { type: 'integer' },
    version: { type: ['integer', 'null'] },
    canonicalUrl: { type: 'string' },
    url: { type: 'string' },
    title: nullableString,
    contentHash: { type: 'string' },
    pipelineVersion: { type: 'string' },
    fetchedAt: { type: 'string', format: 'date-time' },
  },
} as const;

export const diffSchema = {
  type: 'object',
  properties: {
    from: sideSchema,
    to: sideSchema,
    identical: { type: 'boolean' },
    stats: { type: 'object', properties: { insertedWords: { type: 'integer' }, deletedWords: { type: 'integer' } } },
    parts: {
      type: 'array',
      description: "Word-level changes from `from`'s text to `to`'s (jsdiff): equal and delete parts give `from`, equal and insert parts give `to`.",
      items: { type: 'object', properties: { op: { type: 'string', enum: ['equal', 'insert', 'delete'] }, text: { type: 'string' } } },
    },
  },
} as const;

const idString = { type: 'string', pattern: '^[1-9][0-9]{0,15}$' } as const;
const text200 = { type: 'string', minLength: 1, maxLength: 200 } as const;

/** Query-string filters of search and browse. */
export const filterQueryProperties = {
  site: { ...text200, description: 'A host: articles read from it or its subdomains.' },
  since: { ...text200, description: 'Fetched at or after (ISO 8601).' },
  until: { ...text200, description: 'Fetched before (ISO 8601; a bare date includes that day).' },
  publishedSince: { ...text200, description: 'Published at or after.' },
  publishedUntil: { ...text200, description: 'Published before (a bare date includes that day).' },
  lang: { ...text200, description: 'Language tag or its primary subtag: `en` matches `en-GB`.' },
  submittedBy: { ...text200, description: 'The submitter recorded on the submission.' },
  scheduleId: { ...idString, description: 'Articles a schedule submitted.' },
  limit: { type: 'string', pattern: '^([1-9]|[1-9][0-9]|100)$', description: '1-100, default 20.' },
  cursor: { type: 'string', minLength: 1, maxLength: 200, description: 'The `nextCursor` of the previous page.' },
} as const;

export type FilterQuery = Partial<Record<keyof typeof filterQueryProperties, string>>;

const FILTER_KEYS = ['site', 'since', 'until', 'publishedSince', 'publishedUntil', 'lang', 'submittedBy'] as const;

export function filtersFromQuery(query: FilterQuery): ArticleFilters & { limit?: number; cursor?: string } {
  const filters: ArticleFilters & { limit?: number; cursor?: string } = {};
  for (const key of FILTER_KEYS) if (query[key] !== undefined) filters[key] = query[key];
  if (query.scheduleId !== undefined) filters.scheduleId = Number(query.scheduleId);
  if (query.limit !== undefined) filters.limit = Number(query.limit);
  if (query.cursor !== undefined) filters.cursor = query.cursor;
  return filters;
}

/** Runs a search or browse call, turning bad filters and cursors into 400s that name the field. */
export async function withFilterErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof InvalidFilterError) {
      throw new ApiError(400, `querystring.${error.message}`, [{ field: `querystring.${error.field}`, message: error.message }]);
    }
    if (error instanceof InvalidCursorError) {
      throw new ApiError(400, `querystring.cursor: ${error.message}`, [{ field: 'querystring.cursor', message: error.message }]);
    }
    throw error;
  }
}
