import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Caller, IdentifierVault } from '@app/access';
import { DomainError, parsePatientId } from '@app/domain';
import { Allow, CurrentCaller } from '../auth/access.decorators.js';
import { IDENTIFIER_VAULT } from '../auth/identifier-vault.provider.js';
import { PatientDirectory } from '../auth/patient-directory.js';
import { AccessLog } from '../access-log/access-log.service.js';

/**
 * Erasure of a patient's direct identifiers: their key is destroyed, so the sealed identifiers are
 * unreadable everywhere they were copied; the clinical events stay (the store is append-only) and
 * the views show the patient as erased. Who asked and why goes to the access log.
 */
@ApiTags('patients')
@Controller('patients')
export class ErasureController {
  constructor(
    @Inject(IDENTIFIER_VAULT) private readonly vault: IdentifierVault,
    private readonly directory: PatientDirectory,
    private readonly log: AccessLog,
  ) {}

  @Post(':patientId/erasure')
  @HttpCode(200)
  @Allow('data-manager')
  @ApiOperation({ summary: "Erase the patient's direct identifiers (crypto-shredding): destroys the patient's key; clinical facts stay" })
  @ApiBody({ schema: { type: 'object', properties: { reason: { type: 'string', description: 'Why (e.g. the request reference)' } }, required: ['reason'] } })
  async erase(@CurrentCaller() caller: Caller, @Param('patientId') patientId: string, @Body() body: unknown): Promise<{ patientId: string; erased: true; hadIdentifiers: boolean }> {
    const id = parsePatientId(patientId);
    const reason = (body as { reason?: unknown } | null)?.reason;
    if (typeof reason !== 'string' || reason.trim() === '' || reason.length > 2000) throw DomainError.validation('REASON_REQUIRED', [{ field: 'reason', message: 'say why the identifiers are erased (1-2000 characters)' }]);
    await this.directory.assertVisible(caller, id);
    const hadIdentifiers = await this.vault.erase(id);
    this.log.record({ at: new Date().toISOString(), subject: caller.subject, roles: [...caller.roles], via: caller.via, action: `erasure: ${reason.trim()}`, patientId: id, path: `/patients/${id}/erasure`, status: 200, ip: null, correlationId: null });
    return { patientId: id, erased: true, hadIdentifiers };
  }
}
