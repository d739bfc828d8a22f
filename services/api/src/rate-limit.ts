/**
 * Per-caller rate limiting (@fastify/rate-limit): an identified caller is counted by its token
 * name (all its connections and addresses together), anyone else by IP address, with a lower
 * limit, which also slows down guessing tokens. Counters live in this process's memory: behind a
 * load balancer with N API processes a caller gets up to N times the limit. /healthz is exempt.
 * Over the limit: 429 with Retry-After (seconds) and the x-ratelimit-* headers.
 */
import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { PUBLIC_PATHS, requestPath } from './auth.ts';
import { ApiError } from './errors.ts';
import { RATE_LIMIT_DEFAULTS } from './defaults.ts';

export interface RateLimitOptions {
  /**
   * Requests one token may make per window.
   * @defaultValue 1200
   */
  max?: number;
  /**
   * Requests one IP address without a valid token may make per window.
   * @defaultValue 60
   */
  anonymousMax?: number;
  /**
   * The window in ms.
   * @defaultValue 60_000
   */
  windowMs?: number;
}

export { RATE_LIMIT_DEFAULTS };

function keyOf(request: FastifyRequest): string {
  return request.caller !== null ? `token:${request.caller}` : `ip:${request.ip}`;
}

/** Registers the plugin (not globally) and returns the onRequest hook to run after identifyCaller. */
export async function rateLimitHook(app: FastifyInstance, options: RateLimitOptions = {}): Promise<onRequestAsyncHookHandler> {
  const limits = { ...RATE_LIMIT_DEFAULTS, ...options };
  for (const [key, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`rate limit ${key} must be a positive integer, got ${value}`);
  }
  await app.register(rateLimit, { global: false });
  const limit = app.rateLimit({
    timeWindow: limits.windowMs,
    keyGenerator: keyOf,
    max: (request) => (request.caller !== null ? limits.max : limits.anonymousMax),
    allowList: (request) => PUBLIC_PATHS.has(requestPath(request)),
    errorResponseBuilder: (request, context) =>
      new ApiError(
        429,
        `rate limit exceeded: ${context.max} requests per ${limits.windowMs / 1000} s for ${request.caller !== null ? `token "${request.caller}"` : `address ${request.ip} without a valid token`}; retry in ${context.after} (Retry-After)`,
      ),
  }) as onRequestAsyncHookHandler;
  // The refusal is sent here rather than thrown: a thrown error would reach the error handler of
  // the route's scope, and the dashboard's scope has Bull Board's own, with another body shape.
  return async function rateLimited(request, reply) {
    try {
      await limit.call(app, request, reply);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      await reply.code(error.statusCode).send({ statusCode: error.statusCode, error: 'Too Many Requests', message: error.message });
    }
  };
}
