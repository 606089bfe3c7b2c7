import { DomainError } from '../errors.js';
import type { PatientEventBody } from '../events/catalogue.js';
import { REMISSION_RESULTS, type ResponseResult } from '../values/vocabulary.js';
import { certainlyAfter, compareClinicalDates, dateRange, earliestDayOf, type PartialDate } from '../values/partial-date.js';
import { standingFacts, type CourseFact, type CourseState } from './state.js';

/** The dates a fact may carry that cannot lie in the future (a planned infusion may). */
const DATED_FIELDS = ['occurredOn', 'endedOn', 'resolvedOn'] as const;

/** Rules every clinical fact obeys, whatever its type. */
export function checkClinicalDates(state: CourseState, fact: PatientEventBody, now: string, prefix = 'data'): void {
  const data = fact.data as Record<string, unknown>;
  const today = now.slice(0, 10);
  for (const field of DATED_FIELDS) {
    const value = data[field];
    if (typeof value === 'string' && earliestDayOf(value) > today) {
      throw DomainError.validation('FUTURE_DATE', [{ field: `${prefix}.${field}`, message: `${value} is in the future (today is ${today})` }]);
    }
  }
  const occurredOn = data['occurredOn'] as PartialDate | undefined;
  if (!occurredOn) return;
  const death = standingFacts(state, 'DeathRecorded')[0];
  if (death?.occurredOn && fact.type !== 'DeathRecorded' && certainlyAfter(occurredOn, death.occurredOn)) {
    throw DomainError.illegal('FACT_AFTER_DEATH', `${fact.type} on ${occurredOn} is after the patient's death on ${death.occurredOn}`, `${prefix}.occurredOn`, death.eventId);
  }
}

/** Rules that belong to one kind of fact. */
export function checkFactRules(state: CourseState, fact: PatientEventBody, correcting?: string): void {
  const others = (s: CourseState) => ({ ...s, facts: new Map([...s.facts].filter(([id]) => id !== correcting)) });
  const st = correcting ? others(state) : state;
  switch (fact.type) {
    case 'DeathRecorded': {
      const earlier = standingFacts(st, 'DeathRecorded')[0];
      if (earlier) throw DomainError.illegal('ALREADY_DEAD', `A death is already recorded on ${earlier.occurredOn}; correct that event instead`, 'type', earlier.eventId);
      const later = standingFacts(st).find((f) => f.occurredOn && f.type !== 'PatientEnrolled' && certainlyAfter(f.occurredOn, fact.data.occurredOn));
      if (later) throw DomainError.illegal('DEATH_BEFORE_RECORDED_FACTS', `Death on ${fact.data.occurredOn} is before ${later.type} recorded on ${later.occurredOn}`, 'data.occurredOn', later.eventId);
      return;
    }
    case 'CarTInfused': {
      const diagnosis = standingFacts(st, 'DiagnosisRecorded').find((d) => d.occurredOn && !certainlyAfter(d.occurredOn, fact.data.occurredOn));
      if (!diagnosis) throw DomainError.illegal('INFUSION_WITHOUT_DIAGNOSIS', 'A CAR-T infusion needs a diagnosis recorded on or before its date; record DiagnosisRecorded first', 'data.occurredOn');
      const ld = standingFacts(st, 'LymphodepletionGiven').find((l) => l.data['plannedInfusionOn'] === fact.data.occurredOn && !(dateRange(l.occurredOn as string).earliest < dateRange(fact.data.occurredOn).latest));
      if (ld) throw DomainError.illegal('LYMPHODEPLETION_NOT_BEFORE_INFUSION', `Lymphodepletion on ${ld.occurredOn} is not before the infusion on ${fact.data.occurredOn}`, 'data.occurredOn', ld.eventId);
      return;
    }
    case 'LymphodepletionGiven': {
      const planned = fact.data.plannedInfusionOn;
      if (planned && !(dateRange(fact.data.occurredOn).earliest < dateRange(planned).latest)) {
        throw DomainError.illegal('LYMPHODEPLETION_NOT_BEFORE_INFUSION', `Lymphodepletion on ${fact.data.occurredOn} must start before the infusion on ${planned}`, 'data.occurredOn');
      }
      return;
    }
    case 'RelapseRecorded':
      return checkRelapseFollowsRemission(st, fact.data.occurredOn);
    default:
      return;
  }
}

const STATUS_TYPES = ['DiagnosisRecorded', 'RelapseRecorded', 'DiseaseProgressed', 'ResponseAssessed'] as const;

const isStatusFact = (f: CourseFact): boolean => f.type !== 'ResponseAssessed' || f.data['scope'] === 'overall';

function describe(f: CourseFact): string {
  if (f.type === 'ResponseAssessed') return `response ${String(f.data['result'])} on ${f.occurredOn}`;
  const word = { DiagnosisRecorded: 'diagnosis', RelapseRecorded: 'relapse', DiseaseProgressed: 'progression' }[f.type as string] ?? f.type;
  return `${word} on ${f.occurredOn}`;
}

/** A relapse is disease returning after remission; new disease without one is progression or refractoriness. */
function checkRelapseFollowsRemission(state: CourseState, on: PartialDate): void {
  const before = standingFacts(state, ...STATUS_TYPES)
    .filter((f) => f.occurredOn && isStatusFact(f) && compareClinicalDates(f.occurredOn, on) <= 0)
    .sort((a, b) => compareClinicalDates(a.occurredOn as string, b.occurredOn as string) || a.seq - b.seq);
  const last = before.at(-1);
  if (last?.type === 'ResponseAssessed' && REMISSION_RESULTS.includes(last.data['result'] as ResponseResult)) return;
  const what = last ? `the last disease status before ${on} is ${describe(last)}` : `no remission is recorded before ${on}`;
  throw DomainError.illegal(
    'RELAPSE_WITHOUT_REMISSION',
    `A relapse needs a prior remission, but ${what}. Without a remission in between this is refractory or progressive disease: record DiseaseProgressed (or a ResponseAssessed of NR/PD) instead, or record the remission first`,
    'type',
    last?.eventId,
  );
}
