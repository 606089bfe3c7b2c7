import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { recordFact, type RecordedFact, type RecordingContext } from '@app/recording';
import { RECORDING } from '../../infrastructure.module.js';
import { RecordFactCommand } from './record-fact.command.js';

@CommandHandler(RecordFactCommand)
export class RecordFactHandler implements ICommandHandler<RecordFactCommand> {
  constructor(@Inject(RECORDING) private readonly recording: RecordingContext) {}

  execute(command: RecordFactCommand): Promise<RecordedFact> {
    return recordFact(this.recording, command.request);
  }
}
