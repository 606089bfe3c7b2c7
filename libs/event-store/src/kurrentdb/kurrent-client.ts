// The client is CommonJS: a default import is what works under Node ESM, SWC and tsc alike (as for `pg`).
import kurrent from '@kurrent/kurrentdb-client';
import type {
  AllStreamResolvedEvent,
  AppendStreamRequest,
  MultiAppendResult,
  ReadAllOptions,
  ReadStreamOptions,
  ResolvedEvent,
  SubscribeToAllOptions,
} from '@kurrent/kurrentdb-client';

export { kurrent };

/** A live $all subscription as the adapter uses it: events, a drop, and a way to stop it. */
export interface LiveFeed {
  on(event: 'data', listener: (event: AllStreamResolvedEvent) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  unsubscribe(): Promise<void>;
}

/**
 * The few client calls the adapter makes, so tests can stand in a fake for the server. The real
 * `KurrentDBClient` fits it as is.
 */
export interface KurrentClient {
  multiStreamAppend(requests: AppendStreamRequest[]): Promise<MultiAppendResult>;
  readStream(streamName: string, options?: ReadStreamOptions): AsyncIterableIterator<ResolvedEvent>;
  readAll(options?: ReadAllOptions): AsyncIterableIterator<AllStreamResolvedEvent>;
  subscribeToAll(options?: SubscribeToAllOptions): LiveFeed;
  dispose(): Promise<void>;
}

export const connectKurrent = (url: string): KurrentClient => kurrent.KurrentDBClient.connectionString(url);
