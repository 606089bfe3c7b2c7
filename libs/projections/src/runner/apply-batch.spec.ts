import fc from 'fast-check';
import { slicesByPatient } from './apply-batch.js';

describe('slices of a live batch', () => {
  const event = (streamId: string, position: number) => ({ streamId, position });

  it('keep each patient whole, within the budget of facts, a patient too large for it alone in its slice', () => {
    const events = [event('a', 1), event('b', 2), event('a', 3), event('c', 4), event('d', 5)];
    const prior: Record<string, number> = { a: 3, b: 1, c: 10, d: 0 };
    const slices = slicesByPatient(events, (s) => prior[s] ?? 0, 6);
    // a: 3 prior + 2 new = 5; b: 2 (over 6 with a); c: 11 (alone); d: 1.
    expect(slices.map((s) => s.map((e) => `${e.streamId}${e.position}`))).toEqual([['a1', 'a3'], ['b2'], ['c4'], ['d5']]);
  });

  it('hold every event once, each patient in one slice with its events in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6'), { maxLength: 60 }),
        fc.dictionary(fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6'), fc.nat(500)),
        fc.integer({ min: 1, max: 400 }),
        (streams, prior, budget) => {
          const events = streams.map((s, i) => event(s, i));
          const slices = slicesByPatient(events, (s) => prior[s] ?? 0, budget);
          expect(slices.flat().map((e) => e.position).sort((x, y) => x - y)).toEqual(events.map((e) => e.position));
          const sliceOf = new Map<string, number>();
          slices.forEach((slice, i) => {
            expect(slice.length).toBeGreaterThan(0);
            for (const e of slice) {
              expect(sliceOf.get(e.streamId) ?? i).toBe(i);
              sliceOf.set(e.streamId, i);
            }
            const patients = new Set(slice.map((e) => e.streamId));
            const cost = [...patients].reduce((n, p) => n + (prior[p] ?? 0) + slice.filter((e) => e.streamId === p).length, 0);
            if (patients.size > 1) expect(cost).toBeLessThanOrEqual(budget);
            for (const p of patients) {
              const positions = slice.filter((e) => e.streamId === p).map((e) => e.position);
              expect(positions).toEqual([...positions].sort((x, y) => x - y));
            }
          });
        },
      ),
    );
  });
});
