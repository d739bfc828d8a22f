import type { SourceEntry } from '../parse/source-types.ts';
import type { UrlArchiveState } from '@vellum/db';

export type EntryDecision =
  | { action: 'submit'; refetch: boolean; why: 'new' | 'updated' | 'updated-after-failure' }
  | { action: 'skip'; why: 'in-flight' | 'archived' | 'failed-before' };

/**
 * Whether a schedule submits an entry. Already archived: only when the entry says it changed
 * after the stored capture (`updatedAt`, else `publishedAt`), and then as a refetch. A URL that
 * failed before is not retried every run (a feed keeps listing its video pages for days): only
 * when the entry changed after the failure. Anything the archive has not seen is submitted.
 */
export function decideEntry(entry: SourceEntry, state: UrlArchiveState | undefined): EntryDecision {
  if (!state) return { action: 'submit', refetch: false, why: 'new' };
  if (state.inFlight) return { action: 'skip', why: 'in-flight' };
  const changedAt = entryChangedAt(entry);
  if (state.archivedAt) {
    return changedAt !== undefined && changedAt > state.archivedAt.getTime()
      ? { action: 'submit', refetch: true, why: 'updated' }
      : { action: 'skip', why: 'archived' };
  }
  if (state.failedAt) {
    return changedAt !== undefined && changedAt > state.failedAt.getTime()
      ? { action: 'submit', refetch: false, why: 'updated-after-failure' }
      : { action: 'skip', why: 'failed-before' };
  }
  return { action: 'submit', refetch: false, why: 'new' };
}

function entryChangedAt(entry: SourceEntry): number | undefined {
  const iso = entry.updatedAt ?? entry.publishedAt;
  return iso === undefined ? undefined : Date.parse(iso);
}
