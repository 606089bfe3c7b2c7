import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore, StreamSummary } from '@app/event-store';
import { patientIdOf, patientStreamId } from '@app/recording';
import { EVENT_STORE } from '../../config/tokens.js';
import { ListPatientsQuery, type PatientPage } from './list-patients.query.js';

@QueryHandler(ListPatientsQuery)
export class ListPatientsHandler implements IQueryHandler<ListPatientsQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ after, limit, visible }: ListPatientsQuery): Promise<PatientPage> {
    const patients: StreamSummary[] = [];
    // Pages of the store, until enough patients the caller may see (or the end).
    for (let cursor = after === undefined ? 'patient-' : patientStreamId(after); patients.length <= limit; ) {
      const streams = await this.store.listStreams({ after: cursor, limit: limit + 1 });
      for (const s of streams) if (s.streamId.startsWith('patient-') && (await visible(patientIdOf(s.streamId)))) patients.push(s);
      const last = streams.at(-1);
      if (streams.length < limit + 1 || !last?.streamId.startsWith('patient-')) break;
      cursor = last.streamId;
    }
    const items = patients.slice(0, limit).map((s) => ({
      patientId: patientIdOf(s.streamId),
      revision: s.revision,
      firstRecordedAt: s.createdAt.toISOString(),
      lastRecordedAt: s.updatedAt.toISOString(),
    }));
    return patients.length > limit ? { items, next: items.at(-1)?.patientId } : { items };
  }
}
