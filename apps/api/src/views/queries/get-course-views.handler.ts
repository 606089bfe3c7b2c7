import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@app/domain';
import type { EventStore, SqlClient } from '@app/event-store';
import { courseViewsAt, findCourseView, isPresent, type CourseViews } from '@app/projections';
import { fromStored, patientStreamId } from '@app/recording';
import { EVENT_STORE, SQL_CLIENT } from '../../config/tokens.js';
import { GetCourseViewsQuery } from './get-course-views.query.js';

/**
 * The present is read from the stored views; the past (asOf, cutoff), or a patient the projection
 * has not reached yet, is derived from the patient's stream with the same pure functions.
 */
@QueryHandler(GetCourseViewsQuery)
export class GetCourseViewsHandler implements IQueryHandler<GetCourseViewsQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  async execute({ patientId, at }: GetCourseViewsQuery): Promise<CourseViews> {
    if (isPresent(at)) {
      const stored = await findCourseView<CourseViews>(this.sql, patientId).catch(() => undefined);
      if (stored?.error) {
        throw DomainError.illegal('VIEW_STOPPED', `The views of ${patientId} stopped at event ${stored.error.eventId}: ${stored.error.message}`, undefined, stored.error.eventId);
      }
      if (stored?.views && stored.record.revision === (await this.store.streamRevision(patientStreamId(patientId)))) return stored.views;
    }
    const events = await this.store.readStream(patientStreamId(patientId));
    if (events.length === 0) throw new DomainError('not-found', 'PATIENT_NOT_FOUND', `No patient ${patientId} in the record`, 'patientId');
    return courseViewsAt(patientId, events.map(fromStored), at);
  }
}
