import { precisionOf } from '@app/domain';
import type { CourseRecord, RecordedFact } from '../course-record.js';
import { inClinicalOrder } from './clinical-order.js';
import { countable, offsetBetween, type CountableDate } from './day-offsets.js';
import { infusionNumberOf } from './fact-body.js';
import { timelineHeader } from './header.js';
import { placeInPhases, type PhasePlace } from './phase.js';
import { summarize } from './summaries.js';
import type { DayOffset, SourceDay, Timeline, TimelineEntry } from './timeline.js';

/**
 * A patient's timeline: every standing fact in clinical order, with its day offsets, phase and
 * history of corrections. Pure; retracted facts are hidden here and stay in the record.
 */
export function buildTimeline(record: CourseRecord): Timeline {
  const ordered = inClinicalOrder(record);
  const diagnosedOn = countable(ordered.find((f) => f.type === 'DiagnosisRecorded')?.occurredOn);
  const infusions = ordered.filter((f) => f.type === 'CarTInfused').map((fact): Infusion => ({ fact, number: infusionNumberOf(fact), on: countable(fact.occurredOn) }));
  const places = placeInPhases(ordered);
  const entries = ordered.map((fact, i) => entryOf(fact, places[i] as PhasePlace, diagnosedOn, infusions));
  return { header: timelineHeader(record, ordered, entries), entries };
}

/** An infusion as every entry counts from it: its date read once. */
interface Infusion {
  readonly fact: RecordedFact;
  readonly number: number;
  readonly on: CountableDate;
}

const NO_INFUSION: CountableDate = { date: undefined, day: undefined };

/** The offset from the infusion a fact's phase belongs to, with that infusion's number; built field by field, one per entry. */
function fromInfusionOf(offset: DayOffset, infusionNumber: number | null): TimelineEntry['fromInfusion'] {
  return offset.days === null ? { days: null, label: null, why: offset.why, infusionNumber } : { days: offset.days, label: offset.label, infusionNumber };
}

function entryOf(fact: RecordedFact, place: PhasePlace, diagnosedOn: CountableDate, infusions: readonly Infusion[]): TimelineEntry {
  const on = fact.occurredOn;
  const day = countable(on);
  // The phase's infusion is one of the timeline's infusions (both come from the ordered facts).
  const anchor = place.infusion && infusions.find((i) => i.fact === place.infusion);
  return {
    eventId: fact.eventId,
    type: fact.type,
    summary: summarize(fact),
    occurredOn: on ?? null,
    precision: on === undefined ? null : precisionOf(on),
    sourceDay: sourceDayOf(fact),
    fromDiagnosis: offsetBetween(diagnosedOn, day),
    fromInfusion: fromInfusionOf(offsetBetween(anchor?.on ?? NO_INFUSION, day), anchor?.number ?? null),
    byInfusion: infusions.map((inf) => ({ infusionNumber: inf.number, eventId: inf.fact.eventId, offset: offsetBetween(inf.on, day) })),
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
