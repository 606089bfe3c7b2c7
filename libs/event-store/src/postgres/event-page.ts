import type { StoredEvent } from '../event-store.port.js';
import type { SqlExecutor } from './sql-client.js';

/** One event as the server sends it in a page: [position, stream, revision, id, type, data, metadata, recorded at]. */
export type EventTuple = [number, string, number, string, string, unknown, Record<string, unknown>, string];

/**
 * Selects a page of events as one JSON text built by the server, parsed with one JSON.parse: the
 * drivers' row-by-row decoding (PGlite's in particular) cost twice as much per event. The order is
 * the subquery's (an index scan's): an ORDER BY inside json_agg sorted every page again and made
 * the read a third dearer, and readPage checks the order rather than trust it.
 */
const eventPage = (where: string, order: string, limit: string) =>
  `select coalesce(json_agg(json_build_array(position, stream_id, revision, event_id, type, data, metadata, recorded_at)), '[]')::text as page
   from (select position, stream_id, revision, event_id, type, data, metadata, recorded_at from events where ${where} order by ${order} limit ${limit}) e`;

/** The server keeps these parsed and planned on each connection: they run for every command and every course a rebuild reads. */
export const READ_STREAM = { name: 'tte_read_stream', text: eventPage('stream_id = $1 and revision >= $2', 'revision', '$3') };
export const READ_ALL = { name: 'tte_read_all', text: eventPage('position > $1', 'position', '$2') };
export const READ_STREAMS = { name: 'tte_read_streams', text: eventPage('stream_id = any($1::text[])', 'stream_id, revision', 'all') };

const toStored = ([position, streamId, revision, eventId, type, data, metadata, recordedAt]: EventTuple): StoredEvent => ({
  position,
  streamId,
  revision,
  eventId,
  type,
  data,
  metadata,
  recordedAt: new Date(recordedAt),
});

/** How a page's events follow each other: a strict order, so a page whose every neighbour follows it is sorted. */
export type PageOrder = (a: EventTuple, b: EventTuple) => number;

export const LOG_ORDER: PageOrder = (a, b) => a[0] - b[0];
/** Stream by stream (by id, as JavaScript compares strings), each in revision order. */
export const REVISION_ORDER: PageOrder = (a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[2] - b[2]);

/** The page in `order`: checked in one pass, sorted only if the server sent it otherwise (another collation, another plan). */
export function inPageOrder(tuples: EventTuple[], order: PageOrder): EventTuple[] {
  for (let i = 1; i < tuples.length; i++) {
    if (order(tuples[i - 1] as EventTuple, tuples[i] as EventTuple) >= 0) return tuples.sort(order);
  }
  return tuples;
}

export async function readPage(sql: SqlExecutor, query: { name: string; text: string }, params: unknown[], order: PageOrder): Promise<StoredEvent[]> {
  const [row] = await sql.query<{ page: string }>(query.text, params, { name: query.name });
  return inPageOrder(JSON.parse(row?.page ?? '[]') as EventTuple[], order).map(toStored);
}

