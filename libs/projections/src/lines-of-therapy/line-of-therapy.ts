import type { PartialDate, ResponseResult } from '@app/domain';
import type { ChemotherapyIntent, LineRules } from './line-rules.js';

/** What a line is built around: a CAR-T infusion makes a CAR-T line even with bridging chemo in it. */
export type LineKind = 'chemotherapy' | 'car-t' | 'hsct';

export type TherapyModality = 'chemotherapy' | 'lymphodepletion' | 'car-t' | 'hsct';

/** One regimen of a line with every course of it given there ("hyper-CVAD-A" x2). */
export interface RegimenGiven {
  /** As recorded for chemotherapy; built from the product or transplant type otherwise ("autologous CD19 CAR-T"). */
  readonly name: string;
  readonly modality: TherapyModality;
  /** Standing administrations of this regimen in the line. */
  readonly courses: number;
  readonly intents: readonly ChemotherapyIntent[];
  readonly start: PartialDate;
  readonly eventIds: readonly string[];
}

/** The deepest overall response the line reached; MRD only when the deciding assessment measured it. */
export interface BestResponse {
  readonly result: ResponseResult;
  readonly on: PartialDate;
  readonly eventId: string;
  /** MRD in percent, when measured. */
  readonly mrd?: number;
  /** Below 0.01% (1e-4); absent when MRD was not measured. */
  readonly mrdNegative?: boolean;
}

/**
 * Why a line ended. `next-line`: another line began with no failure in between (an unplanned drug
 * change, or an HSCT counted as a line of its own). `ongoing`: nothing has ended it by the last
 * fact of the record, which is then the deciding fact.
 */
export type LineEndReason = 'refractory' | 'relapse' | 'progression' | 'death' | 'next-line' | 'ongoing';

export interface LineOutcome {
  readonly reason: LineEndReason;
  readonly on: PartialDate;
  /** The fact that decided it: the failing assessment, the relapse, the death, the next line's first therapy, the last follow-up. */
  readonly eventId: string;
}

export interface LineOfTherapy {
  /** 1, 2, ... in clinical order. */
  readonly number: number;
  readonly kind: LineKind;
  /** Anticancer therapy of the line in the order begun; HSCT consolidation is listed apart. */
  readonly regimens: readonly RegimenGiven[];
  readonly intents: readonly ChemotherapyIntent[];
  readonly start: PartialDate;
  /** When the line ended; absent while it is ongoing. */
  readonly end?: PartialDate;
  /** Transplants done in remission inside the line (planned sequential therapy). */
  readonly consolidation: readonly RegimenGiven[];
  readonly bestResponse?: BestResponse;
  readonly outcome: LineOutcome;
  /** Every fact the line is made of (therapy, assessments, the fact that ended it), in clinical order. */
  readonly eventIds: readonly string[];
}

export type PatientStatus = 'active-disease' | 'on-treatment' | 'remission-mrd-positive' | 'remission-mrd-negative' | 'remission' | 'relapsed' | 'dead';

/** The patient's disease status after the last fact that decides one; `remission` means MRD unknown. */
export interface PatientState {
  readonly status: PatientStatus;
  readonly on: PartialDate;
  readonly eventId: string;
  /** MRD in percent, for a remission whose assessment measured it. */
  readonly mrd?: number;
}

export interface LinesOfTherapy {
  readonly patientId: string;
  readonly lines: readonly LineOfTherapy[];
  /** Absent while the record holds no disease status (no diagnosis, therapy or assessment yet). */
  readonly currentState?: PatientState;
  /** The rules the lines were derived under, so a reader can tell which convention counted them. */
  readonly rulesApplied: LineRules;
}
