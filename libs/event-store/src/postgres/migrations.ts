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

-- Appends a batch of {streamId, expectedKind, expected, idempotencyKey, events[]} atomically and
-- answers one result per request, in request order. Stream rows are locked in stream-id order so
-- concurrent batches cannot deadlock. Raises SQLSTATE TT409 (JSON message) on a wrong revision.
create or replace function tte_append(p_batch jsonb) returns jsonb language plpgsql
-- Row estimates of jsonb_array_elements are guesses that trigger JIT compilation, which costs far
-- more than these small statements.
set jit = off as $fn$
declare
  n int := jsonb_array_length(p_batch);
  v_base bigint[] := array_fill(null::bigint, array[n]);
  v_count int[] := array_fill(0, array[n]);
  v_offset bigint[] := array_fill(0::bigint, array[n]);
  v_cached jsonb[] := array_fill(null::jsonb, array[n]);
  v_results jsonb[] := array_fill(null::jsonb, array[n]);
  v_stream text[] := array_fill(null::text, array[n]);
  v_key text[] := array_fill(null::text, array[n]);
  v_req record;
  v_current bigint;
  v_hit jsonb;
  v_total bigint := 0;
  v_pos bigint;
  v_next bigint;
  v_now timestamptz;
  i int;
begin
  for v_req in
    select r.ord::int as i, r.value->>'streamId' as stream_id, r.value->>'expectedKind' as kind,
           (r.value->>'expected')::bigint as expected, r.value->>'idempotencyKey' as key,
           jsonb_array_length(r.value->'events') as cnt
    from jsonb_array_elements(p_batch) with ordinality r(value, ord)
    order by r.value->>'streamId'
  loop
    v_stream[v_req.i] := v_req.stream_id;
    v_key[v_req.i] := v_req.key;
    if v_req.key is not null then
      select result into v_hit from idempotency_keys where key = v_req.key;
      if found then
        v_cached[v_req.i] := v_hit;
        continue;
      end if;
    end if;
    select revision into v_current from streams where stream_id = v_req.stream_id for update;
    if (v_req.kind = 'no-stream' and v_current is not null)
       or (v_req.kind = 'exact' and v_current is distinct from v_req.expected) then
      raise exception using errcode = 'TT409',
        message = jsonb_build_object('streamId', v_req.stream_id, 'actual', v_current)::text;
    end if;
    v_base[v_req.i] := coalesce(v_current, -1);
    v_count[v_req.i] := v_req.cnt;
    v_total := v_total + v_req.cnt;
  end loop;

  -- The global serialisation point, taken as late as possible.
  update log_head set position = position + v_total returning position - v_total into v_pos;
  v_now := clock_timestamp();
  -- Positions follow request order; offsets instead of a window function spare a sort of wide rows.
  v_next := v_pos;
  for i in 1..n loop
    v_offset[i] := v_next;
    v_next := v_next + v_count[i];
  end loop;

  insert into events (position, stream_id, revision, event_id, type, data, metadata, recorded_at)
  select v_offset[r.ord] + e.ord, r.value->>'streamId', v_base[r.ord] + e.ord,
         (e.value->>'eventId')::uuid, e.value->>'type', e.value->'data', e.value->'metadata', v_now
  from jsonb_array_elements(p_batch) with ordinality r(value, ord)
  cross join lateral jsonb_array_elements(r.value->'events') with ordinality e(value, ord)
  where v_base[r.ord] is not null;

  insert into streams (stream_id, revision)
  select v_stream[k], v_base[k] + v_count[k] from generate_series(1, n) g(k)
  where v_base[k] is not null and v_count[k] > 0
  on conflict (stream_id) do update set revision = excluded.revision, updated_at = clock_timestamp();

  for i in 1..n loop
    if v_cached[i] is not null then
      v_results[i] := v_cached[i] || '{"replayed": true}';
      continue;
    end if;
    v_results[i] := jsonb_build_object('streamId', v_stream[i], 'revision', v_base[i] + v_count[i],
      'firstPosition', v_offset[i] + least(v_count[i], 1), 'lastPosition', v_offset[i] + v_count[i], 'replayed', false);
    if v_key[i] is not null then
      insert into idempotency_keys (key, stream_id, result) values (v_key[i], v_stream[i], v_results[i]);
    end if;
  end loop;
  if v_total > 0 then
    perform pg_notify('tte_events', v_next::text);
  end if;
  return to_jsonb(v_results);
end
$fn$;
`,
  },
  {
    version: 2,
    name: 'events as json text',
    sql: `
-- An event's data and metadata are written once and read whole, never queried inside SQL, so
-- they are kept as the JSON text they were recorded as: jsonb parsed every event on the way in
-- (PostgreSQL's largest cost in an import) and printed it again on every read.
alter table events alter column data type json using data::json, alter column metadata type json using metadata::json;
drop function if exists tte_append(jsonb);

-- Appends a batch atomically and answers one result per request, in request order. The requests
-- are [{streamId, expectedKind, expected, idempotencyKey, count}]; their events follow in request
-- order as parallel JSON arrays (the request each belongs to, 1-based; id; type; data; metadata),
-- walked in step by one ROWS FROM, so no event is parsed or copied out of a larger document.
-- Stream rows are locked in stream-id order so concurrent batches cannot deadlock. Raises
-- SQLSTATE TT409 (JSON message) on a wrong revision.
create or replace function tte_append(p_requests jsonb, p_request_of json, p_event_ids json, p_types json, p_data json, p_metadata json)
returns jsonb language plpgsql
-- Row estimates of set-returning functions are guesses that trigger JIT compilation, which costs
-- far more than these small statements.
set jit = off as $fn$
declare
  n int := jsonb_array_length(p_requests);
  v_base bigint[] := array_fill(null::bigint, array[n]);
  v_count int[] := array_fill(0, array[n]);
  v_first int[] := array_fill(0, array[n]);
  v_offset bigint[] := array_fill(0::bigint, array[n]);
  v_cached jsonb[] := array_fill(null::jsonb, array[n]);
  v_results jsonb[] := array_fill(null::jsonb, array[n]);
  v_stream text[] := array_fill(null::text, array[n]);
  v_key text[] := array_fill(null::text, array[n]);
  v_req record;
  v_current bigint;
  v_hit jsonb;
  v_total bigint := 0;
  v_pos bigint;
  v_next bigint;
  v_ord int := 1;
  v_now timestamptz;
  i int;
begin
  for i in 1..n loop
    v_first[i] := v_ord;
    v_ord := v_ord + (p_requests->(i - 1)->>'count')::int;
  end loop;
  if v_ord - 1 <> json_array_length(p_event_ids) then
    raise exception 'the batch holds % events, its requests count %', json_array_length(p_event_ids), v_ord - 1;
  end if;
  for v_req in
    select r.ord::int as i, r.value->>'streamId' as stream_id, r.value->>'expectedKind' as kind,
           (r.value->>'expected')::bigint as expected, r.value->>'idempotencyKey' as key,
           (r.value->>'count')::int as cnt
    from jsonb_array_elements(p_requests) with ordinality r(value, ord)
    order by r.value->>'streamId'
  loop
    v_stream[v_req.i] := v_req.stream_id;
    v_key[v_req.i] := v_req.key;
    if v_req.key is not null then
      select result into v_hit from idempotency_keys where key = v_req.key;
      if found then
        v_cached[v_req.i] := v_hit;
        continue;
      end if;
    end if;
    select revision into v_current from streams where stream_id = v_req.stream_id for update;
    if (v_req.kind = 'no-stream' and v_current is not null)
       or (v_req.kind = 'exact' and v_current is distinct from v_req.expected) then
      raise exception using errcode = 'TT409',
        message = jsonb_build_object('streamId', v_req.stream_id, 'actual', v_current)::text;
    end if;
    v_base[v_req.i] := coalesce(v_current, -1);
    v_count[v_req.i] := v_req.cnt;
    v_total := v_total + v_req.cnt;
  end loop;

  -- The global serialisation point, taken as late as possible.
  update log_head set position = position + v_total returning position - v_total into v_pos;
  v_now := clock_timestamp();
  -- Positions follow request order, without gaps where a request was answered from its key.
  v_next := v_pos;
  for i in 1..n loop
    v_offset[i] := v_next;
    v_next := v_next + v_count[i];
  end loop;

  insert into events (position, stream_id, revision, event_id, type, data, metadata, recorded_at)
  select v_offset[e.r] + e.ord - v_first[e.r] + 1, v_stream[e.r], v_base[e.r] + e.ord - v_first[e.r] + 1,
         e.event_id, e.type, e.data, e.metadata, v_now
  from (select x.r::int as r, x.event_id::uuid as event_id, x.type, x.data, x.metadata, x.ord::int as ord
        from rows from (json_array_elements_text(p_request_of), json_array_elements_text(p_event_ids), json_array_elements_text(p_types),
                        json_array_elements(p_data), json_array_elements(p_metadata)) with ordinality x(r, event_id, type, data, metadata, ord)) e
  where v_base[e.r] is not null;

  insert into streams (stream_id, revision)
  select v_stream[k], v_base[k] + v_count[k] from generate_series(1, n) g(k)
  where v_base[k] is not null and v_count[k] > 0
  on conflict (stream_id) do update set revision = excluded.revision, updated_at = clock_timestamp();

  for i in 1..n loop
    if v_cached[i] is not null then
      v_results[i] := v_cached[i] || '{"replayed": true}';
      continue;
    end if;
    v_results[i] := jsonb_build_object('streamId', v_stream[i], 'revision', v_base[i] + v_count[i],
      'firstPosition', v_offset[i] + least(v_count[i], 1), 'lastPosition', v_offset[i] + v_count[i], 'replayed', false);
    if v_key[i] is not null then
      insert into idempotency_keys (key, stream_id, result) values (v_key[i], v_stream[i], v_results[i]);
    end if;
  end loop;
  if v_total > 0 then
    perform pg_notify('tte_events', v_next::text);
  end if;
  return to_jsonb(v_results);
end
$fn$;
`,
  },
];

/** Applies the migrations not yet applied, up to `upTo` (all of them unless a test says otherwise). */
export async function migrate(client: SqlClient, { upTo = Number.MAX_SAFE_INTEGER }: { upTo?: number } = {}): Promise<void> {
  await client.execInTransaction(`
    select pg_advisory_xact_lock(7346000);
    create table if not exists tte_migrations (version int primary key, name text not null, applied_at timestamptz not null default now());`);
  const applied = new Set((await client.query<{ version: number }>('select version from tte_migrations')).map((r) => Number(r.version)));
  for (const m of MIGRATIONS) {
    if (applied.has(m.version) || m.version > upTo) continue;
    await client.execInTransaction(
      `select pg_advisory_xact_lock(7346000);\n${m.sql}\ninsert into tte_migrations (version, name) values (${m.version}, '${m.name}') on conflict do nothing;`,
    );
  }
}
