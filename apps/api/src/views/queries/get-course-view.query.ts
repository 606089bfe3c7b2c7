import { Query } from '@nestjs/cqrs';
import type { CourseViews, PointInTime } from '@app/projections';

/** A view's JSON text: packed (gzip) as stored, which is sent as it is read, or derived on the spot. */
export interface CourseViewAnswer {
  readonly body: Buffer;
  readonly packed: boolean;
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
