import { fixtureEvents } from '../../../../test/support/fixture-events.js';
import { recordOf } from '../course-record.js';
import { deriveLinesOfTherapy } from './derive-lines.js';
import type { LinesOfTherapy } from './line-of-therapy.js';
import { DEFAULT_LINE_RULES } from './line-rules.js';

/**
 * Seed 000 (8 children, a reconstruction). Every child's record carries the history before CAR-T:
 * front-line chemotherapy to a first relapse and, for five of them, re-induction to a second, so
 * the first CAR-T is line 2 or 3. S003's re-induction remission was consolidated by an HSCT before
 * the relapse that led to CAR-T, so it has three lines, not four.
 */
const events = fixtureEvents('seed-000.ndjson');
const derived = new Map<string, LinesOfTherapy>([...events].map(([id, es]) => [id, deriveLinesOfTherapy(recordOf(id, es))]));
function of(subject: string): LinesOfTherapy {
  const lines = derived.get(`seed000-${subject}`);
  if (!lines) throw new Error(`seed 000 has no ${subject}`);
  return lines;
}
const summary = (subject: string) =>
  of(subject).lines.map((l) => ({
    kind: l.kind,
    therapy: l.regimens.filter((r) => r.modality !== 'lymphodepletion').map((r) => r.name),
    consolidation: l.consolidation.map((r) => r.name),
    best: l.bestResponse?.result,
    ended: l.outcome.reason,
  }));

const frontLine = { kind: 'chemotherapy', therapy: ['front-line chemotherapy (protocol not published)'], consolidation: [], best: 'CR', ended: 'relapse' };
const reInduction = { kind: 'chemotherapy', therapy: ['re-induction chemotherapy (protocol not published)'], consolidation: [], best: 'CR', ended: 'relapse' };
const carT = (target: string, ended: string, consolidation: string[] = []) => ({ kind: 'car-t', therapy: [`autologous ${target} CAR-T`], consolidation, best: 'CR', ended });

describe('seed 000 lines of therapy', () => {
  it('S001: front-line chemotherapy, then the CAR-T line with its HSCT as consolidation, ongoing', () => {
    expect(summary('S001')).toEqual([frontLine, carT('CD19', 'ongoing', ['allogeneic HSCT'])]);
  });

  it.each(['S002', 'S004', 'S006'])('%s: two chemotherapy lines, the CD19 CAR-T ended by relapse, a CD19/CD22 CAR-T line ongoing', (subject) => {
    expect(summary(subject)).toEqual([frontLine, reInduction, carT('CD19', 'relapse'), carT('CD19/CD22', 'ongoing')]);
    const [, , first, second] = of(subject).lines;
    expect(second?.start).not.toBe(first?.start);
    expect(first?.end).toBe(first?.outcome.on);
  });

  it('S003: front-line chemotherapy; re-induction with the HSCT in CR2 as consolidation, ended by the post-transplant relapse; then the CAR-T line', () => {
    expect(summary('S003')).toEqual([frontLine, { ...reInduction, consolidation: ['allogeneic HSCT'] }, carT('CD19', 'ongoing')]);
    expect(of('S003').lines[1]).toMatchObject({ start: '2016-05', end: '2018-07-20', consolidation: [{ start: '2016-09' }] });
  });

  it('S003 with every HSCT counted as its own line: four lines, the transplant line ended by the relapse', () => {
    const record = recordOf('seed000-S003', events.get('seed000-S003') ?? []);
    const { lines } = deriveLinesOfTherapy(record, { ...DEFAULT_LINE_RULES, hsct: 'own-line' });
    expect(lines.map((l) => [l.kind, l.outcome.reason])).toEqual([['chemotherapy', 'relapse'], ['chemotherapy', 'next-line'], ['hsct', 'relapse'], ['car-t', 'ongoing']]);
  });

  it.each(['S005', 'S008'])('%s: front-line chemotherapy, then the CAR-T line, ongoing', (subject) => {
    expect(summary(subject)).toEqual([frontLine, carT('CD19', 'ongoing')]);
  });

  it('S007: two chemotherapy lines, then the CAR-T line, ongoing', () => {
    expect(summary('S007')).toEqual([frontLine, reInduction, carT('CD19', 'ongoing')]);
  });

  it('gives each child one CAR-T line per infusion, nobody dead, everyone in remission at the end', () => {
    expect(derived.size).toBe(8);
    for (const { lines, currentState } of derived.values()) {
      const infusions = lines.flatMap((l) => l.regimens.filter((r) => r.modality === 'car-t'));
      expect(infusions.every((r) => r.courses === 1)).toBe(true);
      expect(lines.filter((l) => l.kind === 'car-t')).toHaveLength(infusions.length);
      expect(lines.some((l) => l.outcome.reason === 'death')).toBe(false);
      // Day +28 assessments name flow MRD as a method but record no value: MRD unknown.
      expect(currentState?.status).toBe('remission');
    }
  });

  it("ends every child's ongoing line at the last follow-up", () => {
    for (const [id, { lines }] of derived) {
      const lastContact = events.get(id)?.find((e) => e.type === 'LastContactRecorded');
      expect(lines.at(-1)?.outcome).toMatchObject({ reason: 'ongoing', eventId: lastContact?.metadata.eventId });
    }
  });
});
