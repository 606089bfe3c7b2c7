import { Query } from '@nestjs/cqrs';
import type { CourseViews, PointInTime } from '@app/projections';

export class GetCourseViewsQuery extends Query<CourseViews> {
  constructor(
    readonly patientId: string,
    readonly at: PointInTime,
  ) {
    super();
  }
}
