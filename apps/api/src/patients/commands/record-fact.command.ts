import { Command } from '@nestjs/cqrs';
import type { RecordedFact, RecordFactRequest } from '@app/recording';

export class RecordFactCommand extends Command<RecordedFact> {
  constructor(readonly request: RecordFactRequest) {
    super();
  }
}
