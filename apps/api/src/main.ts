import 'reflect-metadata';
import { ConfigError } from '@app/event-store';
import { loadConfig } from './config/app-config.js';
import { Authenticator } from './auth/authenticator.js';
import { createApp } from './create-app.js';

/** Starts the API. Configuration and start-up failures end the process with a plain message. */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.PORT, config.HOST);
  const where = { postgres: 'PostgreSQL', kurrentdb: 'KurrentDB, read models in PostgreSQL', embedded: `the embedded store in ${config.DATA_DIR}` }[config.EVENT_STORE];
  const base = `http://${config.HOST}:${config.PORT}`;
  const admin = app.get(Authenticator).adminToken;
  // One write: a reader of the output (a test, a supervisor) sees where to go and the token together.
  process.stdout.write(
    `Treatment timeline engine on ${base} (events in ${where}); API docs at /docs\n` +
      (admin
        ? `${admin.minted ? 'A new local admin token was written to' : 'The local admin token is in'} ${admin.path} (owner-only; it expires in 90 days and is renewed at start-up).\n` +
          `  Use it:  curl -H "Authorization: Bearer $(cat ${admin.path})" ${base}/patients\n` +
          `  Tokens for other people and roles:  npm run cli -- token --subject alice --role recorder --site <site>\n`
        : ''),
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof ConfigError ? e.message : `Could not start: ${e instanceof Error ? e.message : String(e)}`}\n`);
  process.exit(1);
});
