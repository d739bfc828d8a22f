/**
 * GET /healthz, liveness: the process serves HTTP (restart it when this fails).
 * GET /readyz, readiness: the database and Redis both answer (send it no traffic while this is
 * 503; it turns 200 again by itself once they are back, since both clients reconnect).
 */
import type { FastifyInstance } from 'fastify';
import { pingDatabase } from '@vellum/db';
import type { ApiDeps } from '../deps.ts';

async function check(fn: () => Promise<unknown>, timeoutMs: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return 'ok';
  } catch (error) {
    return `error: ${(error as Error).message}`;
  } finally {
    clearTimeout(timer);
  }
}

export async function healthRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  app.get(
    '/healthz',
    {
      schema: {
        summary: 'Liveness: the process answers (it does not check the database or Redis; see /readyz)',
        tags: ['operations'],
        response: { 200: { type: 'object', properties: { status: { type: 'string' } } } },
      },
    },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        summary: 'Readiness: database and Redis reachable (503 while either is not)',
        tags: ['operations'],
        response: {
          200: { type: 'object', properties: { status: { type: 'string' }, db: { type: 'string' }, redis: { type: 'string' } } },
          // Also the shape of auth.ts's 503 (a named token cannot be checked with the database down).
          503: {
            type: 'object',
            properties: {
              status: { type: 'string' },
              db: { type: 'string' },
              redis: { type: 'string' },
              statusCode: { type: 'integer' },
              error: { type: 'string' },
              message: { type: 'string' },
            },
          },
        },
      },
    },
    async (_request, reply) => {
      const [db, redis] = await Promise.all([
        check(() => pingDatabase(deps.db), deps.healthTimeoutMs),
        check(() => deps.queues.ping(deps.healthTimeoutMs), deps.healthTimeoutMs),
      ]);
      const ok = db === 'ok' && redis === 'ok';
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', db, redis });
    },
  );
}
