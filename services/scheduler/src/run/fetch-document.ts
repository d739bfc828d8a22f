/**
 * One document of a run (feed, sitemap, home page, robots.txt) through the fetcher, with the
 * validators stored from last time so an unchanged document costs a 304. A server that ignores
 * validators but sends the same bytes is treated as unchanged too (same SHA-256), so the
 * document is not parsed and resubmitted for nothing.
 */
import type { CaptureRecord, Fetcher } from '@vellum/fetcher';
import {
  type Queryable,
  getScheduleSourceState,
  saveScheduleSourceState,
  touchScheduleSourceState,
  type SourceState,
} from '@vellum/db';
import { TransientError, VellumError } from '@vellum/core';
import { MalformedSourceError } from '../parse/errors.ts';

export type FetchedDocument =
  | { outcome: 'unchanged'; url: string; httpStatus: number; state: SourceState; capture: CaptureRecord }
  | { outcome: 'fetched'; url: string; httpStatus: number; capture: CaptureRecord };

export async function fetchDocument(
  db: Queryable,
  fetcher: Fetcher,
  scheduleId: number,
  url: string,
): Promise<FetchedDocument> {
  const state = await getScheduleSourceState(db, scheduleId, url);
  const conditional = state && (state.etag || state.lastModified) ? { etag: state.etag, lastModified: state.lastModified } : undefined;
  let capture: CaptureRecord;
  try {
    capture = await fetcher.fetch(url, conditional ? { conditional } : {});
  } catch (error) {
    // The fetcher's own failures are typed; anything else is still this document's failure,
    // recorded with the run rather than crashing it.
    throw error instanceof VellumError ? error : new SourceFetchError(url, error);
  }
  const httpStatus = capture.httpStatus;
  if (state && (capture.outcome === 'not-modified' || (capture.bodySha256 !== null && capture.bodySha256 === state.bodySha256))) {
    await touchScheduleSourceState(db, scheduleId, url);
    return { outcome: 'unchanged', url, httpStatus, state, capture };
  }
  if (capture.outcome === 'not-modified') {
    // A 304 to a request that carried no validators: nothing to compare with, nothing to read.
    throw new MalformedSourceError(`${url} answered 304 Not Modified to a request without validators`);
  }
  return { outcome: 'fetched', url, httpStatus, capture };
}

/** Stores the validators of a fully handled document and what it pointed to. */
export async function rememberDocument(
  db: Queryable,
  scheduleId: number,
  url: string,
  capture: CaptureRecord,
  kind: string,
  links: string[],
): Promise<void> {
  await saveScheduleSourceState(db, scheduleId, {
    url,
    kind,
    etag: capture.etag,
    lastModified: capture.lastModified,
    bodySha256: capture.bodySha256,
    links,
    fetchedAt: capture.fetchedAt,
  });
}

/** An unexpected failure inside the fetcher (not one of its typed errors). */
export class SourceFetchError extends TransientError<'fetch-failed'> {
  constructor(url: string, cause: unknown) {
    super('fetch-failed', `fetching ${url} failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}
