/**
 * One run of a schedule: open the run record, crawl, record the outcome. A source that fails
 * (unreachable, malformed, the wrong kind) is a failed run with its reason, never an exception:
 * the schedule keeps firing. Only infrastructure failures (database, Redis) escape, after the
 * run is marked failed if the database still answers, so the job system can retry the firing.
 */
import {
  type Database,
  finishScheduleRun,
  startScheduleRun,
  type RunDocument,
  type RunOutcome,
  type RunTrigger,
  type ScheduleRun,
  getScheduleById,
} from '@vellum/db';
import type { Fetcher } from '@vellum/fetcher';
import { crawl, type CrawlState } from './crawl.ts';
import { resolveRunLimits, type RunLimits } from './run-limits.ts';
import type { SubmitFn } from './submit-entries.ts';

export interface RunScheduleDeps {
  db: Database;
  fetcher: Fetcher;
  /** Submits article URLs as the schedule (see `scheduleSubmitter`). */
  submitFor: (scheduleId: number, priority: number | null) => SubmitFn;
  limits?: RunLimits;
}

export interface RunScheduleInput {
  scheduleId: number;
  /** Identifies the firing (the BullMQ job id): running it again updates the same run. */
  runKey: string;
  trigger: RunTrigger;
}

/**
 * Runs a schedule once. Returns null without recording anything when the schedule is gone, or
 * paused and the trigger is the timer (a manual run of a paused schedule is allowed).
 */
export async function runSchedule(deps: RunScheduleDeps, input: RunScheduleInput): Promise<ScheduleRun | null> {
  const schedule = await getScheduleById(deps.db, input.scheduleId);
  if (!schedule || schedule.removedAt || (schedule.paused && input.trigger === 'schedule')) return null;
  const run = await startScheduleRun(deps.db, input);
  const started = performance.now();
  const state: CrawlState = {
    schedule,
    documents: [],
    visited: new Set(),
    seen: new Set(),
    failure: null,
    counts: { found: 0, new: 0, skipped: 0, failed: 0 },
  };
  try {
    await crawl({ db: deps.db, fetcher: deps.fetcher, submit: deps.submitFor(schedule.id, schedule.priority), limits: resolveRunLimits(deps.limits) }, state);
  } catch (error) {
    const reason = `run interrupted: ${(error as Error).message}`;
    await finishScheduleRun(deps.db, run.id, { ...state.counts, status: 'failed', reason, durationMs: performance.now() - started, documents: state.documents }).catch(() => {});
    throw error;
  }
  return finishScheduleRun(deps.db, run.id, { ...state.counts, ...verdict(state), durationMs: performance.now() - started, documents: state.documents });
}

/** The run's status and reason from what happened to its documents. */
export function verdict(state: Pick<CrawlState, 'documents' | 'failure'>): Pick<RunOutcome, 'status' | 'reason'> {
  if (state.failure) return { status: 'failed', reason: state.failure };
  const leaves = state.documents.filter(isLeaf);
  const failedLeaves = leaves.filter((d) => d.outcome === 'failed');
  if (leaves.length > 0 && failedLeaves.length === leaves.length) {
    return { status: 'failed', reason: summarizeFailures(failedLeaves, leaves.length) };
  }
  const reason = failedLeaves.length > 0 ? summarizeFailures(failedLeaves, leaves.length) : null;
  if (state.documents.every((d) => d.outcome === 'unchanged')) return { status: 'unchanged', reason };
  return { status: 'succeeded', reason };
}

/** Documents that hold (or should hold) entries: not the containers that only point elsewhere. */
function isLeaf(doc: RunDocument): boolean {
  if (doc.role === 'robots') return false;
  if (doc.outcome === 'failed') return doc.role !== 'source';
  return doc.kind !== 'html' && doc.kind !== 'sitemap-index';
}

function summarizeFailures(failed: RunDocument[], total: number): string {
  const first = failed[0]!;
  return `${failed.length} of ${total} documents failed; first: ${first.reason ?? first.url}`;
}
