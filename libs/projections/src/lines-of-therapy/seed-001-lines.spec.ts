import { fixtureEvents } from '../../../../test/support/fixture-events.js';
import { recordOf } from '../course-record.js';
import { deriveLinesOfTherapy } from './derive-lines.js';
import { DEFAULT_LINE_RULES } from './line-rules.js';

/** Seed 001 (Kong et al. 2022): the four lines DOMAIN.md expects, fact by fact. */
const PATIENT = 'seed001-P01';
const record = recordOf(PATIENT, fixtureEvents('seed-001.ndjson').get(PATIENT) ?? []);
const { lines, currentState, rulesApplied } = deriveLinesOfTherapy(record);
const idOf = (prefix: string): string => record.facts.find((f) => f.eventId.startsWith(prefix))?.eventId ?? `no fact ${prefix}`;
const line = (n: number) => lines[n - 1];

describe('seed 001 lines of therapy', () => {
  it('gives exactly four lines, under the default rules', () => {
    expect(lines.map((l) => [l.number, l.kind])).toEqual([[1, 'chemotherapy'], [2, 'chemotherapy'], [3, 'car-t'], [4, 'car-t']]);
    expect(rulesApplied).toEqual(DEFAULT_LINE_RULES);
  });

  it('line 1: venetoclax + prednisone induction, refractory at the August 2020 assessment', () => {
    expect(line(1)).toMatchObject({
      regimens: [{ name: 'venetoclax + prednisone', modality: 'chemotherapy', courses: 1, intents: ['induction'], eventIds: [idOf('264a6f68')] }],
      intents: ['induction'],
      start: '2020-07',
      end: '2020-08',
      bestResponse: { result: 'NR', eventId: idOf('d3700428') },
      outcome: { reason: 'refractory', on: '2020-08', eventId: idOf('d3700428') },
      eventIds: [idOf('264a6f68'), idOf('d3700428')],
    });
  });

  it('line 2: hyper-CVAD-A x2, best response CR with MRD 0.011% (MRD-positive), ended by the October 2020 relapse', () => {
    expect(line(2)).toMatchObject({
      regimens: [{ name: 'hyper-CVAD-A', courses: 2, intents: ['re-induction', 'consolidation'], eventIds: [idOf('90c089f1'), idOf('567f8652')] }],
      start: '2020-08',
      end: '2020-10',
      consolidation: [],
      bestResponse: { result: 'CR', on: '2020-09', eventId: idOf('09b08a65'), mrd: 0.011, mrdNegative: false },
      outcome: { reason: 'relapse', on: '2020-10', eventId: idOf('5a51bb4e') },
    });
  });

  it('line 3: lymphodepletion and autologous CD19 CAR-T, the haploidentical HSCT as consolidation, CR MRD-negative, ended by the eye relapse', () => {
    expect(line(3)?.regimens.map((r) => [r.modality, r.name, r.courses])).toEqual([
      ['lymphodepletion', 'lymphodepletion (cyclophosphamide + fludarabine)', 1],
      ['car-t', 'autologous CD19 CAR-T', 1],
    ]);
    expect(line(3)).toMatchObject({
      start: '2020-10',
      end: '2021-04',
      consolidation: [{ name: 'haploidentical HSCT', modality: 'hsct', start: '2021-02', eventIds: [idOf('50abc023')] }],
      bestResponse: { result: 'CR', on: '2020-11', eventId: idOf('635d5e8e'), mrd: 0, mrdNegative: true },
      outcome: { reason: 'relapse', on: '2021-04', eventId: idOf('6e5fc444') },
    });
    expect(line(3)?.eventIds).toEqual(expect.arrayContaining([idOf('24f3ae91'), idOf('adbd8c3b'), idOf('50abc023')]));
  });

  it('line 4: donor-derived CD19 CAR-T, CR, ongoing at the last follow-up on 2022-03-06', () => {
    expect(line(4)?.regimens.map((r) => [r.modality, r.name])).toEqual([
      ['lymphodepletion', 'lymphodepletion (cyclophosphamide + fludarabine)'],
      ['car-t', 'donor-derived CD19 CAR-T'],
    ]);
    expect(line(4)).toMatchObject({
      start: '2021-09-29',
      bestResponse: { result: 'CR', on: '2022-01', eventId: idOf('6bf3c7d6') },
      outcome: { reason: 'ongoing', on: '2022-03-06', eventId: idOf('0393ea54') },
    });
    expect(line(4)?.end).toBeUndefined();
    // The last overall assessment records no MRD value, so the line's MRD is unknown.
    expect(line(4)?.bestResponse?.mrdNegative).toBeUndefined();
  });

  it('opens no line for the progression, the GVHD prednisone, eltrombopag or the enucleation', () => {
    const inLines = new Set(lines.flatMap((l) => l.eventIds));
    for (const prefix of ['519d9788', 'ae997a21', '23a46fe1', 'ccd2fc5c', '1f7e8b76', '0519a860']) expect(inLines.has(idOf(prefix))).toBe(false);
    expect(lines.map((l) => l.start)).toEqual(['2020-07', '2020-08', '2020-10', '2021-09-29']);
  });

  it('leaves the patient in remission (MRD unknown) as of the January 2022 overall assessment', () => {
    expect(currentState).toEqual({ status: 'remission', on: '2022-01', eventId: idOf('6bf3c7d6') });
  });
});
