import { Query } from '@nestjs/cqrs';
import type { AuditFilter, AuditPage } from '@app/projections';

export class GetAuditQuery extends Query<AuditPage> {
  constructor(readonly filter: AuditFilter) {
    super();
  }
}
