/**
 * What the page declares about itself, read before Readability runs (Readability removes
 * scripts, and with them the JSON-LD). These values back up Readability's own metadata and
 * supply what Readability does not report (canonical URL, og:url, JSON-LD authors).
 *
 * Metadata never fails the article: a field whose reading throws (a hostile JSON-LD block, a
 * DOM oddity) is left out (null), and the rest of the page is read as usual.
 */
import type { PageMetadata } from '../types.ts';
import { readJsonLdArticle } from './json-ld.ts';
import { normalizePublishedTime } from './published-time.ts';

export function readPageMetadata(document: Document, url: string): PageMetadata {
  // One walk over the page finds every element read here, in document order (three
  // getElementsByTagName calls walked the whole page three times).
  const elements = orNull(() => declaringElements(document));
  const meta = orNull(() => readMetaTags(elements?.meta ?? [])) ?? new Map<string, string>();
  const pick = (...keys: string[]): string | null => {
    for (const key of keys) {
      const value = meta.get(key);
      if (value) return value;
    }
    return null;
  };
  const jsonLd = orNull(() => readJsonLdArticle(document, elements?.script));
  return {
    title: pick('og:title', 'twitter:title') ?? orNull(() => collapse(document.title) || null),
    byline: pick('author', 'dc.creator', 'parsely-author'),
    siteName: pick('og:site_name', 'application-name'),
    lang: orNull(() => collapse(document.documentElement?.getAttribute('lang') ?? '') || null) ?? pick('http-equiv:content-language'),
    publishedTime: orNull(() =>
      normalizePublishedTime(
        pick('article:published_time', 'og:article:published_time', 'datepublished', 'dc.date', 'date', 'parsely-pub-date') ??
          jsonLd?.datePublished,
      ),
    ),
    excerpt: pick('description', 'og:description', 'twitter:description'),
    // HTML resolves <link href> against the document base URL (<base> included);
    // og:url is meant to be absolute, so the page URL is the only sensible base for it.
    canonicalUrl: orNull(() => readCanonical(elements?.link ?? [], document)),
    ogUrl: resolveHttpUrl(pick('og:url'), url),
    jsonLd,
  };
}

/** The value `read` gives, or null when reading it throws (metadata never fails the page). */
function orNull<T>(read: () => T | null): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/** The page's meta, link and script elements, each in document order (as getElementsByTagName gives them). */
function declaringElements(document: Document): Record<'meta' | 'link' | 'script', Element[]> {
  const found: Record<'meta' | 'link' | 'script', Element[]> = { meta: [], link: [], script: [] };
  // A list of tag names: linkedom (patched) matches it by name in one walk, no selector engine.
  for (const element of document.querySelectorAll('meta,link,script')) {
    const name = element.localName;
    if (name === 'meta' || name === 'link' || name === 'script') found[name].push(element);
  }
  return found;
}

/** First non-empty content per key: `name`/`property` lowercased, `http-equiv:` prefixed. */
function readMetaTags(metaElements: readonly Element[]): Map<string, string> {
  const tags = new Map<string, string>();
  for (const element of metaElements) {
    // Each attribute read walks the element's attributes: absent is null, so no hasAttribute.
    const contentAttribute = element.getAttribute('content');
    if (contentAttribute === null) continue;
    const content = collapse(contentAttribute);
    if (!content) continue;
    const keys: string[] = [];
    // property may hold several space-separated names (RDFa), e.g. "og:title twitter:title".
    for (const attribute of ['name', 'property']) {
      for (const key of (element.getAttribute(attribute) ?? '').toLowerCase().split(/\s+/)) {
        if (key) keys.push(key);
      }
    }
    const httpEquiv = element.getAttribute('http-equiv');
    if (httpEquiv) keys.push(`http-equiv:${httpEquiv.trim().toLowerCase()}`);
    for (const key of keys) if (!tags.has(key)) tags.set(key, content);
  }
  return tags;
}

function readCanonical(linkElements: readonly Element[], document: Document): string | null {
  for (const link of linkElements) {
    const rel = link.getAttribute('rel');
    if (rel === null) continue;
    const href = link.getAttribute('href');
    if (href === null) continue;
    if (rel.toLowerCase().split(/\s+/).includes('canonical')) return resolveHttpUrl(href, document.baseURI);
  }
  return null;
}

/** An absolute http(s) URL, or null when `href` is missing, unparseable or of another scheme. */
export function resolveHttpUrl(href: string | null, base: string): string | null {
  const text = href?.trim();
  if (!text) return null;
  try {
    const resolved = new URL(text, base);
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.href : null;
  } catch {
    return null;
  }
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
