/**
 * The schedules table (migration 004). Schedules are never deleted: `remove` sets removed_at so
 * the submissions and runs a schedule made keep a name to point at.
 */
import type { Queryable } from '../database.ts';
import { appendEvent } from '../events.ts';
import { toDate, toDateOrNull, toId, type Row } from '../sql-values.ts';

export const SCHEDULE_KINDS = ['auto', 'feed', 'sitemap', 'site'] as const;
/**
 * `auto`: decided by what the URL serves each run (a feed or sitemap is read; an HTML page is
 * treated as a site). `feed`/`sitemap`: an HTML answer fails the run. `site`: always discover
 * feeds on the page and sitemaps in robots.txt.
 */
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

/** When a schedule fires: a fixed interval, or a cron pattern (BullMQ syntax, optional seconds field). */
export type ScheduleTiming = { everyMs: number } | { cron: string; timezone?: string };

export interface Schedule {
  id: number;
  name: string;
  sourceUrl: string;
  kind: ScheduleKind;
  everyMs: number | null;
  cron: string | null;
  timezone: string | null;
  paused: boolean;
  priority: number | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  removedAt: Date | null;
}

export interface NewSchedule {
  name: string;
  sourceUrl: string;
  kind: ScheduleKind;
  timing: ScheduleTiming;
  priority?: number | null;
  createdBy: string;
}

function scheduleFromRow(row: Row): Schedule {
  return {
    id: toId(row.id),
    name: row.name as string,
    sourceUrl: row.source_url as string,
    kind: row.kind as ScheduleKind,
    everyMs: row.every_ms === null ? null : Number(row.every_ms),
    cron: (row.cron as string | null) ?? null,
    timezone: (row.timezone as string | null) ?? null,
    paused: Boolean(row.paused),
    priority: row.priority === null ? null : Number(row.priority),
    createdBy: row.created_by as string,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    removedAt: toDateOrNull(row.removed_at),
  };
}

/** Inserts a schedule and its `created` event. A live schedule with the same name: unique violation (23505). */
export async function insertSchedule(q: Queryable, input: NewSchedule): Promise<Schedule> {
  const every = 'everyMs' in input.timing ? input.timing.everyMs : null;
  const cron = 'cron' in input.timing ? input.timing.cron : null;
  const timezone = 'cron' in input.timing ? (input.timing.timezone ?? null) : null;
  const { rows } = await q.query<Row>(
    `INSERT INTO schedules (name, source_url, kind, every_ms, cron, timezone, priority, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
    [input.name, input.sourceUrl, input.kind, every, cron, timezone, input.priority ?? null, input.createdBy],
  );
  const schedule = scheduleFromRow(rows[0]!);
  await appendEvent(q, {
    entity: 'schedule',
    entityId: schedule.id,
    action: 'created',
    actor: input.createdBy,
    details: { name: schedule.name, sourceUrl: schedule.sourceUrl, kind: schedule.kind, everyMs: every, cron, timezone },
  });
  return schedule;
}

/** A live schedule by id or by name (a string of digits is tried as an id first). */
export async function findSchedule(q: Queryable, idOrName: string | number): Promise<Schedule | null> {
  const text = String(idOrName);
  if (/^[1-9][0-9]{0,17}$/.test(text)) {
    const byId = await q.query<Row>('SELECT * FROM schedules WHERE id = $1 AND removed_at IS NULL', [Number(text)]);
    if (byId.rows[0]) return scheduleFromRow(byId.rows[0]);
  }
  const { rows } = await q.query<Row>('SELECT * FROM schedules WHERE name = $1 AND removed_at IS NULL', [text]);
  return rows[0] ? scheduleFromRow(rows[0]) : null;
}

/** Any schedule by id, removed ones included (runs look their schedule up this way). */
export async function getScheduleById(q: Queryable, id: number): Promise<Schedule | null> {
  const { rows } = await q.query<Row>('SELECT * FROM schedules WHERE id = $1', [id]);
  return rows[0] ? scheduleFromRow(rows[0]) : null;
}

/** Live schedules, oldest first. */
export async function selectSchedules(q: Queryable, options: { includeRemoved?: boolean } = {}): Promise<Schedule[]> {
  const { rows } = await q.query<Row>(
    `SELECT * FROM schedules WHERE $1::boolean OR removed_at IS NULL ORDER BY id`,
    [options.includeRemoved ?? false],
  );
  return rows.map(scheduleFromRow);
}

/** Sets `paused`, records the event; returns the updated schedule (null if it is not live). */
export async function setSchedulePaused(q: Queryable, id: number, paused: boolean, actor: string): Promise<Schedule | null> {
  const { rows } = await q.query<Row>(
    `UPDATE schedules SET paused = $2, updated_at = now() WHERE id = $1 AND removed_at IS NULL RETURNING *`,
    [id, paused],
  );
  if (!rows[0]) return null;
  await appendEvent(q, { entity: 'schedule', entityId: id, action: paused ? 'paused' : 'resumed', actor });
  return scheduleFromRow(rows[0]);
}

/** Marks a schedule removed, records the event; returns it (null if it was not live). */
export async function markScheduleRemoved(q: Queryable, id: number, actor: string): Promise<Schedule | null> {
  const { rows } = await q.query<Row>(
    `UPDATE schedules SET removed_at = now(), updated_at = now() WHERE id = $1 AND removed_at IS NULL RETURNING *`,
    [id],
  );
  if (!rows[0]) return null;
  await appendEvent(q, { entity: 'schedule', entityId: id, action: 'removed', actor });
  return scheduleFromRow(rows[0]);
}
