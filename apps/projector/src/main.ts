import { ConfigError, parseEnv, requireDatabaseUrl, openStorage, StoreEnv, storeConfigOf } from '@app/event-store';
import { createCourseViewsRunner, ProjectionEnv, projectionSharingOf } from '@app/projections';
import pino from 'pino';

/**
 * The projection worker: follows the event log and keeps the read models current, outside the API
 * (run the API with PROJECTIONS=external). Logs its position and lag as JSON lines.
 */
async function main(): Promise<void> {
  const env = parseEnv(StoreEnv.extend(ProjectionEnv.shape).superRefine(requireDatabaseUrl), process.env);
  const log = pino({ level: process.env['LOG_LEVEL'] ?? 'info', base: { app: 'projector' } });
  const storage = await openStorage(storeConfigOf(env));
  const sharing = projectionSharingOf(env);
  const runner = createCourseViewsRunner(storage.store, storage.views, (err) => log.error({ err }, 'batch failed; resuming from the checkpoint'), sharing);
  await runner.start();
  const report = setInterval(() => {
    runner
      .status()
      .then((s) =>
        log.info(
          { projection: s.projection, position: s.position, eventsBehind: s.eventsBehind, secondsBehind: s.secondsBehind, failedPatients: s.failedPatients, held: s.partitions.filter((p) => p.owner === runner.owner).map((p) => p.partition) },
          'projection status',
        ),
      )
      .catch((err: unknown) => log.warn({ err }, 'status unavailable'));
  }, 10_000);
  log.info({ store: env.EVENT_STORE, owner: runner.owner, partitions: sharing.partitions, leaseMs: sharing.leaseMs }, 'projector started');
  const stop = async () => {
    clearInterval(report);
    await runner.stop();
    await storage.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof ConfigError ? e.message : `Could not start: ${e instanceof Error ? e.message : String(e)}`}\n`);
  process.exit(1);
});
