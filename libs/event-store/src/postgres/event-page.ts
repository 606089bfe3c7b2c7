import type { StoredEvent } from '../event-store.port.js';
import type { SqlClient } from './sql-client.js';

/**
 * One event as the server sends it in a page: [position, stream, revision, id, type, data, metadata,
 * recorded at]. As rows, the bigints come as text and the time as a Date; in the JSON text, as
 * numbers and an ISO string.
 */
export type EventTuple = [number | string, string, number | string, string, string, unknown, Record<string, unknown>, string | Date];

const COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, recorded_at';

/**
 * A page of events, in two forms of one select. `aggregated` is one JSON text built by the server
 * and parsed with one JSON.parse: in this process (PGlite) decoding rows one by one cost twice as
 * much per event. On a server, building that text cost PostgreSQL three times what sending the
 * rows does (json_agg's growing buffer, then a copy of it for output: 13 µs an event against 4-5,
 * measured reading 513k events course by course), so there the rows go as they are (`rows`).
 * The order is the subquery's (an index scan's): an ORDER BY inside json_agg sorted every page
 * again, and readPage checks the order rather than trust it.
 */
export interface EventPageQuery {
  readonly name: string;
  readonly aggregated: string;
  readonly rows: string;
}

const eventPage = (name: string, where: string, order: string, limit: string): EventPageQuery => {
  const select = `select ${COLUMNS} from events where ${where} order by ${order} limit ${limit}`;
  return { name, aggregated: `select coalesce(json_agg(json_build_array(${COLUMNS})), '[]')::text as page from (${select}) e`, rows: select };
};

/** The server keeps these parsed and planned on each connection: they run for every command and every course a rebuild reads. */
export const READ_STREAM = eventPage('tte_read_stream', 'stream_id = $1 and revision >= $2', 'revision', '$3');
export const READ_ALL = eventPage('tte_read_all', 'position > $1', 'position', '$2');
export const READ_STREAMS = eventPage('tte_read_streams', 'stream_id = any($1::text[])', 'stream_id, revision', 'all');

const toStored = ([position, streamId, revision, eventId, type, data, metadata, recordedAt]: EventTuple): StoredEvent => ({
  position: Number(position),
  streamId,
  revision: Number(revision),
  eventId,
  type,
  data,
  metadata,
  recordedAt: recordedAt instanceof Date ? recordedAt : new Date(recordedAt),
});

/** How a page's events follow each other: a strict order, so a page whose every neighbour follows it is sorted. */
export type PageOrder = (a: EventTuple, b: EventTuple) => number;

export const LOG_ORDER: PageOrder = (a, b) => Number(a[0]) - Number(b[0]);
/** Stream by stream (by id, as JavaScript compares strings), each in revision order. */
export const REVISION_ORDER: PageOrder = (a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : Number(a[2]) - Number(b[2]));

/** The page in `order`: checked in one pass, sorted only if the server sent it otherwise (another collation, another plan). */
export function inPageOrder(tuples: EventTuple[], order: PageOrder): EventTuple[] {
  for (let i = 1; i < tuples.length; i++) {
    if (order(tuples[i - 1] as EventTuple, tuples[i] as EventTuple) >= 0) return tuples.sort(order);
  }
  return tuples;
}

export async function readPage(sql: SqlClient, query: EventPageQuery, params: unknown[], order: PageOrder): Promise<StoredEvent[]> {
  if (sql.queryRows) return inPageOrder((await sql.queryRows(query.rows, params, { name: query.name })) as EventTuple[], order).map(toStored);
  const [row] = await sql.query<{ page: string }>(query.aggregated, params, { name: query.name });
  return inPageOrder(JSON.parse(row?.page ?? '[]') as EventTuple[], order).map(toStored);
}
