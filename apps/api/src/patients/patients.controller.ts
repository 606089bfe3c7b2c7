import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DomainError, parseFactBody, parsePatientId, type RecordedPatientEvent } from '@app/domain';
import type { RecordedFact } from '@app/recording';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Caller, IdentifierVault } from '@app/access';
import { IDENTIFIER_VAULT } from '../auth/identifier-vault.provider.js';
import { sealIdentifiers } from '../auth/seal-identifiers.js';
import { LogsAccess } from '../access-log/logs-access.decorator.js';
import { Allow, CurrentCaller } from '../auth/access.decorators.js';
import { admitFact } from '../auth/fact-policy.js';
import { PatientDirectory } from '../auth/patient-directory.js';
import { chosenSiteOf, correlationIdOf, etagOf, parseIfMatch } from '../http/request-context.js';
import { RecordFactCommand } from './commands/record-fact.command.js';
import { GetPatientEventsQuery } from './queries/get-patient-events.query.js';
import { ListPatientsQuery, type PatientPage } from './queries/list-patients.query.js';

@ApiTags('patients')
@Controller('patients')
export class PatientsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly directory: PatientDirectory,
    @Inject(IDENTIFIER_VAULT) private readonly vault: IdentifierVault,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Patients in the record, by id, with their stream revision' })
  @ApiQuery({ name: 'after', required: false, description: 'Patient id to continue after (the `next` of the previous page)' })
  @ApiQuery({ name: 'limit', required: false, description: '1-500, default 50' })
  @Allow('recorder', 'data-manager', 'auditor')
  @LogsAccess('patients')
  list(@CurrentCaller() caller: Caller, @Query('after') after?: string, @Query('limit') limit?: string): Promise<PatientPage> {
    const n = limit === undefined ? 50 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 500) throw DomainError.validation('INVALID_LIMIT', [{ field: 'limit', message: 'must be an integer from 1 to 500' }]);
    return this.queries.execute(new ListPatientsQuery(after, n, (patientId) => this.directory.visible(caller, patientId)));
  }

  @Get(':patientId/events')
  @ApiOperation({ summary: "The patient's raw event stream with metadata (the auditor's record); ETag is the stream revision" })
  @ApiParam({ name: 'patientId' })
  @ApiOkResponse({ description: 'Events in stream order' })
  @Allow('recorder', 'data-manager', 'auditor')
  @LogsAccess('events')
  async events(@CurrentCaller() caller: Caller, @Param('patientId') patientId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<RecordedPatientEvent[]> {
    const id = parsePatientId(patientId);
    await this.directory.assertVisible(caller, id);
    const events = await this.queries.execute(new GetPatientEventsQuery(id));
    reply.header('ETag', etagOf(events.at(-1)?.revision));
    return events;
  }

  @Post(':patientId/events')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record one fact (enrolment, clinical fact, correction or retraction) for a patient' })
  @ApiParam({ name: 'patientId' })
  @ApiBody({ schema: { $ref: '#/components/schemas/FactInput' } })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retrying with the same key records nothing new and returns the first result' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'Stream revision ETag the fact was decided on; 409 if the stream moved on' })
  @ApiHeader({ name: 'X-Site-Id', required: false, description: 'For an enrolment by a caller of several sites: the site it is for' })
  @Allow('recorder', 'data-manager')
  async record(
    @CurrentCaller() caller: Caller,
    @Param('patientId') patientId: string,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RecordedFact> {
    const fact = parseFactBody(body);
    const id = parsePatientId(patientId);
    const site = chosenSiteOf(req);
    const result = await this.commands.execute(
      new RecordFactCommand({
        patientId: id,
        fact,
        admit: (f, state) => sealIdentifiers(this.vault, id, admitFact(caller, id, f, state, site)),
        metadata: {
          recordedBy: caller.subject,
          correlationId: correlationIdOf(req),
          ...(fact.eventId && { eventId: fact.eventId }),
          ...(fact.source && { source: fact.source }),
          ...(fact.reason && { reason: fact.reason }),
        },
        expectedRevision: parseIfMatch(ifMatch),
        ...(idempotencyKey && { idempotencyKey }),
      }),
    );
    reply.header('ETag', etagOf(result.revision));
    if (result.replayed) reply.code(200).header('Idempotent-Replayed', 'true');
    return result;
  }
}
