import { adtteDataset, recordOf, type CourseRecord } from '@app/projections';
import { EFS, OS } from '@app/survival';
import { Command } from 'commander';
import { recordedStreams } from '../test/support/fixture-events.js';
import { generateCohort } from '../test/support/synthetic-cohort.js';
import { positiveInteger } from './support.js';

/**
 * bench:survival-dataset: derive the EFS and OS ADTTE datasets for N patients' records (target:
 * 100,000 in <= 5 s). Building 100,000 synthetic courses (~10 million events) would not fit the
 * point, so `--distinct` courses are built once and the derivation runs over them `N / distinct`
 * times: the timed work is the same per patient record.
 */
const opts = new Command('bench:survival-dataset')
  .option('--patients <n>', 'patient records to derive', positiveInteger, 100_000)
  .option('--distinct <n>', 'distinct synthetic courses', positiveInteger, 10_000)
  .parse()
  .opts<{ patients: number; distinct: number }>();

const records = (patients: number): CourseRecord[] => [...recordedStreams(generateCohort({ patients, seed: 7 }))].map(([id, events]) => recordOf(id, events));

const built = performance.now();
const distinct = records(opts.distinct);
console.log(`bench:survival-dataset: ${distinct.length} distinct synthetic courses built in ${((performance.now() - built) / 1000).toFixed(1)} s (not timed)`);
const rounds = Math.ceil(opts.patients / distinct.length);
let rows = 0;
let excluded = 0;
const started = performance.now();
for (let r = 0; r < rounds; r++) {
  const dataset = adtteDataset(distinct, [EFS, OS]);
  rows += dataset.rows.length;
  excluded += dataset.excluded.length;
}
const seconds = (performance.now() - started) / 1000;
const patients = rounds * distinct.length;
console.log(`target: EFS and OS datasets for 100,000 patients in <= 5 s`);
console.log(`derived EFS + OS for ${patients} patient records: ${rows} rows, ${excluded} excluded (never infused) in ${seconds.toFixed(2)} s (${Math.round(patients / seconds)} patients/s)`);
