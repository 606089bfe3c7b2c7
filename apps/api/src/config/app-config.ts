import { parseEnv, requireDatabaseUrl, StoreEnv } from '@app/event-store';
import { ProjectionEnv } from '@app/projections';
import { AuthEnv, requireIssuerWithKeys } from '../auth/auth-config.js';
import { z } from 'zod';

/**
 * The API's configuration: the shared event store variables plus its own. Checked before anything
 * starts; a bad value stops the process with a message that names the variable.
 */
const ApiEnv = StoreEnv.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_ON_EMPTY: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  IMPORT_BODY_LIMIT_MB: z.coerce.number().int().min(1).max(1024).default(100),
  PROJECTIONS: z.enum(['in-process', 'external']).default('in-process'),
})
  .extend(ProjectionEnv.shape)
  .extend(AuthEnv.shape)
  .superRefine(requireDatabaseUrl)
  .superRefine(requireIssuerWithKeys);

export type AppConfig = z.infer<typeof ApiEnv>;

export const loadConfig = (env: NodeJS.ProcessEnv = process.env): AppConfig => parseEnv(ApiEnv, env);
