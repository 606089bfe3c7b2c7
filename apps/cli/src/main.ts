import { Command, InvalidArgumentError } from 'commander';
import { isDomainError } from '@app/domain';
import { ConfigError, loadStoreEnv } from '@app/event-store';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { isRole, ROLES, type Role } from '@app/access';
import { runApiKey, runToken } from './access-commands.js';
import { runImport } from './import-command.js';
import { runRebuild } from './rebuild-command.js';
import { runReplay } from './replay-command.js';
import { runDataset, runEstimate } from './survival-command.js';

const positiveInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
};

const program = new Command('tte')
  .description('Treatment timeline engine: command line. The store is chosen by EVENT_STORE, DATA_DIR and DATABASE_URL, as for the API.')
  .showHelpAfterError();

program
  .command('import')
  .description('Record facts from an NDJSON file, one per line; bad lines are reported and recorded nowhere; re-running records nothing twice')
  .argument('<file>', 'NDJSON file')
  .option('--source <name>', 'source kept on every event (default: the file name, plus the line number)')
  .option('--recorded-by <who>', 'who records the facts', `cli:${userInfo().username}`)
  .option('--batch-size <n>', 'lines per atomic batch', positiveInt, 2000)
  .action(async (file: string, opts: { source?: string; recordedBy: string; batchSize: number }) => {
    if (!existsSync(file)) throw new UsageError(`No such file: ${file}`);
    const summary = await runImport(file, loadStoreEnv(), opts);
    process.exitCode = summary.rejected.length > 0 ? 2 : 0;
  });

program
  .command('replay')
  .description("Step through a patient's course event by event, with the lines of therapy and state after each")
  .argument('<patientId>', 'patient id')
  .option('--json', 'one JSON object per step (timeline and lines included)')
  .action(async (patientId: string, opts: { json?: boolean }) => {
    process.exitCode = (await runReplay(patientId, loadStoreEnv(), opts.json ?? false)) ? 0 : 1;
  });

program
  .command('rebuild')
  .description('Replay the whole store into fresh view tables while the current ones keep serving, then switch over; re-run to resume an interrupted rebuild')
  .option('--projection <name>', 'projection to rebuild', 'course-views-v1')
  .option('--workers <n>', 'threads for the course-by-course pass (default: one per core, at most 4; 1 on the embedded store)', positiveInt)
  .action(async (opts: { projection: string; workers?: number }) => {
    await runRebuild(opts.projection, loadStoreEnv(), { workers: opts.workers });
  });

const numberList = (value: string): number[] => {
  const out = value.split(',').map(Number);
  if (out.some((n) => !Number.isFinite(n) || n < 0)) throw new InvalidArgumentError('expected non-negative numbers separated by commas');
  return out;
};

const survival = program.command('survival').description('Survival datasets (ADaM ADTTE) and estimates');
survival
  .command('dataset')
  .description('One ADTTE row per patient for an endpoint: a built-in PARAMCD (EFS, EFSHSCTC, RFS, OS) or a JSON definition file')
  .argument('<endpoint>', 'PARAMCD or definition file')
  .option('--format <format>', 'json, csv or parquet', 'json')
  .option('--out <file>', 'write to a file instead of standard output')
  .option('--cutoff <date>', 'data cutoff YYYY-MM-DD')
  .option('--as-of <instant>', 'only what had been recorded by this instant')
  .option('--study <id>', 'only the patients of this STUDYID')
  .action(async (endpoint: string, opts: { format: string; out?: string; cutoff?: string; asOf?: string; study?: string }) => {
    if (!['json', 'csv', 'parquet'].includes(opts.format)) throw new UsageError(`--format must be json, csv or parquet, not ${opts.format}`);
    await runDataset(endpoint, loadStoreEnv(), opts);
  });
survival
  .command('estimate')
  .description('Kaplan-Meier, medians with CI, survival at times, RMST, log-rank by a column and median follow-up, as JSON')
  .argument('<endpoint>', 'PARAMCD or definition file')
  .option('--unit <unit>', 'days or months', 'months')
  .option('--group-by <column>', 'dataset column to compare groups by (log-rank)')
  .option('--times <list>', 'survival at these times, e.g. 12,24', numberList)
  .option('--tau <t>', 'restricted mean survival time up to tau', Number)
  .option('--conf-type <type>', 'log, log-log or plain', 'log')
  .option('--cutoff <date>', 'data cutoff YYYY-MM-DD')
  .option('--as-of <instant>', 'only what had been recorded by this instant')
  .option('--study <id>', 'only the patients of this STUDYID')
  .action(async (endpoint: string, opts: { unit: string; groupBy?: string; times?: number[]; tau?: number; confType: string; cutoff?: string; asOf?: string; study?: string }) => {
    if (opts.unit !== 'days' && opts.unit !== 'months') throw new UsageError('--unit must be days or months');
    if (!['log', 'log-log', 'plain'].includes(opts.confType)) throw new UsageError('--conf-type must be log, log-log or plain');
    await runEstimate(endpoint, loadStoreEnv(), { ...opts, unit: opts.unit, confType: opts.confType as 'log' });
  });

const collectRole = (value: string, previous: Role[] = []): Role[] => {
  if (!isRole(value)) throw new InvalidArgumentError(`must be one of ${ROLES.join(', ')}`);
  return [...previous, value];
};
const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

program
  .command('token')
  .description("Mint a bearer token from this install's own issuer (DATA_DIR/auth), for a person and their roles and sites")
  .requiredOption('--subject <id>', 'who the token is for (what recordedBy will say)')
  .requiredOption('--role <role>', `a role (repeatable): ${ROLES.join(', ')}`, collectRole)
  .requiredOption('--site <site>', 'a site whose patients they may see (repeatable; "*" for every site)', collect)
  .option('--days <n>', 'days until it expires', Number, 30)
  .option('--audience <aud>', 'audience (AUTH_AUDIENCE of the API)', 'tte-api')
  .action(async (opts: { subject: string; role: Role[]; site: string[]; days: number; audience: string }) => {
    if (!Number.isFinite(opts.days) || opts.days <= 0 || opts.days > 366) throw new UsageError('--days must be from 1 to 366');
    process.stdout.write(`${await runToken(loadStoreEnv(), opts)}\n`);
  });

program
  .command('api-key')
  .description('Make an API key for a service account (an importer, a registry feed): prints the secret once and the entry to add to API_KEYS_FILE')
  .requiredOption('--id <id>', 'the service account (recordedBy says api-key:<id>)')
  .requiredOption('--role <role>', 'a role (repeatable)', collectRole)
  .requiredOption('--site <site>', 'a site (repeatable; "*" for every site)', collect)
  .action((opts: { id: string; role: Role[]; site: string[] }) => {
    const { secret, entry } = runApiKey(opts);
    process.stdout.write(`secret (send as X-Api-Key; shown only now): ${secret}\nentry for API_KEYS_FILE {"keys": [...]}: ${JSON.stringify(entry)}\n`);
  });

class UsageError extends Error {}

program.parseAsync().catch((e: unknown) => {
  const known = e instanceof ConfigError || e instanceof UsageError || isDomainError(e);
  process.stderr.write(`${known ? (e as Error).message : `Failed: ${e instanceof Error ? e.message : String(e)}`}\n`);
  process.exit(1);
});
