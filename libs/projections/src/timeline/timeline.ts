import type { DatePrecision, EventType, PartialDate } from '@app/domain';
import type { Amendment } from '../course-record.js';

/**
 * Where a fact sits in the CAR-T course. Lymphodepletion runs from its start to the day before the
 * infusion it prepares; each infusion opens its own after-infusion phase.
 */
export type Phase = 'before-car-t' | 'lymphodepletion' | `after-infusion-${number}`;

/** Why a day offset cannot be given: counting days needs two full dates. */
export type OffsetGap =
  /** The fact itself is dated only to a month or a year. */
  | 'partial date'
  /** The day it would be counted from (diagnosis, infusion) is only a month or a year. */
  | 'partial anchor date'
  /** Nothing to count from: no diagnosis recorded, or the fact precedes every infusion. */
  | 'no anchor';

/** "Day +7" and its number, or why there is none. */
export type DayOffset =
  | { readonly days: number; readonly label: string }
  | { readonly days: null; readonly label: null; readonly why: OffsetGap };

/** A fact's offset from one numbered infusion. */
export interface InfusionOffset {
  readonly infusionNumber: number;
  readonly eventId: string;
  readonly offset: DayOffset;
}

/** The "Day +N" a source gave, kept as it said it. */
export interface SourceDay {
  readonly day: number;
  readonly relativeTo: 'car-t-infusion' | 'hsct' | 'diagnosis';
}

/** One standing fact on the timeline. */
export interface TimelineEntry {
  readonly eventId: string;
  readonly type: EventType;
  readonly summary: string;
  /** The clinical date exactly as recorded, with its precision. */
  readonly occurredOn: PartialDate | null;
  readonly precision: DatePrecision | null;
  readonly sourceDay: SourceDay | null;
  readonly fromDiagnosis: DayOffset;
  /** Offset from the infusion whose phase the fact is in (the one lymphodepletion prepares). */
  readonly fromInfusion: DayOffset & { readonly infusionNumber: number | null };
  /** Offset from every infusion, in clinical order. */
  readonly byInfusion: readonly InfusionOffset[];
  readonly phase: Phase;
  /** The content as it stands now, corrections applied. */
  readonly current: Readonly<Record<string, unknown>>;
  readonly amendments: readonly Amendment[];
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly source: string | null;
}

export interface InfusionOnTimeline {
  readonly infusionNumber: number;
  readonly eventId: string;
  readonly occurredOn: PartialDate | null;
}

/** How the record ends for now: death, or the last time the patient was known alive. */
export interface CourseEnd {
  readonly kind: 'death' | 'last-contact';
  readonly eventId: string;
  readonly occurredOn: PartialDate | null;
}

export interface TimelineHeader {
  readonly patientId: string;
  readonly diagnosedOn: PartialDate | null;
  readonly infusions: readonly InfusionOnTimeline[];
  readonly end: CourseEnd | null;
  readonly counts: {
    /** Facts shown. */
    readonly entries: number;
    /** Retracted facts, hidden here and kept in the audit trail. */
    readonly retracted: number;
    /** Shown facts with at least one correction. */
    readonly corrected: number;
  };
}

export interface Timeline {
  readonly header: TimelineHeader;
  readonly entries: readonly TimelineEntry[];
}
