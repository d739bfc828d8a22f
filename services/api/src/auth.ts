/**
 * Bearer-token auth. One shared token (VELLUM_API_TOKEN) guards the API and the dashboard;
 * the dashboard also takes HTTP Basic auth with the token as the password, so that a browser
 * can log in through its own prompt.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** Constant-time comparison (hashing first makes the lengths equal). */
export function tokenMatches(given: string, token: string): boolean {
  return timingSafeEqual(digest(given), digest(token));
}

/** The token a request presents: `Bearer <token>`, or with `allowBasic` the password of `Basic`. */
export function presentedToken(header: string | undefined, allowBasic: boolean): string | null {
  if (!header) return null;
  const [scheme, value] = header.split(/\s+/, 2);
  if (!scheme || !value) return null;
  if (scheme.toLowerCase() === 'bearer') return value;
  if (allowBasic && scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) : null;
  }
  return null;
}

export function requireToken(token: string, options: { allowBasic?: boolean } = {}) {
  const allowBasic = options.allowBasic ?? false;
  return async function checkToken(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const given = presentedToken(request.headers.authorization, allowBasic);
    if (given !== null && tokenMatches(given, token)) return;
    reply.header('www-authenticate', allowBasic ? 'Basic realm="vellum", charset="UTF-8"' : 'Bearer realm="vellum"');
    await reply.code(401).send({
      statusCode: 401,
      error: 'Unauthorized',
      message:
        given === null
          ? 'missing credentials: send the header "Authorization: Bearer <VELLUM_API_TOKEN>"'
          : 'invalid token: use the value of VELLUM_API_TOKEN the server was started with',
    });
  };
}
