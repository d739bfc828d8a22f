/** GET /v1/articles/:id/versions and GET /v1/articles/:id/diff (issue 13). */
import type { FastifyInstance } from 'fastify';
import { diffArticles, getArticle, listArticleVersions, NoPreviousVersionError, RecordNotFoundError } from '@vellum/db';
import { ApiError } from '../errors.ts';
import { errorSchema } from '../serialize.ts';
import type { ApiDeps } from '../deps.ts';
import { idParams } from './submissions.ts';
import { diffJson, diffSchema, versionJson, versionSchema } from './archive-json.ts';

export async function versionRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  app.get<{ Params: { id: string } }>(
    '/v1/articles/:id/versions',
    {
      schema: {
        summary: "Every version of the article's page, oldest first",
        description: 'A version is a run of captures of the page (canonical URL) with the same text; a changed text starts the next one.',
        operationId: 'listArticleVersions',
        tags: ['articles'],
        security: [{ bearer: [] }],
        params: idParams,
        response: {
          200: { type: 'object', properties: { canonicalUrl: { type: 'string' }, versions: { type: 'array', items: versionSchema } } },
          404: errorSchema,
        },
      },
    },
    async (request) => {
      const id = Number(request.params.id);
      const article = await getArticle(deps.db, id);
      if (!article) throw new ApiError(404, `article ${id} does not exist`);
      const versions = await listArticleVersions(deps.db, id);
      return { canonicalUrl: article.canonicalUrl, versions: versions.map(versionJson) };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { against?: string } }>(
    '/v1/articles/:id/diff',
    {
      schema: {
        summary: "Word-level diff of the article's text against another article's (default: the previous version of its page)",
        operationId: 'diffArticle',
        tags: ['articles'],
        security: [{ bearer: [] }],
        params: idParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { against: { type: 'string', pattern: '^[1-9][0-9]{0,15}$', description: 'The article to compare with (the "from" side).' } },
        },
        response: { 200: diffSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const id = Number(request.params.id);
      const against = request.query.against === undefined ? null : Number(request.query.against);
      try {
        return diffJson(await diffArticles(deps.db, id, against));
      } catch (error) {
        if (error instanceof RecordNotFoundError || error instanceof NoPreviousVersionError) throw new ApiError(404, error.message);
        throw error;
      }
    },
  );
}
