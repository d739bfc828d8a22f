// Schedules, their runs and the per-source conditional-GET state (migration 004).
export {
  SCHEDULE_KINDS,
  insertSchedule,
  findSchedule,
  getScheduleById,
  selectSchedules,
  setSchedulePaused,
  markScheduleRemoved,
  type Schedule,
  type ScheduleKind,
  type ScheduleTiming,
  type NewSchedule,
} from './schedules.ts';
export {
  startScheduleRun,
  finishScheduleRun,
  selectScheduleRuns,
  getScheduleRunByKey,
  type ScheduleRun,
  type RunStatus,
  type RunTrigger,
  type RunDocument,
  type RunCounts,
  type RunOutcome,
} from './runs.ts';
export {
  getScheduleSourceState,
  saveScheduleSourceState,
  touchScheduleSourceState,
  type SourceState,
} from './sources.ts';
export { lookupArchiveState, type UrlArchiveState } from './archive-state.ts';
