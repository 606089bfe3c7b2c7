import type { EventStore } from '@app/event-store';
import { fromStored, patientIdOf } from '@app/recording';
import { recordOf, type CourseRecord } from '../course-record.js';
import type { EndpointDefinition } from '@app/survival';
import { eventsAsOf, type PointInTime } from '../views/time-travel.js';
import { adtteDataset, type AdtteDataset } from './adtte-dataset.js';

/** Every patient's record, from the streams, as recorded by `asOf` (or now). */
export async function* courseRecordsAsOf(store: EventStore, asOf: Date | undefined): AsyncGenerator<CourseRecord> {
  for (let after = 'patient-'; ; ) {
    const streams = (await store.listStreams({ after, limit: 500 })).filter((s) => s.streamId.startsWith('patient-'));
    for (const s of streams) yield recordOf(patientIdOf(s.streamId), eventsAsOf((await store.readStream(s.streamId)).map(fromStored), asOf));
    if (streams.length < 500) return;
    after = streams.at(-1)?.streamId ?? after;
  }
}

/** An endpoint's dataset from the store: records as of `at.asOf`, data cutoff `at.cutoff`, one study or all. */
export async function survivalDatasetFromStore(store: EventStore, endpoint: EndpointDefinition, at: PointInTime, study?: string): Promise<AdtteDataset> {
  const records: CourseRecord[] = [];
  for await (const record of courseRecordsAsOf(store, at.asOf)) records.push(record);
  const dataset = adtteDataset(records, [endpoint], at.cutoff === undefined ? {} : { cutoff: at.cutoff });
  return study === undefined ? dataset : { rows: dataset.rows.filter((r) => r.STUDYID === study), excluded: dataset.excluded.filter((r) => r.STUDYID === study) };
}
