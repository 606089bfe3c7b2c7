import type { PartialDate } from '@app/domain';
import type { DaySpan } from '../timeline/day-offsets.js';

/** Something drawn on a patient's swimmer bar, placed by its day from the first infusion. */
interface MarkerPlace {
  readonly eventId: string;
  readonly occurredOn: PartialDate | null;
  /** Days from the first infusion; null unless both dates are full days. */
  readonly day: number | null;
  /** The days it can lie at, for partial dates (min = max = day for full ones). */
  readonly span: DaySpan | null;
}

export type SwimmerMarker = MarkerPlace &
  (
    | { readonly kind: 'response'; readonly result: 'CR' | 'CRi'; readonly mrdNegative: boolean | null }
    | { readonly kind: 'infusion'; readonly infusionNumber: number }
    | { readonly kind: 'relapse' | 'progression' | 'hsct' | 'death' }
  );

export type SwimmerMarkerKind = SwimmerMarker['kind'];

/** The patient's state where the bar ends. */
export type SwimmerStatus = 'dead' | 'alive-without-disease' | 'alive-with-disease' | 'alive-disease-unknown';

/** One bar of the swimmer plot: from the first infusion (day 0) to death or last contact. */
export interface SwimmerRow {
  readonly patientId: string;
  readonly firstInfusion: { readonly eventId: string; readonly occurredOn: PartialDate | null };
  /** What ends the bar; the latest recorded fact when neither death nor a last contact is recorded. */
  readonly end: { readonly kind: 'death' | 'last-contact' | 'last-recorded-fact'; readonly eventId: string; readonly occurredOn: PartialDate | null };
  readonly followUp: {
    readonly days: number | null;
    readonly span: DaySpan | null;
    /** days / daysPerMonth (30.4375 unless the caller chose otherwise). */
    readonly months: number | null;
  };
  /** No death recorded: the patient was alive when last seen, and follow-up goes on. */
  readonly followUpOngoing: boolean;
  readonly status: SwimmerStatus;
  readonly markers: readonly SwimmerMarker[];
}

export interface SwimmerOptions {
  /** Month length for `months`; 30.4375 (365.25 / 12) is the engine's default, some papers use 30. */
  readonly daysPerMonth?: number;
}

export const DEFAULT_DAYS_PER_MONTH = 30.4375;
