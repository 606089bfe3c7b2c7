import fc from 'fast-check';
import { referenceTimeToEvent } from '../testing/reference-time-to-event.js';
import { deriveTimeToEvent, timesToEvent } from './derive-time-to-event.js';
import { EFS, EFS_CENSORED_AT_HSCT, OS, RFS } from './endpoint-catalogue.js';
import type { CensorSource, DateImputation, EndpointDefinition, EventSource, OriginSource } from './endpoint-definition.js';
import { deathEvent, diagnosisOrigin, firstInfusionOrigin, hsctCensor, hsctEvent, lastContactCensor, newTherapyCensor, progressionEvent, relapseEvent } from './source-catalogue.js';
import { censorSource, eventSource, originSource } from './sources.js';
import type { SurvivalFact, SurvivalSubject } from './survival-fact.js';

/**
 * The engine derives in one pass per source, with facts placed once per subject for all endpoints;
 * the reference filters, imputes and sorts the plain way. On random subjects (partial dates, ties,
 * retractions, facts without a valid date) and random endpoints, both give the same results, key
 * order included (rows are serialised as they are).
 */
const TYPES = ['CarTInfused', 'RelapseRecorded', 'HsctPerformed', 'DeathRecorded', 'LastContactRecorded', 'ChemotherapyAdministered', 'DiagnosisRecorded', 'DiseaseProgressed', 'LabMeasured'];

const partialDate = fc.oneof(
  fc.tuple(fc.integer({ min: 2019, max: 2021 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.tuple(fc.integer({ min: 2019, max: 2021 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
  fc.integer({ min: 2019, max: 2021 }).map(String),
);
const occurredOn = fc.oneof({ weight: 12, arbitrary: partialDate }, { weight: 1, arbitrary: fc.constantFrom(undefined, '2020-1', 'soon') });

const fact = fc.record({
  type: fc.constantFrom(...TYPES),
  occurredOn,
  site: fc.constantFrom('cns', 'marrow', 'testis'),
  retracted: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  // Mostly the stream order; now and then a tie, which only hand-made subjects can have.
  revisionTie: fc.integer({ min: 0, max: 9 }),
});

const subject = fc.array(fact, { maxLength: 12 }).map((lines): SurvivalSubject => ({
  studyId: 'ST',
  usubjid: 'P1',
  facts: lines.map(({ type, occurredOn, site, retracted, revisionTie }, i): SurvivalFact => ({
    eventId: `e${i}`,
    type,
    ...(occurredOn !== undefined && { occurredOn }),
    data: { sites: [{ site }] },
    position: 100 + i,
    revision: revisionTie === 0 && i > 0 ? i - 1 : i,
    ...(retracted && { retracted: true }),
  })),
}));

const cnsRelapse = eventSource({ name: 'cns_relapse', select: { type: 'RelapseRecorded', where: [{ path: 'sites.site', equals: 'cns' }] }, evntdesc: 'CNS RELAPSE' });
const anyTimeDeath = eventSource({ name: 'any_death', select: { type: ['DeathRecorded', 'DiseaseProgressed'], window: 'any-time', which: 'last' }, evntdesc: 'DEATH' });
const firstContact = censorSource({ name: 'first_contact', select: { type: 'LastContactRecorded', which: 'first' }, cnsdtdsc: 'FIRST CONTACT', cnsr: 5 });
const anyTimeLab = censorSource({ name: 'lab', select: { type: 'LabMeasured', window: 'any-time' }, cnsdtdsc: 'LAB', evntdesc: 'LABORATORY' });
const lastInfusion = originSource({ name: 'last_infusion', select: { type: 'CarTInfused', which: 'last' } });

const EVENTS: readonly EventSource[] = [relapseEvent, hsctEvent, deathEvent, progressionEvent, cnsRelapse, anyTimeDeath];
const CENSORS: readonly CensorSource[] = [lastContactCensor, hsctCensor, newTherapyCensor, firstContact, anyTimeLab];
const ORIGINS: readonly (OriginSource | undefined)[] = [undefined, firstInfusionOrigin, diagnosisOrigin, lastInfusion];
// An undefined rule is what `{ ...EFS, imputation: { event: undefined } }` gives: imputed as 'last' (imputeDate's fall-through).
const rule = fc.constantFrom<DateImputation | undefined>('first', 'middle', 'last', undefined);

const endpoint = fc
  .record({
    origin: fc.constantFrom(...ORIGINS),
    events: fc.subarray([...EVENTS]).chain((e) => fc.shuffledSubarray(e, { minLength: e.length, maxLength: e.length })),
    censors: fc.subarray([...CENSORS]).chain((c) => fc.shuffledSubarray(c, { minLength: c.length, maxLength: c.length })),
    imputation: fc.record({ origin: rule, event: rule, censor: rule }, { requiredKeys: [] }),
    addOneDay: fc.boolean(),
    cutoffCensor: fc.option(fc.constant({ cnsr: 9, cnsdtdsc: 'DCO' }), { nil: undefined }),
  })
  .map(({ origin, cutoffCensor, ...rest }): EndpointDefinition => ({
    paramcd: 'RAND',
    param: 'random endpoint',
    ...(origin !== undefined && { origin }),
    ...(cutoffCensor !== undefined && { cutoffCensor }),
    ...rest,
  }));

const cutoff = fc.option(
  fc.tuple(fc.integer({ min: 2019, max: 2021 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  { nil: undefined },
);

const same = (actual: unknown, expected: unknown): void => {
  expect(actual).toStrictEqual(expected);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
};

describe('the single-pass derivation against the plain one', () => {
  it('1. one endpoint at a time: the same row or the same exclusion', () => {
    fc.assert(
      fc.property(subject, endpoint, cutoff, (s, e, c) => {
        const options = c === undefined ? {} : { cutoff: c };
        same(deriveTimeToEvent(s, e, options), referenceTimeToEvent(s, e, options));
      }),
      { numRuns: 3000 },
    );
  });

  it('2. several endpoints per subject, the facts placed once for all: each result as if derived alone', () => {
    fc.assert(
      fc.property(fc.array(subject, { maxLength: 5 }), fc.array(endpoint, { maxLength: 3 }), cutoff, (subjects, random, c) => {
        const endpoints = [EFS, OS, EFS_CENSORED_AT_HSCT, RFS, ...random];
        const options = c === undefined ? {} : { cutoff: c };
        const derive = timesToEvent(endpoints, options);
        for (const s of subjects) same(derive(s), endpoints.map((e) => referenceTimeToEvent(s, e, options)));
      }),
      { numRuns: 500 },
    );
  });
});
