/**
 * The web UI for operators and readers, under /ui: search, articles with their removals shown in
 * place, provenance, versions with diffs, raw captures and WARC records. Server-rendered HTML
 * (html.ts escapes every value), one stylesheet, no script at all; the Content-Security-Policy
 * says so (script-src 'none'), so even a page that slipped through escaping could run nothing.
 * Auth: a token of the API, through a login form and a signed session cookie (session.ts).
 * Everything is registered in an encapsulated scope: the API's routes keep their own headers.
 */
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import type { CleanOptions } from '@vellum/core';
import type { Queryable } from '@vellum/db';
import { createLayoutService, loadArticle, loadProvenance } from './article-data.ts';
import { captureRoutes } from './capture-routes.ts';
import { errorPage, parseId } from './errors-page.ts';
import { articlePage } from './pages/article-page.ts';
import { loginPage } from './pages/login-page.ts';
import { provenancePage } from './pages/provenance-page.ts';
import { versionsPage } from './pages/versions-page.ts';
import { searchPage } from './pages/search-page.ts';
import { loadSearchView, loadVersionsView, type SearchQuery } from './search-data.ts';
import { newCookieSecret, endSession, hasSession, safeNext, sameOriginPost, startSession, UI_PREFIX } from './session.ts';

export interface WebOptions {
  db: Queryable;
  /** The caller a token names (a named token's name, or the legacy token's), or null: auth.ts's check. */
  checkToken: (given: string) => Promise<string | null>;
  /**
   * The clean options the workers run with (site rules): needed to place removals exactly.
   * @defaultValue none (the built-in rules)
   */
  cleanOptions?: CleanOptions;
  /**
   * Budget of one rerun of the pipeline to place an article's removals, in ms.
   * @defaultValue 10_000
   */
  layoutTimeoutMs?: number;
}

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));

/** Content-Security-Policy of every UI answer: this site's stylesheet and images, no script, no frames. */
export const UI_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  fontSrc: ["'self'"],
  connectSrc: ["'none'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

function sendPage(reply: FastifyReply, body: { value: string }, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body.value);
}

export async function registerWeb(app: FastifyInstance, options: WebOptions): Promise<void> {
  const layouts = createLayoutService(options.db, { cleanOptions: options.cleanOptions, timeoutMs: options.layoutTimeoutMs });
  app.addHook('onClose', async () => layouts.close());
  const hidden = { schema: { hide: true } };
  app.get('/', hidden, async (_request, reply) => reply.redirect(`${UI_PREFIX}/`));

  await app.register(
    async (web) => {
      await web.register(cookie, { secret: newCookieSecret() });
      await web.register(formbody, { bodyLimit: 8192 });
      await web.register(helmet, {
        contentSecurityPolicy: { useDefaults: false, directives: UI_CSP },
        referrerPolicy: { policy: 'no-referrer' },
        crossOriginEmbedderPolicy: false,
      });
      await web.register(fastifyStatic, { root: PUBLIC_DIR, prefix: '/static/', decorateReply: false, index: false, maxAge: '1h' });

      web.get<{ Querystring: { next?: string } }>('/login', hidden, async (request, reply) =>
        sendPage(reply, loginPage({ next: safeNext(request.query.next) })),
      );
      web.post<{ Body: { token?: unknown; next?: unknown } }>('/login', hidden, async (request, reply) => {
        if (!sameOriginPost(request)) return sendPage(reply, loginPage({ next: `${UI_PREFIX}/`, error: 'This form was sent from another site: log in from this page.' }), 403);
        const next = safeNext(request.body?.next);
        const given = typeof request.body?.token === 'string' ? request.body.token : '';
        if (given === '' || (await options.checkToken(given)) === null) {
          return sendPage(reply, loginPage({ next, error: 'That token matches no live token (one from `vellum token create`, or VELLUM_API_TOKEN).' }), 401);
        }
        startSession(request, reply);
        layouts.warm();
        return reply.redirect(next, 303);
      });
      web.post('/logout', hidden, async (request, reply) => {
        if (!sameOriginPost(request)) return reply.code(403).type('text/plain').send('cross-site logout refused');
        endSession(request, reply);
        return reply.redirect(`${UI_PREFIX}/login`, 303);
      });

      // Everything else needs a session (or the bearer token).
      await web.register(async (guarded) => {
        guarded.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
          if (hasSession(request)) return;
          if (request.method === 'GET' || request.method === 'HEAD') {
            return reply.redirect(`${UI_PREFIX}/login?next=${encodeURIComponent(request.url)}`, 303);
          }
          return reply.code(401).type('text/plain').send('log in first');
        });

        guarded.get<{ Querystring: SearchQuery }>('/', hidden, async (request, reply) => {
          const view = await loadSearchView(options.db, request.query);
          return sendPage(reply, searchPage(view));
        });

        guarded.get<{ Params: { id: string } }>('/articles/:id', hidden, async (request, reply) => {
          const id = parseId(request.params.id);
          const bundle = id === null ? null : await loadArticle(options.db, id);
          if (!bundle) return errorPage(reply, 404, `Article ${request.params.id} does not exist.`);
          const layout = await layouts.layout(bundle.article);
          return sendPage(reply, articlePage(bundle.article, bundle.links, layout));
        });

        guarded.get<{ Params: { id: string } }>('/articles/:id/provenance', hidden, async (request, reply) => {
          const id = parseId(request.params.id);
          const bundle = id === null ? null : await loadArticle(options.db, id);
          if (!bundle) return errorPage(reply, 404, `Article ${request.params.id} does not exist.`);
          const { provenance, events } = await loadProvenance(options.db, bundle.article);
          return sendPage(reply, provenancePage({ article: bundle.article, capture: bundle.capture, links: bundle.links, provenance, events }));
        });

        guarded.get<{ Params: { id: string }; Querystring: { against?: string } }>('/articles/:id/versions', hidden, async (request, reply) => {
          const id = parseId(request.params.id);
          const bundle = id === null ? null : await loadArticle(options.db, id);
          if (!bundle) return errorPage(reply, 404, `Article ${request.params.id} does not exist.`);
          const against = request.query.against === undefined ? undefined : parseId(request.query.against);
          if (against === null) return errorPage(reply, 400, `?against= must be an article id, got ${request.query.against}.`);
          const view = await loadVersionsView(options.db, bundle.article, against);
          if ('error' in view) return errorPage(reply, 404, view.error);
          return sendPage(reply, versionsPage({ ...view, article: bundle.article, links: bundle.links }));
        });

        await captureRoutes(guarded, options.db);
      });
    },
    { prefix: UI_PREFIX },
  );
}
