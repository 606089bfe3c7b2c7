import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '@app/event-store';
import { adtteDataset, courseRecordsAsOf, type AdtteDataset } from '@app/projections';
import { EVENT_STORE } from '../config/tokens.js';
import { GetSurvivalDatasetQuery } from './get-survival-dataset.query.js';

/** One ADTTE row per patient for the endpoint, from the record as it stood at `asOf`, with a data cutoff. */
@QueryHandler(GetSurvivalDatasetQuery)
export class GetSurvivalDatasetHandler implements IQueryHandler<GetSurvivalDatasetQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ endpoint, at, study }: GetSurvivalDatasetQuery): Promise<AdtteDataset> {
    const records = [];
    for await (const record of courseRecordsAsOf(this.store, at.asOf)) records.push(record);
    const dataset = adtteDataset(records, [endpoint], at.cutoff === undefined ? {} : { cutoff: at.cutoff });
    return study === undefined ? dataset : { rows: dataset.rows.filter((r) => r.STUDYID === study), excluded: dataset.excluded.filter((r) => r.STUDYID === study) };
  }
}
