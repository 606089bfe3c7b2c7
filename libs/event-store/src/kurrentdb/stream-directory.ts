import type { RecordedEvent, ResolvedEvent } from '@kurrent/kurrentdb-client';
import type { KurrentClient } from './kurrent-client.js';
import { isStreamNotFound } from './kurrent-errors.js';
import { isUserStream } from './user-streams.js';

/**
 * KurrentDB's list of streams is the `$streams` stream, kept by a system projection: one link per
 * new stream. It only exists with projections on (KURRENTDB_RUN_PROJECTIONS=System and
 * KURRENTDB_START_STANDARD_PROJECTIONS=true), and it reads in creation order, not by name.
 */
export const STREAMS_STREAM = '$streams';

const LINK_TYPE = '$>';
const PAGE = 4096;

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The stream a `$streams` link points at: its data reads "<revision>@<stream>". */
function linkTarget(link: RecordedEvent): string | undefined {
  const text = link.data instanceof Uint8Array ? Buffer.from(link.data).toString('utf8') : typeof link.data === 'string' ? link.data : undefined;
  const at = text?.indexOf('@') ?? -1;
  return text !== undefined && at >= 0 ? text.slice(at + 1) : undefined;
}

/**
 * The user streams sorted by id, cached and brought up to date from where `$streams` was last read.
 * Streams this process appended to are in it at once: the projection writes its links a moment
 * after the append, and a caller should see its own writes.
 */
export class StreamDirectory {
  private readonly created = new Map<string, Date | undefined>();
  private sorted: string[] = [];
  private unsorted: string[] = [];
  private nextLink = 0n;

  constructor(private readonly client: KurrentClient) {}

  noteAppended(streamId: string): void {
    if (this.created.has(streamId)) return;
    this.created.set(streamId, undefined);
    this.unsorted.push(streamId);
  }

  /** Reads the links added since the last refresh; false when `$streams` does not exist (yet). */
  async refresh(): Promise<boolean> {
    for (;;) {
      let read = 0;
      try {
        for await (const resolved of this.client.readStream(STREAMS_STREAM, { fromRevision: this.nextLink, maxCount: PAGE, resolveLinkTos: true })) {
          read++;
          this.add(resolved);
        }
      } catch (e) {
        if (isStreamNotFound(e)) return false;
        throw e;
      }
      if (read < PAGE) break;
    }
    if (this.unsorted.length > 0) this.mergeUnsorted();
    return true;
  }

  /** Up to `limit` stream ids after `after`, in id order. */
  page(after: string, limit: number): string[] {
    if (this.unsorted.length > 0) this.mergeUnsorted();
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(this.sorted[mid] as string, after) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return this.sorted.slice(lo, lo + limit);
  }

  /** When the stream's first event was recorded, if the link told (it does when it resolves). */
  createdAt(streamId: string): Date | undefined {
    return this.created.get(streamId);
  }

  private add(resolved: ResolvedEvent): void {
    // A link that resolves comes as (event: the stream's first event, link); one that does not
    // (its stream was deleted) may come as the bare link.
    const link = resolved.link ?? (resolved.event?.type === LINK_TYPE ? resolved.event : undefined);
    if (!link) return;
    this.nextLink = link.revision + 1n;
    const target = resolved.link ? resolved.event : undefined;
    const streamId = target?.streamId ?? linkTarget(link);
    if (streamId === undefined || !isUserStream(streamId)) return;
    if (!this.created.has(streamId)) this.unsorted.push(streamId);
    this.created.set(streamId, target?.created ?? this.created.get(streamId));
  }

  private mergeUnsorted(): void {
    const fresh = [...new Set(this.unsorted)].sort(compare);
    this.unsorted = [];
    const merged: string[] = [];
    let i = 0;
    let j = 0;
    while (i < this.sorted.length || j < fresh.length) {
      const a = this.sorted[i];
      const b = fresh[j];
      const order = a === undefined ? 1 : b === undefined ? -1 : compare(a, b);
      if (order <= 0) merged.push(a as string);
      else merged.push(b as string);
      if (order <= 0) i++;
      if (order >= 0) j++;
    }
    this.sorted = merged;
  }
}
