import { Query } from '@nestjs/cqrs';
import type { ReplayStep } from '@app/projections';

export class ReplayCourseQuery extends Query<ReplayStep[]> {
  constructor(
    readonly patientId: string,
    readonly asOf: Date | undefined,
  ) {
    super();
  }
}
