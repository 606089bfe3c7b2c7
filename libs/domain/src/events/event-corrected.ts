import { z } from 'zod';
import { defineEvent } from './define-event.js';

export const EventCorrectedData = z
  .object({
    targetEventId: z.uuid().describe('The event whose content this replaces'),
    correctedData: z.record(z.string(), z.unknown()).describe("The target's whole data as it should have been, valid for the target's type"),
    reason: z.string().min(1, { message: 'a correction needs a reason' }).max(2000),
  })
  .strict();
export type EventCorrectedData = z.infer<typeof EventCorrectedData>;

export const EventCorrected = defineEvent({
  type: 'EventCorrected',
  version: 1,
  schema: EventCorrectedData,
  clinical: false,
  description: 'Replaces the content of an earlier event of the same patient; the original stays in the record.',
});
