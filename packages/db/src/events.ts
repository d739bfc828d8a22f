import type { Queryable } from './database.ts';
import { jsonParam, toDate, toId, toIdOrNull, type Row } from './sql-values.ts';

/** One entry of the append-only audit log. */
export interface AuditEvent {
  id: number;
  /** 'submission' | 'capture' | 'article' | … */
  entity: string;
  entityId: number | null;
  action: string;
  actor: string | null;
  at: Date;
  details: Record<string, unknown>;
}

export interface NewEvent {
  entity: string;
  entityId?: number | null;
  action: string;
  actor?: string | null;
  details?: Record<string, unknown>;
}

export function eventFromRow(row: Row): AuditEvent {
  return {
    id: toId(row.id),
    entity: row.entity as string,
    entityId: toIdOrNull(row.entity_id),
    action: row.action as string,
    actor: (row.actor as string | null) ?? null,
    at: toDate(row.at),
    details: (row.details as Record<string, unknown>) ?? {},
  };
}

export async function appendEvent(q: Queryable, event: NewEvent): Promise<AuditEvent> {
  const { rows } = await q.query<Row>(
    `INSERT INTO events (entity, entity_id, action, actor, details)
     VALUES ($1, $2, $3, $4, $5::jsonb) RETURNING *`,
    [event.entity, event.entityId ?? null, event.action, event.actor ?? null, jsonParam(event.details ?? {})],
  );
  return eventFromRow(rows[0]!);
}

/** The events of one entity, oldest first. */
export async function listEvents(
  q: Queryable,
  entity: string,
  entityId: number,
  options: { limit?: number } = {},
): Promise<AuditEvent[]> {
  const { rows } = await q.query<Row>(
    `SELECT * FROM events WHERE entity = $1 AND entity_id = $2 ORDER BY id LIMIT $3`,
    [entity, entityId, options.limit ?? 1000],
  );
  return rows.map(eventFromRow);
}
