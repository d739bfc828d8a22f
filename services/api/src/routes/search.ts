/** GET /v1/search: ranked full-text search with highlighted snippets and keyset pages (issue 13). */
import type { FastifyInstance } from 'fastify';
import { searchArticles } from '@vellum/db';
import { errorSchema } from '../serialize.ts';
import type { ApiDeps } from '../deps.ts';
import { filterQueryProperties, filtersFromQuery, hitJson, hitSchema, nextCursorSchema, withFilterErrors, type FilterQuery } from './archive-json.ts';

export async function searchRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  app.get<{ Querystring: FilterQuery & { q: string } }>(
    '/v1/search',
    {
      schema: {
        summary: 'Full-text search of the latest article of every page, best match first',
        description:
          'Web-search syntax (words, "a phrase", OR, -word), matched with the stemming of each article\'s language. Matches are ranked 1,000 at a time, newest first: the 1,000 most recently stored matching articles, best first, then the next 1,000 older ones, best first, and so on (a query with at most 1,000 matches is ranked as a whole; for a phrase or an exclusion, the blocks are of the articles the index finds: those holding all its words and, for a phrase, the index keys of its adjacent word pairs, which nearly only articles holding the phrase have; only matches are listed). Pages follow `nextCursor`, and a block keeps the bounds it had when its first page was ranked: articles stored, reprocessed or removed meanwhile never make a later page repeat or skip a result that is still listed (an article stored meanwhile may be left out). A cursor of an earlier version of the search, other than one at the start of a block, is refused with 400: start again from the first page.',
        operationId: 'searchArticles',
        tags: ['articles'],
        security: [{ bearer: [] }],
        querystring: {
          type: 'object',
          required: ['q'],
          additionalProperties: false,
          properties: { q: { type: 'string', minLength: 1, maxLength: 1000, pattern: '\\S', description: 'The query.' }, ...filterQueryProperties },
        },
        response: {
          200: { type: 'object', properties: { results: { type: 'array', items: hitSchema }, nextCursor: nextCursorSchema } },
          400: errorSchema,
        },
      },
    },
    async (request) => {
      const page = await withFilterErrors(() => searchArticles(deps.db, { ...filtersFromQuery(request.query), q: request.query.q }));
      return { results: page.items.map(hitJson), nextCursor: page.nextCursor };
    },
  );
}
