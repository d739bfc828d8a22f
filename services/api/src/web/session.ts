/**
 * The web UI's login: the same token as the API, typed once into a form, then carried by a
 * signed session cookie (HttpOnly, SameSite=Strict, Path=/ui, Secure when the request came over
 * https). The cookie holds only its expiry time, signed with a key derived from the token, so
 * changing VELLUM_API_TOKEN logs everyone out and a cookie cannot be forged or extended.
 * A request with `Authorization: Bearer <token>` is let in too (scripts fetching the WARC).
 *
 * CSRF: SameSite=Strict keeps the cookie off every cross-site request, and the only state-changing
 * routes (login, logout) also refuse a POST whose Origin or Sec-Fetch-Site says another site.
 */
import { createHmac } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { presentedToken, tokenMatches } from '../auth.ts';

export const SESSION_COOKIE = 'vellum_session';
export const UI_PREFIX = '/ui';
/** How long a login lasts. */
export const SESSION_MS = 12 * 60 * 60 * 1000;

/** The cookie-signing secret: derived from the token, never the token itself. */
export function cookieSecret(token: string): string {
  return createHmac('sha256', token).update('vellum web session v1').digest('hex');
}

export function hasSession(request: FastifyRequest, token: string, now = Date.now()): boolean {
  const given = presentedToken(request.headers.authorization, false);
  if (given !== null && tokenMatches(given, token)) return true;
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
