import { Query } from '@nestjs/cqrs';
import type { CourseViews, PointInTime } from '@app/projections';

/** A view as the bytes of its JSON text (stored views are sent as they are read). */
export interface CourseViewAnswer {
  readonly json: Buffer;
  /** False only where the patient's views row says the record holds no sealed identifiers: nothing to open or search for. */
  readonly maySealIdentifiers: boolean;
}

/** One view of a patient's course. */
export class GetCourseViewQuery extends Query<CourseViewAnswer> {
  constructor(
    readonly patientId: string,
    readonly view: keyof CourseViews,
    readonly at: PointInTime,
  ) {
    super();
  }
}
