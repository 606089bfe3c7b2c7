import { z } from 'zod';

/** Clinical vocabularies, in the words of the source papers and DOMAIN.md. */
export const Site = z
  .enum([
    'bone-marrow',
    'cns',
    'csf',
    'testis',
    'eye',
    'skin',
    'subcutaneous',
    'gut',
    'bone',
    'breast',
    'soft-tissue',
    'retroperitoneum',
    'pelvis',
    'lymph-node',
    'peripheral-blood',
    'other',
  ])
  .describe('Anatomical site; everything but bone-marrow and peripheral-blood is extramedullary');
export type Site = z.infer<typeof Site>;

export const MEDULLARY_SITES: readonly Site[] = ['bone-marrow', 'peripheral-blood'];
export const isExtramedullary = (site: Site): boolean => !MEDULLARY_SITES.includes(site);

export const Antigen = z.enum(['CD19', 'CD22', 'CD20', 'CD10', 'CD34', 'CD200', 'cyCD79a', 'nTdT', 'TdT', 'PAX5']);
export const CarTarget = z.enum(['CD19', 'CD22', 'CD19/CD22']).describe('Antigen(s) the CAR targets');
export const CellSource = z.enum(['autologous', 'donor-derived']).describe('Whose T cells the product was made from');
export const TherapyIntent = z
  .enum(['induction', 're-induction', 'salvage', 'bridging', 'consolidation', 'maintenance', 'palliative'])
  .describe('Why the regimen was given');
export const ResponseResult = z
  .enum(['CR', 'CRi', 'PR', 'SD', 'NR', 'PD'])
  .describe('CR complete remission, CRi CR with incomplete count recovery, PR partial, SD stable, NR no response, PD progression');
export type ResponseResult = z.infer<typeof ResponseResult>;
export const REMISSION_RESULTS: readonly ResponseResult[] = ['CR', 'CRi'];

export const ResponseScope = z
  .enum(['overall', 'bone-marrow', 'extramedullary', 'cns'])
  .describe('What the assessment covers; only an overall CR/CRi is a remission of the patient');
export const AssessmentMethod = z.enum(['morphology', 'flow-mrd', 'pcr-mrd', 'pet-ct', 'imaging', 'lumbar-puncture', 'biopsy', 'clinical']);
export const Specimen = z
  .enum(['PB', 'CSF', 'BM', 'serum', 'tissue', 'eye'])
  .describe('PB peripheral blood, CSF cerebrospinal fluid, BM bone marrow, eye for measurements taken on the eye itself (intraocular pressure)');
export const AstctGrade = z.number().int().min(1).max(4).describe('ASTCT consensus grade 1-4');
export const CtcaeGrade = z.number().int().min(1).max(5).describe('CTCAE grade 1-5');
export const Route = z.enum(['IV', 'oral', 'intrathecal', 'subcutaneous', 'intramuscular', 'topical']);
export const Sex = z.enum(['female', 'male', 'unknown']);
export const ConfirmationMethod = z.enum(['morphology', 'flow-cytometry', 'biopsy', 'histopathology', 'imaging', 'pet-ct', 'lumbar-puncture', 'clinical']);
