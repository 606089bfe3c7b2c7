import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import type { z } from 'zod';
import { isValidPartialDate, type Analyte, type ANALYTE_UNITS, type EVENT_CATALOGUE, type EventType, type FactLine } from '@app/domain';

/**
 * Synthetic r/r B-ALL cohorts for benchmarks and load tests, shaped like the two seed papers:
 * chemotherapy lines, CAR-T with lymphodepletion, CRS/ICANS, cytokine and expansion labs by Day
 * offset, HSCT consolidation, relapse, a second CAR-T, death, and the odd correction or retraction.
 * Lines come in recording order and the course decider accepts every one of them.
 *
 * Everything derives from the options. Patient i draws from the cohort generator jumped i times,
 * so a smaller cohort is a prefix of a larger one; event ids hash the seed and the line number, so
 * re-importing a cohort generated with the same options is idempotent.
 */
export interface CohortOptions {
  readonly patients: number;
  readonly seed: number;
  /** YYYY-MM-DD, 1990 or later; default 2015-01-01. */
  readonly firstEnrolment?: string;
  /** YYYY-MM-DD; nothing is dated after it. Default 2025-12-31. */
  readonly today?: string;
}

type FactData<T extends EventType> = z.input<(typeof EVENT_CATALOGUE)[T]['schema']>;
type Lab = FactData<'LabMeasured'>;
type Intent = FactData<'ChemotherapyAdministered'>['intent'];
type Agent = NonNullable<FactData<'ChemotherapyAdministered'>['agents']>[number];
type Product = FactData<'CarTInfused'>['product'];
type Status = 'remission' | 'disease';
type Anchor = { readonly relativeTo: 'car-t-infusion' | 'hsct'; readonly day: number };
type Outcome = { readonly kind: 'relapse' | 'refractory' | 'dead' | 'ongoing'; readonly day: number };
interface Pending { readonly day: number; readonly line: FactLine; readonly status: Status | undefined }
interface Regimen { readonly name: string; readonly days: number; readonly agents: readonly Agent[] }
interface Centre { readonly id: string; readonly cytokineDays: readonly number[]; readonly extraCytokines: readonly ('IL-10' | 'TNF-alpha')[] }

// About 1-1.5% of lines end up as corrections or retractions, as in a real registry.
const LAB_SLIP = 0.012;
const LAB_DUPLICATE = 0.004;
const DAY_MS = 86_400_000;

const CENTRES: readonly Centre[] = [
  { id: 'SITE-01', cytokineDays: [0, 1, 3, 5, 7, 10, 14], extraCytokines: ['IL-10'] },
  { id: 'SITE-02', cytokineDays: [0, 3, 7, 14, 28], extraCytokines: [] },
  { id: 'SITE-03', cytokineDays: [0, 1, 2, 3, 5, 7, 10, 14], extraCytokines: [] },
  { id: 'SITE-04', cytokineDays: [0, 2, 4, 7, 11, 14], extraCytokines: ['IL-10', 'TNF-alpha'] },
];
const CAR_COPIES_DAYS = [0, 3, 7, 14, 28, 90, 180, 365];
const CAR_PERCENT_DAYS = [7, 14, 28];
const LYMPHOCYTE_DAYS = [0, 7, 14];
const FOLLOW_UP_DAYS = [60, 90, 180, 365, 730, 1095, 1460, 1825];
const COUNTED_FOLLOW_UPS = new Set([365]);
/** Chance of CRS grade 1..4 given CRS, of ICANS grade 1..4 given ICANS (seed 000, ELIANA). */
const CRS_GRADES = [35, 35, 20, 10];
const ICANS_GRADES = [45, 35, 15, 5];
const IL6_PEAK: readonly (readonly [number, number])[] = [[10, 80], [50, 500], [200, 3000], [1000, 20_000], [5000, 61_000]];

type EmSite = 'cns' | 'testis' | 'eye' | 'subcutaneous' | 'skin' | 'breast' | 'bone' | 'soft-tissue' | 'gut' | 'retroperitoneum';
type Confirmation = NonNullable<FactData<'RelapseRecorded'>['confirmedBy']>[number];
type ProcedureKind = FactData<'ProcedurePerformed'>['kind'];
const EM: Record<EmSite, { detail: string; confirmedBy: Confirmation; procedure: ProcedureKind; name: string }> = {
  cns: { detail: 'blasts in CSF (CNS3)', confirmedBy: 'lumbar-puncture', procedure: 'lumbar-puncture', name: 'diagnostic lumbar puncture' },
  testis: { detail: 'left testis', confirmedBy: 'biopsy', procedure: 'biopsy', name: 'testicular biopsy' },
  eye: { detail: 'left eye', confirmedBy: 'histopathology', procedure: 'surgery', name: 'left eye enucleation' },
  subcutaneous: { detail: 'subcutaneous nodule, chest wall', confirmedBy: 'biopsy', procedure: 'biopsy', name: 'excisional biopsy' },
  skin: { detail: 'cutaneous infiltrate', confirmedBy: 'biopsy', procedure: 'biopsy', name: 'skin punch biopsy' },
  breast: { detail: 'right breast mass', confirmedBy: 'biopsy', procedure: 'biopsy', name: 'core needle biopsy' },
  bone: { detail: 'lytic lesion, femur', confirmedBy: 'pet-ct', procedure: 'imaging', name: 'PET/CT' },
  'soft-tissue': { detail: 'paravertebral mass', confirmedBy: 'pet-ct', procedure: 'imaging', name: 'PET/CT' },
  gut: { detail: 'gastric wall', confirmedBy: 'biopsy', procedure: 'endoscopy', name: 'gastroscopy with biopsy' },
  retroperitoneum: { detail: 'right retroperitoneal mass', confirmedBy: 'pet-ct', procedure: 'imaging', name: 'PET/CT' },
};
// Repeats weight the draw: CNS and testis are the commonest extramedullary sites.
const EM_MALE: readonly EmSite[] = ['cns', 'cns', 'cns', 'cns', 'testis', 'testis', 'testis', 'subcutaneous', 'skin', 'eye', 'bone', 'soft-tissue', 'gut'];
const EM_FEMALE: readonly EmSite[] = ['cns', 'cns', 'cns', 'cns', 'subcutaneous', 'subcutaneous', 'skin', 'eye', 'breast', 'bone', 'soft-tissue', 'gut', 'retroperitoneum'];

const GENETICS = [
  { karyotype: ',t(1;19)(q23;p13)', fusionGenes: ['E2A-PBX1'] },
  { karyotype: ',t(12;21)(p13;q22)', fusionGenes: ['ETV6-RUNX1'] },
  { karyotype: ',t(9;22)(q34;q11)', fusionGenes: ['BCR-ABL1'] },
  { karyotype: ',t(4;11)(q21;q23)', fusionGenes: ['KMT2A-AFF1'] },
  { karyotype: '', fusionGenes: [] },
];
const MUTATIONS = ['SETD2', 'SUZ12', 'RUNX1', 'IKZF1', 'CRLF2', 'TP53', 'NRAS', 'KRAS', 'PAX5'];

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const agent = (drug: string, value: number, unit: 'mg/m2' | 'mg' | 'mg/kg', days?: number[]): Agent => ({ drug, dose: { value, unit }, days });
const regimen = (name: string, days: number, ...agents: Agent[]): Regimen => ({ name, days, agents });
const REGIMENS: Record<'childInduction' | 'adultInduction' | 'salvage' | 'consolidation' | 'maintenance' | 'bridging' | 'afterCarT', readonly Regimen[]> = {
  childInduction: [
    regimen('VDLP', 28, agent('vincristine', 1.5, 'mg/m2', [1, 8, 15, 22]), agent('daunorubicin', 30, 'mg/m2', [1, 8, 15, 22]), { drug: 'pegaspargase', days: [2, 16] }, agent('prednisone', 60, 'mg/m2')),
    regimen('VDLD', 28, agent('vincristine', 1.5, 'mg/m2', [1, 8, 15, 22]), agent('daunorubicin', 25, 'mg/m2', [1, 8]), { drug: 'pegaspargase', days: [4] }, agent('dexamethasone', 6, 'mg/m2')),
  ],
  adultInduction: [
    regimen('hyper-CVAD-A', 21, agent('cyclophosphamide', 300, 'mg/m2', [1, 2, 3]), agent('vindesine', 4, 'mg', [4, 11]), agent('epirubicin', 70, 'mg/m2', [4]), agent('dexamethasone', 40, 'mg', [1, 2, 3, 4, 11, 12, 13, 14])),
    regimen('venetoclax + prednisone', 28, agent('venetoclax', 400, 'mg', range(1, 28)), agent('prednisone', 60, 'mg/m2', range(1, 28))),
    regimen('VDCLP', 28, agent('vincristine', 1.4, 'mg/m2', [1, 8, 15, 22]), agent('daunorubicin', 45, 'mg/m2', [1, 2, 3]), agent('cyclophosphamide', 750, 'mg/m2', [1, 15]), agent('prednisone', 60, 'mg/m2')),
  ],
  salvage: [
    regimen('hyper-CVAD-B', 21, agent('methotrexate', 1000, 'mg/m2', [1]), agent('cytarabine', 3000, 'mg/m2', [2, 3])),
    regimen('FLAG-IDA', 5, agent('fludarabine', 30, 'mg/m2', range(1, 5)), agent('cytarabine', 2000, 'mg/m2', range(1, 5)), agent('idarubicin', 10, 'mg/m2', [1, 2, 3])),
    regimen('CAM', 7, agent('cyclophosphamide', 1000, 'mg/m2', [1]), agent('cytarabine', 75, 'mg/m2', [3, 4, 5, 6]), agent('mercaptopurine', 60, 'mg/m2', range(1, 7))),
    regimen('blinatumomab', 28, agent('blinatumomab', 0.028, 'mg', range(1, 28))),
    regimen('inotuzumab ozogamicin', 21, agent('inotuzumab ozogamicin', 0.8, 'mg/m2', [1]), agent('inotuzumab ozogamicin', 0.5, 'mg/m2', [8, 15])),
  ],
  consolidation: [regimen('HD-MTX', 3, agent('methotrexate', 5000, 'mg/m2', [1])), regimen('CAM', 7, agent('cyclophosphamide', 1000, 'mg/m2', [1]), agent('cytarabine', 75, 'mg/m2', [3, 4, 5, 6]))],
  maintenance: [regimen('6-MP + MTX', 28, agent('mercaptopurine', 50, 'mg/m2', range(1, 28)), agent('methotrexate', 20, 'mg/m2', [1, 8, 15, 22]))],
  bridging: [
    regimen('VP', 7, agent('vincristine', 1.5, 'mg/m2', [1]), agent('prednisone', 60, 'mg/m2', range(1, 7))),
    regimen('low-dose cytarabine', 7, agent('cytarabine', 10, 'mg/m2', range(1, 7))),
    regimen('dexamethasone', 5, agent('dexamethasone', 10, 'mg/m2', range(1, 5))),
  ],
  afterCarT: [
    regimen('blinatumomab', 28, agent('blinatumomab', 0.028, 'mg', range(1, 28))),
    regimen('inotuzumab ozogamicin', 21, agent('inotuzumab ozogamicin', 0.8, 'mg/m2', [1]), agent('inotuzumab ozogamicin', 0.5, 'mg/m2', [8, 15])),
    regimen('vincristine + dexamethasone', 7, agent('vincristine', 1.4, 'mg/m2', [1]), agent('dexamethasone', 10, 'mg', range(1, 5))),
  ],
};

function mix32(x: number): number {
  let h = x | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex16 = (x: number): string => `${HEX[(x >>> 8) & 255]}${HEX[x & 255]}`;
const hex32 = (x: number): string => hex16(x >>> 16) + hex16(x);

/** A v4-shaped UUID; its last 32 bits are a bijection of the line number, so ids never repeat within a cohort. */
function eventId(seedKey: number, line: number): string {
  const a = mix32(seedKey ^ mix32(line + 0x9e3779b9));
  const b = mix32(a ^ 0x7f4a7c15);
  const c = mix32(b ^ seedKey);
  return `${hex32(a)}-${hex16(b >>> 16)}-${hex16(0x4000 | (b & 0x0fff))}-${hex16(0x8000 | (c >>> 18))}-${hex16(c)}${hex32(mix32(line ^ seedKey))}`;
}

function dayNumber(iso: string, name: string): number {
  if (iso.length !== 10 || !isValidPartialDate(iso)) throw new RangeError(`${name} must be a date as YYYY-MM-DD, got "${iso}"`);
  return Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
}
// A cohort repeats the same few thousand dates; each is formatted once, in a table from 1900 to 2100.
const FIRST_DAY = -25_567;
const isoDates: string[] = new Array<string>(73_049).fill('');
function isoDate(day: number): string {
  const iso = isoDates[day - FIRST_DAY];
  if (iso) return iso;
  const formatted = new Date(day * DAY_MS).toISOString().slice(0, 10);
  if (day >= FIRST_DAY && day - FIRST_DAY < isoDates.length) isoDates[day - FIRST_DAY] = formatted;
  return formatted;
}
const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;
/** Doses and cell counts are reported to three significant digits (2.99e6/kg). */
const sig3 = (value: number): number => Number(value.toPrecision(3));
/** A biomarker that rises to its peak over a few days, then decays with the given half-life. */
function curve(day: number, peakDay: number, base: number, peak: number, halfLife: number): number {
  const shape = day <= peakDay ? Math.exp(-((peakDay - day) ** 2) / 2) : 0.5 ** ((day - peakDay) / halfLife);
  return base + (peak - base) * shape;
}

class Dice {
  constructor(private readonly rng: RandomGenerator) {}
  int(from: number, to: number): number {
    return uniformInt(this.rng, from, to);
  }
  real(from: number, to: number): number {
    return from + (to - from) * uniformFloat64(this.rng);
  }
  /** For quantities spread over orders of magnitude: doses, cytokines, CAR copies. */
  spread(from: number, to: number): number {
    return from * (to / from) ** uniformFloat64(this.rng);
  }
  chance(p: number): boolean {
    return uniformFloat64(this.rng) < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[uniformInt(this.rng, 0, items.length - 1)] as T;
  }
  /** Index drawn by relative weights. */
  weighted(weights: readonly number[]): number {
    let r = this.real(0, weights.reduce((a, b) => a + b, 0));
    for (let i = 0; i < weights.length; i++) if ((r -= weights[i] as number) < 0) return i;
    return weights.length - 1;
  }
}

/** One patient's record under construction: facts by clinical day, put in recording order at the end. */
class Course {
  readonly pending: Pending[] = [];
  em: EmSite[] = [];
  transplanted = false;
  gvhd = false;
  infusions = 0;

  constructor(
    readonly d: Dice,
    readonly patientId: string,
    readonly centre: Centre,
    readonly child: boolean,
    readonly male: boolean,
    readonly today: number,
    private readonly nextId: () => string,
  ) {}

  line<T extends EventType>(type: T, data: FactData<T>): FactLine {
    return { patientId: this.patientId, type, data, eventId: this.nextId() };
  }

  record<T extends EventType>(day: number, type: T, data: FactData<T>, status?: Status): string {
    const line = this.line(type, data);
    this.pending.push({ day, line, status });
    return line.eventId as string;
  }

  /** A slip as it was entered, and the whole right data in a correction recorded some days later. */
  slip<T extends EventType>(day: number, type: T, wrong: FactData<T>, right: FactData<T>, reason: string, fixedOn = day + this.d.int(1, 45)): void {
    const targetEventId = this.record(day, type, wrong);
    this.record(fixedOn, 'EventCorrected', { targetEventId, correctedData: right as Record<string, unknown>, reason });
  }

  /** End dates are only known once they have passed. */
  past(day: number): string | undefined {
    return day <= this.today ? isoDate(day) : undefined;
  }

  /** The Day offset a source would give; data keep one shape (absent fields undefined) so building and serialising stay fast. */
  offset(day: number, anchor: Anchor | undefined): { day: number; relativeTo: Anchor['relativeTo'] } | undefined {
    return anchor && { day: day - anchor.day, relativeTo: anchor.relativeTo };
  }

  lab<A extends Analyte>(day: number, anchor: Anchor | undefined, analyte: A, unit: (typeof ANALYTE_UNITS)[A][number], specimen: Lab['specimen'], value: number, qualifier?: '<'): void {
    const data: Lab = { occurredOn: isoDate(day), sourceDay: this.offset(day, anchor), analyte, specimen, value, unit, qualifier };
    const r = this.d.real(0, 1);
    if (r < LAB_SLIP && value > 0) {
      this.slip(day, 'LabMeasured', { ...data, value: round(value * 10, 2) }, data, 'decimal point misplaced in transcription; value checked against the lab report');
      return;
    }
    this.record(day, 'LabMeasured', data);
    if (r > 1 - LAB_DUPLICATE) {
      const targetEventId = this.record(day, 'LabMeasured', data);
      this.record(day + this.d.int(0, 14), 'EventRetracted', { targetEventId, reason: 'entered twice from the same lab report' });
    }
  }

  counts(day: number, anchor: Anchor | undefined): void {
    const { d } = this;
    this.lab(day, anchor, 'WBC', '10^9/L', 'PB', round(d.spread(0.8, 12), 2));
    this.lab(day, anchor, 'hemoglobin', 'g/L', 'PB', d.int(68, 142));
    this.lab(day, anchor, 'platelets', '10^9/L', 'PB', d.int(12, 320));
  }
}

function writeChemo(c: Course, day: number, regimen: Regimen, intent: Intent, course = 1): void {
  const right: FactData<'ChemotherapyAdministered'> = { occurredOn: isoDate(day), regimen: regimen.name, agents: [...regimen.agents], intent, course, endedOn: c.past(day + regimen.days - 1) };
  const [first, ...rest] = regimen.agents;
  if (first?.dose && c.d.chance(0.02)) {
    const wrong = { ...right, agents: [{ ...first, dose: { ...first.dose, value: first.dose.value * 10 } }, ...rest] };
    c.slip(day, 'ChemotherapyAdministered', wrong, right, `${first.drug} dose entered tenfold; corrected from the prescription`);
  } else c.record(day, 'ChemotherapyAdministered', right);
}

function writeResponse(c: Course, day: number, anchor: Anchor | undefined, remission: boolean, withCounts = true): void {
  const { d } = c;
  if (remission) {
    const mrd = d.chance(0.75) ? round(d.real(0, 0.0099), 4) : round(d.spread(0.01, 1.5), 3);
    const result = d.chance(0.85) ? 'CR' : 'CRi';
    c.record(day, 'ResponseAssessed', { occurredOn: isoDate(day), sourceDay: c.offset(day, anchor), method: ['morphology', 'flow-mrd'], result, mrd: { value: mrd, unit: '%' }, marrowBlasts: { value: round(d.real(0, 4.9), 1), unit: '%' } }, 'remission');
  } else {
    const blasts = round(d.real(8, 90), 1);
    const result = d.chance(0.8) ? 'NR' : 'PD';
    c.record(day, 'ResponseAssessed', { occurredOn: isoDate(day), sourceDay: c.offset(day, anchor), method: ['morphology', 'flow-mrd'], result, mrd: { value: round(blasts * d.real(0.6, 1), 2), unit: '%' }, marrowBlasts: { value: blasts, unit: '%' } }, 'disease');
  }
  if (withCounts) c.counts(day, anchor);
}

/** Extramedullary disease is judged on its own (imaging, CSF); only an overall response is a remission. */
function writeEmResponse(c: Course, day: number, anchor: Anchor, remission: boolean): void {
  if (c.em.length === 0) return;
  const cns = c.em.includes('cns');
  const result = remission ? 'CR' : c.d.pick(['PR', 'SD', 'PD'] as const);
  c.record(day, 'ResponseAssessed', { occurredOn: isoDate(day), sourceDay: c.offset(day, anchor), scope: cns ? 'cns' : 'extramedullary', method: cns ? ['lumbar-puncture'] : ['pet-ct'], sites: cns ? ['csf'] : c.em, result });
}

/** Relapse or progression: marrow and/or extramedullary sites, with the procedures that found them. */
function writeDisease(c: Course, day: number, type: 'RelapseRecorded' | 'DiseaseProgressed', cd19Negative: boolean, refractory = false): void {
  const { d } = c;
  const em = d.chance(0.3) ? [d.pick(c.male ? EM_MALE : EM_FEMALE)] : [];
  const isolated = em.length > 0 && d.chance(0.3);
  c.em = em;
  const sites: FactData<'RelapseRecorded'>['sites'] = [...(isolated ? [] : [{ site: 'bone-marrow' as const, blasts: { value: round(d.real(5, 95), 1), unit: '%' as const } }]), ...em.map((s) => ({ site: s, detail: EM[s].detail }))];
  const confirmedBy: Confirmation[] = [...(isolated ? [] : (['morphology', 'flow-cytometry'] as const)), ...em.map((s) => EM[s].confirmedBy)];
  const antigens = [{ antigen: 'CD19' as const, positive: !cd19Negative }, { antigen: 'CD22' as const, positive: d.chance(0.92) }];
  const data = { occurredOn: isoDate(day), sites, antigens, confirmedBy };
  if (type === 'RelapseRecorded') c.record(day, type, data, 'disease');
  else c.record(day, type, { ...data, refractory }, 'disease');
  if (!isolated) c.record(day, 'ProcedurePerformed', { occurredOn: isoDate(day), kind: 'bone-marrow-aspiration', site: 'bone-marrow' });
  c.lab(day, undefined, 'LDH', 'U/L', 'serum', d.int(180, 2500));
  for (const s of em) {
    c.record(day, 'ProcedurePerformed', { occurredOn: isoDate(day), kind: EM[s].procedure, name: EM[s].name, site: s === 'cns' ? 'csf' : s, finding: 'leukaemic infiltration' });
    if (s === 'cns') c.lab(day, undefined, 'CSF-protein', 'mg/L', 'CSF', d.int(450, 2400));
    if (s === 'eye') c.lab(day, undefined, 'intraocular-pressure', 'mmHg', 'tissue', d.int(24, 45));
    if (s === 'gut') c.lab(day, undefined, 'CEA', 'ng/mL', 'serum', round(d.real(5, 20), 1));
  }
}

function writeDiagnosis(c: Course, day: number): void {
  const { d } = c;
  const genetics = d.pick(GENETICS);
  c.record(day, 'DiagnosisRecorded', {
    occurredOn: d.chance(0.1) ? isoDate(day).slice(0, 7) : isoDate(day),
    disease: 'B-ALL',
    immunophenotype: ['CD19', ...(d.chance(0.9) ? ['CD22'] : []), 'CD10', 'cyCD79a', ...(d.chance(0.6) ? ['CD34'] : [])],
    cytogenetics: [`46,${c.male ? 'XY' : 'XX'}${genetics.karyotype}`],
    fusionGenes: genetics.fusionGenes,
    mutations: MUTATIONS.filter(() => d.chance(0.12)),
    marrowBlasts: { value: round(d.real(30, 98), 1), unit: '%' },
  }, 'disease');
  c.record(day, 'ProcedurePerformed', { occurredOn: isoDate(day), kind: 'bone-marrow-aspiration', site: 'bone-marrow' });
  c.lab(day, undefined, 'WBC', '10^9/L', 'PB', round(d.spread(1.5, 150), 1));
  c.lab(day, undefined, 'LDH', 'U/L', 'serum', d.int(250, 3000));
  const puncture = day + d.int(1, 5);
  c.record(puncture, 'ProcedurePerformed', { occurredOn: isoDate(puncture), kind: 'lumbar-puncture', site: 'csf', finding: 'no blasts (CNS1)' });
}

/** Allogeneic or haploidentical HSCT with what follows it, up to (not including) `end`. */
function writeHsct(c: Course, day: number, end: number): void {
  const { d } = c;
  const haplo = d.chance(0.5);
  const anchor: Anchor = { relativeTo: 'hsct', day };
  const within = (offset: number): boolean => day + offset < end;
  c.transplanted = true;
  c.record(day, 'HsctPerformed', {
    occurredOn: isoDate(day),
    hsctType: haplo ? 'haploidentical' : 'allogeneic',
    donor: haplo
      ? { relation: d.pick(c.child ? ['father', 'mother'] : ['daughter', 'son', 'sibling']), hlaMatch: d.pick(['5/10', '6/10', '7/10']) }
      : { relation: d.pick(['sibling', 'unrelated']), hlaMatch: d.pick(['10/10', '10/10', '9/10']) },
    graftSource: d.pick(['PBSC', 'PBSC', 'PBSC', 'BM'] as const),
    conditioning: d.chance(0.5) ? { intensity: 'MAC', agents: d.pick([['TBI', 'cyclophosphamide'], ['busulfan', 'cyclophosphamide']]) } : { intensity: 'RIC', agents: ['fludarabine', 'cyclophosphamide', 'ATG'] },
    cellDoses: [
      { cells: 'MNC', dose: { value: sig3(d.spread(5e8, 1.5e9)), unit: 'cells/kg' } },
      { cells: 'CD34+', dose: { value: sig3(d.spread(2e6, 1.5e7)), unit: 'cells/kg' } },
    ],
    gvhdProphylaxis: haplo ? ['ATG', 'cyclosporin A', 'methotrexate', 'mycophenolate mofetil'] : ['cyclosporin A', 'methotrexate'],
  });
  for (const [lineage, from, to] of [['neutrophil', 11, 21], ['platelet', 13, 30]] as const) {
    const offset = d.int(from, to);
    if (within(offset)) c.record(day + offset, 'EngraftmentRecorded', { occurredOn: isoDate(day + offset), sourceDay: c.offset(day + offset, anchor), lineage });
  }
  if (within(30)) {
    c.record(day + 30, 'ChimerismMeasured', { occurredOn: isoDate(day + 30), sourceDay: c.offset(day + 30, anchor), donorCells: { value: round(d.real(95, 100), 1), unit: '%' }, specimen: 'BM' });
    writeResponse(c, day + 30, anchor, true);
  }
  if (within(90)) c.record(day + 90, 'ChimerismMeasured', { occurredOn: isoDate(day + 90), sourceDay: c.offset(day + 90, anchor), donorCells: { value: round(d.real(90, 100), 1), unit: '%' }, specimen: 'PB' });
  const acute = d.int(14, 60);
  if (d.chance(0.35) && within(acute)) {
    c.gvhd = true;
    c.record(day + acute, 'GvhdDiagnosed', { occurredOn: isoDate(day + acute), sourceDay: c.offset(day + acute, anchor), form: 'acute', grade: ['I', 'II', 'III', 'IV'][d.weighted([40, 35, 18, 7])], organs: d.pick([['skin'], ['skin', 'gut'], ['liver'], ['gut']]) });
    c.record(day + acute, 'SupportiveTreatmentGiven', { occurredOn: isoDate(day + acute), sourceDay: c.offset(day + acute, anchor), drug: 'methylprednisolone', drugClass: 'corticosteroid', dose: { value: d.pick([1, 2]), unit: 'mg/kg' }, route: 'IV', indication: 'acute GVHD' });
  }
  const chronic = d.int(100, 365);
  if (d.chance(0.2) && within(chronic)) {
    c.gvhd = true;
    c.record(day + chronic, 'GvhdDiagnosed', { occurredOn: isoDate(day + chronic), sourceDay: c.offset(day + chronic, anchor), form: 'chronic', grade: d.pick(['mild', 'moderate', 'severe']), organs: d.pick([['skin'], ['skin', 'mouth'], ['eyes', 'mouth'], ['lung']]) });
    const rux = d.chance(0.4);
    c.record(day + chronic, 'SupportiveTreatmentGiven', {
      occurredOn: isoDate(day + chronic), sourceDay: c.offset(day + chronic, anchor),
      ...(rux ? { drug: 'ruxolitinib', drugClass: 'immunosuppressant', dose: { value: 10, unit: 'mg' } } : { drug: 'prednisone', drugClass: 'corticosteroid', dose: { value: 1, unit: 'mg/kg' } }),
      route: 'oral',
      indication: 'chronic GVHD',
    });
  }
  const cmv = d.int(20, 60);
  if (d.chance(0.3) && within(cmv)) {
    c.record(day + cmv, 'AdverseEventRecorded', { occurredOn: isoDate(day + cmv), sourceDay: c.offset(day + cmv, anchor), grading: 'CTCAE', term: 'CMV reactivation', grade: 2, ctcaeVersion: '5.0' });
    c.record(day + cmv, 'SupportiveTreatmentGiven', { occurredOn: isoDate(day + cmv), sourceDay: c.offset(day + cmv, anchor), drug: 'ganciclovir', drugClass: 'anti-infective', dose: { value: 5, unit: 'mg/kg' }, route: 'IV', indication: 'CMV reactivation' });
  }
}

/** CRS and ICANS (ASTCT) with their drugs, and the usual CTCAE events; returns the CRS (grade 0: none). */
function writeToxicity(c: Course, anchor: Anchor, end: number): { grade: number; onset: number } {
  const { d } = c;
  const inf = anchor.day;
  const within = (day: number): boolean => inf + day < end;
  const give = (day: number, drug: string, drugClass: FactData<'SupportiveTreatmentGiven'>['drugClass'], dose: FactData<'SupportiveTreatmentGiven'>['dose'], route: 'IV' | 'oral' | 'intrathecal', indication: string): void => {
    if (within(day)) c.record(inf + day, 'SupportiveTreatmentGiven', { occurredOn: isoDate(inf + day), sourceDay: c.offset(inf + day, anchor), drug, drugClass, dose, route, indication });
  };
  const event = (day: number, term: string, grade: number, lasts?: number): void => {
    if (within(day)) c.record(inf + day, 'AdverseEventRecorded', { occurredOn: isoDate(inf + day), sourceDay: c.offset(inf + day, anchor), grading: 'CTCAE', term, grade, ctcaeVersion: '5.0', resolvedOn: lasts === undefined ? undefined : c.past(inf + day + lasts) });
  };
  const crs = d.chance(c.infusions === 1 ? 0.8 : 0.65) ? 1 + d.weighted(CRS_GRADES) : 0;
  const onset = d.int(1, 7);
  if (crs > 0) {
    c.record(inf + onset, 'AdverseEventRecorded', { occurredOn: isoDate(inf + onset), sourceDay: c.offset(inf + onset, anchor), grading: 'ASTCT', term: 'CRS', grade: crs, resolvedOn: c.past(inf + onset + d.int(2, 3 + 3 * crs)) });
    if (d.chance(crs >= 2 ? 0.75 : 0.1)) {
      const toci = onset + d.int(0, 2);
      const dose = c.child ? { value: d.pick([8, 12]), unit: 'mg/kg' as const } : { value: d.pick([400, 480, 560, 640, 800]), unit: 'mg' as const };
      give(toci, 'tocilizumab', 'anti-IL-6', dose, 'IV', 'CRS');
      if (crs >= 3 && d.chance(0.5)) give(toci + 1, 'tocilizumab', 'anti-IL-6', dose, 'IV', 'CRS');
    }
    if (crs >= 3 && d.chance(0.7)) give(onset + d.int(1, 3), 'dexamethasone', 'corticosteroid', { value: 10, unit: 'mg' }, 'IV', 'CRS');
  }
  if (d.chance(c.em.includes('cns') ? 0.7 : 0.35)) {
    const grade = 1 + d.weighted(ICANS_GRADES);
    const onset = d.int(3, 10);
    c.record(inf + onset, 'AdverseEventRecorded', { occurredOn: isoDate(inf + onset), sourceDay: c.offset(inf + onset, anchor), grading: 'ASTCT', term: 'ICANS', grade, resolvedOn: c.past(inf + onset + d.int(2, 3 * grade + 2)) });
    // Seed 000's S004: intrathecal steroids alone when the CNS is involved.
    if (grade >= 2) give(onset, 'dexamethasone', 'corticosteroid', { value: c.em.includes('cns') ? 5 : 10, unit: 'mg' }, c.em.includes('cns') ? 'intrathecal' : 'IV', 'ICANS');
  }
  if (d.chance(0.4)) event(d.int(1, 10), 'febrile neutropenia', 3, d.int(2, 7));
  if (d.chance(0.08)) {
    const day = d.int(3, 20);
    event(day, 'sepsis', d.int(3, 4), d.int(5, 14));
    give(day, 'meropenem', 'anti-infective', { value: c.child ? 20 : 1000, unit: c.child ? 'mg/kg' : 'mg' }, 'IV', 'sepsis');
  }
  if (d.chance(0.25)) {
    const day = d.int(28, 45);
    event(day, 'platelet count decreased', d.int(3, 4));
    if (d.chance(0.5)) give(day + d.int(1, 14), 'eltrombopag', 'thrombopoietin-agonist', { value: 50, unit: 'mg' }, 'oral', 'thrombocytopenia');
  }
  if (d.chance(0.25)) {
    const day = d.int(30, 90);
    event(day, 'hypogammaglobulinemia', 2);
    give(day, 'immunoglobulin', 'other', { value: 400, unit: 'mg/kg' }, 'IV', 'hypogammaglobulinemia');
  }
  return { grade: crs, onset };
}

/** Cytokines by the centre's schedule, CAR-T expansion and persistence, lymphocyte recovery, CSF when the CNS is involved. */
function writeExpansionLabs(c: Course, anchor: Anchor, end: number, { grade: crs, onset }: { grade: number; onset: number }): void {
  const { d } = c;
  const inf = anchor.day;
  const within = (day: number): boolean => inf + day < end;
  const [low, high] = IL6_PEAK[crs] ?? [10, 80];
  // Cytokines peak with the fever of CRS; lymphocytes recover as IL-6 falls (seed 000, Fig. 2B).
  const peakDay = onset + 1;
  const il6 = { base: d.real(2, 15), peak: d.spread(low, high) };
  const ifn = { base: d.real(1, 10), peak: il6.peak * d.real(0.1, 1) };
  const ferritinBase = d.spread(200, 2500);
  const ferritinPeak = ferritinBase * (1 + crs * d.real(1, 5));
  const crpPeak = d.spread(20, 60) * (1 + crs);
  for (const day of c.centre.cytokineDays) {
    if (!within(day)) break;
    c.lab(inf + day, anchor, 'IL-6', 'pg/mL', 'serum', round(curve(day, peakDay, il6.base, il6.peak, 1.5), 2));
    c.lab(inf + day, anchor, 'IFN-gamma', 'pg/mL', 'serum', round(curve(day, peakDay, ifn.base, ifn.peak, 1.5), 2));
    c.lab(inf + day, anchor, 'ferritin', 'ng/mL', 'serum', round(curve(day, peakDay + 2, ferritinBase, ferritinPeak, 5), 1));
    c.lab(inf + day, anchor, 'CRP', 'mg/L', 'serum', round(curve(day, peakDay + 1, 3, crpPeak, 2), 1));
    for (const analyte of c.centre.extraCytokines) {
      const value = analyte === 'IL-10' ? curve(day, peakDay, 3, il6.peak * 0.05 + 5, 1.5) : curve(day, peakDay, 5, 8 + 10 * crs, 2);
      c.lab(inf + day, anchor, analyte, 'pg/mL', 'serum', round(value, 2));
    }
  }
  // Seed 000: expansion never peaks after Day 7; seed 001's donor-derived cells peaked on Day 14.
  const carPeakDay = d.pick([4, 5, 6, 7, 7, 7, 10, 14]);
  const copies = d.spread(5e3, 5e5);
  const percent = d.spread(2, 80);
  const lostOn = d.spread(30, 720);
  // Below the detection limit the lab reports "<limit", not a number.
  for (const day of CAR_COPIES_DAYS) {
    if (!within(day)) break;
    const value = day > lostOn ? 0 : Math.round(curve(day, carPeakDay, 0, copies, 10));
    c.lab(inf + day, anchor, 'CAR-copies', 'copies/ug DNA', 'PB', Math.max(value, 50), value < 50 ? '<' : undefined);
  }
  for (const day of CAR_PERCENT_DAYS) {
    const value = day > lostOn ? 0 : round(curve(day, carPeakDay, 0, percent, 12), 1);
    if (within(day)) c.lab(inf + day, anchor, 'CAR-T-percent', '%', 'PB', Math.max(value, 0.1), value < 0.1 ? '<' : undefined);
  }
  for (const day of LYMPHOCYTE_DAYS) {
    if (within(day)) c.lab(inf + day, anchor, 'lymphocytes', '10^9/L', 'PB', round(day <= peakDay ? d.real(0.02, 0.3) : d.real(0.5, 4), 2));
  }
  const csfDay = d.int(3, 7);
  if (c.em.includes('cns') && within(csfDay)) {
    c.lab(inf + csfDay, anchor, 'IL-6', 'pg/mL', 'CSF', round(curve(csfDay, peakDay, il6.base, il6.peak, 1.5) * d.real(5, 50), 2));
    const csfCopies = Math.round(curve(csfDay, carPeakDay, 0, copies, 10) * d.real(2, 15));
    c.lab(inf + csfDay, anchor, 'CAR-copies', 'copies/ug DNA', 'CSF', Math.max(csfCopies, 50), csfCopies < 50 ? '<' : undefined);
    c.lab(inf + csfDay, anchor, 'CSF-protein', 'mg/L', 'CSF', d.int(450, 2400));
  }
}

/** Lymphodepletion, infusion and what follows until relapse, refractoriness, death or the end of follow-up. */
function writeCarT(c: Course, start: number, product: Product): Outcome {
  const { d } = c;
  const n = ++c.infusions;
  const first = d.chance(0.7) ? -4 : -5;
  const [flu, cy] = [[first, first + 1, first + 2], [first, first + 1]];
  const inf = start - first;
  const anchor: Anchor = { relativeTo: 'car-t-infusion', day: inf };
  // Recorded with the infusion (nothing happens in between): a record that ends before Day 0 holds no planned infusion date after its end.
  c.record(inf, 'LymphodepletionGiven', {
    occurredOn: isoDate(start),
    agents: [
      { drug: 'fludarabine', dosePerDay: { value: d.pick(n === 1 ? [25, 30, 30, 40] : [30, 40, 50]), unit: 'mg/m2' }, days: flu },
      { drug: 'cyclophosphamide', dosePerDay: { value: d.pick([250, 300, 500, 500]), unit: 'mg/m2' }, days: cy },
    ],
    plannedInfusionOn: isoDate(inf),
  });
  const dose = sig3(d.spread(1e6, 1.5e7));
  const infusion: FactData<'CarTInfused'> = {
    occurredOn: isoDate(inf),
    product: { ...product, state: d.chance(0.85) ? 'fresh' : 'cryopreserved' },
    dose: { value: dose, unit: 'cells/kg' },
    transductionEfficiency: { value: round(d.real(20, 70), 1), unit: '%' },
    infusionNumber: n,
  };
  if (d.chance(0.05)) c.slip(inf, 'CarTInfused', { ...infusion, dose: { value: dose / 10, unit: 'cells/kg' } }, infusion, 'dose exponent mistyped; corrected from the infusion record');
  else c.record(inf, 'CarTInfused', infusion);

  const responseDay = inf + d.int(26, 32);
  const remission = d.chance(n === 1 ? 0.86 : 0.7);
  let outcome: Outcome = { kind: 'refractory', day: responseDay + d.int(0, 14) };
  let hsct: number | undefined;
  if (remission) {
    hsct = n === 1 && !c.transplanted && d.chance(c.child ? 0.25 : 0.4) ? inf + d.int(60, 120) : undefined;
    const relapse = d.chance(hsct ? 0.2 : 0.45) ? (hsct ?? inf) + Math.round(d.spread(60, 900)) : undefined;
    const death = d.chance(hsct ? 0.1 : 0.04) ? inf + d.int(45, 700) : undefined;
    // An ongoing remission runs past the last scheduled follow-up (Day +1825); the record's end cuts it.
    outcome = relapse !== undefined && (death === undefined || relapse < death) ? { kind: 'relapse', day: relapse } : death !== undefined ? { kind: 'dead', day: death } : { kind: 'ongoing', day: inf + 2000 };
    // A relapse or death before the planned transplant (and its Day +30 assessment) cancels it.
    if (hsct !== undefined && outcome.day < hsct + 45) hsct = undefined;
  }
  const crs = writeToxicity(c, anchor, outcome.day);
  writeExpansionLabs(c, anchor, outcome.day, crs);
  if (d.chance(0.5)) writeResponse(c, inf + 14, anchor, remission, false);
  writeResponse(c, responseDay, anchor, remission);
  writeEmResponse(c, responseDay + d.int(0, 5), anchor, remission);
  if (remission) {
    for (const day of FOLLOW_UP_DAYS) {
      if (inf + day >= outcome.day - 7) break;
      writeResponse(c, inf + day, anchor, true, COUNTED_FOLLOW_UPS.has(day));
    }
  }
  if (hsct !== undefined) writeHsct(c, hsct, outcome.day);
  if (outcome.kind === 'dead') c.record(outcome.day, 'DeathRecorded', { occurredOn: isoDate(outcome.day), cause: c.gvhd && d.chance(0.5) ? 'gvhd' : d.pick(['infection', 'infection', 'treatment-related', 'other', 'unknown'] as const) });
  return outcome;
}

/** After the last CAR-T fails: salvage or palliative chemotherapy, rarely a remission, mostly death from disease. */
function writeSalvage(c: Course, from: number): void {
  const { d } = c;
  const start = from + d.int(7, 30);
  writeChemo(c, start, d.pick(REGIMENS.afterCarT), d.chance(0.7) ? 'salvage' : 'palliative');
  const responseDay = start + d.int(28, 35);
  const remission = d.chance(0.25);
  writeResponse(c, responseDay, undefined, remission);
  let last = responseDay;
  if (!remission && d.chance(0.5)) writeDisease(c, (last += d.int(14, 60)), 'DiseaseProgressed', d.chance(0.3));
  if (d.chance(remission ? 0.2 : 0.8)) {
    const day = last + d.int(14, 240);
    c.record(day, 'DeathRecorded', { occurredOn: isoDate(day), cause: 'disease', causeDetail: 'progressive leukaemia' });
  }
}

/** From enrolment: bridging, CAR-T, and a second CAR-T for some who relapse or do not respond. */
function writeTreatment(c: Course, enrolled: number): void {
  const { d } = c;
  let start = enrolled + d.int(7, 30);
  if (d.chance(0.4)) {
    writeChemo(c, start, d.pick(REGIMENS.bridging), 'bridging');
    start += d.int(10, 21);
  }
  let product: Product = { target: d.pick(['CD19', 'CD19', 'CD19', 'CD19', 'CD19', 'CD19/CD22', 'CD22'] as const), source: c.transplanted && d.chance(0.3) ? 'donor-derived' : 'autologous' };
  for (;;) {
    const outcome = writeCarT(c, start, product);
    if (outcome.kind === 'dead' || outcome.kind === 'ongoing') return;
    // Relapse needs the remission before it; without one new disease is progression.
    const cd19Negative = product.target !== 'CD22' && d.chance(0.25);
    if (outcome.kind === 'relapse') writeDisease(c, outcome.day, 'RelapseRecorded', cd19Negative);
    else writeDisease(c, outcome.day, 'DiseaseProgressed', cd19Negative, true);
    if (c.infusions >= 2 || !d.chance(outcome.kind === 'relapse' ? 0.55 : 0.3)) return writeSalvage(c, outcome.day);
    start = outcome.day + d.int(30, 75);
    product = { target: cd19Negative ? d.pick(['CD22', 'CD19/CD22'] as const) : d.pick(['CD19/CD22', 'CD19/CD22', 'CD19'] as const), source: c.transplanted && d.chance(0.6) ? 'donor-derived' : 'autologous' };
  }
}

/** Lines of chemotherapy before referral, in days from diagnosis; the last ends in relapse or refractory disease. */
function planHistory(d: Dice): { lines: { start: number; responseDay: number; remission: boolean; end: number }[]; enrolment: number } {
  const lines = [];
  let t = 0;
  for (let k = 0, count = d.pick([1, 1, 1, 2, 2, 3]); k < count; k++) {
    const start = t + d.int(3, 14);
    const responseDay = start + d.int(28, 35);
    const remission = d.chance(k === 0 ? 0.8 : 0.5);
    const end = responseDay + (remission ? Math.round(d.spread(60, k === 0 ? 1200 : 400)) : d.int(7, 28));
    lines.push({ start, responseDay, remission, end });
    t = end;
  }
  return { lines, enrolment: t + d.int(7, 45) };
}

function writeHistory(c: Course, diagnosed: number, plan: ReturnType<typeof planHistory>): void {
  const { d } = c;
  writeDiagnosis(c, diagnosed);
  plan.lines.forEach((line, k) => {
    const [start, responseDay, end] = [diagnosed + line.start, diagnosed + line.responseDay, diagnosed + line.end];
    const regimen = k === 0 ? d.pick(c.child ? REGIMENS.childInduction : REGIMENS.adultInduction) : d.pick(REGIMENS.salvage);
    writeChemo(c, start, regimen, k === 0 ? 'induction' : k === 1 ? 're-induction' : 'salvage');
    writeResponse(c, responseDay, undefined, line.remission);
    if (line.remission) {
      // A planned repeat of the same regimen is the same line (course 2), then consolidation, HSCT or maintenance.
      let t = responseDay + d.int(5, 14);
      if (t < end - 30 && d.chance(0.5)) writeChemo(c, t, regimen, k === 0 ? 'induction' : 're-induction', 2);
      t += d.int(21, 35);
      if (t < end - 30) writeChemo(c, t, d.pick(REGIMENS.consolidation), 'consolidation');
      t += d.int(30, 60);
      if (!c.transplanted && k > 0 && t + 90 < end && d.chance(0.5)) writeHsct(c, t, end);
      else if (t < end - 60) writeChemo(c, t, REGIMENS.maintenance[0] as Regimen, 'maintenance');
      writeDisease(c, end, 'RelapseRecorded', false);
    } else if (d.chance(0.5)) writeDisease(c, end, 'DiseaseProgressed', false, true);
  });
}

function* writePatient(d: Dice, index: number, study: { seed: number; seedKey: number; firstEnrolment: number; today: number }, nextId: () => string): Generator<FactLine> {
  const child = d.chance(0.6);
  const male = d.chance(0.6);
  const centre = d.pick(CENTRES);
  const c = new Course(d, `SYN-${study.seed}-${String(index + 1).padStart(6, '0')}`, centre, child, male, study.today, nextId);
  const plan = planHistory(d);
  const enrolled = study.firstEnrolment + d.int(0, Math.max(0, study.today - 30 - study.firstEnrolment));
  const diagnosed = enrolled - plan.enrolment;
  const ageAtDiagnosis = child ? d.real(1.5, 17.5) : d.real(18, 75);
  const enrolment: FactData<'PatientEnrolled'> = {
    occurredOn: isoDate(enrolled),
    studyId: `SYN-${study.seed}`,
    siteId: centre.id,
    subjectId: `${centre.id}-${hex32(mix32((index + 0x632be5ab) ^ study.seedKey)).toUpperCase()}`,
    sex: male ? 'male' : 'female',
    // Ages, not a birth date: a birth date is a direct identifier, recorded only sealed.
    ageAtDiagnosisYears: round(ageAtDiagnosis, 1),
    ageAtEnrolmentYears: round(ageAtDiagnosis + (enrolled - diagnosed) / 365.25, 1),
  };
  // The enrolment opens the stream whatever its date: it sorts first.
  if (d.chance(0.01)) c.slip(-Infinity, 'PatientEnrolled', { ...enrolment, sex: male ? 'female' : 'male' }, enrolment, 'sex transcribed wrongly at registration', enrolled + d.int(1, 60));
  else c.record(-Infinity, 'PatientEnrolled', enrolment);
  writeHistory(c, diagnosed, plan);
  writeTreatment(c, enrolled);

  const lostOn = d.chance(0.15) ? enrolled + d.int(120, 1500) : Infinity;
  const cut = Math.min(study.today, lostOn);
  c.pending.sort((a, b) => a.day - b.day);
  let last = enrolled;
  let status: Status | undefined;
  for (const { day, line, status: s } of c.pending) {
    if (day > cut) break;
    yield line;
    if (line.type === 'DeathRecorded') return;
    last = Math.max(last, day);
    status = s ?? status;
  }
  const contact = Math.max(last, cut - (cut === study.today ? d.int(0, 60) : 0));
  const known = d.chance(0.95);
  yield c.line('LastContactRecorded', { occurredOn: isoDate(contact), status: !known ? 'alive-disease-unknown' : status === 'remission' ? 'alive-without-disease' : 'alive-with-disease' });
}

export function* generateCohort(options: CohortOptions): Generator<FactLine> {
  const { patients, seed } = options;
  if (!Number.isSafeInteger(patients) || patients < 0) throw new RangeError(`patients must be a whole number, got ${patients}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const firstEnrolment = dayNumber(options.firstEnrolment ?? '2015-01-01', 'firstEnrolment');
  const today = dayNumber(options.today ?? '2025-12-31', 'today');
  // Diagnosis and birth dates reach back up to ~85 years before enrolment; the record starts at 1900.
  if (firstEnrolment < dayNumber('1990-01-01', 'firstEnrolment') || firstEnrolment > today) throw new RangeError('firstEnrolment must be from 1990 and not after today');
  const seedKey = mix32(seed ^ mix32(Math.floor(seed / 2 ** 32)));
  const cohort = xoroshiro128plus(seedKey);
  const study = { seed, seedKey, firstEnrolment, today };
  let line = 0;
  const nextId = (): string => eventId(seedKey, line++);
  for (let i = 0; i < patients; i++) {
    cohort.jump();
    yield* writePatient(new Dice(cohort.clone()), i, study, nextId);
  }
}
