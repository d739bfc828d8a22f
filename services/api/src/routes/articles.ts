/** GET /v1/articles/:id, GET /v1/articles?url= and the latest article of every page (GET /v1/articles). */
import type { FastifyInstance } from 'fastify';
import { tryCanonicalizeUrl } from '@vellum/core';
import { findArticlesByUrl, getArticle, listLatestArticles } from '@vellum/db';
import { ApiError } from '../errors.ts';
import { articleJson, articleSchema, errorSchema } from '../serialize.ts';
import type { ApiDeps } from '../deps.ts';
import { idParams, MAX_URL_LENGTH } from './submissions.ts';
import {
  articleListItemSchema,
  filterQueryProperties,
  filtersFromQuery,
  latestJson,
  nextCursorSchema,
  withFilterErrors,
  type FilterQuery,
} from './archive-json.ts';

export async function articleRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  app.get<{ Params: { id: string } }>(
    '/v1/articles/:id',
    {
      schema: {
        summary: 'One stored article',
        operationId: 'getArticle',
        tags: ['articles'],
        security: [{ bearer: [] }],
        params: idParams,
        response: { 200: { type: 'object', properties: { article: articleSchema } }, 404: errorSchema },
      },
    },
    async (request) => {
      const article = await getArticle(deps.db, Number(request.params.id));
      if (!article) throw new ApiError(404, `article ${request.params.id} does not exist`);
      return { article: articleJson(article) };
    },
  );

  app.get<{ Querystring: FilterQuery & { url?: string } }>(
    '/v1/articles',
    {
      schema: {
        summary: 'The latest article of every page, most recently fetched first; or, with ?url=, every article stored for a URL',
        description:
          'Without `url`: one summary per page (canonical URL), its newest capture\'s current result, filtered, in pages that follow `nextCursor`. With `url` (as fetched, or its canonical form): the whole articles stored for it, newest first, `limit` at most; the filters and `cursor` do not apply.',
        operationId: 'findArticles',
        tags: ['articles'],
        security: [{ bearer: [] }],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { url: { type: 'string', minLength: 1, maxLength: MAX_URL_LENGTH }, ...filterQueryProperties },
        },
        response: {
          200: { type: 'object', properties: { articles: { type: 'array', items: articleListItemSchema }, nextCursor: nextCursorSchema } },
          400: errorSchema,
        },
      },
    },
    async (request) => {
      if (request.query.url === undefined) {
        const page = await withFilterErrors(() => listLatestArticles(deps.db, filtersFromQuery(request.query)));
        return { articles: page.items.map(latestJson), nextCursor: page.nextCursor };
      }
      const extra = Object.keys(request.query).filter((k) => k !== 'url' && k !== 'limit');
      if (extra.length > 0) {
        throw new ApiError(400, `querystring.url cannot be combined with ${extra.join(', ')}: drop url to browse with filters`, extra.map((k) => ({ field: `querystring.${k}`, message: 'not allowed with url' })));
      }
      const limit = Number(request.query.limit ?? 20);
      const url = request.query.url.trim();
      // Postgres text refuses NUL, and no stored URL holds a control character: refuse, never 500.
      if (/[\u0000-\u001f\u007f-\u009f]/.test(url)) {
        throw new ApiError(400, 'querystring.url contains a control character', [{ field: 'querystring.url', message: 'contains a control character' }]);
      }
      const canonical = tryCanonicalizeUrl(url);
      let articles = canonical ? await findArticlesByUrl(deps.db, canonical, { limit }) : [];
      if (articles.length === 0 && canonical !== url) articles = await findArticlesByUrl(deps.db, url, { limit });
      return { articles: articles.map(articleJson), nextCursor: null };
    },
  );
}
