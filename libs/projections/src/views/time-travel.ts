import { dateRange, DomainError, isValidPartialDate, type RecordedPatientEvent } from '@app/domain';
import type { CourseRecord } from '../course-record.js';

/**
 * Two different questions about the past. `asOf` (an instant): what the record said then, only
 * events recorded by that instant. `cutoff` (a date): a data cutoff, only facts that happened by
 * then, as an analysis frozen on that date sees them; a partial date counts when its first
 * possible day is on or before the cutoff.
 */
export interface PointInTime {
  readonly asOf?: Date;
  readonly cutoff?: string;
}

export function parsePointInTime(asOf: string | undefined, cutoff: string | undefined): PointInTime {
  const out: { asOf?: Date; cutoff?: string } = {};
  if (asOf !== undefined) {
    const t = Date.parse(asOf);
    if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(asOf) || Number.isNaN(t)) {
      throw DomainError.validation('INVALID_AS_OF', [{ field: 'asOf', message: `must be an ISO instant such as 2021-06-01T00:00:00Z; got "${asOf}"` }]);
    }
    out.asOf = new Date(asOf.length === 10 ? `${asOf}T23:59:59.999Z` : t);
  }
  if (cutoff !== undefined) out.cutoff = checkCutoff(cutoff);
  return out;
}

/** A data cutoff is a full date, YYYY-MM-DD, that exists. */
export function checkCutoff(cutoff: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(cutoff) || !isValidPartialDate(cutoff)) {
    throw DomainError.validation('INVALID_CUTOFF', [{ field: 'cutoff', message: `must be a date YYYY-MM-DD; got "${cutoff}"` }]);
  }
  return cutoff;
}

export const isPresent = (at: PointInTime): boolean => at.asOf === undefined && at.cutoff === undefined;

export const eventsAsOf = (events: readonly RecordedPatientEvent[], asOf: Date | undefined): RecordedPatientEvent[] =>
  asOf === undefined ? [...events] : events.filter((e) => Date.parse(e.metadata.recordedAt) <= asOf.getTime());

export function withCutoff(record: CourseRecord, cutoff: string | undefined): CourseRecord {
  if (cutoff === undefined) return record;
  return { ...record, facts: record.facts.filter((f) => f.occurredOn === undefined || dateRange(f.occurredOn).earliest <= cutoff) };
}
