import { z } from 'zod';
import { defineEvent } from './define-event.js';

export const EventRetractedData = z
  .object({
    targetEventId: z.uuid().describe('The event entered in error'),
    reason: z.string().min(1, { message: 'a retraction needs a reason' }).max(2000),
  })
  .strict();
export type EventRetractedData = z.infer<typeof EventRetractedData>;

export const EventRetracted = defineEvent({
  type: 'EventRetracted',
  version: 1,
  schema: EventRetractedData,
  clinical: false,
  description: 'Marks an earlier event of the same patient as entered in error; it stays in the record.',
});
