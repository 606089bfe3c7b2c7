import { Command } from '@nestjs/cqrs';
import type { Caller } from '@app/access';
import type { ImportSummary } from '@app/recording';

export class ImportFactsCommand extends Command<ImportSummary> {
  constructor(
    readonly ndjson: string,
    readonly source: string,
    /** Who imports: the author of every line, and whose site scope and roles each line must fit. */
    readonly caller: Caller,
    readonly site: string | undefined,
    readonly correlationId: string,
  ) {
    super();
  }
}
