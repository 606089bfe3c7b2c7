import type { SqlClient } from './sql-client.js';

/**
 * Schema of the event log, as ordered migrations. Each is idempotent DDL applied in its own
 * transaction under an advisory lock, so several processes starting at once apply it once.
 *
 * Global order: `log_head` is a one-row counter that every append updates after its checks and
 * just before inserting. Its row lock is held to commit, so positions are handed out in commit
 * order and without gaps: a reader that follows `position` can never pass an event whose
 * transaction commits late (the failure a plain sequence has), nor see one twice.
 */
interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'event log',
    sql: `
create table if not exists events (
  position bigint primary key,
  stream_id text not null,
  revision bigint not null,
  event_id uuid not null,
  type text not null,
  data jsonb not null,
  metadata jsonb not null,
  recorded_at timestamptz not null,
  constraint events_stream_revision_key unique (stream_id, revision),
  constraint events_event_id_key unique (event_id)
);
create table if not exists streams (
  stream_id text primary key,
  revision bigint not null,
  created_at timestamptz not null default clock_timestamp(),
  updated_at timestamptz not null default clock_timestamp()
);
create table if not exists log_head (
  id boolean primary key default true check (id),
  position bigint not null
);
insert into log_head (id, position) values (true, 0) on conflict do nothing;
create table if not exists idempotency_keys (
  key text primary key,
  stream_id text not null,
  result jsonb not null,
  created_at timestamptz not null default clock_timestamp()
);

-- Appends a batch of {streamId, expectedKind, expected, idempotencyKey, events[]} atomically.
-- Raises SQLSTATE TT409 with a JSON message on a wrong expected revision.
create or replace function tte_append(p_batch jsonb) returns jsonb language plpgsql as $fn$
declare
  v_req jsonb;
  v_current bigint;
  v_cached jsonb;
  v_plan jsonb := '[]';
  v_results jsonb := '[]';
  v_total bigint := 0;
  v_pos bigint;
  v_now timestamptz;
  v_step jsonb;
  v_count int;
begin
  for v_req in select value from jsonb_array_elements(p_batch) order by value->>'streamId' loop
    v_cached := null;
    if v_req->>'idempotencyKey' is not null then
      select result into v_cached from idempotency_keys where key = v_req->>'idempotencyKey';
    end if;
    if v_cached is not null then
      v_plan := v_plan || jsonb_build_array(jsonb_build_object('req', v_req, 'cached', v_cached));
      continue;
    end if;
    select revision into v_current from streams where stream_id = v_req->>'streamId' for update;
    if (v_req->>'expectedKind' = 'no-stream' and v_current is not null)
       or (v_req->>'expectedKind' = 'exact' and v_current is distinct from (v_req->>'expected')::bigint) then
      raise exception using errcode = 'TT409',
        message = jsonb_build_object('streamId', v_req->>'streamId', 'actual', v_current)::text;
    end if;
    v_count := jsonb_array_length(v_req->'events');
    v_plan := v_plan || jsonb_build_array(jsonb_build_object('req', v_req, 'base', coalesce(v_current, -1)));
    v_total := v_total + v_count;
  end loop;

  -- The global serialisation point, taken as late as possible.
  update log_head set position = position + v_total returning position - v_total into v_pos;
  v_now := clock_timestamp();

  for v_step in select value from jsonb_array_elements(v_plan) loop
    v_req := v_step->'req';
    if v_step ? 'cached' then
      v_results := v_results || jsonb_build_array((v_step->'cached') || '{"replayed": true}');
      continue;
    end if;
    v_count := jsonb_array_length(v_req->'events');
    if v_count = 0 then
      v_results := v_results || jsonb_build_array(jsonb_build_object('streamId', v_req->>'streamId', 'revision', (v_step->>'base')::bigint, 'firstPosition', v_pos, 'lastPosition', v_pos, 'replayed', false));
      continue;
    end if;
    insert into events (position, stream_id, revision, event_id, type, data, metadata, recorded_at)
    select v_pos + e.ord, v_req->>'streamId', (v_step->>'base')::bigint + e.ord, (e.value->>'eventId')::uuid,
           e.value->>'type', e.value->'data', e.value->'metadata', v_now
    from jsonb_array_elements(v_req->'events') with ordinality e(value, ord);
    insert into streams (stream_id, revision) values (v_req->>'streamId', (v_step->>'base')::bigint + v_count)
    on conflict (stream_id) do update set revision = excluded.revision, updated_at = clock_timestamp();
    v_step := jsonb_build_object('streamId', v_req->>'streamId', 'revision', (v_step->>'base')::bigint + v_count,
                                 'firstPosition', v_pos + 1, 'lastPosition', v_pos + v_count, 'replayed', false);
    if v_req->>'idempotencyKey' is not null then
      insert into idempotency_keys (key, stream_id, result) values (v_req->>'idempotencyKey', v_req->>'streamId', v_step);
    end if;
    v_results := v_results || jsonb_build_array(v_step);
    v_pos := v_pos + v_count;
  end loop;
  if v_total > 0 then
    perform pg_notify('tte_events', v_pos::text);
  end if;
  return v_results;
end
$fn$;
`,
  },
];

export async function migrate(client: SqlClient): Promise<void> {
  await client.execInTransaction(`
    select pg_advisory_xact_lock(7346000);
    create table if not exists tte_migrations (version int primary key, name text not null, applied_at timestamptz not null default now());`);
  const applied = new Set((await client.query<{ version: number }>('select version from tte_migrations')).map((r) => Number(r.version)));
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue;
    await client.execInTransaction(
      `select pg_advisory_xact_lock(7346000);\n${m.sql}\ninsert into tte_migrations (version, name) values (${m.version}, '${m.name}') on conflict do nothing;`,
    );
  }
}
