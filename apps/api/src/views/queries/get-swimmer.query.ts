import { Query } from '@nestjs/cqrs';
import type { PointInTime, SwimmerRow } from '@app/projections';

export class GetSwimmerQuery extends Query<SwimmerRow[]> {
  constructor(readonly at: PointInTime) {
    super();
  }
}
