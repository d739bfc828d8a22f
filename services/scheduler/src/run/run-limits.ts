/** Bounds on one run, so a runaway sitemap index cannot turn a run into a crawl. */
export interface RunLimits {
  /** Documents fetched per run (source, child sitemaps, discovered feeds, robots.txt). Default 100. */
  maxDocuments?: number;
  /** Sitemap indexes nested inside sitemap indexes followed this deep. Default 2. */
  maxIndexDepth?: number;
  /** Feeds followed from a home page, in page order (the first is the site's main feed). Default 1. */
  maxDiscoveredFeeds?: number;
  /** Entries kept from one document. Default 50 000. */
  maxEntriesPerDocument?: number;
  /** Cap on a gzip-compressed sitemap once inflated. Default 50 MiB. */
  maxDecodedBytes?: number;
}

export type ResolvedRunLimits = Required<RunLimits>;

export function resolveRunLimits(limits: RunLimits = {}): ResolvedRunLimits {
  return {
    maxDocuments: limits.maxDocuments ?? 100,
    maxIndexDepth: limits.maxIndexDepth ?? 2,
    maxDiscoveredFeeds: limits.maxDiscoveredFeeds ?? 1,
    maxEntriesPerDocument: limits.maxEntriesPerDocument ?? 50_000,
    maxDecodedBytes: limits.maxDecodedBytes ?? 50 * 1024 * 1024,
  };
}
