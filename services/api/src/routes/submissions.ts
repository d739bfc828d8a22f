/** POST /v1/submissions and GET /v1/submissions/:id. */
import type { FastifyInstance } from 'fastify';
import { checkSubmittedUrl, InvalidInputError, redactUrl } from '@vellum/core';
import { getSubmission, listEvents } from '@vellum/db';
import { MAX_PRIORITY } from '@vellum/queue';
import { EnqueueError, submitUrls } from '@vellum/ingest';
import { ApiError } from '../errors.ts';
import { errorSchema, eventSchema, submissionJson, submissionSchema, eventJson } from '../serialize.ts';
import type { ApiDeps } from '../deps.ts';

/** The longest URL accepted (the fetcher's own default cap). */
export const MAX_URL_LENGTH = 2048;

interface SubmitBody {
  url?: string;
  urls?: string[];
  priority?: number;
  refetch?: boolean;
}

export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^[1-9][0-9]{0,15}$', description: 'A positive integer id.' } },
} as const;

export async function submissionRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const urlItem = { type: 'string', minLength: 1, maxLength: MAX_URL_LENGTH } as const;
  const resultSchema = {
    type: 'object',
    properties: {
      url: { type: 'string' },
      normalizedUrl: { type: ['string', 'null'] },
      outcome: {
        type: 'string',
        enum: ['queued', 'in-flight', 'archived', 'invalid'],
        description: 'queued: new submission enqueued; in-flight: already being worked on; archived: already stored (send refetch: true to fetch again).',
      },
      id: { type: ['integer', 'null'] },
      status: { type: 'string' },
      articleId: { type: ['integer', 'null'] },
    },
  } as const;

  app.post<{ Body: SubmitBody }>(
    '/v1/submissions',
    {
      schema: {
        summary: 'Submit one URL (`url`) or many (`urls`) to be archived',
        description:
          'Each submission records the name of the token that sent it as `submittedBy`. The former `submittedBy` field of the body, a claim nobody checked, is refused (400).',
        operationId: 'submitUrls',
        tags: ['submissions'],
        security: [{ bearer: [] }],
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            url: { ...urlItem, description: 'One http(s) URL.' },
            urls: { type: 'array', minItems: 1, maxItems: deps.batchLimit, items: urlItem, description: `Up to ${deps.batchLimit} http(s) URLs.` },
            priority: { type: 'integer', minimum: 1, maximum: MAX_PRIORITY, description: '1 is the most urgent.' },
            refetch: { type: 'boolean', description: 'Fetch again even when the URL is already archived.' },
          },
        },
        response: {
          202: { type: 'object', properties: { submissions: { type: 'array', items: resultSchema } } },
          400: errorSchema,
          401: errorSchema,
          503: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      if ((body.url === undefined) === (body.urls === undefined)) {
        throw new ApiError(400, `give either "url" (one URL) or "urls" (a list of up to ${deps.batchLimit}), not ${body.url === undefined ? 'neither' : 'both'}`);
      }
      const urls = body.urls ?? [body.url!];
      // The check submitUrls applies too: trimmed, no control characters, no user:password@.
      const invalid = urls.flatMap((url, index) => {
        try {
          checkSubmittedUrl(url);
          return [];
        } catch (error) {
          return [{ field: body.urls ? `body.urls[${index}]` : 'body.url', url: redactUrl(url), message: (error as Error).message }];
        }
      });
      if (invalid.length > 0) {
        throw new ApiError(400, `${invalid.length} URL(s) were refused; nothing was submitted: ${invalid.map((d) => `${d.field}: ${d.message}`).join('; ')}`, invalid);
      }
      // Who submitted is the token's name (auth.ts), never a claim of the body.
      const submittedBy = request.caller!;
      let results;
      try {
        results = await deps.submitSlot(() =>
          submitUrls({
            db: deps.db,
            queues: deps.queues,
            urls,
            submittedBy,
            source: 'api',
            priority: body.priority,
            refetch: body.refetch ?? false,
            jobOptions: deps.jobOptions,
          }),
        );
      } catch (error) {
        if (error instanceof EnqueueError) throw new ApiError(503, error.message);
        // Anything submitUrls itself refuses is the caller's input, never a 500.
        if (error instanceof InvalidInputError) throw new ApiError(400, error.message);
        throw error;
      }
      return reply.code(202).send({
        submissions: results.map((r) => ({
          url: r.url,
          normalizedUrl: r.normalizedUrl,
          outcome: r.outcome,
          id: r.submissionId,
          status: r.status,
          articleId: r.articleId,
        })),
      });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/submissions/:id',
    {
      schema: {
        summary: 'A submission, its status and the events of its history',
        operationId: 'getSubmission',
        tags: ['submissions'],
        security: [{ bearer: [] }],
        params: idParams,
        response: {
          200: { type: 'object', properties: { submission: submissionSchema, events: { type: 'array', items: eventSchema } } },
          404: errorSchema,
        },
      },
    },
    async (request) => {
      const id = Number(request.params.id);
      const submission = await getSubmission(deps.db, id);
      if (!submission) throw new ApiError(404, `submission ${id} does not exist`);
      const events = await listEvents(deps.db, 'submission', id);
      return { submission: submissionJson(submission), events: events.map(eventJson) };
    },
  );
}
