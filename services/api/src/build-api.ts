/**
 * The HTTP API as a fastify instance, built from its dependencies. Nothing listens until the
 * caller calls `app.listen` (tests use `inject` or port 0). Closing the app closes what it
 * opened itself (event subscriptions), never the db or queues it was given.
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import pLimit from 'p-limit';
import { checkApiTokenName, type Database } from '@vellum/db';
import type { EnqueueOptions, VellumQueues } from '@vellum/queue';
import type { CleanOptions } from '@vellum/core';
import { identifyCaller, refuseAnonymous, tokenChecker } from './auth.ts';
import { registerBoard } from './board.ts';
import type { ApiDeps } from './deps.ts';
import { installErrorHandler } from './errors.ts';
import { installJsonBodyParser } from './json-body.ts';
import { trackRoutes } from './method-not-allowed.ts';
import { swaggerOptions } from './openapi.ts';
import { createQueueMetrics } from './metrics.ts';
import { rateLimitHook, type RateLimitOptions } from './rate-limit.ts';
import { installRequestMetrics } from './request-metrics.ts';
import { articleRoutes } from './routes/articles.ts';
import { healthRoutes } from './routes/health.ts';
import { searchRoutes } from './routes/search.ts';
import { versionRoutes } from './routes/versions.ts';
import { submissionRoutes, MAX_URL_LENGTH } from './routes/submissions.ts';
import { registerWeb } from './web/register-web.ts';
import { BUILD_API_DEFAULTS } from './defaults.ts';

export const API_VERSION = '1.0.0';

/** The name requests with the legacy VELLUM_API_TOKEN are recorded under, unless configured. */
export const DEFAULT_TOKEN_NAME = BUILD_API_DEFAULTS.tokenName;

export interface RegisteredRoute {
  method: string;
  url: string;
}

const routeLists = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/** Every route the app registered (fastify has no public list; test/api-auth.test.ts walks it). */
export function registeredRoutes(app: FastifyInstance): RegisteredRoute[] {
  return routeLists.get(app) ?? [];
}

export interface BuildApiOptions {
  db: Database;
  queues: VellumQueues;
  /**
   * The legacy shared bearer token (VELLUM_API_TOKEN, at least 16 characters), accepted beside
   * the named tokens of the api_tokens table. Optional: without it only named tokens work.
   * @defaultValue none
   */
  token?: string;
  /**
   * The name the legacy token's requests are recorded under (`submitted_by`).
   * @defaultValue 'default'
   */
  tokenName?: string;
  /**
   * How long a named token found in the database is trusted without asking again (auth.ts), in ms.
   * @defaultValue 5_000
   */
  tokenCacheMs?: number;
  /**
   * Submissions decided at once (each is a database transaction); more wait their turn here
   * instead of in the connection pool, whose wait times out (the pool has 10).
   * @defaultValue 4
   */
  submitConcurrency?: number;
  /**
   * Per-caller rate limits (rate-limit.ts).
   * @defaultValue `RATE_LIMIT_DEFAULTS`
   */
  rateLimit?: RateLimitOptions;
  /**
   * A pino logger (fastify's logger interface).
   * @defaultValue none (no logging)
   */
  logger?: FastifyBaseLogger;
  /**
   * Most URLs one POST /v1/submissions may carry.
   * @defaultValue 1000
   */
  batchLimit?: number;
  /**
   * Timeout of each /readyz check in ms.
   * @defaultValue 2000
   */
  healthTimeoutMs?: number;
  /**
   * Subscribe to the queues' job events for /metrics.
   * @defaultValue true
   */
  jobEvents?: boolean;
  /**
   * Overrides of the job options for jobs this API enqueues (attempts, backoff).
   * @defaultValue none (the queues' job options)
   */
  jobOptions?: EnqueueOptions['jobOptions'];
  /**
   * Serve the web UI under /ui (and redirect / to it).
   * @defaultValue true
   */
  web?: boolean;
  /**
   * The clean options the workers run with (site rules): the web UI reruns the pipeline with them to place removals.
   * @defaultValue none (the built-in rules)
   */
  cleanOptions?: CleanOptions;
}

export async function buildApi(options: BuildApiOptions): Promise<FastifyInstance> {
  if (options.token !== undefined && options.token.length < 16) throw new RangeError('the API token must be at least 16 characters');
  const tokenName = checkApiTokenName(options.tokenName ?? DEFAULT_TOKEN_NAME);
  const batchLimit = options.batchLimit ?? BUILD_API_DEFAULTS.batchLimit;
  const submitConcurrency = options.submitConcurrency ?? BUILD_API_DEFAULTS.submitConcurrency;
  if (!Number.isInteger(submitConcurrency) || submitConcurrency < 1) throw new RangeError(`submitConcurrency must be a positive integer, got ${submitConcurrency}`);
  if (!Number.isInteger(batchLimit) || batchLimit < 1) throw new RangeError(`batchLimit must be a positive integer, got ${batchLimit}`);
  const deps: ApiDeps = {
    db: options.db,
    queues: options.queues,
    batchLimit,
    healthTimeoutMs: options.healthTimeoutMs ?? BUILD_API_DEFAULTS.healthTimeoutMs,
    jobOptions: options.jobOptions,
    submitSlot: pLimit(submitConcurrency),
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
  installJsonBodyParser(app);
  const routes: RegisteredRoute[] = [];
  routeLists.set(app, routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method: method.toUpperCase(), url: route.url });
  });

  await app.register(swagger, swaggerOptions(API_VERSION));

  const metrics = createQueueMetrics({ db: options.db, queues: options.queues, jobEvents: options.jobEvents ?? BUILD_API_DEFAULTS.jobEvents });
  app.addHook('onClose', async () => metrics.close());
  installRequestMetrics(app, metrics.registry);

  // Every route but /healthz, the dashboard's and unknown paths included: who is calling, how
  // often (rate-limit.ts), then 401 for nobody. Added before any route so that none escapes.
  app.decorateRequest('caller', null);
  app.decorateRequest('credentials', 'none');
  const checkToken = tokenChecker({ db: options.db, legacyToken: options.token, legacyTokenName: tokenName, tokenCacheMs: options.tokenCacheMs ?? BUILD_API_DEFAULTS.tokenCacheMs });
  app.addHook('onRequest', identifyCaller(checkToken));
  app.addHook('onRequest', await rateLimitHook(app, options.rateLimit));
  app.addHook('onRequest', refuseAnonymous);

  await submissionRoutes(app, deps);
  await articleRoutes(app, deps);
  await searchRoutes(app, deps);
  await versionRoutes(app, deps);
  await healthRoutes(app, deps);
  // Documented in openapi.ts (their answers are not serialized through a schema).
  app.get('/openapi.json', async () => app.swagger());
  app.get('/metrics', async (_request, reply) => {
    const body = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).send(body);
  });
  await registerBoard(app, options.queues);
  if (options.web ?? BUILD_API_DEFAULTS.web) await registerWeb(app, { db: options.db, checkToken, cleanOptions: options.cleanOptions });
  await app.ready();
  await metrics.ready();
  return app;
}
