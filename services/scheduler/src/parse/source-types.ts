/**
 * What a parsed feed or sitemap looks like to the rest of the scheduler: plain data, in document
 * order, so a run over the same bytes always submits the same URLs in the same order.
 */

export type SourceKind = 'rss' | 'atom' | 'json-feed' | 'sitemap' | 'sitemap-index' | 'html';

export interface SourceEntry {
  /** Absolute http(s) URL of the article, resolved against the source URL, without fragment. */
  url: string;
  /** When the entry says the article last changed (ISO 8601, UTC). */
  updatedAt?: string;
  /** When the entry says the article was first published (ISO 8601, UTC). */
  publishedAt?: string;
  title?: string;
}

/** An entry the parser had to leave out, kept so the loss is visible in the run record. */
export interface RejectedEntry {
  /** The raw link value as found ('' when the entry had none). */
  value: string;
  reason: string;
}

export interface ParsedSource {
  kind: SourceKind;
  /** Article entries, deduplicated by URL (first occurrence wins, latest dates kept). */
  entries: SourceEntry[];
  /** For a sitemap index: the child sitemaps' absolute URLs, in document order. */
  childSitemaps?: string[];
  /** Entries without a usable URL; empty when every entry was usable. */
  rejected: RejectedEntry[];
}
