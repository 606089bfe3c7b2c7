import 'reflect-metadata';
import { ConfigError } from '@app/event-store';
import { loadConfig } from './config/app-config.js';
import { createApp } from './create-app.js';

/** Starts the API. Configuration and start-up failures end the process with a plain message. */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.PORT, config.HOST);
  const where = { postgres: 'PostgreSQL', kurrentdb: 'KurrentDB, read models in PostgreSQL', embedded: `the embedded store in ${config.DATA_DIR}` }[config.EVENT_STORE];
  process.stdout.write(`Treatment timeline engine on http://${config.HOST}:${config.PORT} (events in ${where}); API docs at /docs\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof ConfigError ? e.message : `Could not start: ${e instanceof Error ? e.message : String(e)}`}\n`);
  process.exit(1);
});
