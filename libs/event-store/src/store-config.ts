import { join } from 'node:path';
import { z } from 'zod';
import { KURRENTDB_URL_PATTERN } from './kurrentdb/connection-string.js';
import type { EventStoreConfig } from './open-event-store.js';

/**
 * Which event store to open, from environment variables shared by every app (API, CLI, workers).
 * Validation names the variable that is wrong.
 */
export const StoreEnv = z.object({
  EVENT_STORE: z.enum(['embedded', 'postgres', 'kurrentdb']).default('embedded'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional(),
  KURRENTDB_URL: z
    .string()
    .regex(KURRENTDB_URL_PATTERN, 'must be a KurrentDB connection string: kurrentdb://host:2113 (or kurrent://, kdb://, esdb://, each also +discover)')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  SUBSCRIPTION_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
});
export type StoreEnv = z.infer<typeof StoreEnv>;

/**
 * The connection strings the chosen store needs. With KurrentDB the read models and projection
 * checkpoints stay in PostgreSQL, so DATABASE_URL is needed there too.
 */
export const requireStoreUrls = (env: StoreEnv, ctx: z.RefinementCtx): void => {
  if (env.EVENT_STORE === 'postgres' && !env.DATABASE_URL) ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'is required when EVENT_STORE=postgres' });
  if (env.EVENT_STORE !== 'kurrentdb') return;
  if (!env.KURRENTDB_URL) ctx.addIssue({ code: 'custom', path: ['KURRENTDB_URL'], message: 'is required when EVENT_STORE=kurrentdb' });
  if (!env.DATABASE_URL) ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'is required when EVENT_STORE=kurrentdb (read models and projection checkpoints live in PostgreSQL)' });
};

/** The name the apps know the check by; it covers every store's URLs. */
export const requireDatabaseUrl = requireStoreUrls;

export class ConfigError extends Error {}

/** Parses the environment with a schema; a failure lists each bad variable with its value. */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}=${JSON.stringify(env[String(i.path[0])] ?? '')}: ${i.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

export const loadStoreEnv = (env: NodeJS.ProcessEnv = process.env): StoreEnv => parseEnv(StoreEnv.superRefine(requireStoreUrls), env);

/**
 * `DATA_DIR=:memory:` keeps the embedded store in memory (tests, demos). Its events go in
 * DATA_DIR/pglite, its views in a PGlite of their own in DATA_DIR/views (see EventStoreConfig).
 */
export function storeConfigOf(env: StoreEnv): EventStoreConfig {
  switch (env.EVENT_STORE) {
    case 'postgres':
      return { kind: 'postgres', url: env.DATABASE_URL as string, poolSize: env.DATABASE_POOL_SIZE, pollIntervalMs: env.SUBSCRIPTION_POLL_MS };
    case 'kurrentdb':
      return { kind: 'kurrentdb', url: env.KURRENTDB_URL as string, readModelsUrl: env.DATABASE_URL as string, poolSize: env.DATABASE_POOL_SIZE };
    case 'embedded':
      if (env.DATA_DIR === ':memory:') return { kind: 'embedded', pollIntervalMs: env.SUBSCRIPTION_POLL_MS, views: {} };
      return { kind: 'embedded', dataDir: join(env.DATA_DIR, 'pglite'), pollIntervalMs: env.SUBSCRIPTION_POLL_MS, views: { dataDir: join(env.DATA_DIR, 'views') } };
  }
}
