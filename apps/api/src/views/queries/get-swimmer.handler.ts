import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore, SqlClient } from '@app/event-store';
import { activeTables, COURSE_VIEWS_PROJECTION, courseViewsAt, isPresent, listViewDocuments, swimmerDataset, type SwimmerRow } from '@app/projections';
import { fromStored, patientIdOf } from '@app/recording';
import { EVENT_STORE, VIEWS_SQL_CLIENT } from '../../config/tokens.js';
import { GetSwimmerQuery } from './get-swimmer.query.js';

const PAGE = 500;

/** The cohort swimmer dataset (seed 000's Fig. 1A), now from the stored views, or at a point in time. */
@QueryHandler(GetSwimmerQuery)
export class GetSwimmerHandler implements IQueryHandler<GetSwimmerQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(VIEWS_SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  async execute({ at, visible }: GetSwimmerQuery): Promise<SwimmerRow[]> {
    const rows: SwimmerRow[] = [];
    if (isPresent(at)) {
      const tables = await activeTables(this.sql, COURSE_VIEWS_PROJECTION);
      for (let after = ''; ; ) {
        const page = await listViewDocuments<SwimmerRow | null>(this.sql, tables, 'swimmer', after, PAGE);
        for (const { patientId, value } of page) if (value && (await visible(patientId))) rows.push(value);
        if (page.length < PAGE) break;
        after = page.at(-1)?.patientId ?? '';
      }
    } else {
      for (let after = 'patient-'; ; ) {
        const streams = (await this.store.listStreams({ after, limit: PAGE })).filter((s) => s.streamId.startsWith('patient-'));
        for (const s of streams) {
          if (!(await visible(patientIdOf(s.streamId)))) continue;
          const swimmer = courseViewsAt(patientIdOf(s.streamId), (await this.store.readStream(s.streamId)).map(fromStored), at).swimmer;
          if (swimmer) rows.push(swimmer);
        }
        if (streams.length < PAGE) break;
        after = streams.at(-1)?.streamId ?? after;
      }
    }
    return swimmerDataset(rows);
  }
}
