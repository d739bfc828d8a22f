import type { ParsedSource, RejectedEntry, SourceEntry, SourceKind } from './source-types.ts';
import { RUN_LIMITS_DEFAULTS } from '../defaults.ts';

/** Options shared by every format parser. */
export interface EntryLimits {
  /**
   * Most entries kept from one document; the rest are rejected with a reason so nothing is lost
   * silently. Default 50 000 (the sitemap protocol's own cap per file).
   */
  maxEntries?: number;
}

export const DEFAULT_MAX_ENTRIES = RUN_LIMITS_DEFAULTS.maxEntriesPerDocument;

/** Raw values as a format parser found them, before resolution and validation. */
export interface RawEntry {
  link: string | undefined;
  updated?: string | undefined;
  published?: string | undefined;
  title?: string | undefined;
}

/**
 * Turns raw entries into `SourceEntry`s: resolves links against the document's base URL, keeps
 * only http(s), drops fragments (never sent to a server, so they only create duplicates),
 * normalizes dates to ISO 8601 and deduplicates by URL.
 */
export class EntryCollector {
  private readonly byUrl = new Map<string, SourceEntry>();
  private readonly rejected: RejectedEntry[] = [];
  private readonly maxEntries: number;

  constructor(
    private readonly baseUrl: string,
    limits: EntryLimits = {},
  ) {
    this.maxEntries = limits.maxEntries ?? DEFAULT_MAX_ENTRIES;
  }

  add(raw: RawEntry): void {
    const value = raw.link?.trim() ?? '';
    const resolved = resolveHttpUrl(value, this.baseUrl);
    if (!resolved.ok) {
      this.rejected.push({ value, reason: resolved.reason });
      return;
    }
    const updatedAt = toIsoDate(raw.updated);
    const publishedAt = toIsoDate(raw.published);
    const existing = this.byUrl.get(resolved.url);
    if (existing) {
      existing.updatedAt = latest(existing.updatedAt, updatedAt);
      existing.publishedAt = latest(existing.publishedAt, publishedAt);
      return;
    }
    if (this.byUrl.size >= this.maxEntries) {
      this.rejected.push({ value, reason: `more than ${this.maxEntries} entries in one document` });
      return;
    }
    const entry: SourceEntry = { url: resolved.url };
    if (updatedAt) entry.updatedAt = updatedAt;
    if (publishedAt) entry.publishedAt = publishedAt;
    const title = cleanTitle(raw.title);
    if (title) entry.title = title;
    this.byUrl.set(resolved.url, entry);
  }

  result(kind: SourceKind, childSitemaps?: string[]): ParsedSource {
    const parsed: ParsedSource = { kind, entries: [...this.byUrl.values()], rejected: this.rejected };
    if (childSitemaps) parsed.childSitemaps = childSitemaps;
    return parsed;
  }
}

export type ResolvedUrl = { ok: true; url: string } | { ok: false; reason: string };

/** Resolves `value` against `base`; only absolute http(s) URLs pass. Fragments are dropped. */
export function resolveHttpUrl(value: string, base: string): ResolvedUrl {
  if (value === '') return { ok: false, reason: 'entry has no link' };
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return { ok: false, reason: 'link is not a valid URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: `link scheme ${url.protocol} is not http or https` };
  }
  url.hash = '';
  return { ok: true, url: url.href };
}

/**
 * RFC 822 (RSS), RFC 3339 (Atom, JSON Feed) and W3C datetime (sitemaps) all parse with the
 * JavaScript date parser; anything it cannot read is treated as absent rather than guessed.
 */
export function toIsoDate(value: string | undefined): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms).toISOString();
}

function latest(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return a >= b ? a : b;
}

function cleanTitle(title: string | undefined): string | undefined {
  const text = title?.replace(/\s+/g, ' ').trim();
  return text ? text : undefined;
}
