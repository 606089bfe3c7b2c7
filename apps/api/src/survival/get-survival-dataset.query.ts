import { Query } from '@nestjs/cqrs';
import type { AdtteDataset, PointInTime } from '@app/projections';
import type { EndpointDefinition } from '@app/survival';

export class GetSurvivalDatasetQuery extends Query<AdtteDataset> {
  constructor(
    readonly endpoint: EndpointDefinition,
    readonly at: PointInTime,
    /** Only the patients of this study (STUDYID). */
    readonly study?: string,
  ) {
    super();
  }
}
