import { evolve, initialState, type CourseState } from '@app/domain';
import type { EventStore, StoredEvent } from '@app/event-store';
import { fromStored, patientStreamId } from './patient-stream.js';

export interface LoadedCourse {
  readonly state: CourseState;
  /** Revision of the stream's last event; undefined when the patient has no stream yet. */
  readonly revision: number | undefined;
}

/** A course with the ids of the events its stream holds: an import skips lines already recorded. */
export interface CourseWithIds extends LoadedCourse {
  readonly eventIds: ReadonlySet<string>;
}

function foldStored(events: readonly StoredEvent[]): LoadedCourse {
  let state = initialState();
  for (const e of events) state = evolve(state, fromStored(e));
  return { state, revision: events.at(-1)?.revision };
}

export async function loadCourse(store: EventStore, patientId: string): Promise<LoadedCourse> {
  return foldStored(await store.readStream(patientStreamId(patientId)));
}

/** Several courses at once, in one read, each with its event ids. */
export async function loadCoursesWithIds(store: EventStore, patientIds: Iterable<string>): Promise<Map<string, CourseWithIds>> {
  const ids = [...patientIds];
  const streams = await store.readStreams(ids.map(patientStreamId));
  return new Map(ids.map((id, i) => {
    const events = streams[i] as StoredEvent[];
    return [id, { ...foldStored(events), eventIds: new Set(events.map((e) => e.eventId)) }];
  }));
}
