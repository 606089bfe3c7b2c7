import type { CourseRecord } from '../course-record.js';
import { inClinicalOrder } from '../timeline/clinical-order.js';
import { bodyOf } from '../timeline/fact-body.js';
import { markerOf, placeOf } from './markers.js';
import { DEFAULT_DAYS_PER_MONTH, type SwimmerMarker, type SwimmerOptions, type SwimmerRow, type SwimmerStatus } from './swimmer.js';

/**
 * A patient's swimmer bar, or undefined for a patient never infused. Day 0 is the first infusion
 * in clinical order; markers are the facts after it in the timeline's order (so a "2020-10" fact
 * recorded after a "2020-10" infusion counts as after it, as on the timeline).
 */
export function swimmerRow(record: CourseRecord, options: SwimmerOptions = {}): SwimmerRow | undefined {
  const ordered = inClinicalOrder(record);
  const firstIndex = ordered.findIndex((f) => f.type === 'CarTInfused');
  const first = ordered[firstIndex];
  if (!first) return undefined;
  const dayZero = first.occurredOn;
  const after = ordered.slice(firstIndex + 1);

  const death = after.find((f) => f.type === 'DeathRecorded');
  const lastContact = after.findLast((f) => f.type === 'LastContactRecorded');
  const endFact = death ?? lastContact ?? ordered.at(-1) ?? first;
  const end = placeOf(endFact, dayZero);
  const daysPerMonth = options.daysPerMonth ?? DEFAULT_DAYS_PER_MONTH;

  return {
    patientId: record.patientId,
    firstInfusion: { eventId: first.eventId, occurredOn: dayZero ?? null },
    end: { kind: death ? 'death' : lastContact ? 'last-contact' : 'last-recorded-fact', eventId: endFact.eventId, occurredOn: end.occurredOn },
    followUp: { days: end.day, span: end.span, months: end.day === null ? null : end.day / daysPerMonth },
    followUpOngoing: death === undefined,
    status: statusAtEnd(death !== undefined, lastContact && bodyOf(lastContact)),
    markers: after.map((f) => markerOf(f, dayZero)).filter((m): m is SwimmerMarker => m !== undefined),
  };
}

function statusAtEnd(dead: boolean, lastContact: ReturnType<typeof bodyOf> | undefined): SwimmerStatus {
  if (dead) return 'dead';
  return lastContact?.type === 'LastContactRecorded' ? lastContact.data.status : 'alive-disease-unknown';
}
