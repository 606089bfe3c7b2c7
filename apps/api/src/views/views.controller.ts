import { Controller, Get, Headers, Inject, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DomainError, parsePatientId } from '@app/domain';
import { parsePointInTime, unpackView, type AuditFilter, type AuditPage, type ReplayStep, type SwimmerRow } from '@app/projections';
import { instant } from '../http/query-instant.js';
import { takesGzip, viewBody } from '../http/view-encoding.js';
import { GetAuditQuery } from './queries/get-audit.query.js';
import { GetCourseViewQuery } from './queries/get-course-view.query.js';
import type { FastifyReply } from 'fastify';
import { GetSwimmerQuery } from './queries/get-swimmer.query.js';
import { ReplayCourseQuery } from './queries/replay-course.query.js';
import { siteFilterOf, type Caller, type IdentifierVault } from '@app/access';
import { IDENTIFIER_VAULT } from '../auth/identifier-vault.provider.js';
import { revealIdentifiers } from '../auth/reveal-identifiers.js';
import { LogsAccess } from '../access-log/logs-access.decorator.js';
import { Allow, CurrentCaller } from '../auth/access.decorators.js';
import { PatientDirectory } from '../auth/patient-directory.js';

const AS_OF = { name: 'asOf', required: false, description: 'An instant: only what had been recorded by then (what the record said on that day)' };
const CUTOFF = { name: 'cutoff', required: false, description: 'A date YYYY-MM-DD: only facts that happened by then (a data cutoff)' };

function pageOf(after: string | undefined, limit: string | undefined): { after?: number; limit: number } {
  const n = limit === undefined ? 100 : Number(limit);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw DomainError.validation('INVALID_LIMIT', [{ field: 'limit', message: 'must be an integer from 1 to 1000' }]);
  const a = after === undefined ? undefined : Number(after);
  if (a !== undefined && (!Number.isInteger(a) || a < 0)) throw DomainError.validation('INVALID_AFTER', [{ field: 'after', message: 'must be a log position (the `next` of the previous page)' }]);
  return { ...(a !== undefined && { after: a }), limit: n };
}

@ApiTags('views')
@Controller()
export class ViewsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly directory: PatientDirectory,
    @Inject(IDENTIFIER_VAULT) private readonly vault: IdentifierVault,
  ) {}

  @Get('patients/:patientId/timeline')
  @ApiOperation({ summary: "Every fact of the patient's course in clinical order, with day offsets, phases and corrections" })
  @ApiQuery(AS_OF)
  @ApiQuery(CUTOFF)
  @Allow('recorder', 'data-manager')
  @LogsAccess('timeline')
  async timeline(
    @CurrentCaller() caller: Caller,
    @Param('patientId') patientId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('accept-encoding') acceptEncoding?: string,
    @Query('asOf') asOf?: string,
    @Query('cutoff') cutoff?: string,
  ): Promise<Buffer> {
    const at = parsePointInTime(asOf, cutoff);
    const id = await this.visiblePatient(caller, patientId);
    const view = await this.queries.execute(new GetCourseViewQuery(id, 'timeline', at));
    if (!view.maySealIdentifiers) return viewBody(reply, acceptEncoding, view.body, view.packed);
    // The timeline is where a patient's identifiers are read: opened here, or shown as erased.
    const json = view.packed ? unpackView(view.body) : view.body;
    const revealed = await revealIdentifiers(json, id, this.vault);
    // Nothing was sealed: the stored bytes go as they are to a client that takes gzip; to any other, the text unpacked once above.
    if (revealed === json && view.packed && takesGzip(acceptEncoding)) return viewBody(reply, acceptEncoding, view.body, true);
    return viewBody(reply, acceptEncoding, revealed, false);
  }

  @Get('patients/:patientId/lines-of-therapy')
  @ApiOperation({ summary: 'Numbered lines of therapy and the current disease state, by the documented rules' })
  @ApiQuery(AS_OF)
  @ApiQuery(CUTOFF)
  @Allow('recorder', 'data-manager')
  @LogsAccess('lines-of-therapy')
  async lines(
    @CurrentCaller() caller: Caller,
    @Param('patientId') patientId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('accept-encoding') acceptEncoding?: string,
    @Query('asOf') asOf?: string,
    @Query('cutoff') cutoff?: string,
  ): Promise<Buffer> {
    const at = parsePointInTime(asOf, cutoff);
    const view = await this.queries.execute(new GetCourseViewQuery(await this.visiblePatient(caller, patientId), 'linesOfTherapy', at));
    return viewBody(reply, acceptEncoding, view.body, view.packed);
  }

  @Get('patients/:patientId/replay')
  @ApiOperation({ summary: 'The course event by event, with the timeline and the lines of therapy after each event' })
  @ApiQuery(AS_OF)
  @Allow('recorder', 'data-manager')
  @LogsAccess('replay')
  async replay(@CurrentCaller() caller: Caller, @Param('patientId') patientId: string, @Query('asOf') asOf?: string): Promise<ReplayStep[]> {
    const at = parsePointInTime(asOf, undefined).asOf;
    return this.queries.execute(new ReplayCourseQuery(await this.visiblePatient(caller, patientId), at));
  }

  @Get('cohort/swimmer')
  @ApiOperation({ summary: 'Per patient, from first infusion to last contact or death, with response, relapse, HSCT, infusion and death markers' })
  @ApiQuery(AS_OF)
  @ApiQuery(CUTOFF)
  @Allow('recorder', 'data-manager')
  @LogsAccess('swimmer')
  swimmer(@CurrentCaller() caller: Caller, @Query('asOf') asOf?: string, @Query('cutoff') cutoff?: string): Promise<SwimmerRow[]> {
    return this.queries.execute(new GetSwimmerQuery(parsePointInTime(asOf, cutoff), (id) => this.directory.visible(caller, id)));
  }

  @Get('audit')
  @ApiOperation({ summary: 'Who recorded, corrected or retracted what, when and why: store-wide, filtered, paged by log position' })
  @ApiQuery({ name: 'author', required: false })
  @ApiQuery({ name: 'type', required: false, description: 'Event type' })
  @ApiQuery({ name: 'from', required: false, description: 'Recorded at or after (ISO instant)' })
  @ApiQuery({ name: 'to', required: false, description: 'Recorded at or before (ISO instant)' })
  @ApiQuery({ name: 'after', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @Allow('auditor')
  audit(@CurrentCaller() caller: Caller, @Query() q: Record<string, string | undefined>): Promise<AuditPage> {
    const sites = siteFilterOf(caller);
    return this.queries.execute(new GetAuditQuery({ ...this.filter(q), ...(sites && { sites }) }));
  }

  @Get('patients/:patientId/audit')
  @ApiOperation({ summary: "The patient's audit trail" })
  @Allow('auditor')
  @LogsAccess('audit')
  async patientAudit(@CurrentCaller() caller: Caller, @Param('patientId') patientId: string, @Query() q: Record<string, string | undefined>): Promise<AuditPage> {
    const filter = this.filter(q);
    return this.queries.execute(new GetAuditQuery({ ...filter, patientId: await this.visiblePatient(caller, patientId) }));
  }

  /** The patient id, once the caller may see the patient (404 as for an unknown one otherwise). */
  private async visiblePatient(caller: Caller, patientId: string): Promise<string> {
    const id = parsePatientId(patientId);
    await this.directory.assertVisible(caller, id);
    return id;
  }

  private filter(q: Record<string, string | undefined>): AuditFilter {
    const from = instant('from', q['from']);
    const to = instant('to', q['to']);
    return { ...pageOf(q['after'], q['limit']), ...(q['author'] && { recordedBy: q['author'] }), ...(q['type'] && { type: q['type'] }), ...(from && { from }), ...(to && { to }) };
  }
}
