import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { siteFilterOf, type Caller } from '@app/access';
import { DomainError, parsePatientId } from '@app/domain';
import type { SqlClient } from '@app/event-store';
import { activeTables, COURSE_VIEWS_PROJECTION, patientsAtSites } from '@app/projections';
import { Allow, CurrentCaller } from '../auth/access.decorators.js';
import { SQL_CLIENT, VIEWS_SQL_CLIENT } from '../config/tokens.js';
import { accessLogGaps, queryAccessLog, type AccessLogPage } from './access-log-store.js';
import { instant } from '../http/query-instant.js';
import { AccessLog } from './access-log.service.js';

@ApiTags('access log')
@Controller('access-log')
@Allow('auditor')
export class AccessLogController {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(VIEWS_SQL_CLIENT) private readonly views: SqlClient,
    private readonly log: AccessLog,
  ) {}

  @Get()
  @ApiOperation({ summary: "Who read which patient's identifiable data, when, how and from where; filtered, paged by id" })
  @ApiQuery({ name: 'subject', required: false })
  @ApiQuery({ name: 'patientId', required: false })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'after', required: false })
  @ApiQuery({ name: 'limit', required: false })
  async list(@CurrentCaller() caller: Caller, @Query() q: Record<string, string | undefined>): Promise<AccessLogPage> {
    const limit = q['limit'] === undefined ? 100 : Number(q['limit']);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw DomainError.validation('INVALID_LIMIT', [{ field: 'limit', message: 'must be an integer from 1 to 1000' }]);
    const after = q['after'] === undefined ? undefined : Number(q['after']);
    if (after !== undefined && (!Number.isInteger(after) || after < 0)) throw DomainError.validation('INVALID_AFTER', [{ field: 'after', message: 'must be an entry id (the `next` of the previous page)' }]);
    await this.log.flush(); // what has been read so far is in the answer
    const from = instant('from', q['from']);
    const to = instant('to', q['to']);
    const sites = siteFilterOf(caller);
    // The views know each patient's site; the log may be in another database (the embedded store's).
    const patients = sites && (await patientsAtSites(this.views, await activeTables(this.views, COURSE_VIEWS_PROJECTION), sites));
    return queryAccessLog(this.sql, {
      limit,
      ...(after !== undefined && { after }),
      ...(q['subject'] && { subject: q['subject'] }),
      ...(q['patientId'] && { patientId: parsePatientId(q['patientId']) }),
      ...(from && { from }),
      ...(to && { to }),
      ...(patients && { patients }),
    });
  }

  @Get('integrity')
  @ApiOperation({ summary: 'Entries lost between a read and the log (gaps in each API process’s numbering), and this process’s log writer status' })
  async integrity(): Promise<{ gaps: Awaited<ReturnType<typeof accessLogGaps>>; writer: ReturnType<AccessLog['status']> }> {
    await this.log.flush();
    return { gaps: await accessLogGaps(this.sql), writer: this.log.status() };
  }
}
