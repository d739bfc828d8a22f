import { EntryCollector, type EntryLimits } from './entry-collector.ts';
import { MalformedSourceError } from './errors.ts';
import type { ParsedSource } from './source-types.ts';

const VERSION_PREFIX = 'https://jsonfeed.org/version/';

/** True when a parsed JSON value declares itself a JSON Feed (any version). */
export function isJsonFeed(value: unknown): boolean {
  return isObject(value) && typeof value.version === 'string' && value.version.startsWith(VERSION_PREFIX);
}

/**
 * JSON Feed 1.0 and 1.1. The article is the item's `url` (its permalink); an `id` that is an
 * http(s) URL stands in when `url` is missing, as RSS readers do with a permalink guid.
 * `external_url` is deliberately not used: it points at what the item links to, not the item.
 */
export function parseJsonFeed(value: unknown, baseUrl: string, limits?: EntryLimits): ParsedSource {
  if (!isObject(value) || !isJsonFeed(value)) {
    throw new MalformedSourceError(`JSON document is not a JSON Feed (no "version": "${VERSION_PREFIX}…")`);
  }
  if (!Array.isArray(value.items)) throw new MalformedSourceError('JSON Feed has no "items" array');
  const collector = new EntryCollector(baseUrl, limits);
  for (const item of value.items) {
    if (!isObject(item)) {
      collector.add({ link: undefined });
      continue;
    }
    collector.add({
      link: str(item.url) ?? httpId(item.id),
      published: str(item.date_published),
      updated: str(item.date_modified),
      title: str(item.title),
    });
  }
  return collector.result('json-feed');
}

function httpId(id: unknown): string | undefined {
  const text = str(id);
  return text && /^https?:\/\//i.test(text) ? text : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
