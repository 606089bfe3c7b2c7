import type { Filter } from '@kurrent/kurrentdb-client';
import { kurrent } from './kurrent-client.js';

/** Streams the adapter keeps for itself (idempotency records, the start-up probe): never shown to callers. */
export const INTERNAL_STREAM_PREFIX = 'tte-internal-';

/**
 * What $all reads and subscriptions show: the server's own streams (`$`-prefixed: statistics,
 * projection output, `$streams` links, stream metadata) and ours are left out on the server. The
 * client takes one filter per read, on stream names or on event types, not both; system event
 * types live in system streams, and `isUserEvent` catches any stray one on our side.
 */
export const userStreamsFilter = (): Filter => kurrent.streamNameFilter({ regex: `^(?!\\$|${INTERNAL_STREAM_PREFIX})` });

export const isUserStream = (streamId: string): boolean => !streamId.startsWith('$') && !streamId.startsWith(INTERNAL_STREAM_PREFIX);

export const isUserEvent = (event: { readonly streamId: string; readonly type: string }): boolean => isUserStream(event.streamId) && !event.type.startsWith('$');
