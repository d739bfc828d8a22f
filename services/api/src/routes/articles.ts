/** GET /v1/articles/:id and GET /v1/articles?url= */
import type { FastifyInstance } from 'fastify';
import { tryCanonicalizeUrl } from '@vellum/core';
import { findArticlesByUrl, getArticle } from '@vellum/db';
import { ApiError } from '../errors.ts';
import { articleJson, articleSchema, errorSchema } from '../serialize.ts';
import type { ApiDeps } from '../deps.ts';
import { idParams, MAX_URL_LENGTH } from './submissions.ts';

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

  app.get<{ Querystring: { url: string; limit?: string } }>(
    '/v1/articles',
    {
      schema: {
        summary: 'Articles stored for a URL (as fetched, or its canonical form), newest first',
        operationId: 'findArticles',
        tags: ['articles'],
        security: [{ bearer: [] }],
        querystring: {
          type: 'object',
          required: ['url'],
          additionalProperties: false,
          properties: {
            url: { type: 'string', minLength: 1, maxLength: MAX_URL_LENGTH },
            limit: { type: 'string', pattern: '^([1-9]|[1-9][0-9]|100)$', description: '1-100, default 20.' },
          },
        },
        response: { 200: { type: 'object', properties: { articles: { type: 'array', items: articleSchema } } }, 400: errorSchema },
      },
    },
    async (request) => {
      const limit = Number(request.query.limit ?? 20);
      const url = request.query.url.trim();
      // Postgres text refuses NUL, and no stored URL holds a control character: refuse, never 500.
      if (/[\u0000-\u001f\u007f-\u009f]/.test(url)) {
        throw new ApiError(400, 'querystring.url contains a control character', [{ field: 'querystring.url', message: 'contains a control character' }]);
      }
      const canonical = tryCanonicalizeUrl(url);
      let articles = canonical ? await findArticlesByUrl(deps.db, canonical, { limit }) : [];
      if (articles.length === 0 && canonical !== url) articles = await findArticlesByUrl(deps.db, url, { limit });
      return { articles: articles.map(articleJson) };
    },
  );
}
