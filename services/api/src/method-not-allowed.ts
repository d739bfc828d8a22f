/**
 * 405 instead of 404 for a known path asked with a method it does not have (RFC 9110 15.5.6),
 * with an `Allow` header listing the methods it has. Routes are recorded as they are added
 * (onRoute), their patterns turned into matchers the way fastify's router reads them:
 * `:name` is one path segment, `*` the rest of the path.
 */
import type { FastifyInstance } from 'fastify';

interface KnownRoute {
  pattern: RegExp;
  methods: string[];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

export function routePattern(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) => {
      if (segment === '*') return '.*';
      return segment
        .split(/(:[A-Za-z0-9_]+|\*)/)
        .map((part) => (part.startsWith(':') ? '[^/]+' : part === '*' ? '.*' : escapeRegExp(part)))
        .join('');
    })
    .join('/');
  return new RegExp(`^${source}$`);
}

/** Starts recording routes; returns the lookup of the methods a path has. Call before routes are added. */
export function trackRoutes(app: FastifyInstance): (path: string) => string[] {
  const routes: KnownRoute[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    routes.push({ pattern: routePattern(route.url), methods: methods.map((m) => m.toUpperCase()) });
  });
  return (path) => {
    const allowed = new Set<string>();
    for (const route of routes) if (route.pattern.test(path)) for (const m of route.methods) allowed.add(m);
    return [...allowed].sort();
  };
}
