import type { RecordedEvent } from '@kurrent/kurrentdb-client';
import { decodeData, decodeMetadata, METADATA_PROPERTY, toEventData, toStoredEvent } from './event-codec.js';

/** What a server gives back for a record written by multiStreamAppend: its properties plus `$schema.*`. */
const asRead = (metadata: unknown, extra: Record<string, string> = {}) => ({ ...(metadata as Record<string, string>), '$schema.format': 'Json', '$schema.name': 'Noted', ...extra });

describe('KurrentDB event encoding', () => {
  it('sends metadata as one string property, as multiStreamAppend demands, and reads it back whole', () => {
    const metadata = { by: 'contract', nested: { n: 1, list: [true, null] }, at: '2024-01-01' };
    const data = toEventData({ eventId: '0b1c2d3e-0000-4000-8000-000000000001', type: 'Noted', data: { i: 1 }, metadata });
    expect(data).toMatchObject({ id: '0b1c2d3e-0000-4000-8000-000000000001', type: 'Noted', contentType: 'application/json', data: { i: 1 } });
    expect(Object.values(data.metadata as object).every((v) => typeof v === 'string')).toBe(true);
    expect(decodeMetadata(asRead(data.metadata))).toEqual(metadata);
    expect(decodeMetadata(asRead(toEventData({ eventId: 'x', type: 'T', data: null, metadata: {} }).metadata))).toEqual({});
  });

  it('keeps another writer’s JSON metadata (minus the server’s keys) and reads bytes or nothing as {}', () => {
    expect(decodeMetadata(asRead({ $correlationId: 'c-1', source: 'elsewhere' }))).toEqual({ $correlationId: 'c-1', source: 'elsewhere' });
    expect(decodeMetadata(new Uint8Array([1, 2]))).toEqual({});
    expect(decodeMetadata(undefined)).toEqual({});
    expect(decodeMetadata({ [METADATA_PROPERTY]: '[1,2]' })).toEqual({});
  });

  it('sends undefined data as null and parses data that arrives as bytes', () => {
    expect(toEventData({ eventId: 'x', type: 'T', data: undefined, metadata: {} }).data).toBeNull();
    const bytes = { data: new Uint8Array(Buffer.from('{"a":1}')) } as RecordedEvent;
    expect(decodeData(bytes)).toEqual({ a: 1 });
    expect(decodeData({ data: new Uint8Array(Buffer.from('not json')) } as RecordedEvent)).toBe('not json');
  });

  it('builds the stored event from a recorded one', () => {
    const created = new Date('2025-03-01T10:00:00Z');
    const recorded = { streamId: 'p-1', id: 'e-1', revision: 3n, type: 'Noted', isJson: true, created, data: { i: 3 }, metadata: asRead({ [METADATA_PROPERTY]: '{"by":"x"}' }) } as RecordedEvent;
    expect(toStoredEvent(recorded, 4096)).toEqual({ streamId: 'p-1', revision: 3, position: 4096, eventId: 'e-1', type: 'Noted', data: { i: 3 }, metadata: { by: 'x' }, recordedAt: created });
  });
});
