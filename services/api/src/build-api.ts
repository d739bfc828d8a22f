/**
 * The HTTP API as a fastify instance, built from its dependencies. Nothing listens until the
 * caller calls `app.listen` (tests use `inject` or port 0). Closing the app closes what it
 * opened itself (event subscriptions), never the db or queues it was given.
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import type { Database } from '@vellum/db';
import type { EnqueueOptions, VellumQueues } from '@vellum/queue';
import { requireToken } from './auth.ts';
import type { CleanOptions } from '@vellum/core';
import { registerBoard } from './board.ts';
import type { ApiDeps } from './deps.ts';
import { installErrorHandler } from './errors.ts';
import { trackRoutes } from './method-not-allowed.ts';
import { swaggerOptions } from './openapi.ts';
import { createQueueMetrics } from './metrics.ts';
import { installRequestMetrics } from './request-metrics.ts';
import { articleRoutes } from './routes/articles.ts';
import { healthRoutes } from './routes/health.ts';
import { searchRoutes } from './routes/search.ts';
import { versionRoutes } from './routes/versions.ts';
import { submissionRoutes, MAX_URL_LENGTH } from './routes/submissions.ts';
import { registerWeb } from './web/register-web.ts';

export const API_VERSION = '1.0.0';

export interface BuildApiOptions {
  db: Database;
  queues: VellumQueues;
  /** The bearer token every /v1 route and the dashboard require (at least 16 characters). */
  token: string;
  /** A pino logger (fastify's logger interface). Default: no logging. */
  logger?: FastifyBaseLogger;
  /** Most URLs one POST /v1/submissions may carry. Default 1000. */
  batchLimit?: number;
  /** Timeout of each /readyz check in ms. Default 2000. */
  healthTimeoutMs?: number;
  /** Subscribe to the queues' job events for /metrics. Default true. */
  jobEvents?: boolean;
  /** Overrides of the job options for jobs this API enqueues (attempts, backoff). */
  jobOptions?: EnqueueOptions['jobOptions'];
  /** Serve the web UI under /ui (and redirect / to it). Default true. */
  web?: boolean;
  /** The clean options the workers run with (site rules): the web UI reruns the pipeline with them to place removals. */
  cleanOptions?: CleanOptions;
}

export async function buildApi(options: BuildApiOptions): Promise<FastifyInstance> {
  if (options.token.length < 16) throw new RangeError('the API token must be at least 16 characters');
  const batchLimit = options.batchLimit ?? 1000;
  if (!Number.isInteger(batchLimit) || batchLimit < 1) throw new RangeError(`batchLimit must be a positive integer, got ${batchLimit}`);
  const deps: ApiDeps = {
    db: options.db,
    queues: options.queues,
    batchLimit,
    healthTimeoutMs: options.healthTimeoutMs ?? 2000,
    jobOptions: options.jobOptions,
  };

  const app = Fastify({
    loggerInstance: options.logger,
    // Room for a full batch of the longest URLs, and no more.
    bodyLimit: batchLimit * (MAX_URL_LENGTH + 8) + 4096,
    ajv: {
      // Unknown fields and wrongly typed values are errors to report, not to fix up silently.
      customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true },
    },
  }) as unknown as FastifyInstance;
  installErrorHandler(app, trackRoutes(app));

  await app.register(swagger, swaggerOptions(API_VERSION));

  const metrics = createQueueMetrics({ db: options.db, queues: options.queues, jobEvents: options.jobEvents });
  app.addHook('onClose', async () => metrics.close());
  installRequestMetrics(app, metrics.registry);

  await app.register(async (v1) => {
    v1.addHook('onRequest', requireToken(options.token));
    await submissionRoutes(v1, deps);
    await articleRoutes(v1, deps);
    await searchRoutes(v1, deps);
    await versionRoutes(v1, deps);
  });
  await healthRoutes(app, deps);
  // Documented in openapi.ts (their answers are not serialized through a schema).
  app.get('/openapi.json', async () => app.swagger());
  app.get('/metrics', async (_request, reply) => {
    const body = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).send(body);
  });
  await registerBoard(app, options.queues, options.token);
  if (options.web ?? true) await registerWeb(app, { db: options.db, token: options.token, cleanOptions: options.cleanOptions });
  await app.ready();
  await metrics.ready();
  return app;
}
