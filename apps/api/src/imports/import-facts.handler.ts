import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { importFacts, type ImportSummary, type RecordingContext } from '@app/recording';
import type { IdentifierVault } from '@app/access';
import { admitFact } from '../auth/fact-policy.js';
import { IDENTIFIER_VAULT } from '../auth/identifier-vault.provider.js';
import { sealIdentifiers } from '../auth/seal-identifiers.js';
import { RECORDING } from '../infrastructure.module.js';
import { ImportFactsCommand } from './import-facts.command.js';

@CommandHandler(ImportFactsCommand)
export class ImportFactsHandler implements ICommandHandler<ImportFactsCommand> {
  constructor(
    @Inject(RECORDING) private readonly recording: RecordingContext,
    @Inject(IDENTIFIER_VAULT) private readonly vault: IdentifierVault,
  ) {}

  execute({ ndjson, source, caller, site, correlationId }: ImportFactsCommand): Promise<ImportSummary> {
    return importFacts(this.recording, ndjson.split('\n'), { source, recordedBy: caller.subject, correlationId, admit: (line, state) => sealIdentifiers(this.vault, line.patientId, admitFact(caller, line.patientId, line, state, site)) });
  }
}
