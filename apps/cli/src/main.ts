import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadStoreEnv } from '@app/event-store';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { runImport } from './import-command.js';
import { runRebuild } from './rebuild-command.js';
import { runReplay } from './replay-command.js';

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
  .action(async (opts: { projection: string }) => {
    await runRebuild(opts.projection, loadStoreEnv());
  });

class UsageError extends Error {}

program.parseAsync().catch((e: unknown) => {
  const known = e instanceof ConfigError || e instanceof UsageError;
  process.stderr.write(`${known ? (e as Error).message : `Failed: ${e instanceof Error ? e.message : String(e)}`}\n`);
  process.exit(1);
});
