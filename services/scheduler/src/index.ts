// Feed and sitemap parsing (pure: bytes in, entries out).
export type { ParsedSource, RejectedEntry, SourceEntry, SourceKind } from './parse/source-types.ts';
export { parseSource, type ParseSourceInput, type ParseSourceOptions } from './parse/parse-source.ts';
export { DEFAULT_MAX_ENTRIES, type EntryLimits } from './parse/entry-collector.ts';
export { MalformedSourceError, UnsupportedSourceError } from './parse/errors.ts';
// Discovery of a site's feeds and sitemaps.
export { discoverFeedLinks, type DiscoveredFeed, type DiscoveredFeedType } from './discover/feed-links.ts';
export { robotsTxtUrl, sitemapsFromRobotsTxt } from './discover/robots-sitemaps.ts';
