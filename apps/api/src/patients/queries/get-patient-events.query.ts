import { Query } from '@nestjs/cqrs';
import type { RecordedPatientEvent } from '@app/domain';

export class GetPatientEventsQuery extends Query<RecordedPatientEvent[]> {
  constructor(readonly patientId: string) {
    super();
  }
}
