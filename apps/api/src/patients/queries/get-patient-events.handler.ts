import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DomainError, type RecordedPatientEvent } from '@app/domain';
import type { EventStore } from '@app/event-store';
import { fromStored, patientStreamId } from '@app/recording';
import { EVENT_STORE } from '../../config/tokens.js';
import { GetPatientEventsQuery } from './get-patient-events.query.js';

/** The raw stream with its metadata: the record an auditor reads. */
@QueryHandler(GetPatientEventsQuery)
export class GetPatientEventsHandler implements IQueryHandler<GetPatientEventsQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ patientId }: GetPatientEventsQuery): Promise<RecordedPatientEvent[]> {
    const events = await this.store.readStream(patientStreamId(patientId));
    if (events.length === 0) throw new DomainError('not-found', 'PATIENT_NOT_FOUND', `No patient ${patientId} in the record`, 'patientId');
    return events.map(fromStored);
  }
}
