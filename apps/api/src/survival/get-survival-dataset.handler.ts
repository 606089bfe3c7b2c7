import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '@app/event-store';
import { survivalDatasetFromStore, type AdtteDataset } from '@app/projections';
import { EVENT_STORE } from '../config/tokens.js';
import { GetSurvivalDatasetQuery } from './get-survival-dataset.query.js';

/** One ADTTE row per patient for the endpoint, from the record as it stood at `asOf`, with a data cutoff. */
@QueryHandler(GetSurvivalDatasetQuery)
export class GetSurvivalDatasetHandler implements IQueryHandler<GetSurvivalDatasetQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ endpoint, at, study }: GetSurvivalDatasetQuery): Promise<AdtteDataset> {
    return survivalDatasetFromStore(this.store, endpoint, at, study);
  }
}
