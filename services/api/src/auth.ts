/**
 * Who is calling. A request presents a token (`Authorization: Bearer <token>`; the dashboard
 * also takes HTTP Basic with the token as the password, so a browser can log in through its own
 * prompt). The token is either a named token from `vellum token create` (found by its SHA-256,
 * see @vellum/db api-tokens.ts) or the legacy shared VELLUM_API_TOKEN, which goes by a
 * configured name ("default"). The caller's name is what submissions record as `submitted_by`.
 *
 * Identification and refusal are two hooks so that the rate limiter can run between them: it
 * keys an identified caller by token name and anyone else by IP, which also slows down token
 * guessing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { findApiTokenBySecret, hashApiToken, type Database } from '@vellum/db';
import { BOARD_PATH } from './board-path.ts';
import { ApiError } from './errors.ts';
import { BUILD_API_DEFAULTS } from './defaults.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The name of the token that authenticated this request; null when none did. */
    caller: string | null;
    /** What the request presented: nothing, or a token that matched no live token. */
    credentials: 'none' | 'invalid' | 'valid';
  }
}

/** The routes anyone may call: liveness only (a load balancer's probe carries no secret). */
export const PUBLIC_PATHS: ReadonlySet<string> = new Set(['/healthz']);

/**
 * The web UI (`/` redirects to `/ui/`) checks its own sessions (web/session.ts): its login page
 * and stylesheet must be reachable without a token, every other page sends a browser to the login
 * page instead of answering 401. The token hooks still identify a bearer and rate-limit.
 */
export function isWebUiPath(path: string): boolean {
  return path === '/' || path === '/ui' || path.startsWith('/ui/');
}

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

export function requestPath(request: FastifyRequest): string {
  return request.url.split('?')[0]!;
}

function isBoard(path: string): boolean {
  return path === BOARD_PATH || path.startsWith(`${BOARD_PATH}/`);
}

/**
 * How long a named token, once found, is trusted without asking the database again. A burst of
 * requests with one token would otherwise queue a lookup each for the database's connections,
 * ahead of the submissions' own transactions (1,000 at once exhausted the pool's wait); a
 * revoked token is refused within this time. Lookups of one token in flight together are shared.
 */
export const TOKEN_CACHE_MS = BUILD_API_DEFAULTS.tokenCacheMs;

function tokenLookup(db: Database, cacheMs: number): (secret: string) => Promise<string | null> {
  const known = new Map<string, { name: string; until: number }>();
  const pending = new Map<string, Promise<string | null>>();
  return async (secret) => {
    const key = hashApiToken(secret).toString('hex');
    const hit = known.get(key);
    if (hit && hit.until > Date.now()) return hit.name;
    let lookup = pending.get(key);
    if (!lookup) {
      lookup = findApiTokenBySecret(db, secret)
        .then((token) => {
          if (token) known.set(key, { name: token.name, until: Date.now() + cacheMs });
          else known.delete(key);
          return token?.name ?? null;
        })
        .finally(() => pending.delete(key));
      pending.set(key, lookup);
    }
    return lookup;
  };
}

export interface AuthOptions {
  db: Database;
  /** The legacy shared token (VELLUM_API_TOKEN), if any. */
  legacyToken?: string;
  /** The name requests with the legacy token are recorded under. */
  legacyTokenName: string;
  /** TOKEN_CACHE_MS unless given (0: ask the database every time). */
  tokenCacheMs?: number;
}

/** The caller a token names (the legacy token's name, or a live named token's), or null. Throws when the database does not answer. */
export function tokenChecker(options: AuthOptions): (given: string) => Promise<string | null> {
  const lookup = tokenLookup(options.db, options.tokenCacheMs ?? TOKEN_CACHE_MS);
  return async (given) => {
    if (options.legacyToken !== undefined && tokenMatches(given, options.legacyToken)) return options.legacyTokenName;
    return lookup(given);
  };
}

/**
 * onRequest: sets `request.caller` and `request.credentials`; refuses nothing. `check` is
 * tokenChecker's, shared with the web UI's login so both know the same tokens.
 */
export function identifyCaller(check: (given: string) => Promise<string | null>) {
  return async function identify(request: FastifyRequest): Promise<void> {
    request.caller = null;
    request.credentials = 'none';
    const path = requestPath(request);
    if (PUBLIC_PATHS.has(path)) return;
    const given = presentedToken(request.headers.authorization, isBoard(path));
    if (given === null) return;
    request.credentials = 'invalid';
    try {
      request.caller = await check(given);
    } catch (error) {
      // The token may well be valid: say so, rather than 401 or a bare 500.
      request.log.warn({ err: error }, 'token lookup failed');
      throw new ApiError(503, 'the token could not be checked: the database does not answer; retry shortly (see /readyz)');
    }
    if (request.caller !== null) request.credentials = 'valid';
  };
}

/** onRequest, after the rate limiter: 401 unless the caller was identified (or the path is public). */
export async function refuseAnonymous(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const path = requestPath(request);
  if (request.caller !== null || PUBLIC_PATHS.has(path) || isWebUiPath(path)) return;
  const board = isBoard(path);
  reply.header('www-authenticate', board ? 'Basic realm="vellum", charset="UTF-8"' : 'Bearer realm="vellum"');
  await reply.code(401).send({
    statusCode: 401,
    error: 'Unauthorized',
    message:
      request.credentials === 'none'
        ? 'missing credentials: send the header "Authorization: Bearer <token>" (a token from `vellum token create`, or VELLUM_API_TOKEN)'
        : 'invalid token: it matches no live token (revoked, mistyped, or not the VELLUM_API_TOKEN the server was started with)',
  });
}
