import { evolve, initialState, type CourseState } from '@app/domain';
import type { EventStore } from '@app/event-store';
import { fromStored, patientStreamId } from './patient-stream.js';

export interface LoadedCourse {
  readonly state: CourseState;
  /** Revision of the stream's last event; undefined when the patient has no stream yet. */
  readonly revision: number | undefined;
}

export async function loadCourse(store: EventStore, patientId: string): Promise<LoadedCourse> {
  const events = await store.readStream(patientStreamId(patientId));
  let state = initialState();
  for (const e of events) state = evolve(state, fromStored(e));
  return { state, revision: events.at(-1)?.revision };
}
