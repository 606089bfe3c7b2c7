import { Query } from '@nestjs/cqrs';
import type { AdtteDataset, PointInTime } from '@app/projections';
import type { EndpointDefinition } from '@app/survival';

export class GetSurvivalDatasetQuery extends Query<AdtteDataset> {
  constructor(
    readonly endpoint: EndpointDefinition,
    readonly at: PointInTime,
    /** The caller's site scope: patients it says no to are left out. */
    readonly visible: (patientId: string) => Promise<boolean>,
    /** Only the patients of this study (STUDYID). */
    readonly study?: string,
  ) {
    super();
  }
}
