/**
 * The OpenAPI document (@fastify/swagger options). Routes describe their own inputs and answers;
 * what holds for every route of a kind is added here, so no route can forget it:
 *   - every route but the public ones (auth.ts PUBLIC_PATHS: /healthz) needs a token, so has a
 *     `security` and answers 401 and 429 (rate limit, with Retry-After); one with validated input
 *     answers 400; one with a body also 413 (too large) and 415 (not JSON);
 *   - every operation has an operationId (derived from method and path when the route gives
 *     none);
 *   - the operator routes (/metrics, /openapi.json, the dashboard's entry page) are documented
 *     here, beside their handlers' plain-text and HTML answers.
 * test/api-openapi.test.ts sends every documented request and validates each answer against
 * this document, and lints it with Redocly.
 */
import type { SwaggerOptions } from '@fastify/swagger';
import { PUBLIC_PATHS } from './auth.ts';
import { BOARD_PATH } from './board-path.ts';
import { errorSchema } from './serialize.ts';

type Json = Record<string, unknown>;

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function errorResponse(description: string): Json {
  return { description, content: { 'application/json': { schema: errorSchema } } };
}

/** Documentation of routes whose handlers send text or HTML (no runtime schema of their own). */
const OPERATOR_ROUTES: Record<string, Json> = {
  '/metrics': {
    summary: 'Prometheus metrics (text exposition format 0.0.4)',
    operationId: 'getMetrics',
    tags: ['operations'],
    response: {
      200: { description: 'The metrics', content: { 'text/plain': { schema: { type: 'string' } } } },
    },
  },
  '/openapi.json': {
    summary: 'This document',
    operationId: 'getOpenApi',
    tags: ['operations'],
    response: {
      200: {
        description: 'The OpenAPI 3.1 document',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['openapi', 'info', 'paths'],
              properties: { openapi: { type: 'string' }, info: { type: 'object' }, paths: { type: 'object' } },
              additionalProperties: true,
            },
          },
        },
      },
    },
  },
  [BOARD_PATH]: {
    summary: 'The queue dashboard (Bull Board), an HTML page; the token as a Bearer header or the Basic-auth password',
    operationId: 'getQueueDashboard',
    tags: ['operations'],
    security: [{ bearer: [] }, { basic: [] }],
    response: {
      200: { description: 'The dashboard page', content: { 'text/html': { schema: { type: 'string' } } } },
    },
  },
};

/** `GET /v1/articles/{id}` -> `getV1ArticlesId`. */
export function deriveOperationId(method: string, path: string): string {
  const words = path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

/** Adds what holds for every operation of a kind (see the header comment). */
export function completeOperations(doc: Json): Json {
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Json>>;
  for (const [path, item] of Object.entries(paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      op.operationId ??= deriveOperationId(method, path);
      op.security ??= PUBLIC_PATHS.has(path) ? [] : [{ bearer: [] }];
      const responses = (op.responses ??= {}) as Record<string, Json>;
      const secured = (op.security as unknown[]).length > 0;
      if (secured !== !PUBLIC_PATHS.has(path)) throw new Error(`${method} ${path}: its security contradicts auth.ts PUBLIC_PATHS`);
      const validated = Array.isArray(op.parameters) && op.parameters.length > 0;
      if (secured) {
        responses['401'] ??= errorResponse('Missing or wrong token (WWW-Authenticate says how to send it)');
        responses['429'] ??= {
          ...errorResponse('Rate limit exceeded: per token name, or per IP address without a valid token'),
          headers: {
            'Retry-After': { description: 'Seconds until the window resets', schema: { type: 'integer', minimum: 0 } },
            'x-ratelimit-limit': { description: 'Requests allowed per window', schema: { type: 'integer' } },
            'x-ratelimit-remaining': { description: 'Requests left in this window (0)', schema: { type: 'integer' } },
            'x-ratelimit-reset': { description: 'Seconds until the window resets', schema: { type: 'integer' } },
          },
        };
      }
      if (validated || op.requestBody) responses['400'] ??= errorResponse('A parameter or the body is invalid; `details` names each field');
      if (op.requestBody) {
        responses['413'] ??= errorResponse('The body is larger than a full batch of the longest URLs');
        responses['415'] ??= errorResponse('The body is not `application/json`');
      }
    }
  }
  return doc;
}

export function swaggerOptions(version: string): SwaggerOptions {
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Vellum API',
        version,
        description: 'Submit news article URLs to the Vellum archive and read what it stored.',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      // Relative: the server that serves this document.
      servers: [{ url: '/', description: 'This Vellum API server' }],
      tags: [
        { name: 'submissions', description: 'Ask for URLs to be archived and follow them' },
        { name: 'articles', description: 'What the archive stored' },
        { name: 'operations', description: 'Health, metrics, this document and the queue dashboard' },
      ],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A named token (`vellum token create <name>`) or the legacy VELLUM_API_TOKEN' },
          basic: { type: 'http', scheme: 'basic', description: 'Any user name, a token as the password (the dashboard only)' },
        },
      },
    },
    transform: ({ schema, url }) => {
      // The dashboard's entry page is registered as `/admin/queues/` (and without the slash).
      const documented = url === `${BOARD_PATH}/` ? BOARD_PATH : url;
      if (OPERATOR_ROUTES[documented]) return { schema: OPERATOR_ROUTES[documented] as never, url: documented };
      // The dashboard's other pages, scripts and JSON are its own business, not this API's.
      if (url.startsWith(BOARD_PATH)) return { schema: { ...schema, hide: true }, url };
      return { schema, url };
    },
    transformObject: (document) => completeOperations((document as { openapiObject: Json }).openapiObject) as never,
  };
}
