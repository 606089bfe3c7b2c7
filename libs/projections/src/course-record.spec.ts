import fc from 'fast-check';
import { fixtureEvents } from '../../../test/support/fixture-events.js';
import { applyToRecord, emptyRecord, recordOf, standing } from './course-record.js';

const seed001 = fixtureEvents('seed-001.ndjson').get('seed001-P01') ?? [];

describe("a patient's record", () => {
  it('keeps every fact in stream order', () => {
    const record = recordOf('seed001-P01', seed001);
    expect(record.facts).toHaveLength(seed001.length);
    expect(record.revision).toBe(seed001.length - 1);
    expect(record.facts[0]?.type).toBe('PatientEnrolled');
  });

  it('applies a correction, keeping what it replaced, who, when and why', () => {
    const infusion = seed001.find((e) => e.type === 'CarTInfused');
    if (!infusion) throw new Error('fixture has no infusion');
    const last = seed001.at(-1);
    const correction = {
      type: 'EventCorrected' as const,
      data: { targetEventId: infusion.metadata.eventId, correctedData: { ...infusion.data, dose: { value: 3.1e6, unit: 'cells/kg' } }, reason: 'pharmacy record' },
      metadata: { eventId: 'c-1', patientId: 'seed001-P01', schemaVersion: 1, recordedAt: '2026-02-01T00:00:00.000Z', recordedBy: 'dm-li' },
      revision: (last?.revision ?? 0) + 1,
      position: (last?.position ?? 0) + 1,
    };
    const record = recordOf('seed001-P01', [...seed001, correction]);
    const fact = record.facts.find((f) => f.eventId === infusion.metadata.eventId);
    expect(fact?.data).toMatchObject({ dose: { value: 3.1e6 } });
    expect(fact?.amendments).toEqual([{ eventId: 'c-1', kind: 'correction', recordedAt: '2026-02-01T00:00:00.000Z', recordedBy: 'dm-li', reason: 'pharmacy record', replacedData: infusion.data }]);
    expect(standing(record, 'CarTInfused')).toHaveLength(2);
  });

  it('changes nothing when an event is delivered again', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: seed001.length - 1 }), { maxLength: 20 }), (redelivered) => {
        let record = emptyRecord('seed001-P01');
        for (const e of seed001) {
          record = applyToRecord(record, e);
          for (const i of redelivered) if (i <= e.revision) record = applyToRecord(record, seed001[i] as (typeof seed001)[number]);
        }
        expect(record).toEqual(recordOf('seed001-P01', seed001));
      }),
    );
  });
});
