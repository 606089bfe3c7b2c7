import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { SqlClient } from '@app/event-store';
import { activeTables, COURSE_VIEWS_PROJECTION, queryAudit, type AuditPage } from '@app/projections';
import { VIEWS_SQL_CLIENT } from '../../config/tokens.js';
import { GetAuditQuery } from './get-audit.query.js';

@QueryHandler(GetAuditQuery)
export class GetAuditHandler implements IQueryHandler<GetAuditQuery> {
  constructor(@Inject(VIEWS_SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ filter }: GetAuditQuery): Promise<AuditPage> {
    return queryAudit(this.sql, await activeTables(this.sql, COURSE_VIEWS_PROJECTION), filter);
  }
}
