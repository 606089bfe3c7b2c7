import { isMrdNegative, type PartialDate } from '@app/domain';
import type { RecordedFact } from '../course-record.js';
import { dayOffset, daySpan } from '../timeline/day-offsets.js';
import { bodyOf } from '../timeline/fact-body.js';
import type { SwimmerMarker } from './swimmer.js';

/** Where a fact lies relative to the first infusion. */
export function placeOf(fact: RecordedFact, dayZero: PartialDate | undefined) {
  const on = fact.occurredOn;
  return {
    eventId: fact.eventId,
    occurredOn: on ?? null,
    day: dayOffset(dayZero, on).days,
    span: dayZero !== undefined && on !== undefined ? daySpan(dayZero, on) : null,
  };
}

/**
 * The marker a fact puts on the bar, if any. Only an overall CR/CRi is a remission of the patient
 * (a marrow-only CR beside extramedullary disease is not); progression is the recorded
 * DiseaseProgressed fact, so a response of PD is not drawn twice.
 */
export function markerOf(fact: RecordedFact, dayZero: PartialDate | undefined): SwimmerMarker | undefined {
  const body = bodyOf(fact);
  const place = placeOf(fact, dayZero);
  switch (body.type) {
    case 'ResponseAssessed': {
      const { result, scope } = body.data;
      if (scope !== 'overall' || (result !== 'CR' && result !== 'CRi')) return undefined;
      return { ...place, kind: 'response', result, mrdNegative: isMrdNegative(body.data) ?? null };
    }
    case 'CarTInfused':
      return { ...place, kind: 'infusion', infusionNumber: body.data.infusionNumber };
    case 'RelapseRecorded':
      return { ...place, kind: 'relapse' };
    case 'DiseaseProgressed':
      return { ...place, kind: 'progression' };
    case 'HsctPerformed':
      return { ...place, kind: 'hsct' };
    case 'DeathRecorded':
      return { ...place, kind: 'death' };
    default:
      return undefined;
  }
}
