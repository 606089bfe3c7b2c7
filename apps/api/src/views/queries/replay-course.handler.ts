import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@app/domain';
import type { EventStore } from '@app/event-store';
import { eventsAsOf, replayCourse, type ReplayStep } from '@app/projections';
import { fromStored, patientStreamId } from '@app/recording';
import { EVENT_STORE } from '../../config/tokens.js';
import { ReplayCourseQuery } from './replay-course.query.js';

@QueryHandler(ReplayCourseQuery)
export class ReplayCourseHandler implements IQueryHandler<ReplayCourseQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ patientId, asOf }: ReplayCourseQuery): Promise<ReplayStep[]> {
    const events = await this.store.readStream(patientStreamId(patientId));
    if (events.length === 0) throw new DomainError('not-found', 'PATIENT_NOT_FOUND', `No patient ${patientId} in the record`, 'patientId');
    return [...replayCourse(patientId, eventsAsOf(events.map(fromStored), asOf))];
  }
}
