import type { RecordedPatientEvent } from '@app/domain';
import { fixtureEvents } from '../../../../test/support/fixture-events.js';
import { recordOf } from '../course-record.js';
import { holdsSealedIdentifiers } from './course-view-store.js';

const seed001 = fixtureEvents('seed-001.ndjson').get('seed001-P01') ?? [];
const enrolment = seed001[0];
const sealed = { sealed: 'A'.repeat(60) };

/** An event after the fixture's, from the same recorder. */
function then(type: 'EventCorrected' | 'EventRetracted', data: Record<string, unknown>, n: number): RecordedPatientEvent {
  const last = seed001.at(-1);
  return {
    type,
    data,
    metadata: { eventId: `amend-${n}`, patientId: 'seed001-P01', schemaVersion: 1, recordedAt: '2026-02-01T00:00:00.000Z', recordedBy: 'dm-li' },
    revision: (last?.revision ?? 0) + n,
    position: (last?.position ?? 0) + n,
  } as RecordedPatientEvent;
}

describe('whether a record holds sealed identifiers (so the API opens them in each timeline it sends)', () => {
  if (!enrolment || enrolment.type !== 'PatientEnrolled') throw new Error('the fixture starts with an enrolment');
  const withIdentifiers = { ...enrolment, data: { ...enrolment.data, identifiers: sealed } } as RecordedPatientEvent;

  it('given an enrolment without identifiers, says no', () => {
    expect(holdsSealedIdentifiers(recordOf('seed001-P01', seed001))).toBe(false);
  });

  it('given an enrolment with sealed identifiers, says yes', () => {
    expect(holdsSealedIdentifiers(recordOf('seed001-P01', [withIdentifiers, ...seed001.slice(1)]))).toBe(true);
  });

  it('given a correction that added them, says yes', () => {
    const correction = then('EventCorrected', { targetEventId: enrolment.metadata.eventId, correctedData: { ...enrolment.data, identifiers: sealed }, reason: 'consent signed' }, 1);
    expect(holdsSealedIdentifiers(recordOf('seed001-P01', [...seed001, correction]))).toBe(true);
  });

  it('given a correction that removed them, still says yes: the timeline shows what the correction replaced', () => {
    const correction = then('EventCorrected', { targetEventId: enrolment.metadata.eventId, correctedData: enrolment.data, reason: 'wrong patient' }, 1);
    expect(holdsSealedIdentifiers(recordOf('seed001-P01', [withIdentifiers, ...seed001.slice(1), correction]))).toBe(true);
  });

  it('given the enrolment retracted, still says yes (a record keeps retracted facts)', () => {
    const retraction = then('EventRetracted', { targetEventId: enrolment.metadata.eventId, reason: 'entered in error' }, 1);
    expect(holdsSealedIdentifiers(recordOf('seed001-P01', [withIdentifiers, ...seed001.slice(1), retraction]))).toBe(true);
  });
});
