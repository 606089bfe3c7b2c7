import type { SqlExecutor } from '@app/event-store';

/**
 * Who read which patient's identifiable data, when, how and from where: an append-only table next
 * to the read models. Each API process numbers its entries (writer, seq), so an entry that never
 * arrived shows up as a gap in that writer's numbers.
 */
export const ACCESS_LOG_SCHEMA = `
create table if not exists access_log (
  id bigserial primary key,
  writer text not null,
  seq bigint not null,
  at timestamptz not null,
  subject text not null,
  roles text[] not null,
  via text not null,
  action text not null,
  patient_id text,
  path text not null,
  status int not null,
  ip text,
  correlation_id text,
  unique (writer, seq)
);
create index if not exists access_log_patient on access_log (patient_id, id);
create index if not exists access_log_subject on access_log (subject, id);
create index if not exists access_log_at on access_log (at, id);
`;

export interface AccessLogEntry {
  readonly writer: string;
  readonly seq: number;
  readonly at: string;
  readonly subject: string;
  readonly roles: readonly string[];
  readonly via: string;
  /** What was read: 'events', 'timeline', 'lines-of-therapy', 'replay', 'audit', 'patients', 'swimmer', 'survival-dataset'. */
  readonly action: string;
  readonly patientId: string | null;
  readonly path: string;
  readonly status: number;
  readonly ip: string | null;
  readonly correlationId: string | null;
}

export async function appendAccessLog(db: SqlExecutor, entries: readonly AccessLogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.query(
    `insert into access_log (writer, seq, at, subject, roles, via, action, patient_id, path, status, ip, correlation_id)
     select writer, seq, at, subject, roles, via, action, "patientId", path, status, ip, "correlationId"
     from jsonb_to_recordset($1::jsonb) as x(writer text, seq bigint, at timestamptz, subject text, roles text[], via text, action text,
       "patientId" text, path text, status int, ip text, "correlationId" text)
     on conflict (writer, seq) do nothing`,
    [JSON.stringify(entries)],
  );
}

export interface AccessLogFilter {
  readonly subject?: string;
  readonly patientId?: string;
  readonly from?: Date;
  readonly to?: Date;
  /** Only entries about these patients (those of a site-scoped auditor's sites); absent: all. */
  readonly patients?: readonly string[];
  readonly after?: number;
  readonly limit: number;
}

export interface AccessLogPage {
  readonly items: (AccessLogEntry & { id: number })[];
  readonly next?: number;
}

export async function queryAccessLog(db: SqlExecutor, filter: AccessLogFilter): Promise<AccessLogPage> {
  const where = ['id > $1'];
  const params: unknown[] = [filter.after ?? 0];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replace('?', `$${params.length}`));
  };
  if (filter.subject !== undefined) add('subject = ?', filter.subject);
  if (filter.patientId !== undefined) add('patient_id = ?', filter.patientId);
  if (filter.from !== undefined) add('at >= ?', filter.from);
  if (filter.to !== undefined) add('at <= ?', filter.to);
  if (filter.patients !== undefined) add('patient_id = any(?::text[])', filter.patients);
  params.push(filter.limit + 1);
  const rows = await db.query<{ id: string | number; writer: string; seq: string | number; at: Date; subject: string; roles: string[]; via: string; action: string; patient_id: string | null; path: string; status: number; ip: string | null; correlation_id: string | null }>(
    `select * from access_log where ${where.join(' and ')} order by id limit $${params.length}`,
    params,
  );
  const items = rows.slice(0, filter.limit).map((r) => ({
    id: Number(r.id),
    writer: r.writer,
    seq: Number(r.seq),
    at: r.at.toISOString(),
    subject: r.subject,
    roles: r.roles,
    via: r.via,
    action: r.action,
    patientId: r.patient_id,
    path: r.path,
    status: r.status,
    ip: r.ip,
    correlationId: r.correlation_id,
  }));
  return rows.length > filter.limit ? { items, next: items.at(-1)?.id } : { items };
}

/** Per writer, the numbers that never arrived (an entry lost between the read and the log). */
export async function accessLogGaps(db: SqlExecutor): Promise<{ writer: string; missing: number; firstMissing: number | null }[]> {
  const rows = await db.query<{ writer: string; missing: string | number; first_missing: string | number | null }>(
    `select writer, (max(seq) - count(*))::bigint as missing,
       (select min(s.seq + 1) from access_log s where s.writer = a.writer and not exists (select 1 from access_log n where n.writer = s.writer and n.seq = s.seq + 1) and s.seq < (select max(seq) from access_log m where m.writer = a.writer)) as first_missing
     from access_log a group by writer having max(seq) > count(*) order by writer`,
  );
  return rows.map((r) => ({ writer: r.writer, missing: Number(r.missing), firstMissing: r.first_missing === null ? null : Number(r.first_missing) }));
}
