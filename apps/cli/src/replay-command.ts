import { openEventStore, storeConfigOf, type StoreEnv } from '@app/event-store';
import { replayCourse, type ReplayStep } from '@app/projections';
import { fromStored, patientStreamId } from '@app/recording';

/** Prints a course event by event: what was recorded, then the lines and state it led to. */
export async function runReplay(patientId: string, env: StoreEnv, json: boolean): Promise<boolean> {
  const store = await openEventStore(storeConfigOf(env));
  try {
    const events = await store.readStream(patientStreamId(patientId));
    if (events.length === 0) {
      process.stderr.write(`No patient ${patientId} in the record\n`);
      return false;
    }
    for (const step of replayCourse(patientId, events.map(fromStored))) process.stdout.write(json ? `${JSON.stringify(step)}\n` : describe(step));
    return true;
  } finally {
    await store.close();
  }
}

function describe(step: ReplayStep): string {
  const entry = step.timeline.entries.find((e) => e.eventId === step.event.eventId);
  const { lines, currentState } = step.linesOfTherapy;
  const line = lines.at(-1);
  const what = entry ? `${entry.occurredOn ?? '(no date)'}  ${entry.summary}` : step.event.type;
  const state = `${lines.length} line(s)${line ? `, line ${line.number} ${line.kind} ${line.outcome.reason}` : ''}${currentState ? `; state ${currentState.status}` : ''}`;
  return `#${step.revision} ${step.event.recordedAt} by ${step.event.recordedBy}\n    ${what}\n    -> ${state}\n`;
}
