/**
 * What callers of search and browse pass in, checked: filters and opaque keyset-pagination
 * cursors. A cursor is the sort key of the last
 * row a page returned, base64url-encoded JSON, so the next page starts strictly after it:
 * rows inserted meanwhile never shift the pages (no duplicates, no gaps among the rows that
 * were there), which an OFFSET cannot promise.
 */
import { PermanentError } from '@vellum/core/errors';

/** A filter value that cannot be used (bad date, bad language tag, limit out of range): the message says which. */
export class InvalidFilterError extends PermanentError<'invalid-filter'> {
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super('invalid-filter', `${field}: ${detail}`);
  }
}

/** A cursor that is not one this archive wrote (tampered with, truncated, from another listing). */
export class InvalidCursorError extends PermanentError<'invalid-cursor'> {
  constructor(detail: string) {
    super('invalid-cursor', `invalid cursor: ${detail}; use the nextCursor of the previous page unchanged, or omit it for the first page`);
  }
}

/**
 * Search pages: ordered by rank (a float4 as Postgres prints it, so it round-trips exactly), then
 * article id, within a block of matches below article id `below` (null: the newest block).
 * `rank` and `id` are null at the start of a block, whose members the next query picks (the
 * newest matches, up to the window); within a block, `floor` is its oldest article id as the
 * query that first ranked it found, so later pages read the block as `floor <= id < below` and
 * its membership changes only when its own rows do (not when a row leaves or an older id
 * commits late, which a count of newest matches would shift).
 */
export interface SearchCursor {
  kind: 's';
  rank: string | null;
  id: number | null;
  below: number | null;
  floor: number | null;
}

/** Browse pages: ordered by fetch time (ISO 8601 with microseconds, UTC), then capture id. */
export interface LatestCursor {
  kind: 'l';
  fetchedAt: string;
  captureId: number;
}

export function encodeCursor(cursor: SearchCursor | LatestCursor): string {
  const payload =
    cursor.kind === 's' ? ['s', cursor.rank, cursor.id, cursor.below, cursor.floor] : ['l', cursor.fetchedAt, cursor.captureId];
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

const RANK = /^(?:\d+(?:\.\d+)?(?:e-?\d+)?|0)$/i;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function decodeCursor<K extends 's' | 'l'>(text: string, kind: K): K extends 's' ? SearchCursor : LatestCursor {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) throw new InvalidCursorError('not a cursor this server wrote');
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('not a cursor this server wrote');
  }
  // Search cursors have five elements; older ones had three (no block), then four (no floor).
  // Of those, a block's start is still read; a position inside a block is refused below: its
  // block, counted again now, need not be the one it was written for, and a result could be skipped.
  const lengths = kind === 's' ? [3, 4, 5] : [3];
  if (!Array.isArray(payload) || !lengths.includes(payload.length) || payload[0] !== kind) {
    throw new InvalidCursorError(kind === 's' ? 'not a search cursor' : 'not an article-list cursor');
  }
  const [, key, id, below = null, floor = null] = payload as [string, unknown, unknown, unknown, unknown];
  const isId = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
  if (kind === 's') {
    if (below !== null && !isId(below)) throw new InvalidCursorError('bad block bound');
    // A block's first page has neither rank nor id nor floor; otherwise rank and id, and a floor below `below`.
    if (key === null && id === null && below !== null && floor === null) return { kind: 's', rank: null, id: null, below, floor } as never;
    if (floor === null) throw new InvalidCursorError('written by an earlier version of search, whose pages this one cannot continue; start again from the first page');
    if (!isId(floor) || below === null || floor >= below) throw new InvalidCursorError('bad block floor');
    if (!isId(id)) throw new InvalidCursorError('bad id');
    if (typeof key !== 'string' || !RANK.test(key)) throw new InvalidCursorError('bad rank');
    return { kind: 's', rank: key, id, below, floor } as never;
  }
  if (!isId(id)) throw new InvalidCursorError('bad id');
  if (typeof key !== 'string' || !TIME.test(key) || Number.isNaN(Date.parse(key))) throw new InvalidCursorError('bad time');
  return { kind: 'l', fetchedAt: key, captureId: id } as never;
}

/** Filters shared by search and browse; every one optional, all must hold. */
export interface ArticleFilters {
  /** A host: matches articles read from it or from any of its subdomains (`example.com` matches `www.example.com`). */
  site?: string;
  /** Fetched at or after (inclusive). */
  since?: Date | string;
  /** Fetched before (exclusive); a bare date (`2025-01-31`) means the end of that day. */
  until?: Date | string;
  publishedSince?: Date | string;
  publishedUntil?: Date | string;
  /** A language tag's primary subtag or the whole tag: `en` matches `en`, `en-US`, `en_GB`. */
  lang?: string;
  /** The submitter recorded on the article's submission (`submitted_by`). */
  submittedBy?: string;
  /** Articles a schedule submitted (`submitted_by = 'schedule:<id>'`). */
  scheduleId?: number;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export function pageSize(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new InvalidFilterError('limit', `takes a whole number from 1 to ${MAX_PAGE_SIZE}, not ${String(limit)}`);
  }
  return limit;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A time bound as ISO 8601. A bare date is midnight UTC for a lower bound and the next
 * midnight for an (exclusive) upper bound, so `--until 2025-01-31` includes that day.
 */
export function timeBound(field: string, value: Date | string, upper: boolean): string {
  const text = value instanceof Date ? value.toISOString() : value.trim();
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) {
    throw new InvalidFilterError(field, `not a date or time: ${JSON.stringify(text)}; use ISO 8601 (2025-01-31 or 2025-01-31T12:00:00Z)`);
  }
  if (upper && typeof value === 'string' && DATE_ONLY.test(text)) date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString();
}

const LANG = /^[a-z]{1,8}(?:-[a-z0-9]{1,8})*$/;

export function langFilter(value: string): string {
  const tag = value.trim().toLowerCase().replace(/_/g, '-');
  if (!LANG.test(tag)) throw new InvalidFilterError('lang', `not a language tag: ${JSON.stringify(value)} (e.g. en, en-US, pt)`);
  return tag;
}

/** A host from a host or a URL: lower-cased, without scheme, port, path or a trailing dot. */
export function siteFilter(value: string): string {
  let host = value.trim().toLowerCase();
  const url = /^[a-z][a-z0-9+.-]*:\/\//.test(host) ? URL.canParse(host) && new URL(host) : null;
  if (url) host = url.hostname;
  host = host.replace(/[/?#].*$/, '').replace(/:\d+$/, '').replace(/\.$/, '');
  if (!/^(?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)*|\[[0-9a-f:.]+\])$/.test(host)) {
    throw new InvalidFilterError('site', `not a host name: ${JSON.stringify(value)} (e.g. example.com)`);
  }
  return host;
}
