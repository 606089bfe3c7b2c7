import { Query } from '@nestjs/cqrs';

export interface PatientSummary {
  readonly patientId: string;
  readonly revision: number;
  readonly firstRecordedAt: string;
  readonly lastRecordedAt: string;
}

export interface PatientPage {
  readonly items: PatientSummary[];
  /** Pass as `after` to get the next page; absent on the last page. */
  readonly next?: string;
}

export class ListPatientsQuery extends Query<PatientPage> {
  constructor(
    readonly after: string | undefined,
    readonly limit: number,
    /** The caller's site scope: patients it says no to are left out. */
    readonly visible: (patientId: string) => Promise<boolean>,
  ) {
    super();
  }
}
