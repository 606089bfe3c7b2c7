import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '@app/event-store';
import { patientIdOf, patientStreamId } from '@app/recording';
import { EVENT_STORE } from '../../config/tokens.js';
import { ListPatientsQuery, type PatientPage } from './list-patients.query.js';

@QueryHandler(ListPatientsQuery)
export class ListPatientsHandler implements IQueryHandler<ListPatientsQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ after, limit }: ListPatientsQuery): Promise<PatientPage> {
    const streams = await this.store.listStreams({ after: after === undefined ? 'patient-' : patientStreamId(after), limit: limit + 1 });
    const patients = streams.filter((s) => s.streamId.startsWith('patient-'));
    const items = patients.slice(0, limit).map((s) => ({
      patientId: patientIdOf(s.streamId),
      revision: s.revision,
      firstRecordedAt: s.createdAt.toISOString(),
      lastRecordedAt: s.updatedAt.toISOString(),
    }));
    return patients.length > limit ? { items, next: items.at(-1)?.patientId } : { items };
  }
}
