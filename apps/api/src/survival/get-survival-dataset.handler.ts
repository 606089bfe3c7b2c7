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

  async execute({ endpoint, at, visible, study }: GetSurvivalDatasetQuery): Promise<AdtteDataset> {
    const dataset = await survivalDatasetFromStore(this.store, endpoint, at, study);
    const seen = new Map<string, boolean>();
    const sees = async (id: string) => seen.get(id) ?? seen.set(id, await visible(id)).get(id);
    const rows = [];
    for (const row of dataset.rows) if (await sees(row.USUBJID)) rows.push(row);
    const excluded = [];
    for (const subject of dataset.excluded) if (await sees(subject.USUBJID)) excluded.push(subject);
    return { rows, excluded };
  }
}
