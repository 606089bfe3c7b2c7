import type { EventData, JSONType, RecordedEvent } from '@kurrent/kurrentdb-client';
import type { NewEvent, StoredEvent } from '../event-store.port.js';
import { kurrent } from './kurrent-client.js';
import { toRevision } from './revisions.js';

/**
 * multiStreamAppend takes metadata as string properties only, so our metadata (any JSON) travels
 * as one property holding its JSON text. Single appends use the same path, so every read decodes
 * the same way.
 */
export const METADATA_PROPERTY = 'tte-metadata';

export function toEventData(event: NewEvent): EventData {
  return kurrent.jsonEvent({
    id: event.eventId,
    type: event.type,
    // JSON has no `undefined`; PostgreSQL would refuse it too, as a null data column.
    data: (event.data === undefined ? null : event.data) as JSONType,
    metadata: { [METADATA_PROPERTY]: JSON.stringify(event.metadata) },
  });
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/**
 * Our metadata back from what the client read: records written by multiStreamAppend come back with
 * their properties as a JSON object (plus the server's `$schema.*` ones). An event some other
 * writer left with plain JSON metadata keeps it, minus those server keys; anything else reads as {}.
 */
export function decodeMetadata(raw: unknown): Record<string, unknown> {
  if (!isPlainObject(raw)) return {};
  const encoded = raw[METADATA_PROPERTY];
  if (typeof encoded === 'string') {
    const parsed: unknown = JSON.parse(encoded);
    return isPlainObject(parsed) ? parsed : {};
  }
  return Object.fromEntries(Object.entries(raw).filter(([key]) => !key.startsWith('$schema.')));
}

/** The data as written: the client parses JSON events; bytes are parsed here in case a server flags them otherwise. */
export function decodeData(recorded: RecordedEvent): unknown {
  if (!(recorded.data instanceof Uint8Array)) return recorded.data;
  const text = Buffer.from(recorded.data).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function toStoredEvent(recorded: RecordedEvent, position: number): StoredEvent {
  return {
    streamId: recorded.streamId,
    revision: toRevision(recorded.revision),
    position,
    eventId: recorded.id,
    type: recorded.type,
    data: decodeData(recorded),
    metadata: decodeMetadata(recorded.metadata),
    recordedAt: recorded.created,
  };
}
