import { evolve, initialState, type CourseState, type PatientEvent } from '@app/domain';

/**
 * How the cost of folding an event into a course grows with the course's length: one synthetic
 * course (an enrolment, then lab values) of 20 to 10,000 events, folded from the start over and
 * over. Linear folding shows the same µs an event at every length.
 */
function course(length: number): PatientEvent[] {
  const meta = (i: number) => ({ eventId: `e${i}`, patientId: 'P', recordedAt: '2021-01-01T00:00:00.000Z', recordedBy: 'bench', schemaVersion: 1 });
  const events = [{ type: 'PatientEnrolled', data: { occurredOn: '2020-01-01' }, metadata: meta(0) }];
  for (let i = 1; i < length; i++) events.push({ type: 'LabMeasured', data: { occurredOn: '2020-02-01', value: i } as never, metadata: meta(i) });
  return events as unknown as PatientEvent[];
}

console.log(`bench:fold on node ${process.version}`);
for (const length of [20, 100, 1000, 10_000]) {
  const events = course(length);
  const repeats = Math.max(1, Math.round(400_000 / length));
  let state: CourseState = initialState();
  for (const round of ['warm-up', 'measured']) {
    const started = performance.now();
    for (let r = 0; r < repeats; r++) {
      state = initialState();
      for (const e of events) state = evolve(state, e);
    }
    const perEvent = ((performance.now() - started) * 1000) / (repeats * length);
    if (round === 'measured') console.log(`course of ${length} events: ${perEvent.toFixed(2)} µs an event (${state.facts.size} facts)`);
  }
}
