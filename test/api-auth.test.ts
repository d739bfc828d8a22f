/**
 * Issue 16 item 4: who may call what. Every route the app registers (read from its own route
 * list, so a route added later without auth fails here) refuses a request without a token and
 * with a wrong or revoked one, and lets a valid one through; only /healthz is public. Named
 * tokens (`vellum token`) record who submitted; the legacy VELLUM_API_TOKEN goes by its
 * configured name. Rate limits are per token name, and per IP address without a valid token.
 * Real Postgres and Redis, own schema and prefix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApi, isWebUiPath, PUBLIC_PATHS, registeredRoutes } from '@vellum/api';
import { createApiToken, revokeApiToken } from '@vellum/db';
import { queueEnv, type QueueEnv } from './queue-harness.ts';
import { runVellum } from './support/run-vellum.ts';

const LEGACY = 'legacy-token-0123456789abcdef';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('API auth, named tokens and rate limits', () => {
  let q: QueueEnv;
  let app: FastifyInstance;
  let alice: string;
  let revoked: string;

  beforeAll(async () => {
    q = await queueEnv('apiauth');
    // tokenCacheMs 0: a revoked token is refused at once (by default within TOKEN_CACHE_MS).
    app = await buildApi({ db: q.db, queues: q.queues, token: LEGACY, tokenName: 'ops', tokenCacheMs: 0, jobEvents: false, rateLimit: { max: 10_000, anonymousMax: 10_000 } });
    alice = (await createApiToken(q.db, 'alice')).secret;
    revoked = (await createApiToken(q.db, 'mallory')).secret;
    await revokeApiToken(q.db, 'mallory');
  });

  afterAll(async () => {
    await app?.close();
    await q?.cleanup();
  });

  /** A concrete URL for a route pattern: `:id` -> 1, `*` -> x. */
  const concrete = (url: string) => url.replace(/:[A-Za-z0-9_]+/g, '1').replace(/\*/g, 'x');

  it('refuses every registered route but /healthz without a valid token, and lets a valid one through', async () => {
    const routes = registeredRoutes(app);
    // The API's own routes and the dashboard's are all in the list.
    const urls = new Set(routes.map((r) => r.url));
    for (const u of ['/v1/submissions', '/v1/submissions/:id', '/v1/articles', '/v1/articles/:id', '/readyz', '/metrics', '/openapi.json', '/healthz']) expect(urls).toContain(u);
    expect([...urls].filter((u) => u.startsWith('/admin/queues')).length).toBeGreaterThan(3);
    expect(routes.length).toBeGreaterThan(15);

    const problems: string[] = [];
    for (const route of routes) {
      const url = concrete(route.url);
      const send = (headers: Record<string, string>) =>
        app.inject({ method: route.method as 'GET', url, headers: { 'content-type': 'application/json', ...headers }, payload: route.method === 'POST' ? '{}' : undefined });
      const where = `${route.method} ${route.url}`;
      if (PUBLIC_PATHS.has(route.url)) {
        if ((await send({})).statusCode !== 200) problems.push(`${where}: public route not answering 200`);
        continue;
      }
      if (isWebUiPath(route.url)) {
        // The web UI's own sessions: its login page, stylesheet and the redirect to it are open;
        // every other page sends a browser without a session to the login page, or refuses.
        const open = route.url === '/' || route.url === '/ui/login' || route.url.startsWith('/ui/static/');
        if (open) continue;
        const res = await send({});
        const toLogin = res.statusCode === 303 && String(res.headers.location ?? '').startsWith('/ui/login');
        if (!toLogin && res.statusCode !== 401 && res.statusCode !== 403) problems.push(`${where} without a session: ${res.statusCode}`);
        continue;
      }
      for (const [what, headers] of [
        ['no token', {}],
        ['a wrong token', bearer('wrong-token-wrong-token-wrong')],
        ['a revoked token', bearer(revoked)],
        ['a token as Basic outside the dashboard', route.url.startsWith('/admin/') ? null : { authorization: `Basic ${Buffer.from(`u:${alice}`).toString('base64')}` }],
      ] as const) {
        if (!headers) continue;
        const res = await send(headers);
        if (res.statusCode !== 401) problems.push(`${where} with ${what}: ${res.statusCode}`);
        else if (!res.headers['www-authenticate']) problems.push(`${where} with ${what}: 401 without WWW-Authenticate`);
      }
      for (const [what, token] of [['the legacy token', LEGACY], ['a named token', alice]] as const) {
        const res = await send(bearer(token));
        if (res.statusCode === 401) problems.push(`${where} with ${what}: 401`);
      }
    }
    expect(problems).toEqual([]);
    // Unknown paths do not tell whether they exist without a token.
    expect((await app.inject({ method: 'GET', url: '/no/such/path' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/no/such/path', headers: bearer(alice) })).statusCode).toBe(404);
  });

  it('records the token name as submitted_by: a named token, and the legacy token under its configured name', async () => {
    const post = (token: string, url: string) =>
      app.inject({ method: 'POST', url: '/v1/submissions', headers: bearer(token), payload: { url } });
    const a = await post(alice, 'https://example.com/by-alice');
    const o = await post(LEGACY, 'https://example.com/by-ops');
    expect([a.statusCode, o.statusCode]).toEqual([202, 202]);
    const byId = async (res: typeof a) => {
      const id = res.json().submissions[0].id;
      return (await app.inject({ method: 'GET', url: `/v1/submissions/${id}`, headers: bearer(LEGACY) })).json().submission.submittedBy;
    };
    expect(await byId(a)).toBe('alice');
    expect(await byId(o)).toBe('ops');
    // A self-declared name is refused, not recorded.
    const claim = await app.inject({ method: 'POST', url: '/v1/submissions', headers: bearer(alice), payload: { url: 'https://example.com/claim', submittedBy: 'ops' } });
    expect(claim.statusCode).toBe(400);
    expect(claim.json().details).toEqual([{ field: 'body.submittedBy', message: expect.stringMatching(/^is no longer accepted/) }]);
    const { rows } = await q.db.query<{ url: string; submitted_by: string }>('SELECT url, submitted_by FROM submissions ORDER BY id');
    expect(rows).toEqual([
      { url: 'https://example.com/by-alice', submitted_by: 'alice' },
      { url: 'https://example.com/by-ops', submitted_by: 'ops' },
    ]);
    // Use is recorded (at most once a minute per token).
    const used = await q.db.query<{ name: string; used: boolean }>(`SELECT name, last_used_at IS NOT NULL AS used FROM api_tokens ORDER BY id`);
    expect(used.rows).toEqual([{ name: 'alice', used: true }, { name: 'mallory', used: false }]);
  });

  it('vellum token create / list / revoke: the secret is shown once and works until revoked', async () => {
    const env = q.env;
    const created = await runVellum(['token', 'create', 'crawler-1', '--json'], env);
    expect(created.code, created.stderr).toBe(0);
    const { name, token } = JSON.parse(created.stdout);
    expect(name).toBe('crawler-1');
    expect(token).toMatch(/^vlm_[A-Za-z0-9_-]{43}$/);
    // Only its hash is stored.
    const stored = await q.db.query(`SELECT * FROM api_tokens WHERE name = 'crawler-1'`);
    expect(JSON.stringify(stored.rows)).not.toContain(token.slice(4));

    const ok = await app.inject({ method: 'POST', url: '/v1/submissions', headers: bearer(token), payload: { url: 'https://example.com/by-crawler' } });
    expect(ok.statusCode).toBe(202);

    const again = await runVellum(['token', 'create', 'crawler-1'], env);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/already exists/);
    const badName = await runVellum(['token', 'create', 'Bad Name'], env);
    expect(badName.code).not.toBe(0);
    expect(badName.stderr).toMatch(/invalid token name/);
    const legacyName = await runVellum(['token', 'create', 'default'], env);
    expect(legacyName.code).not.toBe(0);
    expect(legacyName.stderr).toMatch(/legacy VELLUM_API_TOKEN/);

    const list = await runVellum(['token', 'list', '--json'], env);
    expect(list.code, list.stderr).toBe(0);
    const listed = JSON.parse(list.stdout) as Array<{ name: string; revokedAt: string | null; lastUsedAt: string | null }>;
    expect(listed.map((t) => [t.name, t.revokedAt === null])).toEqual([['alice', true], ['mallory', false], ['crawler-1', true]]);
    expect(list.stdout).not.toContain(token);
    const table = await runVellum(['token', 'list'], env);
    expect(table.stdout).toMatch(/^name\s+createdAt\s+revokedAt\s+lastUsedAt\n/);

    const revoke = await runVellum(['token', 'revoke', 'crawler-1'], env);
    expect(revoke.code, revoke.stderr).toBe(0);
    const refused = await app.inject({ method: 'POST', url: '/v1/submissions', headers: bearer(token), payload: { url: 'https://example.com/by-crawler-2' } });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().message).toMatch(/matches no live token/);
    const twice = await runVellum(['token', 'revoke', 'crawler-1'], env);
    expect(twice.code).not.toBe(0);
    expect(twice.stderr).toMatch(/no live token is named "crawler-1"/);
  });

  it('limits each token by name and callers without a valid token by IP: 429 with Retry-After', async () => {
    const limited = await buildApi({ db: q.db, queues: q.queues, token: LEGACY, jobEvents: false, rateLimit: { max: 3, anonymousMax: 2, windowMs: 60_000 } });
    try {
      const get = (headers: Record<string, string>, remoteAddress = '127.0.0.1') =>
        limited.inject({ method: 'GET', url: '/v1/submissions/999999', headers, remoteAddress });
      // One token, from two addresses: one budget.
      const aliceAnswers = [await get(bearer(alice)), await get(bearer(alice), '127.0.0.2'), await get(bearer(alice)), await get(bearer(alice), '127.0.0.3')];
      expect(aliceAnswers.map((r) => r.statusCode)).toEqual([404, 404, 404, 429]);
      const over = aliceAnswers[3]!;
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(over.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(over.json()).toMatchObject({ statusCode: 429, error: 'Too Many Requests', message: expect.stringMatching(/token "alice".*retry in/) });
      // Another token from the same address is not affected.
      expect((await get(bearer(LEGACY))).statusCode).toBe(404);
      // Guessing tokens: counted per address, whatever the token tried.
      const guesses = [await get(bearer('guess-1-xxxxxxxxxxxxxxxx'), '10.9.9.9'), await get(bearer('guess-2-xxxxxxxxxxxxxxxx'), '10.9.9.9'), await get({}, '10.9.9.9')];
      expect(guesses.map((r) => r.statusCode)).toEqual([401, 401, 429]);
      expect(guesses[2]!.json().message).toMatch(/address 10\.9\.9\.9 without a valid token/);
      // A valid token from that address has its own budget; /healthz is never limited.
      expect((await get(bearer(LEGACY), '10.9.9.9')).statusCode).toBe(404);
      for (let i = 0; i < 5; i++) expect((await limited.inject({ method: 'GET', url: '/healthz', remoteAddress: '10.9.9.9' })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('vellum serve refuses to start with no token at all, saying how to make one', async () => {
    const empty = await queueEnv('apiauthnone');
    try {
      // A child process, as an operator starts it: the refusal comes after the queues' Redis
      // clients opened, and closing them in this process would leave BullMQ's pending reads to
      // reject with nobody listening (a process that exits drops them).
      const res = await runVellum(['serve', '--port', '0'], { ...empty.env, VELLUM_API_TOKEN: undefined }, { timeoutMs: 60_000, process: true });
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/no API token: .*vellum token create <name>.*VELLUM_API_TOKEN/);
    } finally {
      await empty.cleanup();
    }
  });

  it('refuses rate limits that are not positive integers', async () => {
    await expect(buildApi({ db: q.db, queues: q.queues, token: LEGACY, jobEvents: false, rateLimit: { max: 0 } })).rejects.toThrow(/max must be a positive integer/);
  });
});
