import { precisionOf } from '@app/domain';
import type { CourseRecord, RecordedFact } from '../course-record.js';
import { inClinicalOrder } from './clinical-order.js';
import { dayOffset } from './day-offsets.js';
import { infusionNumberOf } from './fact-body.js';
import { timelineHeader } from './header.js';
import { placeInPhases, type PhasePlace } from './phase.js';
import { summarize } from './summaries.js';
import type { SourceDay, Timeline, TimelineEntry } from './timeline.js';

/**
 * A patient's timeline: every standing fact in clinical order, with its day offsets, phase and
 * history of corrections. Pure; retracted facts are hidden here and stay in the record.
 */
export function buildTimeline(record: CourseRecord): Timeline {
  const ordered = inClinicalOrder(record);
  const diagnosedOn = ordered.find((f) => f.type === 'DiagnosisRecorded')?.occurredOn;
  const infusions = ordered.filter((f) => f.type === 'CarTInfused');
  const places = placeInPhases(ordered);
  const entries = ordered.map((fact, i) => entryOf(fact, places[i] as PhasePlace, diagnosedOn, infusions));
  return { header: timelineHeader(record, ordered, entries), entries };
}

function entryOf(fact: RecordedFact, place: PhasePlace, diagnosedOn: string | undefined, infusions: readonly RecordedFact[]): TimelineEntry {
  const on = fact.occurredOn;
  const anchor = place.infusion;
  return {
    eventId: fact.eventId,
    type: fact.type,
    summary: summarize(fact),
    occurredOn: on ?? null,
    precision: on === undefined ? null : precisionOf(on),
    sourceDay: sourceDayOf(fact),
    fromDiagnosis: dayOffset(diagnosedOn, on),
    fromInfusion: {
      ...dayOffset(anchor?.occurredOn, on),
      infusionNumber: anchor ? infusionNumberOf(anchor) : null,
    },
    byInfusion: infusions.map((inf) => ({ infusionNumber: infusionNumberOf(inf), eventId: inf.eventId, offset: dayOffset(inf.occurredOn, on) })),
    phase: place.phase,
    current: fact.data,
    amendments: fact.amendments,
    recordedAt: fact.recordedAt,
    recordedBy: fact.recordedBy,
    source: fact.source ?? null,
  };
}

function sourceDayOf(fact: RecordedFact): SourceDay | null {
  const given = fact.data['sourceDay'];
  return typeof given === 'object' && given !== null ? (given as SourceDay) : null;
}
