import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { Command, InvalidArgumentError } from 'commander';
import { generateCohort } from '../test/support/synthetic-cohort.js';

// Writing line by line costs a syscall-sized chunk each; ~1 MB batches keep the pipe full.
const BATCH_CHARS = 1 << 20;

const integer = (min: number) => (value: string): number => {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number >= ${min}`);
  return n;
};

const program = new Command('generate-cohort')
  .description('Write a synthetic r/r B-ALL cohort as NDJSON fact lines (deterministic for a seed)')
  .requiredOption('--patients <n>', 'number of patients', integer(0))
  .requiredOption('--seed <s>', 'seed; the same seed gives the same lines', integer(Number.MIN_SAFE_INTEGER))
  .option('--out <file>', 'output file (default: stdout)')
  .option('--first-enrolment <date>', 'first enrolment date, YYYY-MM-DD')
  .option('--today <date>', 'nothing is dated after this day, YYYY-MM-DD')
  .parse();
const options = program.opts<{ patients: number; seed: number; out?: string; firstEnrolment?: string; today?: string }>();

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

const started = process.hrtime.bigint();
const out = options.out ? createWriteStream(options.out) : process.stdout;
out.on('error', (error: NodeJS.ErrnoException) => {
  // The reader stopped early (`| head`): that is its right, not our failure.
  if (error.code !== 'EPIPE') process.stderr.write(`generate-cohort: ${error.message}\n`);
  process.exit(error.code === 'EPIPE' ? 0 : 1);
});
let events = 0;
let batch = '';
for (const line of generateCohort(options)) {
  batch += JSON.stringify(line) + '\n';
  events++;
  if (batch.length >= BATCH_CHARS) {
    await write(out, batch);
    batch = '';
  }
}
await write(out, batch);
if (out !== process.stdout) {
  out.end();
  await once(out, 'finish');
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stderr.write(
  `wrote ${options.patients} patients, ${events} events (${(events / Math.max(options.patients, 1)).toFixed(1)}/patient) ` +
    `to ${options.out ?? 'stdout'} in ${seconds.toFixed(2)} s (${Math.round(events / seconds)} events/s)\n`,
);
