import { z } from 'zod';
import { type Unit } from '../values/quantity.js';
import { Specimen } from '../values/vocabulary.js';
import { clinicalFact } from './clinical-fact.js';
import { defineEvent } from './define-event.js';

/** Each analyte is reported in one unit (or a few); anything else is a transcription error. */
export const ANALYTE_UNITS = {
  'IL-6': ['pg/mL'],
  'IL-10': ['pg/mL'],
  'IFN-gamma': ['pg/mL'],
  'TNF-alpha': ['pg/mL'],
  ferritin: ['ng/mL'],
  CRP: ['mg/L'],
  CEA: ['ng/mL'],
  'CAR-copies': ['copies/ug DNA'],
  'CAR-T-percent': ['%'],
  WBC: ['10^9/L'],
  lymphocytes: ['10^9/L', 'cells/uL'],
  hemoglobin: ['g/L'],
  platelets: ['10^9/L'],
  'CSF-protein': ['mg/L', 'g/L'],
  LDH: ['U/L'],
  'intraocular-pressure': ['mmHg'],
} as const satisfies Record<string, readonly Unit[]>;
export type Analyte = keyof typeof ANALYTE_UNITS;
const ANALYTES = Object.keys(ANALYTE_UNITS) as [Analyte, ...Analyte[]];

export const LabMeasuredData = clinicalFact({
  analyte: z.enum(ANALYTES),
  specimen: Specimen,
  value: z.number().finite().nonnegative(),
  unit: z.string().describe('Must be the unit of the analyte: ' + ANALYTES.map((a) => `${a} in ${ANALYTE_UNITS[a].join(' or ')}`).join('; ')),
  qualifier: z.enum(['=', '<', '>']).default('=').describe('"<" for below the detection limit'),
}).superRefine((lab, ctx) => {
  const allowed: readonly string[] = ANALYTE_UNITS[lab.analyte];
  if (!allowed.includes(lab.unit)) {
    ctx.addIssue({ code: 'custom', path: ['unit'], message: `${lab.analyte} is measured in ${allowed.join(' or ')}, not "${lab.unit}"` });
  }
});
export type LabMeasuredData = z.infer<typeof LabMeasuredData>;

export const LabMeasured = defineEvent({
  type: 'LabMeasured',
  version: 1,
  schema: LabMeasuredData,
  clinical: true,
  description: 'A laboratory or biomarker measurement (cytokines, CAR-T expansion, blood counts).',
});
