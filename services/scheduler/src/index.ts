/**
 * @vellum/scheduler: scheduled crawls of feeds and sitemaps.
 *
 * Parsing (pure): parseSource turns a fetched feed, sitemap or page into entries.
 * Discovery (pure): discoverFeedLinks, sitemapsFromRobotsTxt.
 * Control (what `vellum schedule …` calls): addSchedule, listSchedules, showSchedule,
 * pauseSchedule, resumeSchedule, removeSchedule, runNow.
 * Service: startScheduler runs schedules as their BullMQ job schedulers fire.
 */

// Feed and sitemap parsing (bytes in, entries out).
export type { ParsedSource, RejectedEntry, SourceEntry, SourceKind } from './parse/source-types.ts';
export { parseSource, type ParseSourceInput, type ParseSourceOptions } from './parse/parse-source.ts';
export { DEFAULT_MAX_ENTRIES, type EntryLimits } from './parse/entry-collector.ts';
export { MalformedSourceError, UnsupportedSourceError } from './parse/errors.ts';

// Discovery of a site's feeds and sitemaps.
export { discoverFeedLinks, type DiscoveredFeed, type DiscoveredFeedType } from './discover/feed-links.ts';
export { robotsTxtUrl, sitemapsFromRobotsTxt } from './discover/robots-sitemaps.ts';

// Control API for the CLI.
export {
  addSchedule,
  listSchedules,
  showSchedule,
  pauseSchedule,
  resumeSchedule,
  removeSchedule,
  runNow,
  type ScheduleControl,
  type ScheduleChange,
  type AddScheduleInput,
  type ScheduleSummary,
  type ScheduleDetails,
  type RunNowOptions,
  type RunNowResult,
} from './control/schedule-control.ts';
export { ScheduleInputError, ScheduleNotFoundError, ScheduleQueueRequiredError } from './control/errors.ts';
export { parseEvery, formatEvery, checkCron, MIN_EVERY_MS } from './control/timing.ts';

// Records.
export { SCHEDULE_KINDS, type Schedule, type ScheduleKind, type ScheduleTiming } from '@vellum/db';
export type { ScheduleRun, RunStatus, RunTrigger, RunDocument, RunCounts } from '@vellum/db';

// Running.
export { runSchedule, type RunScheduleDeps, type RunScheduleInput } from './run/run-schedule.ts';
export { resolveRunLimits, type RunLimits } from './run/run-limits.ts';
export { submitterFor, scheduleSubmitter } from './run/schedule-submitter.ts';
export {
  createScheduleQueue,
  jobSchedulerId,
  reconcileJobSchedulers,
  syncJobScheduler,
  SCHEDULE_QUEUE_NAME,
  type ScheduleQueue,
  type ScheduleQueueOptions,
  type ScheduleJobData,
  type ReconcileResult,
} from './service/schedule-queue.ts';
export { startScheduler, type StartSchedulerOptions, type SchedulerService } from './service/start-scheduler.ts';

// Option defaults (also `@vellum/scheduler/defaults`, a module with no imports).
export { ADD_SCHEDULE_DEFAULTS, RUN_LIMITS_DEFAULTS, SCHEDULE_CONTROL_DEFAULTS, START_SCHEDULER_DEFAULTS } from './defaults.ts';
