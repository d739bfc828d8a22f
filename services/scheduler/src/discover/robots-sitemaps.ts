import robotsParserModule from 'robots-parser';
import { resolveHttpUrl } from '../parse/entry-collector.ts';

// robots-parser is CommonJS (`module.exports = fn`), so under Node's ESM loader the default
// import is the function itself, while its typings declare an ES default export one level down.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

/** The robots.txt URL for a site: always at the origin's root. */
export function robotsTxtUrl(siteUrl: string): string {
  return new URL('/robots.txt', siteUrl).href;
}

/**
 * The `Sitemap:` lines of a robots.txt (read with robots-parser, which also handles comments
 * and odd spacing), resolved against the robots.txt URL, http(s) only, deduplicated, in order.
 */
export function sitemapsFromRobotsTxt(robotsTxt: string, robotsUrl: string): string[] {
  const sitemaps: string[] = [];
  for (const value of robotsParser(robotsUrl, robotsTxt).getSitemaps()) {
    const resolved = resolveHttpUrl(value.trim(), robotsUrl);
    if (resolved.ok && !sitemaps.includes(resolved.url)) sitemaps.push(resolved.url);
  }
  return sitemaps;
}
