import { Body, Controller, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@app/domain';
import type { ImportSummary } from '@app/recording';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from '@app/access';
import { Allow, CurrentCaller } from '../auth/access.decorators.js';
import { chosenSiteOf, correlationIdOf } from '../http/request-context.js';
import { ImportFactsCommand } from './import-facts.command.js';

@ApiTags('imports')
@Controller('imports')
export class ImportsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Import facts from NDJSON, one per line',
    description: 'Each line is validated and decided on its own: bad lines are reported with line number, field and reason and recorded nowhere; good lines are recorded; re-sending the same file records nothing twice. 422 when no line could be recorded.',
  })
  @ApiConsumes('application/x-ndjson')
  @ApiBody({ schema: { type: 'string', example: '{"patientId":"P1","type":"PatientEnrolled","data":{...}}' } })
  @ApiQuery({ name: 'source', required: false, description: 'Name of the file or feed, kept on every event as its source' })
  @Allow('recorder', 'data-manager')
  async import(@CurrentCaller() caller: Caller, @Body() body: unknown, @Query('source') source: string | undefined, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<ImportSummary> {
    if (typeof body !== 'string') {
      throw DomainError.validation('INVALID_IMPORT_BODY', [{ field: 'Content-Type', message: 'send the NDJSON file as application/x-ndjson' }]);
    }
    const summary = await this.commands.execute(new ImportFactsCommand(body, source ?? 'http-import', caller, chosenSiteOf(req), correlationIdOf(req)));
    if (summary.recorded === 0 && summary.rejected.length > 0) reply.code(422);
    return summary;
  }
}
