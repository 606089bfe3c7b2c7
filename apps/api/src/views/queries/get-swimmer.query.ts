import { Query } from '@nestjs/cqrs';
import type { PointInTime, SwimmerRow } from '@app/projections';

export class GetSwimmerQuery extends Query<SwimmerRow[]> {
  constructor(
    readonly at: PointInTime,
    /** The caller's site scope: patients it says no to are left out. */
    readonly visible: (patientId: string) => Promise<boolean>,
  ) {
    super();
  }
}
