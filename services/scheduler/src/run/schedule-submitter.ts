import type { Database } from '@vellum/db';
import type { VellumQueues } from '@vellum/queue';
import { submitUrls } from '@vellum/ingest';
import type { SubmitFn } from './submit-entries.ts';

/** Who a schedule's submissions are recorded as: `schedule:<id>` (the id outlives a rename or removal). */
export function scheduleSubmitter(scheduleId: number): string {
  return `schedule:${scheduleId}`;
}

/**
 * Submits through submitUrls, the path `vellum submit` and the API take, with the schedule as
 * the submitter and `schedule` as the source, so the same in-flight/archived rules apply.
 */
export function submitterFor(db: Database, queues: VellumQueues): (scheduleId: number, priority: number | null) => SubmitFn {
  return (scheduleId, priority) => (urls, { refetch }) =>
    submitUrls({
      db,
      queues,
      urls,
      submittedBy: scheduleSubmitter(scheduleId),
      source: 'schedule',
      refetch,
      ...(priority ? { priority } : {}),
    });
}
