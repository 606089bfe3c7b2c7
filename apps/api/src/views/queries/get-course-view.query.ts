import { Query } from '@nestjs/cqrs';
import type { CourseViews, PointInTime } from '@app/projections';

/** One view of a patient's course, answered as JSON text (stored views are sent without re-encoding). */
export class GetCourseViewQuery extends Query<string> {
  constructor(
    readonly patientId: string,
    readonly view: keyof CourseViews,
    readonly at: PointInTime,
  ) {
    super();
  }
}
