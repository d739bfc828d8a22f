/**
 * The web UI's login: a token of the API (a named one from `vellum token create`, or
 * VELLUM_API_TOKEN), typed once into a form, then carried by a signed session cookie (HttpOnly,
 * SameSite=Strict, Path=/ui, Secure when the request came over https). The cookie holds only its
 * expiry time, signed with a key the server draws at start, so a cookie cannot be forged or
 * extended, and restarting the server logs everyone out. A request the API's auth hook already
 * identified by its bearer token is let in too (scripts fetching the WARC).
 *
 * CSRF: SameSite=Strict keeps the cookie off every cross-site request, and the only state-changing
 * routes (login, logout) also refuse a POST whose Origin or Sec-Fetch-Site says another site.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'vellum_session';
export const UI_PREFIX = '/ui';
/** How long a login lasts. */
export const SESSION_MS = 12 * 60 * 60 * 1000;

/** A cookie-signing secret for this server's life (sessions do not outlive a restart). */
export function newCookieSecret(): string {
  return randomBytes(32).toString('hex');
}

export function hasSession(request: FastifyRequest, now = Date.now()): boolean {
  if (request.caller !== null) return true; // a valid bearer token (auth.ts identified it)
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) return false;
  const { valid, value } = request.unsignCookie(raw);
  return valid && value !== null && /^\d+$/.test(value) && Number(value) > now;
}

export function startSession(request: FastifyRequest, reply: FastifyReply, now = Date.now()): void {
  reply.setCookie(SESSION_COOKIE, String(now + SESSION_MS), {
    signed: true,
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    path: UI_PREFIX,
    maxAge: SESSION_MS / 1000,
  });
}

export function endSession(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: UI_PREFIX, httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https' });
}

/**
 * Whether a form POST comes from this site. Sec-Fetch-Site decides when the browser sends it
 * (every current one does); else the Origin header, when there is one, must be this site's.
 * Origin alone cannot decide: with Referrer-Policy no-referrer a browser sends `Origin: null`
 * even for a same-origin form.
 */
export function sameOriginPost(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  return origin === `${request.protocol}://${request.host}`;
}

/** Where to go after logging in: a path inside the UI only (never another site). */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith(`${UI_PREFIX}/`) || next.startsWith('//') || /[\\\u0000-\u001f]/.test(next)) return `${UI_PREFIX}/`;
  return next;
}
