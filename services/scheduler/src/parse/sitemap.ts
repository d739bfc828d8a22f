import { EntryCollector, resolveHttpUrl, type EntryLimits } from './entry-collector.ts';
import type { ParsedSource } from './source-types.ts';
import { children, childText, type XmlDocument } from './xml-document.ts';

const SITEMAP = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const NEWS = 'http://www.google.com/schemas/sitemap-news/0.9';

/**
 * A `<urlset>` sitemap, news sitemaps included: `<lastmod>` is when the page last changed,
 * `<news:publication_date>` when the article was published, `<news:title>` its title.
 */
export function parseSitemap(doc: XmlDocument, baseUrl: string, limits?: EntryLimits): ParsedSource {
  const sm = (local: string) => doc.ns.names(SITEMAP, local, '');
  const news = (local: string) => doc.ns.names(NEWS, local, 'news');
  const collector = new EntryCollector(baseUrl, limits);
  for (const url of children(doc.root, sm('url'))) {
    const newsNode = children(url, news('news'))[0];
    collector.add({
      link: childText(url, sm('loc')),
      updated: childText(url, sm('lastmod')),
      published: newsNode ? childText(newsNode, news('publication_date')) : undefined,
      title: newsNode ? childText(newsNode, news('title')) : undefined,
    });
  }
  return collector.result('sitemap');
}

/** A `<sitemapindex>`: no articles of its own, only the child sitemaps to follow. */
export function parseSitemapIndex(doc: XmlDocument, baseUrl: string): ParsedSource {
  const sm = (local: string) => doc.ns.names(SITEMAP, local, '');
  const childSitemaps: string[] = [];
  const rejected: ParsedSource['rejected'] = [];
  for (const sitemap of children(doc.root, sm('sitemap'))) {
    const value = childText(sitemap, sm('loc'))?.trim() ?? '';
    const resolved = resolveHttpUrl(value, baseUrl);
    if (!resolved.ok) rejected.push({ value, reason: `child sitemap: ${resolved.reason}` });
    else if (!childSitemaps.includes(resolved.url)) childSitemaps.push(resolved.url);
  }
  return { kind: 'sitemap-index', entries: [], childSitemaps, rejected };
}

/**
 * A plain-text sitemap (sitemaps.org allows one URL per line). Every non-blank line must be a
 * URL; a body with prose in it is not a sitemap, which the caller reports.
 */
export function looksLikeTextSitemap(text: string): boolean {
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  return lines.length > 0 && lines.every((line) => /^https?:\/\/\S+$/i.test(line));
}

export function parseTextSitemap(text: string, baseUrl: string, limits?: EntryLimits): ParsedSource {
  const collector = new EntryCollector(baseUrl, limits);
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() !== '') collector.add({ link: line });
  }
  return collector.result('sitemap');
}
