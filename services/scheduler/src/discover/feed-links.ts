import { Parser } from 'htmlparser2';
import { resolveHttpUrl } from '../parse/entry-collector.ts';

export type DiscoveredFeedType = 'rss' | 'atom' | 'json-feed';

export interface DiscoveredFeed {
  url: string;
  type: DiscoveredFeedType;
  title?: string;
}

const FEED_TYPES: Record<string, DiscoveredFeedType> = {
  'application/rss+xml': 'rss',
  'application/atom+xml': 'atom',
  'application/feed+json': 'json-feed',
  'application/json': 'json-feed',
};

/**
 * Feed autodiscovery: `<link rel="alternate" type="application/rss+xml|atom+xml|feed+json">`
 * in a page, in document order (by convention the first is the site's main feed), resolved
 * against the page's `<base href>` if any, else the page URL. `application/json` counts only
 * with a `rel` of alternate, as JSON Feed's spec allows for older publishers.
 */
export function discoverFeedLinks(html: string, pageUrl: string): DiscoveredFeed[] {
  let base: string | undefined;
  const found: Array<{ href: string; type: DiscoveredFeedType; title?: string }> = [];
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === 'base' && base === undefined && attribs.href) base = attribs.href;
        if (name !== 'link' || !attribs.href) return;
        const rels = (attribs.rel ?? '').toLowerCase().split(/\s+/);
        if (!rels.includes('alternate')) return;
        const type = FEED_TYPES[(attribs.type ?? '').split(';')[0]!.trim().toLowerCase()];
        if (!type) return;
        const title = attribs.title?.trim();
        found.push(title ? { href: attribs.href, type, title } : { href: attribs.href, type });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  const resolvedBase = base === undefined ? pageUrl : resolveBase(base, pageUrl);
  const seen = new Set<string>();
  const feeds: DiscoveredFeed[] = [];
  for (const { href, type, title } of found) {
    const resolved = resolveHttpUrl(href.trim(), resolvedBase);
    if (!resolved.ok || seen.has(resolved.url)) continue;
    seen.add(resolved.url);
    feeds.push(title ? { url: resolved.url, type, title } : { url: resolved.url, type });
  }
  return feeds;
}

function resolveBase(href: string, pageUrl: string): string {
  try {
    return new URL(href.trim(), pageUrl).href;
  } catch {
    return pageUrl;
  }
}
