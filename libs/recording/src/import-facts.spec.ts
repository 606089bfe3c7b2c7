import { openEventStore, type EventStore } from '@app/event-store';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { generateCohort } from '../../../test/support/synthetic-cohort.js';
import { importFacts } from './import-facts.js';
import { recordFact } from './record-fact.js';

/** Imports are judged against the plainest way to record the same facts: one command at a time. */
const cohort = (seed: number, patients: number) => [...generateCohort({ patients, seed })].map((l) => JSON.stringify(l));
const ctx = (store: EventStore) => ({ store, clock: () => new Date('2026-01-01T00:00:00Z'), newId: randomUUID });

async function streams(store: EventStore): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const s of await store.listStreams({ limit: 1000 })) out.set(s.streamId, (await store.readStream(s.streamId)).map((e) => `${e.eventId} ${e.type} ${JSON.stringify(e.data)}`));
  return out;
}

describe('importing facts', () => {
  let store: EventStore;
  beforeAll(async () => {
    store = await openEventStore({ kind: 'embedded' });
  });
  afterAll(async () => store.close());

  it('records, in any batch size and however often it is re-run, exactly what recording line by line records', async () => {
    const lines = cohort(11, 4);
    const reference = await openEventStore({ kind: 'embedded' });
    for (const text of lines) {
      const line = JSON.parse(text) as { patientId: string; type: string; data: unknown; eventId: string; source?: string };
      await recordFact(ctx(reference), { patientId: line.patientId, fact: line, metadata: { recordedBy: 'gen', eventId: line.eventId } });
    }
    const expected = await streams(reference);
    await reference.close();

    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 3 }), async (batchSize, runs) => {
        const fresh = await openEventStore({ kind: 'embedded' });
        try {
          for (let run = 1; run <= runs; run++) {
            const summary = await importFacts(ctx(fresh), lines, { recordedBy: 'gen', source: 'cohort', batchSize });
            expect(summary).toMatchObject({ lines: lines.length, rejected: [], recorded: run === 1 ? lines.length : 0, alreadyRecorded: run === 1 ? 0 : lines.length });
          }
          expect(await streams(fresh)).toEqual(expected);
        } finally {
          await fresh.close();
        }
      }),
      { numRuns: 6 },
    );
  });

  it('rejects a bad line without losing the good lines around it, and tells which and why', async () => {
    const lines = cohort(5, 1);
    const broken = [...lines.slice(0, 3), '{"patientId": "X", "type": "LabMeasured"', ...lines.slice(3)];
    const summary = await importFacts(ctx(store), broken, { recordedBy: 'gen', source: 'cohort', batchSize: 2 });
    expect(summary.recorded).toBe(lines.length);
    expect(summary.rejected).toEqual([{ line: 4, code: 'MALFORMED_JSON', field: '(line)', message: expect.stringContaining('line 4 is not valid JSON') }]);
  });

  it('reads a line the same with white space around it: a byte-order mark, CRLF endings, indentation, blank lines', async () => {
    const fresh = await openEventStore({ kind: 'embedded' });
    try {
      const lines = cohort(13, 1);
      const padded = lines.flatMap((text, i) => [i === 0 ? `\uFEFF${text}\r` : i % 3 === 0 ? `  ${text}\t` : i % 3 === 1 ? `${text}\r` : `\u00A0${text}`, i % 5 === 0 ? ' \r' : '']);
      const summary = await importFacts(ctx(fresh), padded, { recordedBy: 'gen', source: 'cohort', batchSize: 7 });
      expect(summary).toMatchObject({ rejected: [], recorded: lines.length });
      const reference = await openEventStore({ kind: 'embedded' });
      try {
        await importFacts(ctx(reference), lines, { recordedBy: 'gen', source: 'cohort', batchSize: 7 });
        expect(await streams(fresh)).toEqual(await streams(reference));
      } finally {
        await reference.close();
      }
    } finally {
      await fresh.close();
    }
  });

  it('decides again when another writer moved a patient on between batches', async () => {
    const lines = cohort(9, 1);
    const patientId = (JSON.parse(lines[0] as string) as { patientId: string }).patientId;
    let first = true;
    const racing: EventStore = Object.assign(Object.create(store) as EventStore, {
      appendMany: async (...args: Parameters<EventStore['appendMany']>) => {
        if (first && args[0].some((r) => r.expectedRevision !== 'no-stream')) {
          first = false;
          await recordFact(ctx(store), { patientId, fact: { type: 'LabMeasured', data: { occurredOn: '2025-12-30', analyte: 'CRP', specimen: 'serum', value: 3, unit: 'mg/L' } }, metadata: { recordedBy: 'other-writer' } });
        }
        return store.appendMany(...args);
      },
    });
    const summary = await importFacts(ctx(racing), lines, { recordedBy: 'gen', source: 'cohort', batchSize: 10 });
    expect(summary.rejected).toEqual([]);
    expect(summary.recorded).toBe(lines.length);
    expect(await store.readStream(`patient-${patientId}`)).toHaveLength(lines.length + 1);
  });

  it("rejects a line whose event id is already recorded for another patient, and records the rest of its batch", async () => {
    const fresh = await openEventStore({ kind: 'embedded' });
    try {
      const [first, second] = [cohort(21, 1), cohort(22, 1)];
      await importFacts(ctx(fresh), first, { recordedBy: 'gen', source: 'a' });
      const taken = (JSON.parse(first[5] as string) as { eventId: string }).eventId;
      const clash = second.map((text, i) => (i === 8 ? JSON.stringify({ ...(JSON.parse(text) as object), eventId: taken }) : text));
      // A lab value is a fact nothing later depends on: the line after it still decides.
      expect((JSON.parse(clash[8] as string) as { type: string }).type).toBe('LabMeasured');
      const summary = await importFacts(ctx(fresh), clash, { recordedBy: 'gen', source: 'b', batchSize: 50 });
      expect(summary.rejected).toEqual([{ line: 9, code: 'DUPLICATE_EVENT_ID', field: 'eventId', eventId: taken, message: `eventId ${taken} is already recorded for another patient` }]);
      expect(summary).toMatchObject({ recorded: second.length - 1, alreadyRecorded: 0 });
      const again = await importFacts(ctx(fresh), clash, { recordedBy: 'gen', source: 'b', batchSize: 50 });
      expect(again).toMatchObject({ recorded: 0, alreadyRecorded: second.length - 1 });
      expect(again.rejected).toHaveLength(1);
    } finally {
      await fresh.close();
    }
  });
});
