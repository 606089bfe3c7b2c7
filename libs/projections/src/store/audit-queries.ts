import type { SqlExecutor } from '@app/event-store';
import type { AuditEntry } from '../audit/audit-entry.js';
import type { ViewTables } from './generations.js';

export interface AuditFilter {
  readonly patientId?: string;
  /** Only patients of these sites (a site-scoped caller); absent: every site. */
  readonly sites?: readonly string[];
  readonly recordedBy?: string;
  readonly type?: string;
  /** Recorded at or after this instant. */
  readonly from?: Date;
  /** Recorded at or before this instant. */
  readonly to?: Date;
  /** Continue after this log position (the `next` of the previous page). */
  readonly after?: number;
  readonly limit: number;
}

export interface AuditPage {
  readonly items: AuditEntry[];
  readonly next?: number;
}

interface Row {
  position: string | number;
  patient_id: string;
  event_id: string;
  type: string;
  action: AuditEntry['action'];
  target_event_id: string | null;
  recorded_by: string;
  recorded_at: Date;
  reason: string | null;
  source: string | null;
  correlation_id: string | null;
}

/** The audit trail, store-wide or per patient, filtered and paged by log position. */
export async function queryAudit(db: SqlExecutor, tables: ViewTables, filter: AuditFilter): Promise<AuditPage> {
  const where: string[] = ['position > $1'];
  const params: unknown[] = [filter.after ?? 0];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replace('?', `$${params.length}`));
  };
  if (filter.patientId !== undefined) add('patient_id = ?', filter.patientId);
  // A site-scoped auditor: the patients whose enrolment (always a stream's first fact) names one of the sites.
  if (filter.sites !== undefined) add(`patient_id in (select patient_id from ${tables.views} where site_id = any(?::text[]))`, filter.sites);
  if (filter.recordedBy !== undefined) add('recorded_by = ?', filter.recordedBy);
  if (filter.type !== undefined) add('type = ?', filter.type);
  if (filter.from !== undefined) add('recorded_at >= ?', filter.from);
  if (filter.to !== undefined) add('recorded_at <= ?', filter.to);
  params.push(filter.limit + 1);
  const rows = await db.query<Row>(`select * from ${tables.audit} where ${where.join(' and ')} order by position limit $${params.length}`, params);
  const items = rows.slice(0, filter.limit).map(toEntry);
  return rows.length > filter.limit ? { items, next: items.at(-1)?.position } : { items };
}

function toEntry(r: Row): AuditEntry {
  return {
    position: Number(r.position),
    patientId: r.patient_id,
    eventId: r.event_id,
    type: r.type,
    action: r.action,
    ...(r.target_event_id && { targetEventId: r.target_event_id }),
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at.toISOString(),
    ...(r.reason !== null && { reason: r.reason }),
    ...(r.source !== null && { source: r.source }),
    ...(r.correlation_id !== null && { correlationId: r.correlation_id }),
  };
}
