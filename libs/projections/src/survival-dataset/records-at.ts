import type { EventStore } from '@app/event-store';
import { fromStored, patientIdOf } from '@app/recording';
import { recordOf, type CourseRecord } from '../course-record.js';
import { eventsAsOf } from '../views/time-travel.js';

/** Every patient's record, from the streams, as recorded by `asOf` (or now). */
export async function* courseRecordsAsOf(store: EventStore, asOf: Date | undefined): AsyncGenerator<CourseRecord> {
  for (let after = 'patient-'; ; ) {
    const streams = (await store.listStreams({ after, limit: 500 })).filter((s) => s.streamId.startsWith('patient-'));
    for (const s of streams) yield recordOf(patientIdOf(s.streamId), eventsAsOf((await store.readStream(s.streamId)).map(fromStored), asOf));
    if (streams.length < 500) return;
    after = streams.at(-1)?.streamId ?? after;
  }
}
