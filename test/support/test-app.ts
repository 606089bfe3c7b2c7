import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '../../apps/api/src/config/app-config.js';
import { createApp } from '../../apps/api/src/create-app.js';
import { freshDatabase } from './fresh-database.js';
import { testIdentity } from './test-auth.js';

export { freshDatabase, PG_SERVER } from './fresh-database.js';

export type StoreKind = 'embedded' | 'postgres';

export interface HttpAnswer {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** The body's bytes, for binary answers such as Parquet. */
  readonly raw: Uint8Array;
  json<T = Record<string, unknown>>(): T;
}

export interface HttpClient {
  /** Sent as the test administrator unless `headers` carry other credentials (`authorization: ''` sends none). */
  inject(request: { method: string; url: string; payload?: string; headers?: Record<string, string> }): Promise<HttpAnswer>;
}

/** The API as a user drives it, over real HTTP on a free local port, on a fresh store of the given kind. */
export async function startApi(kind: StoreKind, env: Record<string, string> = {}): Promise<{ app: HttpClient; nest: NestFastifyApplication; stop: () => Promise<void> }> {
  const db = kind === 'postgres' && !env['DATABASE_URL'] ? await freshDatabase('tte_e2e') : undefined;
  const identity = await testIdentity();
  const admin = await identity.token('test-admin', ['admin']);
  // A variable given as '' is left unset (e.g. AUTH_JWKS_FILE: '' to use a JWKS URL instead).
  const given = { EVENT_STORE: kind, DATA_DIR: ':memory:', DATABASE_URL: db?.url ?? env['DATABASE_URL'], LOG_LEVEL: 'silent', SEED_ON_EMPTY: 'false', SUBSCRIPTION_POLL_MS: '50', ...identity.env, ...env };
  const config = loadConfig(Object.fromEntries(Object.entries(given).filter(([, v]) => v !== '')));
  // Jest's module loader cannot require() the ESM-only packages behind the Swagger UI's static
  // files on Node 20; the UI is tested against the real server in server.e2e-spec.ts.
  const nest = await createApp(config, { swaggerUi: false });
  await nest.listen(0, '127.0.0.1');
  const base = (await nest.getUrl()).replace('[::1]', '127.0.0.1');
  const app: HttpClient = {
    inject: async ({ method, url, payload, headers = {} }) => {
      const credentials = 'authorization' in headers || 'x-api-key' in headers ? {} : { authorization: `Bearer ${admin}` };
      const sent = Object.fromEntries(Object.entries({ ...credentials, ...headers }).filter(([, v]) => v !== ''));
      const res = await fetch(`${base}${url}`, { method, body: payload, headers: sent });
      const raw = new Uint8Array(await res.arrayBuffer());
      const body = new TextDecoder().decode(raw);
      return { statusCode: res.status, headers: Object.fromEntries(res.headers), body, raw, json: <T>() => JSON.parse(body) as T };
    },
  };
  return {
    app,
    nest,
    stop: async () => {
      await nest.close();
      await db?.drop();
    },
  };
}
