/**
 * What `vellum schedule …` calls. Each operation writes Postgres first (the source of truth),
 * then brings the schedule's BullMQ job scheduler in line when a queue is given. If Redis cannot
 * be reached the change is still stored and `scheduler` says so: a running scheduler service
 * reconciles Redis with the table within a minute.
 */
import {
  type Database,
  getScheduleRunByKey,
  selectScheduleRuns,
  type ScheduleRun,
  findSchedule,
  insertSchedule,
  markScheduleRemoved,
  selectSchedules,
  setSchedulePaused,
  SCHEDULE_KINDS,
  type Schedule,
  type ScheduleKind,
} from '@vellum/db';
import { systemClock, type Clock } from '@vellum/core/clock';
import { enqueueManualRun, isActive, jobSchedulerId, syncJobScheduler, type ScheduleQueue } from '../service/schedule-queue.ts';
import { ScheduleInputError, ScheduleNotFoundError, ScheduleQueueRequiredError } from './errors.ts';
import { checkCron, timingFrom } from './timing.ts';
import { ADD_SCHEDULE_DEFAULTS, SCHEDULE_CONTROL_DEFAULTS } from '../defaults.ts';

export interface ScheduleControl {
  db: Database;
  /**
   * The schedule queue (Redis). Without it, changes are stored and picked up by the service.
   * @defaultValue none
   */
  queue?: ScheduleQueue | null;
  /**
   * Recorded on the schedule's events (`created`, `paused`, …).
   * @defaultValue 'cli'
   */
  actor?: string;
  /**
   * How long to wait for Redis before leaving a change to the service, in ms.
   * @defaultValue 5_000
   */
  redisTimeoutMs?: number;
  /**
   * Time source of `runNow`'s wait (its deadline and polling) and of a cron schedule's next
   * fire time when Redis cannot say; tests pass a clock they move themselves.
   * @defaultValue systemClock
   */
  clock?: Clock;
}

/** A stored change and what became of its job scheduler. */
export interface ScheduleChange {
  schedule: Schedule;
  /** `synced`: Redis updated; `deferred`: no queue, or Redis failed (see `warning`). */
  scheduler: 'synced' | 'deferred';
  warning?: string;
}

export interface AddScheduleInput {
  /** Feed, sitemap or site URL (http or https). */
  url: string;
  /**
   * Interval: `15m`, `1h`, `1h30m`, `90s`, or milliseconds. Exactly one of every and cron.
   * @defaultValue none
   */
  every?: string | number;
  /**
   * Cron pattern, e.g. `*\/15 * * * *`.
   * @defaultValue none
   */
  cron?: string;
  /**
   * IANA time zone for the cron pattern.
   * @defaultValue the scheduler's local time
   */
  timezone?: string;
  /**
   * Unique among live schedules.
   * @defaultValue derived from the URL (`news-example-feed-xml`)
   */
  name?: string;
  /**
   * What the URL is; `auto` decides from the first fetch.
   * @defaultValue 'auto'
   */
  kind?: ScheduleKind;
  /**
   * BullMQ priority of the fetch jobs it submits (1 most urgent).
   * @defaultValue none
   */
  priority?: number;
}

export async function addSchedule(ctl: ScheduleControl, input: AddScheduleInput): Promise<ScheduleChange> {
  const sourceUrl = checkSourceUrl(input.url);
  const timing = timingFrom(input);
  const kind = input.kind ?? ADD_SCHEDULE_DEFAULTS.kind;
  if (!SCHEDULE_KINDS.includes(kind)) throw new ScheduleInputError(`--kind must be one of ${SCHEDULE_KINDS.join(', ')}, got ${JSON.stringify(kind)}`);
  if (input.priority !== undefined && (!Number.isInteger(input.priority) || input.priority < 1 || input.priority > 2_097_152)) {
    throw new ScheduleInputError(`--priority must be an integer from 1 (most urgent) to 2097152, got ${input.priority}`);
  }
  const name = input.name?.trim() || (await freeName(ctl.db, defaultName(sourceUrl)));
  // Operations take "id or name"; a name of digits would be read as an id.
  if (/^[0-9]+$/.test(name)) throw new ScheduleInputError(`--name ${JSON.stringify(name)} is all digits: use a name with a letter in it`);
  let schedule: Schedule;
  try {
    // The row and its event are written together, or not at all.
    schedule = await ctl.db.transaction((tx) =>
      insertSchedule(tx, { name, sourceUrl, kind, timing, priority: input.priority ?? null, createdBy: ctl.actor ?? SCHEDULE_CONTROL_DEFAULTS.actor }),
    );
  } catch (error) {
    if ((error as { code?: string }).code === '23505') {
      throw new ScheduleInputError(`a schedule named ${JSON.stringify(name)} already exists: pick another --name, or remove it first`);
    }
    throw error;
  }
  return sync(ctl, schedule);
}

export interface ScheduleSummary extends Schedule {
  lastRun: ScheduleRun | null;
}

/** Live schedules with their latest run, oldest schedule first. */
export async function listSchedules(ctl: ScheduleControl): Promise<ScheduleSummary[]> {
  const schedules = await selectSchedules(ctl.db);
  const out: ScheduleSummary[] = [];
  for (const schedule of schedules) {
    const [lastRun] = await selectScheduleRuns(ctl.db, schedule.id, { limit: 1 });
    out.push({ ...schedule, lastRun: lastRun ?? null });
  }
  return out;
}

export interface ScheduleDetails {
  schedule: Schedule;
  /** Newest first. */
  runs: ScheduleRun[];
  /** When it fires next: from Redis when a queue is given, else computed for cron schedules; null when paused or unknown. */
  nextRunAt: Date | null;
  /** `active`: Redis has its job scheduler; `missing`: it should but does not (yet); `paused`; `unknown`: no queue, or Redis did not answer. */
  scheduler: 'active' | 'missing' | 'paused' | 'unknown';
}

export async function showSchedule(ctl: ScheduleControl, idOrName: string | number, options: { runs?: number } = {}): Promise<ScheduleDetails> {
  const schedule = await mustFind(ctl, idOrName);
  const runs = await selectScheduleRuns(ctl.db, schedule.id, { limit: options.runs ?? 10 });
  if (!isActive(schedule)) return { schedule, runs, nextRunAt: null, scheduler: 'paused' };
  if (ctl.queue) {
    const jobScheduler = await withTimeout(ctl.queue.getJobScheduler(jobSchedulerId(schedule.id)), ctl.redisTimeoutMs ?? SCHEDULE_CONTROL_DEFAULTS.redisTimeoutMs).catch(
      () => 'unreachable' as const,
    );
    if (jobScheduler !== 'unreachable') {
      const next = jobScheduler?.next;
      return { schedule, runs, nextRunAt: next ? new Date(next) : null, scheduler: jobScheduler ? 'active' : 'missing' };
    }
  }
  const nextRunAt = schedule.cron ? checkCron(schedule.cron, schedule.timezone ?? undefined, clockOf(ctl).now()) : null;
  return { schedule, runs, nextRunAt, scheduler: 'unknown' };
}

export async function pauseSchedule(ctl: ScheduleControl, idOrName: string | number): Promise<ScheduleChange> {
  const schedule = await mustFind(ctl, idOrName);
  return sync(ctl, (await ctl.db.transaction((tx) => setSchedulePaused(tx, schedule.id, true, ctl.actor ?? SCHEDULE_CONTROL_DEFAULTS.actor))) ?? schedule);
}

export async function resumeSchedule(ctl: ScheduleControl, idOrName: string | number): Promise<ScheduleChange> {
  const schedule = await mustFind(ctl, idOrName);
  return sync(ctl, (await ctl.db.transaction((tx) => setSchedulePaused(tx, schedule.id, false, ctl.actor ?? SCHEDULE_CONTROL_DEFAULTS.actor))) ?? schedule);
}

/** Removes a schedule: it stops firing; its row, runs and submissions stay for provenance. */
export async function removeSchedule(ctl: ScheduleControl, idOrName: string | number): Promise<ScheduleChange> {
  const schedule = await mustFind(ctl, idOrName);
  const removed = await ctl.db.transaction((tx) => markScheduleRemoved(tx, schedule.id, ctl.actor ?? SCHEDULE_CONTROL_DEFAULTS.actor));
  if (!removed) throw new ScheduleNotFoundError(idOrName);
  return sync(ctl, removed);
}

export interface RunNowOptions {
  /** Wait for the run to finish (a scheduler service must be running). Default false. */
  wait?: boolean;
  /** How long to wait. Default 120 000 ms. */
  timeoutMs?: number;
  /** How often to look. Default 250 ms. */
  pollMs?: number;
}

export interface RunNowResult {
  schedule: Schedule;
  /** The run's key (its job id): `showSchedule` lists the run under it once it starts. */
  runKey: string;
  /** The run when `wait` was set and it finished in time; else its state so far, or null. */
  run: ScheduleRun | null;
  timedOut: boolean;
}

/** Queues a run of the schedule now (paused schedules too), outside its timing. */
export async function runNow(ctl: ScheduleControl, idOrName: string | number, options: RunNowOptions = {}): Promise<RunNowResult> {
  if (!ctl.queue) throw new ScheduleQueueRequiredError('run-now');
  const schedule = await mustFind(ctl, idOrName);
  const runKey = await withTimeout(enqueueManualRun(ctl.queue, schedule.id), ctl.redisTimeoutMs ?? SCHEDULE_CONTROL_DEFAULTS.redisTimeoutMs);
  if (!options.wait) return { schedule, runKey, run: null, timedOut: false };
  const clock = clockOf(ctl);
  const deadline = clock.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    const run = await getScheduleRunByKey(ctl.db, runKey);
    if (run && run.status !== 'running') return { schedule, runKey, run, timedOut: false };
    if (clock.now() >= deadline) return { schedule, runKey, run, timedOut: true };
    await clock.sleep(options.pollMs ?? 250);
  }
}

function clockOf(ctl: ScheduleControl): Clock {
  return ctl.clock ?? systemClock;
}

async function mustFind(ctl: ScheduleControl, idOrName: string | number): Promise<Schedule> {
  const schedule = await findSchedule(ctl.db, idOrName);
  if (!schedule) throw new ScheduleNotFoundError(idOrName);
  return schedule;
}

async function sync(ctl: ScheduleControl, schedule: Schedule): Promise<ScheduleChange> {
  if (!ctl.queue) {
    return { schedule, scheduler: 'deferred', warning: 'no Redis configured: the scheduler service applies this change when it next reconciles' };
  }
  try {
    await withTimeout(syncJobScheduler(ctl.queue, schedule), ctl.redisTimeoutMs ?? SCHEDULE_CONTROL_DEFAULTS.redisTimeoutMs);
    return { schedule, scheduler: 'synced' };
  } catch (error) {
    return {
      schedule,
      scheduler: 'deferred',
      warning: `stored, but Redis could not be updated (${(error as Error).message}): the scheduler service applies it when it next reconciles`,
    };
  }
}

/** BullMQ waits for a connection indefinitely; an operator's command should not. */
async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function checkSourceUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new ScheduleInputError(`${JSON.stringify(value)} is not a URL: give the absolute http(s) URL of a feed, sitemap or site`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ScheduleInputError(`${JSON.stringify(value)} is not http or https: give the URL of a feed, sitemap or site`);
  }
  if (url.username || url.password) throw new ScheduleInputError('the URL must not contain a user name or password');
  url.hash = '';
  return url.href;
}

/** `https://news.example/feeds/all.xml` -> `news.example-feeds-all.xml`. */
function defaultName(sourceUrl: string): string {
  const url = new URL(sourceUrl);
  const path = `${url.pathname}${url.search}`.replace(/[^A-Za-z0-9._]+/g, '-').replace(/^-+|-+$/g, '');
  return `${url.hostname}${path ? `-${path}` : ''}`.slice(0, 80).toLowerCase();
}

async function freeName(db: Database, base: string): Promise<string> {
  for (let n = 1; ; n += 1) {
    const name = n === 1 ? base : `${base}-${n}`;
    if (!(await findSchedule(db, name))) return name;
  }
}
