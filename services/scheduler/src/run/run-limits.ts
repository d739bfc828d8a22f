import { RUN_LIMITS_DEFAULTS as D } from '../defaults.ts';

/** Bounds on one run, so a runaway sitemap index cannot turn a run into a crawl. */
export interface RunLimits {
  /**
   * Documents fetched per run (source, child sitemaps, discovered feeds, robots.txt).
   * @defaultValue 100
   */
  maxDocuments?: number;
  /**
   * Sitemap indexes nested inside sitemap indexes followed this deep.
   * @defaultValue 2
   */
  maxIndexDepth?: number;
  /**
   * Feeds followed from a home page, in page order (the first is the site's main feed).
   * @defaultValue 1
   */
  maxDiscoveredFeeds?: number;
  /**
   * Entries kept from one document.
   * @defaultValue 50_000
   */
  maxEntriesPerDocument?: number;
  /**
   * Cap on a gzip-compressed sitemap once inflated, in bytes (50 MiB).
   * @defaultValue 50 * 1024 * 1024
   */
  maxDecodedBytes?: number;
}

export type ResolvedRunLimits = Required<RunLimits>;

export function resolveRunLimits(limits: RunLimits = {}): ResolvedRunLimits {
  return {
    maxDocuments: limits.maxDocuments ?? D.maxDocuments,
    maxIndexDepth: limits.maxIndexDepth ?? D.maxIndexDepth,
    maxDiscoveredFeeds: limits.maxDiscoveredFeeds ?? D.maxDiscoveredFeeds,
    maxEntriesPerDocument: limits.maxEntriesPerDocument ?? D.maxEntriesPerDocument,
    maxDecodedBytes: limits.maxDecodedBytes ?? D.maxDecodedBytes,
  };
}
