import { Command } from '@nestjs/cqrs';
import type { ImportSummary } from '@app/recording';

export class ImportFactsCommand extends Command<ImportSummary> {
  constructor(
    readonly ndjson: string,
    readonly source: string,
    readonly recordedBy: string,
    readonly correlationId: string,
  ) {
    super();
  }
}
