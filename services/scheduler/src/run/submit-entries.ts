/**
 * The submission phase of a run: canonicalize, drop URLs already handled this run, ask the
 * archive what it has (one batch query), decide per entry, and hand the rest to submitUrls,
 * the one submission path shared with `vellum submit` and the API.
 */
import { canonicalizeUrl } from '@vellum/core';
import { type Database, lookupArchiveState, type RunCounts } from '@vellum/db';
import type { SourceEntry } from '../parse/source-types.ts';
import { decideEntry } from './decide-entry.ts';

/** What submitUrls (@vellum/ingest) reports per URL. */
export type SubmitOutcome = 'queued' | 'in-flight' | 'archived' | 'invalid';

/** Submits URLs on the schedule's behalf; `refetch` fetches again URLs already archived. */
export type SubmitFn = (urls: string[], options: { refetch: boolean }) => Promise<Array<{ outcome: SubmitOutcome }>>;

const SUBMIT_BATCH = 500;

export interface SubmitState {
  counts: RunCounts;
  /** Canonical URLs already counted this run (a URL in two sitemaps is one URL). */
  seen: Set<string>;
}

export async function submitEntries(db: Database, submit: SubmitFn, state: SubmitState, entries: SourceEntry[]): Promise<void> {
  const fresh = uniqueEntries(state, entries);
  state.counts.found += fresh.length;
  const archive = await lookupArchiveState(db, fresh.map((f) => f.canonical));
  const buckets = { new: [] as string[], updated: [] as string[] };
  for (const { entry, canonical } of fresh) {
    const decision = decideEntry(entry, archive.get(canonical));
    if (decision.action === 'skip') state.counts.skipped += 1;
    else (decision.refetch ? buckets.updated : buckets.new).push(entry.url);
  }
  await submitInBatches(submit, state.counts, buckets.new, false);
  await submitInBatches(submit, state.counts, buckets.updated, true);
}

function uniqueEntries(state: SubmitState, entries: SourceEntry[]): Array<{ entry: SourceEntry; canonical: string }> {
  const fresh: Array<{ entry: SourceEntry; canonical: string }> = [];
  for (const entry of entries) {
    let canonical: string;
    try {
      canonical = canonicalizeUrl(entry.url);
    } catch {
      state.counts.failed += 1; // the parser only passes http(s) URLs, so this is rare
      continue;
    }
    if (state.seen.has(canonical)) continue;
    state.seen.add(canonical);
    fresh.push({ entry, canonical });
  }
  return fresh;
}

async function submitInBatches(submit: SubmitFn, counts: RunCounts, urls: string[], refetch: boolean): Promise<void> {
  for (let at = 0; at < urls.length; at += SUBMIT_BATCH) {
    const results = await submit(urls.slice(at, at + SUBMIT_BATCH), { refetch });
    for (const { outcome } of results) {
      if (outcome === 'queued') counts.new += 1;
      else if (outcome === 'invalid') counts.failed += 1;
      else counts.skipped += 1;
    }
  }
}
